import { errorFromFailedFetch, errorFromResponse, invalidResponseError, type ApiResult } from './admin-api-error.js';
import type { AdminClient } from './client.js';

/** A successful answer: the parsed JSON body and the headers (some carry data, e.g. the revision). */
export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

/** Options of {@link send}. */
export interface SendOptions {
  /** Sent verbatim as an `application/json` body (ocelot.json text may carry comments). */
  body?: string;
  /** Cancels the request; the result is then an `aborted` error. */
  signal?: AbortSignal;
}

/**
 * One admin API call: adds the token, reads the whole answer and maps every failure to an
 * {@link AdminApiError} value. Never throws.
 *
 * @example
 * const result = await send(client, 'GET', 'api/v1/status');
 * if (result.ok) console.log(result.value.body);
 */
export async function send(client: AdminClient, method: 'GET' | 'PUT', path: string, options: SendOptions = {}): Promise<ApiResult<ApiResponse>> {
  const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${client.token}` };
  const init: RequestInit = { method, headers, cache: 'no-store' };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = options.body;
  }
  if (options.signal) init.signal = options.signal;

  let response: Response;
  let text: string;
  try {
    response = await client.fetch(`${client.baseUrl}${path}`, init);
    text = await response.text();
  } catch (cause) {
    return { ok: false, error: errorFromFailedFetch(cause) };
  }

  if (!response.ok) return { ok: false, error: errorFromResponse(response.status, response.statusText, text) };
  try {
    return { ok: true, value: { status: response.status, headers: response.headers, body: JSON.parse(text) as unknown } };
  } catch {
    return { ok: false, error: invalidResponseError(response.status) };
  }
}
