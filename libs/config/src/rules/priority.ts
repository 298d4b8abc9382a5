import { routePath } from '../internal/json-path.js';
import { routeLabel } from '../internal/route-label.js';
import type { ConfigIssue } from '../model.js';
import { quote, type ConfigRule } from './rule.js';

/** Margay's rule: `Priority`, when set, is an integer (higher wins; default 1). Code `priority_not_integer`. */
export const priorityRule: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  config.Routes.forEach((route, index) => {
    const priority: unknown = route.Priority;
    if (priority === undefined || (typeof priority === 'number' && Number.isSafeInteger(priority))) return;
    issues.push({
      path: routePath(index, 'Priority'),
      code: 'priority_not_integer',
      message: `${routeLabel(index, route)}: Priority must be an integer (higher wins, default 1), got ${quote(priority)}.`,
    });
  });
  return issues;
};
