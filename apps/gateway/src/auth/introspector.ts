import { claimsFromPayload } from '@margay/claims';
import type { Principal } from './principal.js';
import { ProviderUnavailableError } from './provider-metadata.js';
import { TokenCache } from './token-cache.js';

/** An introspection answer: the token's principal, or why it is not active. */
export type IntrospectionResult = { readonly active: true; readonly principal: Principal } | { readonly active: false; readonly reason: string };

export interface IntrospectorOptions {
  readonly provider: string;
  /** The API's credentials at the provider (IdentityServer's ApiName / ApiSecret). */
  readonly clientId: string;
  readonly clientSecret: string;
  /** `aud` must contain it when the answer has an `aud`. */
  readonly audience: string;
}

/** An active answer is reused no longer than this (and never past the token's exp). */
const MAX_ACTIVE_CACHE_MS = 60_000;
/** An inactive answer is reused this long: a replayed bad token must not hammer the provider. */
const INACTIVE_CACHE_MS = 10_000;
const TIMEOUT_MS = 5000;

/**
 * RFC 7662 introspection of reference tokens, with results cached by token hash and concurrent
 * checks of one token sharing one call.
 */
export class Introspector {
  private readonly cache = new TokenCache<IntrospectionResult>(10_000);
  private readonly inFlight = new Map<string, Promise<IntrospectionResult>>();
  private readonly authorization: string;

  constructor(private readonly options: IntrospectorOptions) {
    // RFC 6749 §2.3.1: the client id and secret are form-encoded before Basic encoding.
    const credentials = `${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`;
    this.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
  }

  /** The cached answer for a token hash, if any. */
  cached(hash: string, now: number): IntrospectionResult | undefined {
    return this.cache.get(hash, now);
  }

  async introspect(endpoint: string, token: string, hash: string): Promise<IntrospectionResult> {
    const now = Date.now();
    const cached = this.cache.get(hash, now);
    if (cached) return cached;
    let pending = this.inFlight.get(hash);
    if (!pending) {
      pending = this.call(endpoint, token).finally(() => this.inFlight.delete(hash));
      this.inFlight.set(hash, pending);
      void pending.then(
        (result) => this.remember(hash, result),
        () => undefined,
      );
    }
    return pending;
  }

  private remember(hash: string, result: IntrospectionResult): void {
    const now = Date.now();
    const expiresAt = result.active ? Math.min(result.principal.expiresAt, now + MAX_ACTIVE_CACHE_MS) : now + INACTIVE_CACHE_MS;
    this.cache.set(hash, result, expiresAt, now);
  }

  private async call(endpoint: string, token: string): Promise<IntrospectionResult> {
    let answer: Record<string, unknown>;
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: { authorization: this.authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      answer = (await response.json()) as Record<string, unknown>;
    } catch (error) {
      throw new ProviderUnavailableError(`its introspection endpoint ${endpoint} did not answer (${(error as Error).message})`);
    }
    if (answer.active !== true) return { active: false, reason: 'the provider says the token is not active (expired, revoked or unknown)' };
    const audiences = typeof answer.aud === 'string' ? [answer.aud] : Array.isArray(answer.aud) ? answer.aud : undefined;
    if (audiences && !audiences.includes(this.options.audience)) {
      return { active: false, reason: `the token is not meant for ${this.options.audience}` };
    }
    const { active: _active, ...claims } = answer;
    const exp = typeof answer.exp === 'number' ? answer.exp * 1000 : Date.now() + MAX_ACTIVE_CACHE_MS;
    return { active: true, principal: { provider: this.options.provider, claims: claimsFromPayload(claims), expiresAt: exp } };
  }
}
