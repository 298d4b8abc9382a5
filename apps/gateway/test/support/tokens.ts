import { createHmac } from 'node:crypto';
import { expect } from 'vitest';
import { expectGatewayError, type Answer } from './http-call.js';

/**
 * Tokens no honest provider issues (unsigned, HMAC-signed with a public key, tampered), the requests
 * that carry them, and what the gateway must answer (the auth contract's status, code and headers).
 */

/** Seconds since the epoch, shifted by `offset` seconds. */
export function epochSeconds(offset = 0): number {
  return Math.floor(Date.now() / 1000) + offset;
}

function base64url(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** An `alg: none` token: header and payload, empty signature. */
export function unsignedToken(claims: Record<string, unknown>, header: Record<string, unknown> = {}): string {
  return `${base64url({ alg: 'none', typ: 'JWT', ...header })}.${base64url(claims)}.`;
}

/**
 * An `HS256` token whose HMAC secret is `secret`: with the provider's public key (PEM) as the
 * secret, this is the algorithm-confusion attack a verifier that trusts the header's `alg` falls for.
 */
export function hmacToken(claims: Record<string, unknown>, secret: string, header: Record<string, unknown> = {}): string {
  const signingInput = `${base64url({ alg: 'HS256', typ: 'JWT', ...header })}.${base64url(claims)}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

/** The same token with payload claims changed and the original signature kept (so it no longer verifies). */
export function tamperedToken(token: string, changes: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const claims = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')), ...changes };
  return `${header}.${base64url(claims)}.${signature}`;
}

/** `Authorization: Bearer <token>` (no header for `undefined`). */
export function bearer(token: string | undefined): Record<string, string> {
  return token === undefined ? {} : { authorization: `Bearer ${token}` };
}

/** One request through node:http (see http-call.ts); `send` is its name in the auth tests. */
export { call as send, expectGatewayError, type Answer } from './http-call.js';

/** 401 `unauthenticated` with exactly `WWW-Authenticate: Bearer realm="margay"`. */
export function expectUnauthenticated(answer: Answer): void {
  expectGatewayError(answer, 401, 'unauthenticated');
  expect(answer.headers['www-authenticate']).toBe('Bearer realm="margay"');
}

/** 401 `invalid_token` with `WWW-Authenticate: Bearer realm="margay", error="invalid_token", error_description="…"`. */
export function expectInvalidToken(answer: Answer): void {
  expectGatewayError(answer, 401, 'invalid_token');
  expect(answer.headers['www-authenticate']).toMatch(/^Bearer realm="margay", error="invalid_token", error_description="[^"\r\n]+"$/);
}

/** 403 `scope_not_allowed` with `error="insufficient_scope", scope="<allowed scopes space-separated>"`. */
export function expectInsufficientScope(answer: Answer, allowedScopes: string[]): void {
  expectGatewayError(answer, 403, 'scope_not_allowed');
  expect(answer.headers['www-authenticate']).toBe(`Bearer realm="margay", error="insufficient_scope", scope="${allowedScopes.join(' ')}"`);
}

/** 403 `claim_requirement_failed` (no WWW-Authenticate: the token is fine, the caller is not allowed). */
export function expectClaimRequirementFailed(answer: Answer): void {
  expectGatewayError(answer, 403, 'claim_requirement_failed');
  expect(answer.headers['www-authenticate']).toBeUndefined();
}

/** 503 `auth_provider_unavailable` with `Retry-After: <whole seconds ≥ 1>`. */
export function expectProviderUnavailable(answer: Answer): void {
  expectGatewayError(answer, 503, 'auth_provider_unavailable');
  expect(answer.headers['retry-after']).toMatch(/^[1-9]\d*$/);
}

/** 200 from the echo upstream (named `upstream`), which saw the request. */
export function expectForwarded(answer: Answer, upstream = 'upstream'): Record<string, unknown> {
  expect({ status: answer.status, upstream: answer.json?.name }, answer.text).toEqual({ status: 200, upstream });
  return answer.json!;
}
