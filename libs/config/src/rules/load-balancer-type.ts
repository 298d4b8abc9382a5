import { routePath } from '../internal/json-path.js';
import { routeLabel } from '../internal/route-label.js';
import type { ConfigIssue, LoadBalancerOptions } from '../model.js';
import { quote, type ConfigRule } from './rule.js';

/** The load balancers Margay runs. */
export const LOAD_BALANCER_TYPES = ['NoLoadBalancer', 'RoundRobin', 'LeastConnection'] as const;

/** Ocelot's other built-in type; refused by its own row of the unsupported-features table. */
const OTHER_OCELOT_TYPES = new Set(['CookieStickySessions']);

/**
 * Margay's rule: `LoadBalancerOptions.Type` (route and global), when set, is NoLoadBalancer,
 * RoundRobin or LeastConnection. Anything else (a custom .NET balancer, a typo) is refused with
 * `unsupported_feature` naming the value; Ocelot accepts it and answers 500 on every request.
 * Type names compare exactly, as in Ocelot.
 */
export const loadBalancerTypeRule: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  const check = (options: LoadBalancerOptions | null | undefined, path: string, label: string): void => {
    const type = options?.Type;
    if (typeof type !== 'string' || type === '' || OTHER_OCELOT_TYPES.has(type)) return;
    if ((LOAD_BALANCER_TYPES as readonly string[]).includes(type)) return;
    const near = LOAD_BALANCER_TYPES.find((known) => known.toLowerCase() === type.toLowerCase());
    const hint = near !== undefined ? ` Did you mean ${quote(near)}? Type names are case-sensitive.` : '';
    issues.push({
      path,
      code: 'unsupported_feature',
      message: `${label}: LoadBalancerOptions.Type ${quote(type)} is not a load balancer Margay has. Use "RoundRobin", "LeastConnection" or "NoLoadBalancer" (the default), or remove LoadBalancerOptions.${hint}`,
    });
  };
  config.Routes.forEach((route, index) => check(route.LoadBalancerOptions, `${routePath(index, 'LoadBalancerOptions')}.Type`, routeLabel(index, route)));
  check(config.GlobalConfiguration.LoadBalancerOptions, 'GlobalConfiguration.LoadBalancerOptions.Type', 'GlobalConfiguration');
  return issues;
};
