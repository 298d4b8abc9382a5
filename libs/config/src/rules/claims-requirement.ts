import { keyPath, routePath } from '../internal/json-path.js';
import { routeLabel } from '../internal/route-label.js';
import type { ConfigIssue } from '../model.js';
import { quote, type ConfigRule } from './rule.js';

/**
 * Margay's rule: each `RouteClaimsRequirement` entry has a non-empty claim type and a value that is
 * a string (compared exactly, as in Ocelot) or a non-empty array of strings (any of them; Margay's
 * extension). Code `claims_requirement_invalid`.
 */
export const claimsRequirementRule: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  config.Routes.forEach((route, index) => {
    const base = routePath(index, 'RouteClaimsRequirement');
    for (const [claim, required] of Object.entries(route.RouteClaimsRequirement ?? {})) {
      const path = keyPath(base, claim);
      const label = routeLabel(index, route);
      if (claim.trim() === '') {
        issues.push({ path, code: 'claims_requirement_invalid', message: `${label}: RouteClaimsRequirement has an empty claim type. Name the claim, e.g. "role".` });
      }
      const valid = typeof required === 'string' || (Array.isArray(required) && required.length > 0 && required.every((v) => typeof v === 'string'));
      if (!valid) {
        issues.push({
          path,
          code: 'claims_requirement_invalid',
          message: `${label}: RouteClaimsRequirement ${quote(claim)} must be a string or a non-empty array of strings (any of which satisfies it), got ${quote(required)}.`,
        });
      }
    }
  });
  return issues;
};
