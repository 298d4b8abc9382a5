import type { Claim } from './claim.js';
import { someScope } from './internal/scope-claims.js';

/** A route's `AllowedScopes`, compiled once per configuration for the per-request check. */
export interface CompiledScopes {
  /** The allowed scopes, deduplicated, in configuration order. */
  readonly allowed: readonly string[];
  /**
   * Whether the principal holds at least one allowed scope (any, not all: Ocelot's code, not its
   * old docs, #231). Always true when the list is empty. Case-sensitive.
   */
  check(claims: readonly Claim[]): boolean;
}

/**
 * Compiles `AllowedScopes` into a Set-backed check. Scopes are read from `scope` and `scp`
 * (see {@link scopesOf} for the split rules). A `false` is Ocelot's ScopeNotAuthorizedError (403).
 *
 * @example
 * const scopes = compileAllowedScopes(['api.read', 'api.admin']);
 * scopes.check([{ type: 'scp', value: 'api.read openid' }]);   // true
 * scopes.check([{ type: 'scope', value: 'api.readOnly' }]);    // false
 */
export function compileAllowedScopes(allowed: readonly string[]): CompiledScopes {
  const set = new Set(allowed);
  const list: readonly string[] = Object.freeze([...set]);
  if (set.size === 0) return Object.freeze({ allowed: list, check: () => true });
  // Made once here, so a request allocates no closure.
  const isAllowed = (scope: string): boolean => set.has(scope);
  return Object.freeze({ allowed: list, check: (claims: readonly Claim[]) => someScope(claims, isAllowed) });
}
