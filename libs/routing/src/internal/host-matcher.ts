/**
 * `UpstreamHost` matching, Margay's rule (README quirk table): a configured host without a port matches
 * the Host header's host part on any port; `host:port` matches the whole Host header. Both compare
 * case-insensitively, because host names are case-insensitive (RFC 9110 §4.2.3, RFC 3986 §3.2.2).
 * Ocelot compares case-sensitively, and never matches a configured port.
 */

/** A compiled `UpstreamHost`. */
export interface HostMatcher {
  /** Lower-case configured host, with the port when one was configured. */
  readonly host: string;
  readonly withPort: boolean;
}

/** The Host header of one request, prepared once per request. */
export interface RequestHost {
  /** Lower-case Host header, or undefined when absent. */
  readonly full: string | undefined;
  /** The same without its port (`[::1]:8080` → `[::1]`). */
  readonly name: string | undefined;
}

/**
 * Null when the route matches any host (no `UpstreamHost`, or an empty one, as in Ocelot).
 *
 * @example compileHostMatcher('API.example.com:8443') // { host: 'api.example.com:8443', withPort: true }
 */
export function compileHostMatcher(upstreamHost: string | null | undefined): HostMatcher | null {
  if (upstreamHost === undefined || upstreamHost === null || upstreamHost === '') return null;
  const host = upstreamHost.toLowerCase();
  return { host, withPort: hostWithoutPort(host) !== host };
}

/** Prepares a request's Host header. */
export function requestHost(header: string | undefined): RequestHost {
  if (header === undefined) return { full: undefined, name: undefined };
  const full = header.toLowerCase();
  return { full, name: hostWithoutPort(full) };
}

/** Whether a request's host satisfies the route's. */
export function hostMatches(matcher: HostMatcher, request: RequestHost): boolean {
  return (matcher.withPort ? request.full : request.name) === matcher.host;
}

/** Drops `:port`; an IPv6 literal keeps its brackets and colons. */
function hostWithoutPort(host: string): string {
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    return close === -1 ? host : host.slice(0, close + 1);
  }
  const colon = host.indexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}
