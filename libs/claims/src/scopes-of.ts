import type { Claim } from './claim.js';
import { someScope } from './internal/scope-claims.js';

/**
 * The scopes a principal holds, read from the `scope` and `scp` claims. For each of the two
 * types, a single claim is a space-separated list (`"api.read  api.write"`), while several claims
 * (a JSON array in the token) are one scope each and are not split. Duplicates and empty entries
 * are dropped; order is first appearance, `scope` before `scp`.
 *
 * @example
 * scopesOf([{ type: 'scope', value: ' api.read  api.write ' }, { type: 'scp', value: 'user.read' }]);
 * // ['api.read', 'api.write', 'user.read']
 */
export function scopesOf(claims: readonly Claim[]): string[] {
  const scopes = new Set<string>();
  someScope(claims, (scope) => {
    scopes.add(scope);
    return false;
  });
  return [...scopes];
}
