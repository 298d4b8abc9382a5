import { DEFAULT_CLOCK_SKEW_SECONDS, type AuthenticationProviderConfig } from '@margay/config';
import { Introspector } from './introspector.js';
import { KeySource } from './key-source.js';
import type { Principal } from './principal.js';
import { discover, ProviderUnavailableError, type ProviderMetadata } from './provider-metadata.js';
import { TokenCache } from './token-cache.js';

/** A provider's settings, resolved from its `AuthenticationProviders` entry. */
export interface ProviderSettings {
  readonly key: string;
  readonly type: 'IdentityServer' | 'JwtBearer';
  readonly authority: string | undefined;
  /** `Audience` (JwtBearer) or `ApiName` (IdentityServer). */
  readonly audience: string;
  readonly issuer: string | undefined;
  readonly jwksUri: string | undefined;
  readonly apiSecret: string | undefined;
  readonly supportedTokens: 'Jwt' | 'Reference' | 'Both';
  readonly clockSkewSeconds: number;
  readonly requireHttps: boolean;
}

export function providerSettings(config: AuthenticationProviderConfig): ProviderSettings {
  const type = config.Type === 'IdentityServer' ? 'IdentityServer' : 'JwtBearer';
  return {
    key: config.Key,
    type,
    authority: config.Authority ?? undefined,
    audience: (type === 'IdentityServer' ? config.ApiName : config.Audience) ?? '',
    issuer: config.Issuer ?? undefined,
    jwksUri: config.JwksUri ?? undefined,
    apiSecret: config.ApiSecret ?? undefined,
    supportedTokens: type === 'IdentityServer' ? (config.SupportedTokens ?? 'Both') : 'Jwt',
    clockSkewSeconds: config.ClockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS,
    requireHttps: config.RequireHttpsMetadata !== false,
  };
}

/**
 * One provider at run time: its metadata (discovered once, lazily: a reload never waits for the
 * network), its keys, its introspection client and the tokens it verified. Kept across reloads
 * while the provider's settings are unchanged, so caches stay warm; an edited provider gets a new
 * runtime, so nothing verified under old settings is reused.
 */
export class ProviderRuntime {
  /** Tokens this provider accepted, by hash, until their `exp`. */
  readonly verified = new TokenCache<Principal>(10_000);
  readonly introspector: Introspector | undefined;
  private metadataPromise: Promise<ProviderMetadata> | undefined;
  private keySource: KeySource | undefined;
  private disposed = false;

  constructor(readonly settings: ProviderSettings) {
    if (settings.supportedTokens !== 'Jwt') {
      this.introspector = new Introspector({
        provider: settings.key,
        clientId: settings.audience,
        clientSecret: settings.apiSecret ?? '',
        audience: settings.audience,
      });
    }
  }

  /** Discovery document (or configured Issuer/JwksUri); a failed discovery is retried by the next caller. */
  metadata(): Promise<ProviderMetadata> {
    const { authority, issuer, jwksUri, requireHttps } = this.settings;
    if (!this.metadataPromise) {
      this.metadataPromise =
        issuer && jwksUri && !this.introspector
          ? Promise.resolve({ issuer, jwksUri, introspectionEndpoint: undefined })
          : discover(authority ?? '', requireHttps).then((found) => ({ ...found, issuer: issuer ?? found.issuer, jwksUri: jwksUri ?? found.jwksUri }));
      this.metadataPromise.catch(() => (this.metadataPromise = undefined));
    }
    return this.metadataPromise;
  }

  async keys(): Promise<KeySource> {
    const { jwksUri } = await this.metadata();
    if (this.disposed) throw new ProviderUnavailableError('the provider was removed from the configuration');
    this.keySource ??= new KeySource(jwksUri);
    return this.keySource;
  }

  dispose(): void {
    this.disposed = true;
    this.keySource?.dispose();
    this.verified.clear();
  }
}
