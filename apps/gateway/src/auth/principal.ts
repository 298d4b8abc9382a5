import type { Claim } from '@margay/claims';

/** Who sent the request, as the provider that accepted the token says. */
export interface Principal {
  /** The `AuthenticationProviders` key that accepted the token. */
  readonly provider: string;
  readonly claims: readonly Claim[];
  /** Epoch ms after which the principal must not be reused (the token's `exp`, or a cache bound). */
  readonly expiresAt: number;
}
