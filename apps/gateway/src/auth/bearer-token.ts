import { hash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** The token of `Authorization: Bearer <token>` (RFC 6750 §2.1), or undefined. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.authorization;
  if (header === undefined || header.length < 8) return undefined;
  // "Bearer" is case-insensitive; one or more spaces separate it from the token.
  if ((header.charCodeAt(0) | 0x20) !== 0x62 || header.slice(0, 6).toLowerCase() !== 'bearer' || header[6] !== ' ') return undefined;
  const token = header.slice(7).trim();
  return token === '' || token.includes(' ') ? undefined : token;
}

/**
 * Caches key on a hash of the token, never the token itself (a heap dump must not leak tokens).
 * SHA-256, so nobody can forge a token that collides with one verified before; the one-shot
 * `crypto.hash` costs about half of a `createHash` object on every request.
 */
export function tokenHash(token: string): string {
  return hash('sha256', token, 'base64url');
}

/** A JWS compact serialization: three base64url parts (IdentityServer's "looks like a JWT"). */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}
