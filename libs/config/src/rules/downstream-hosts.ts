import { indexPath, keyPath, routePath } from '../internal/json-path.js';
import { routeLabel } from '../internal/route-label.js';
import { isHost } from '../internal/syntax.js';
import type { ConfigIssue } from '../model.js';
import { quote, type ConfigRule } from './rule.js';

/**
 * Ocelot's rule (RouteFluentValidator, HostAndPortValidator): a route without ServiceName lists at
 * least one downstream host (`downstream_hosts_empty`) and every Host is set (`downstream_host_empty`).
 * Margay adds: a Host is a host name or IP address, not a URL (`downstream_host_invalid`).
 * A route with ServiceName is left to the unsupported-feature rule, which says what to do.
 */
export const downstreamHostsRule: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  config.Routes.forEach((route, index) => {
    if (typeof route.ServiceName === 'string' && route.ServiceName !== '') return;
    const label = routeLabel(index, route);
    const hosts = route.DownstreamHostAndPorts ?? [];
    if (hosts.length === 0) {
      issues.push({
        path: routePath(index, 'DownstreamHostAndPorts'),
        code: 'downstream_hosts_empty',
        message: `${label}: DownstreamHostAndPorts is empty, so there is nowhere to send requests. Add the service, e.g. [{ "Host": "orders", "Port": 8080 }].`,
      });
    }
    hosts.forEach((entry, hostIndex) => {
      const path = keyPath(indexPath(routePath(index, 'DownstreamHostAndPorts'), hostIndex), 'Host');
      const host: unknown = entry.Host;
      if (typeof host !== 'string' || host === '') {
        issues.push({ path, code: 'downstream_host_empty', message: `${label}: DownstreamHostAndPorts[${hostIndex}].Host is empty. Set the downstream service's host name or IP address.` });
      } else if (!isHost(host)) {
        issues.push({
          path,
          code: 'downstream_host_invalid',
          message: `${label}: DownstreamHostAndPorts[${hostIndex}].Host ${quote(host)} is not a host name or IP address. Write only the host (e.g. "orders.internal"); the scheme goes in DownstreamScheme and the port in Port.`,
        });
      }
    });
  });
  return issues;
};
