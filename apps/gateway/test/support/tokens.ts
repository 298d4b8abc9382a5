import { createHmac } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { expect } from 'vitest';

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

/** What came back from the gateway, read in full. */
export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The parsed body (undefined if it is not JSON). */
  json: Record<string, unknown> | undefined;
}

/**
 * A request through node:http (fetch cannot pick the local address): `localAddress` sends it from
 * another loopback address (127.x.y.z), so IP allow/block lists can be tested on one machine.
 */
export function send(
  url: string,
  options: { method?: string; token?: string; headers?: Record<string, string>; localAddress?: string; timeoutMs?: number } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: options.method ?? 'GET',
        headers: { ...bearer(options.token), ...options.headers },
        localAddress: options.localAddress,
        agent: false,
        timeout: options.timeoutMs ?? 10_000,
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          let json: Record<string, unknown> | undefined;
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
        });
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer from ${url} within ${options.timeoutMs ?? 10_000} ms`)));
    request.on('error', reject);
    request.end();
  });
}

/** The JSON error body every gateway error has: `{ code, message, requestId }`, requestId = X-Request-Id. */
export function expectGatewayError(answer: Answer, status: number, code: string): Record<string, unknown> {
  expect({ status: answer.status, code: answer.json?.code }, answer.text).toEqual({ status, code });
  expect(typeof answer.json!.message).toBe('string');
  expect(answer.json!.requestId).toBe(answer.headers['x-request-id']);
  return answer.json!;
}

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
