import type { Claim } from './claim.js';

/**
 * One step of `AddClaimsToRequest`, as Ocelot does it: the first claim of `type` (if any) is
 * removed and `{ type, value }` is appended, so other claims of that type stay. (Appending rather
 * than replacing in place matters only for the order in which several same-type values are
 * comma-joined.) Returns a new array; `claims` is not changed.
 *
 * @example
 * withClaim([{ type: 'UserType', value: 'registered' }, { type: 'sub', value: 'a|1' }], 'UserType', 'admin');
 * // [{ type: 'sub', value: 'a|1' }, { type: 'UserType', value: 'admin' }]
 */
export function withClaim(claims: readonly Claim[], type: string, value: string): Claim[] {
  const first = claims.findIndex((claim) => claim.type === type);
  const result = first === -1 ? claims.slice() : [...claims.slice(0, first), ...claims.slice(first + 1)];
  result.push({ type, value });
  return result;
}
