import { keyPath, routePath } from '../internal/json-path.js';
import { routeLabel } from '../internal/route-label.js';
import type { ConfigIssue } from '../model.js';
import type { ConfigRule } from './rule.js';

/** Margay's rule: `AddQueriesToRequest` keys (query parameter names) are not empty. Code `query_key_empty`. */
export const queryKeysRule: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  config.Routes.forEach((route, index) => {
    for (const key of Object.keys(route.AddQueriesToRequest ?? {})) {
      if (key.trim() !== '') continue;
      issues.push({
        path: keyPath(routePath(index, 'AddQueriesToRequest'), key),
        code: 'query_key_empty',
        message: `${routeLabel(index, route)}: AddQueriesToRequest has an empty parameter name. Name the query parameter the claim value goes into, e.g. "customerId".`,
      });
    }
  });
  return issues;
};
