/** The part of `fetch` the client uses; tests pass a fake. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Where and as whom to call the admin API. Request functions take it as their first parameter
 * (STYLE.md #25), so they hold no hidden state and tests hand them a fake `fetch`.
 */
export interface AdminClient {
  /** Prefix of every request URL: `''` (the default) calls the page's own origin with relative URLs. */
  readonly baseUrl: string;
  /** The admin token, sent as `Authorization: Bearer <token>`. */
  readonly token: string;
  readonly fetch: FetchLike;
}

/** Options of {@link createAdminClient}. */
export interface AdminClientOptions {
  /** Default `''`: relative URLs (`api/v1/...`), i.e. the admin port that served the UI. */
  baseUrl?: string;
  /** Default: the global `fetch`. */
  fetch?: FetchLike;
}

/**
 * A client for the admin API.
 *
 * @example
 * const client = createAdminClient(token);
 * const status = await getStatus(client);
 */
export function createAdminClient(token: string, options: AdminClientOptions = {}): AdminClient {
  const baseUrl = options.baseUrl ?? '';
  return {
    baseUrl: baseUrl === '' || baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`,
    token,
    // Called through a wrapper: browsers throw "Illegal invocation" when fetch is called as a method
    // of another object (`client.fetch(...)`).
    fetch: options.fetch ?? ((url, init) => globalThis.fetch(url, init)),
  };
}
