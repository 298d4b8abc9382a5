import { routePath } from '../internal/json-path.js';
import { routeLabel } from '../internal/route-label.js';
import type { ConfigIssue } from '../model.js';
import { quote, type ConfigRule } from './rule.js';

/**
 * Margay's rule: route `Key`s are unique (global options' RouteKeys select routes by Key, so a
 * shared Key is ambiguous). Compared exactly, as RouteKeys are. Code `duplicate_route_key`.
 */
export const duplicateRouteKeysRule: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  const firstIndex = new Map<string, number>();
  config.Routes.forEach((route, index) => {
    const key = route.Key;
    if (typeof key !== 'string' || key === '') return;
    const earlier = firstIndex.get(key);
    if (earlier === undefined) {
      firstIndex.set(key, index);
      return;
    }
    issues.push({
      path: routePath(index, 'Key'),
      code: 'duplicate_route_key',
      message: `${routeLabel(index, route)}: Key ${quote(key)} is already the Key of Routes[${earlier}]. Give each route its own Key.`,
    });
  });
  return issues;
};
