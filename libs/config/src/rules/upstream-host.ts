import { routePath } from '../internal/json-path.js';
import { routeLabel } from '../internal/route-label.js';
import { isHostAndOptionalPort } from '../internal/syntax.js';
import type { ConfigIssue } from '../model.js';
import { quote, type ConfigRule } from './rule.js';

/**
 * Margay's rule: `UpstreamHost`, when set, is `host` or `host:port` (Margay matches `host:port`
 * against the Host header exactly, and `host` on any port). Code `upstream_host_invalid`.
 */
export const upstreamHostRule: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  config.Routes.forEach((route, index) => {
    const host = route.UpstreamHost;
    if (host === undefined || host === null || host === '') return;
    if (typeof host === 'string' && isHostAndOptionalPort(host)) return;
    issues.push({
      path: routePath(index, 'UpstreamHost'),
      code: 'upstream_host_invalid',
      message: `${routeLabel(index, route)}: UpstreamHost ${quote(host)} is not a host or host:port. Write it as the Host header reads, e.g. "api.example.com" or "api.example.com:8443", without scheme or path.`,
    });
  });
  return issues;
};
