import { parseClaimExpression } from '@margay/claims';
import { keyPath, routePath } from '../internal/json-path.js';
import { routeLabel } from '../internal/route-label.js';
import type { ConfigIssue } from '../model.js';
import { quote, type ConfigRule } from './rule.js';

/** The four dictionaries whose values are claims expressions (`Claims[sub] > value[1] > |`). */
const CLAIMS_DICTIONARIES = ['AddClaimsToRequest', 'AddHeadersToRequest', 'AddQueriesToRequest', 'ChangeDownstreamPathTemplate'] as const;

/**
 * Margay's rule: every claims expression parses. Ocelot drops an expression that does not parse
 * with a debug log and runs the route without that transform (README quirk table); Margay refuses
 * the configuration. Code `claims_expression_invalid`; the message names the route, the
 * dictionary, the key and the parser's message.
 */
export const claimsExpressionsRule: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  config.Routes.forEach((route, index) => {
    for (const dictionary of CLAIMS_DICTIONARIES) {
      for (const [key, expression] of Object.entries(route[dictionary] ?? {})) {
        const parsed = parseClaimExpression(expression);
        if (parsed.ok) continue;
        issues.push({
          path: keyPath(routePath(index, dictionary), key),
          code: 'claims_expression_invalid',
          message: `${routeLabel(index, route)}: ${dictionary} ${quote(key)} has the claims expression ${quote(expression)}, which does not parse: ${parsed.error.message}`,
        });
      }
    }
  });
  return issues;
};
