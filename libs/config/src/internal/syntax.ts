/**
 * Small grammars from the HTTP and URI RFCs that several rules share. Compiled once at module load.
 */

/** RFC 9110 §5.6.2 `token`: header field names and method names. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** RFC 3986 reg-name as used for DNS names, plus `_` (seen in container host names). */
const HOST_NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
const IPV6_LITERAL = /^\[[0-9A-Fa-f:.]+\]$/;

/** True for an RFC 9110 token (a valid header name or method name). */
export function isHttpToken(text: string): boolean {
  return TOKEN.test(text);
}

/** True for a host name, an IPv4 address or a bracketed IPv6 literal, without a port. */
export function isHost(text: string): boolean {
  return HOST_NAME.test(text) || IPV6_LITERAL.test(text);
}

/** True for a decimal port 1–65535 written as digits. */
export function isPortText(text: string): boolean {
  if (!/^\d{1,5}$/.test(text)) return false;
  const port = Number(text);
  return port >= 1 && port <= 65535;
}

/**
 * True for `host` or `host:port`.
 *
 * @example
 * isHostAndOptionalPort('api.example.com:8443') // true
 * isHostAndOptionalPort('[::1]:80')             // true
 * isHostAndOptionalPort('http://x')             // false
 */
export function isHostAndOptionalPort(text: string): boolean {
  const colon = text.lastIndexOf(':');
  const closing = text.lastIndexOf(']');
  if (colon > closing) {
    return isHost(text.slice(0, colon)) && isPortText(text.slice(colon + 1));
  }
  return isHost(text);
}

/** The parts of an absolute http(s) URL that the rules look at, or null when it is not one. */
export interface HttpUrl {
  readonly scheme: 'http' | 'https';
  readonly authority: string;
}

/**
 * Parses an absolute `http:` or `https:` URL. `URL` is not in this lib's target typings (no DOM,
 * no Node types, since the lib runs in both), so this is a small RFC 3986 check of scheme and
 * authority.
 *
 * @example
 * parseHttpUrl('https://login.example.com/realms/x') // { scheme: 'https', authority: 'login.example.com' }
 * parseHttpUrl('login.example.com')                  // null
 */
export function parseHttpUrl(text: string): HttpUrl | null {
  const match = /^(https?):\/\/([^/?#\s@]+)(?:[/?#]\S*)?$/i.exec(text);
  if (match === null) return null;
  const authority = match[2]!;
  if (!isHostAndOptionalPort(authority)) return null;
  return { scheme: match[1]!.toLowerCase() as 'http' | 'https', authority };
}
