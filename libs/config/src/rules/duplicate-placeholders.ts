import { placeholdersOf } from '@margay/routing';
import { routeLabel } from '../internal/route-label.js';
import { routePath } from '../internal/json-path.js';
import type { ConfigIssue } from '../model.js';
import { quote, type ConfigRule } from './rule.js';

/**
 * Ocelot's rule (FileConfigurationFluentValidator): a placeholder name appears at most once in each
 * template (names compare case-sensitively, so `{id}` and `{ID}` are different). Code `duplicate_placeholder`.
 */
export const duplicatePlaceholdersRule: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  config.Routes.forEach((route, index) => {
    for (const key of ['UpstreamPathTemplate', 'DownstreamPathTemplate'] as const) {
      const template = route[key];
      if (typeof template !== 'string') continue;
      const seen = new Set<string>();
      const reported = new Set<string>();
      for (const name of placeholdersOf(template)) {
        if (seen.has(name) && !reported.has(name)) {
          reported.add(name);
          issues.push({
            path: routePath(index, key),
            code: 'duplicate_placeholder',
            message: `${routeLabel(index, route)}: ${key} ${quote(template)} uses the placeholder {${name}} more than once. Give each placeholder its own name.`,
          });
        }
        seen.add(name);
      }
    }
  });
  return issues;
};
