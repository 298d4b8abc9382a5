import { indexPath, keyPath, routePath } from '../internal/json-path.js';
import { routeLabel } from '../internal/route-label.js';
import type { ConfigIssue } from '../model.js';
import { quote, type ConfigRule } from './rule.js';

/** Margay's rule: every `DownstreamHostAndPorts[i].Port` is an integer 1–65535. Code `port_invalid`. */
export const downstreamPortsRule: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  config.Routes.forEach((route, index) => {
    (route.DownstreamHostAndPorts ?? []).forEach((entry, hostIndex) => {
      const port: unknown = entry.Port;
      if (typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535) return;
      const got = port === undefined ? 'it is missing' : `got ${quote(port)}`;
      issues.push({
        path: keyPath(indexPath(routePath(index, 'DownstreamHostAndPorts'), hostIndex), 'Port'),
        code: 'port_invalid',
        message: `${routeLabel(index, route)}: DownstreamHostAndPorts[${hostIndex}].Port must be an integer from 1 to 65535 (${got}), e.g. 80 for http or 443 for https.`,
      });
    });
  });
  return issues;
};
