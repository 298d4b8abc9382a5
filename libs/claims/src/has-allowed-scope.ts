import type { Claim } from './claim.js';
import { someScope } from './internal/scope-claims.js';

/**
 * Whether the principal holds at least one of `allowedScopes` (read from `scope` and `scp`, see
 * {@link scopesOf}); true when the list is empty. Case-sensitive. For the per-request path, use
 * {@link compileAllowedScopes} once per route instead.
 *
 * @example
 * hasAllowedScope(['api'], [{ type: 'scope', value: 'openid api' }]);   // true
 * hasAllowedScope([], []);                                             // true
 * hasAllowedScope(['api'], [{ type: 'scope', value: 'API' }]);          // false
 */
export function hasAllowedScope(allowedScopes: readonly string[], claims: readonly Claim[]): boolean {
  if (allowedScopes.length === 0) return true;
  return someScope(claims, (scope) => allowedScopes.includes(scope));
}
