import type { IncomingMessage } from 'node:http';
import type { GatewayError } from '../errors/gateway-error.js';
import type { ProxyContext } from '../proxy/request-context.js';
import { invalidToken, missingToken, providerUnavailable, type AuthFailure } from './auth-errors.js';
import { bearerToken, tokenHash } from './bearer-token.js';
import type { Principal } from './principal.js';

/** passport's `res` is only used without a callback; upgrades have none at all. */
const NO_RESPONSE = {};

/**
 * The authentication stage, for plain requests and WebSocket upgrades alike: a token this route's
 * providers verified before is accepted from their caches (no signature check per request);
 * otherwise passport tries the route's providers in order. Returns `true` synchronously on the
 * cached path, a promise otherwise; throws or rejects with the GatewayError to answer.
 */
export function authenticate(request: IncomingMessage, context: ProxyContext): true | Promise<true> {
  const auth = context.route!.auth;
  if (!auth.required || request.method === 'OPTIONS') return true;
  const token = bearerToken(request.headers);
  if (token === undefined) throw missingToken();
  const hash = tokenHash(token);
  const now = Date.now();
  for (const runtime of auth.runtimes) {
    const principal = runtime.verified.get(hash, now);
    if (principal) {
      context.principal = principal;
      return true;
    }
  }
  return new Promise<true>((resolve, reject) => {
    const done = (error: unknown, principal: Principal | false, info: unknown) => {
      if (error) return reject(error);
      if (!principal) return reject(refusal(info));
      const runtime = auth.runtimes[auth.providerKeys.indexOf(principal.provider)];
      runtime?.verified.set(hash, principal, principal.expiresAt, Date.now());
      context.principal = principal;
      resolve(true);
    };
    auth.passport.authenticate(auth.providerKeys as string[], { session: false }, done)(request, NO_RESPONSE, (error?: unknown) =>
      reject(error ?? new Error('passport called next without an outcome')),
    );
  });
}

/** Every provider refused: 503 if one of them could not even check the token, else 401. */
function refusal(info: unknown): GatewayError {
  const failures = (Array.isArray(info) ? info : [info]).map(asFailure);
  const unavailable = failures.find((failure) => failure.code === 'auth_provider_unavailable');
  if (unavailable) return providerUnavailable(unavailable);
  return invalidToken(failures.map((failure) => failure.message).join('; '));
}

/** passport-jwt fails with jsonwebtoken's errors; Margay's strategies with an AuthFailure. */
function asFailure(info: unknown): AuthFailure {
  if (info && typeof info === 'object' && 'code' in info && 'provider' in info) return info as AuthFailure;
  if (info instanceof Error) {
    const expiredAt = (info as Error & { expiredAt?: Date }).expiredAt;
    const notBefore = (info as Error & { date?: Date }).date;
    if (info.name === 'TokenExpiredError' && expiredAt) return { code: 'invalid_token', message: `the token expired at ${expiredAt.toISOString()}`, provider: '' };
    if (info.name === 'NotBeforeError' && notBefore) return { code: 'invalid_token', message: `the token is not valid before ${notBefore.toISOString()}`, provider: '' };
    return { code: 'invalid_token', message: info.message, provider: '' };
  }
  return { code: 'invalid_token', message: 'the token was not accepted', provider: '' };
}
