import { GatewayError } from '../errors/gateway-error.js';

/** Why a provider did not accept a token; passed as passport's failure "challenge". */
export interface AuthFailure {
  readonly code: 'invalid_token' | 'auth_provider_unavailable';
  readonly message: string;
  readonly provider: string;
  /** For auth_provider_unavailable: when to retry (seconds). */
  readonly retryAfterSeconds?: number;
}

const REALM = 'Bearer realm="margay"';

/** RFC 6750 parameter values are quoted-strings: no quotes, backslashes or control characters. */
function quoted(value: string): string {
  return value.replace(/[\\"\x00-\x1f\x7f]/g, ' ').slice(0, 200);
}

export function missingToken(): GatewayError {
  return new GatewayError('unauthenticated', 'This route needs a bearer token: send "Authorization: Bearer <access token>".', {
    'www-authenticate': REALM,
  });
}

export function invalidToken(description: string): GatewayError {
  return new GatewayError('invalid_token', `The bearer token was refused: ${description}.`, {
    'www-authenticate': `${REALM}, error="invalid_token", error_description="${quoted(description)}"`,
  });
}

export function providerUnavailable(failure: AuthFailure): GatewayError {
  return new GatewayError(
    'auth_provider_unavailable',
    `The token could not be checked: ${failure.message}. This is not a problem with the token; retry shortly.`,
    { 'retry-after': String(failure.retryAfterSeconds ?? 5) },
    { provider: failure.provider },
  );
}

export function insufficientScope(allowedScopes: readonly string[]): GatewayError {
  return new GatewayError(
    'scope_not_allowed',
    `The token has none of the scopes this route allows (${allowedScopes.join(', ')}).`,
    { 'www-authenticate': `${REALM}, error="insufficient_scope", scope="${quoted(allowedScopes.join(' '))}"` },
  );
}
