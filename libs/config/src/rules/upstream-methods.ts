import { indexPath, routePath } from '../internal/json-path.js';
import { routeLabel } from '../internal/route-label.js';
import { isHttpToken } from '../internal/syntax.js';
import type { ConfigIssue } from '../model.js';
import { quote, type ConfigRule } from './rule.js';

/**
 * Margay's rule: each `UpstreamHttpMethod` entry is an HTTP method token (RFC 9110 §9.1), such as
 * "Get" or "POST" (matched case-insensitively). Code `http_method_invalid`.
 */
export const upstreamMethodsRule: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  config.Routes.forEach((route, index) => {
    (route.UpstreamHttpMethod ?? []).forEach((method, methodIndex) => {
      if (typeof method === 'string' && isHttpToken(method)) return;
      issues.push({
        path: indexPath(routePath(index, 'UpstreamHttpMethod'), methodIndex),
        code: 'http_method_invalid',
        message: `${routeLabel(index, route)}: UpstreamHttpMethod ${quote(method)} is not an HTTP method. Use one name per entry, e.g. ["Get", "Post"]; an empty list allows every method.`,
      });
    });
  });
  return issues;
};
