/** What Margay needs to know about a provider, from its discovery document or its settings. */
export interface ProviderMetadata {
  readonly issuer: string;
  readonly jwksUri: string;
  /** RFC 7662 endpoint (reference tokens); absent when the provider publishes none. */
  readonly introspectionEndpoint: string | undefined;
}

/** The provider could not be reached or answered nonsense: a token cannot be checked (503, not 401). */
export class ProviderUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderUnavailableError';
  }
}

const DISCOVERY_TIMEOUT_MS = 5000;

/** Fetches `<authority>/.well-known/openid-configuration` and checks the fields Margay relies on. */
export async function discover(authority: string, requireHttps: boolean): Promise<ProviderMetadata> {
  const url = `${authority.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  let document: Record<string, unknown>;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS), headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    document = (await response.json()) as Record<string, unknown>;
  } catch (error) {
    throw new ProviderUnavailableError(`the discovery document ${url} could not be read (${error instanceof Error ? error.message : String(error)})`);
  }
  const { issuer, jwks_uri: jwksUri, introspection_endpoint: introspection } = document;
  if (typeof issuer !== 'string' || typeof jwksUri !== 'string') {
    throw new ProviderUnavailableError(`the discovery document ${url} has no issuer or jwks_uri`);
  }
  for (const [name, value] of [['jwks_uri', jwksUri], ['introspection_endpoint', introspection]] as const) {
    if (requireHttps && typeof value === 'string' && !value.startsWith('https://')) {
      throw new ProviderUnavailableError(`the discovery document's ${name} ${value} is not https (RequireHttpsMetadata is on)`);
    }
  }
  return { issuer, jwksUri, introspectionEndpoint: typeof introspection === 'string' ? introspection : undefined };
}
