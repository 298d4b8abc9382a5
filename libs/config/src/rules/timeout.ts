import { routePath } from '../internal/json-path.js';
import { routeLabel } from '../internal/route-label.js';
import type { ConfigIssue } from '../model.js';
import { quote, type ConfigRule } from './rule.js';

/**
 * Margay's rule: `Timeout` (seconds, route and global), when set, is an integer >= 0 (0 means "use
 * the default", as in Ocelot). Code `timeout_invalid`.
 */
export const timeoutRule: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  const check = (timeout: unknown, path: string, label: string): void => {
    if (timeout === undefined || timeout === null) return;
    if (typeof timeout === 'number' && Number.isSafeInteger(timeout) && timeout >= 0) return;
    issues.push({
      path,
      code: 'timeout_invalid',
      message: `${label}: Timeout must be a whole number of seconds >= 0 (0 or absent = the default 90 s), got ${quote(timeout)}.`,
    });
  };
  config.Routes.forEach((route, index) => check(route.Timeout, routePath(index, 'Timeout'), routeLabel(index, route)));
  check(config.GlobalConfiguration.Timeout, 'GlobalConfiguration.Timeout', 'GlobalConfiguration');
  return issues;
};
