import { createPublicKey, type KeyObject } from 'node:crypto';
import { JwksClient, SigningKeyNotFoundError, JwksRateLimitError } from 'jwks-rsa';
import { ProviderUnavailableError } from './provider-metadata.js';

/** A verification key and the algorithms it may verify. */
export interface VerificationKey {
  readonly key: KeyObject;
  readonly algorithms: ReadonlySet<string>;
}

/** The token names a key the provider does not publish (even after a refetch): the token is bad. */
export class UnknownKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownKeyError';
  }
}

const RSA_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
const EC_ALGORITHMS: Record<string, string> = { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' };
/** Keys are re-read this often, so rotation and removal are seen before anyone asks. */
const REFRESH_INTERVAL_MS = 5 * 60_000;

/**
 * A provider's signing keys as parsed `KeyObject`s (passport-jwt would otherwise hand jsonwebtoken
 * a PEM to re-parse on every verification). jwks-rsa fetches, caches, deduplicates and rate-limits;
 * this keeps the parsed keys, refreshes them in the background, and keeps serving known keys while
 * the provider is unreachable.
 */
export class KeySource {
  private readonly client: JwksClient;
  private keys = new Map<string, VerificationKey>();
  private readonly refresher: NodeJS.Timeout;

  constructor(jwksUri: string) {
    this.client = new JwksClient({
      jwksUri,
      cache: true,
      cacheMaxAge: REFRESH_INTERVAL_MS * 2,
      rateLimit: true,
      // A flood of tokens with made-up kids must not become a flood of JWKS requests.
      jwksRequestsPerMinute: 10,
      timeout: 5000,
    });
    this.refresher = setInterval(() => void this.refresh().catch(() => undefined), REFRESH_INTERVAL_MS);
    this.refresher.unref();
  }

  /** The key for `kid` (a JWT header's), fetching the key set once when it is not known yet. */
  async key(kid: string | undefined): Promise<VerificationKey> {
    const known = kid === undefined ? this.onlyKey() : this.keys.get(kid);
    if (known) return known;
    try {
      const signingKey = await this.client.getSigningKey(kid);
      const parsed = toVerificationKey(signingKey.getPublicKey(), signingKey.alg);
      this.keys.set(signingKey.kid, parsed);
      return parsed;
    } catch (error) {
      if (error instanceof SigningKeyNotFoundError || error instanceof JwksRateLimitError) {
        throw new UnknownKeyError(kid === undefined ? 'the token names no key (kid) and the provider has several' : `the provider publishes no key "${kid}"`);
      }
      throw new ProviderUnavailableError(`its key set could not be fetched (${(error as Error).message})`);
    }
  }

  /** Re-reads the whole key set; on failure the known keys stay in service. */
  async refresh(): Promise<void> {
    const signingKeys = await this.client.getSigningKeys();
    const next = new Map<string, VerificationKey>();
    for (const signingKey of signingKeys) next.set(signingKey.kid, toVerificationKey(signingKey.getPublicKey(), signingKey.alg));
    this.keys = next;
  }

  dispose(): void {
    clearInterval(this.refresher);
  }

  private onlyKey(): VerificationKey | undefined {
    return this.keys.size === 1 ? this.keys.values().next().value : undefined;
  }
}

/** The asymmetric algorithms a key can verify: its JWK `alg` when given, else by key type. */
function toVerificationKey(pem: string, alg: string | undefined): VerificationKey {
  const key = createPublicKey(pem);
  let algorithms: string[];
  if (alg) algorithms = [alg];
  else if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') algorithms = RSA_ALGORITHMS;
  else if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    const named = curve === 'prime256v1' ? 'P-256' : curve === 'secp384r1' ? 'P-384' : curve === 'secp521r1' ? 'P-521' : undefined;
    algorithms = named ? [EC_ALGORITHMS[named]!] : [];
  } else algorithms = [];
  // Never a symmetric or "none" algorithm, whatever the JWK claims.
  return { key, algorithms: new Set(algorithms.filter((name) => /^(RS|PS|ES)(256|384|512)$/.test(name))) };
}
