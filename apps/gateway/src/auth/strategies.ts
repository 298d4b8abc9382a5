import type { IncomingMessage } from 'node:http';
import type { KeyObject } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import { claimsFromPayload } from '@margay/claims';
import passport from 'passport';
import { ExtractJwt, Strategy as JwtStrategy } from 'passport-jwt';
import type { AuthFailure } from './auth-errors.js';
import { bearerToken, looksLikeJwt, tokenHash } from './bearer-token.js';
import { UnknownKeyError } from './key-source.js';
import type { Principal } from './principal.js';
import { ProviderUnavailableError } from './provider-metadata.js';
import type { ProviderRuntime } from './provider-runtime.js';

/** Asymmetric algorithms only: `none` and HMAC (e.g. HS256 keyed with a public key) never verify. */
const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'] as const;

/**
 * Strategies are registered by the snapshot that compiles them, in its own Passport instance (so a
 * reload swaps every provider at once); the mixin's registration in the global instance is skipped.
 */
const REGISTERED_BY_SNAPSHOT = { use: () => REGISTERED_BY_SNAPSHOT } as unknown as passport.PassportStatic;

/** Passes a provider-level problem to passport as a failure, so the next provider is still tried. */
export function failureOf(provider: string, error: unknown): AuthFailure {
  if (error instanceof ProviderUnavailableError) return { code: 'auth_provider_unavailable', message: error.message, provider };
  if (error instanceof UnknownKeyError) return { code: 'invalid_token', message: error.message, provider };
  return { code: 'invalid_token', message: error instanceof Error ? error.message : String(error), provider };
}

/**
 * JWT access tokens: passport-jwt verifies signature, `exp`, `nbf` and `aud` (with the clock skew)
 * using the provider's parsed keys; `validate` checks the issuer and builds the principal.
 */
export class ProviderJwtStrategy extends PassportStrategy(JwtStrategy) {
  constructor(private readonly runtime: ProviderRuntime) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // jsonwebtoken verifies with a KeyObject (no PEM re-parse per token); the typings only say string | Buffer.
      secretOrKeyProvider: (_request: unknown, rawJwt: string, done: (error: unknown, key?: string) => void) => {
        verificationKey(runtime, rawJwt).then(
          (key) => done(null, key as unknown as string),
          (error: unknown) => done(failureOf(runtime.settings.key, error)),
        );
      },
      // passport-jwt overwrites jsonWebTokenOptions.audience/issuer/algorithms with its own
      // top-level options, so those are given at the top level.
      audience: runtime.settings.audience,
      algorithms: [...ASYMMETRIC],
      jsonWebTokenOptions: { clockTolerance: runtime.settings.clockSkewSeconds },
    });
  }

  getPassportInstance(): passport.PassportStatic {
    return REGISTERED_BY_SNAPSHOT;
  }

  async validate(payload: Record<string, unknown>): Promise<Principal | [false, AuthFailure]> {
    const provider = this.runtime.settings.key;
    const { issuer } = await this.runtime.metadata();
    if (payload.iss !== issuer) {
      return [false, { code: 'invalid_token', message: `issuer ${JSON.stringify(payload.iss)} is not ${JSON.stringify(issuer)}`, provider }];
    }
    if (typeof payload.exp !== 'number') return [false, { code: 'invalid_token', message: 'the token has no expiry (exp)', provider }];
    return { provider, claims: claimsFromPayload(payload), expiresAt: payload.exp * 1000 };
  }
}

/** The key that may verify this JWT: its `kid`'s, and only for an algorithm that key allows. */
async function verificationKey(runtime: ProviderRuntime, rawJwt: string): Promise<KeyObject> {
  let header: { alg?: unknown; kid?: unknown };
  try {
    header = JSON.parse(Buffer.from(rawJwt.slice(0, rawJwt.indexOf('.')), 'base64url').toString('utf8'));
  } catch {
    throw new Error('the token is not a JWT (unreadable header)');
  }
  const alg = typeof header.alg === 'string' ? header.alg : 'none';
  if (!(ASYMMETRIC as readonly string[]).includes(alg)) throw new Error(`algorithm ${alg} is not accepted`);
  const keys = await runtime.keys();
  const key = await keys.key(typeof header.kid === 'string' ? header.kid : undefined);
  if (!key.algorithms.has(alg)) throw new Error(`the key does not verify ${alg}`);
  return key.key;
}

/** IdentityServer reference tokens: RFC 7662 introspection with the API's own credentials. */
export class ReferenceTokenStrategy extends passport.Strategy {
  constructor(private readonly runtime: ProviderRuntime) {
    super();
  }

  override authenticate(request: IncomingMessage): void {
    const provider = this.runtime.settings.key;
    const token = bearerToken(request.headers);
    if (!token) return this.fail({ code: 'invalid_token', message: 'no bearer token', provider }, 401);
    this.runtime
      .metadata()
      .then(({ introspectionEndpoint }) => {
        if (!introspectionEndpoint) throw new ProviderUnavailableError('the provider publishes no introspection_endpoint');
        return this.runtime.introspector!.introspect(introspectionEndpoint, token, tokenHash(token));
      })
      .then(
        (result) => (result.active ? this.success(result.principal) : this.fail({ code: 'invalid_token', message: result.reason, provider }, 401)),
        (error: unknown) => this.fail(failureOf(provider, error), 503),
      );
  }
}

/** What passport adds to the copy of a strategy it calls `authenticate` on. */
interface StrategyOutcomes {
  success(user: unknown, info?: unknown): void;
  fail(challenge?: unknown, status?: number): void;
  error(error: unknown): void;
  pass(): void;
  authenticate(request: IncomingMessage, options?: object): void;
}

/** IdentityServer with SupportedTokens "Both": a JWT-shaped token is validated locally, any other introspected. */
export class IdentityServerStrategy extends passport.Strategy {
  constructor(
    private readonly jwt: passport.Strategy,
    private readonly reference: passport.Strategy,
  ) {
    super();
  }

  override authenticate(request: IncomingMessage, options?: object): void {
    const token = bearerToken(request.headers) ?? '';
    // Passport calls authenticate on a copy of this strategy carrying success/fail/error: give the
    // chosen inner strategy the same outcome functions.
    const self = this as unknown as StrategyOutcomes;
    const inner = Object.create(looksLikeJwt(token) ? this.jwt : this.reference) as StrategyOutcomes;
    inner.success = (user, info) => self.success(user, info);
    inner.fail = (challenge, status) => self.fail(challenge, status);
    inner.error = (error) => self.error(error);
    inner.pass = () => self.pass();
    inner.authenticate(request, options);
  }
}

/** The strategy a provider's settings call for. */
export function strategyFor(runtime: ProviderRuntime): passport.Strategy {
  switch (runtime.settings.supportedTokens) {
    case 'Jwt':
      return new ProviderJwtStrategy(runtime) as unknown as passport.Strategy;
    case 'Reference':
      return new ReferenceTokenStrategy(runtime);
    case 'Both':
      return new IdentityServerStrategy(new ProviderJwtStrategy(runtime) as unknown as passport.Strategy, new ReferenceTokenStrategy(runtime));
  }
}
