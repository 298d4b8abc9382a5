import type { Claim } from '@margay/claims';

/**
 * The results of one pure function of a claims list, kept for as long as that list lives.
 *
 * Why: the gateway's token cache hands every request of a token the same principal, whose claims
 * list is never changed (AddClaimsToRequest makes a new one), so a route's transforms give the same
 * values, encodings and failures for every request of the token. Computing them (expression
 * evaluation, splitting, percent-encoding) cost more than this lookup (README, Performance). The
 * lists are weak keys: a result goes when its principal leaves the cache.
 */
export class ClaimsMemo<T> {
  private readonly results = new WeakMap<readonly Claim[], T>();

  constructor(private readonly compute: (claims: readonly Claim[]) => T) {}

  get(claims: readonly Claim[]): T {
    let result = this.results.get(claims);
    if (result === undefined) {
      result = this.compute(claims);
      this.results.set(claims, result);
    }
    return result;
  }
}
