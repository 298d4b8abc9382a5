import type { Claim } from './claim.js';
import { compileClaimsRequirement, type ClaimRequirement, type RequirementResult } from './compile-claims-requirement.js';

/**
 * Checks a `RouteClaimsRequirement` once: every claim type must hold (AND); a string value must be
 * equal (case-sensitive) to one claim of that type, `{name}` to the route's placeholder `name`
 * (`placeholders` keyed WITHOUT braces), and an array of values to any one of them (OR). For the
 * per-request path, compile once with {@link compileClaimsRequirement}.
 *
 * @example
 * checkClaimsRequirement({ userid: '{userId}' }, [{ type: 'userid', value: '14' }], { userId: '14' });
 * // { ok: true }
 * checkClaimsRequirement({ role: 'admin,user' }, [{ type: 'role', value: 'admin' }], {});
 * // { ok: false, claim: 'role', expected: ['admin,user'], actual: ['admin'] }   (a comma list is one literal value)
 */
export function checkClaimsRequirement(
  requirement: ClaimRequirement,
  claims: readonly Claim[],
  placeholders: Readonly<Record<string, string>>,
): RequirementResult {
  return compileClaimsRequirement(requirement).check(claims, placeholders);
}
