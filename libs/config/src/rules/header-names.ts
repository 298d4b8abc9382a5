import { keyPath, routePath } from '../internal/json-path.js';
import { routeLabel } from '../internal/route-label.js';
import { isHttpToken } from '../internal/syntax.js';
import type { ConfigIssue, GlobalConfiguration, RouteConfig } from '../model.js';
import { quote, type ConfigRule } from './rule.js';

/** Dictionaries whose keys are header names. */
const HEADER_DICTIONARIES = ['AddHeadersToRequest', 'UpstreamHeaderTransform', 'DownstreamHeaderTransform', 'UpstreamHeaderTemplates'] as const;

/**
 * Margay's rule: header names are RFC 9110 tokens (letters, digits and ``!#$%&'*+-.^_`|~``), since
 * Node refuses to send anything else. Checked: the keys of AddHeadersToRequest, the header
 * transforms (route and global) and UpstreamHeaderTemplates, and the single names RequestIdKey and
 * RateLimitOptions.ClientIdHeader when set. Code `header_name_invalid`.
 */
export const headerNamesRule: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  config.Routes.forEach((route, index) => {
    check(issues, route, routePath(index), routeLabel(index, route));
  });
  check(issues, config.GlobalConfiguration, 'GlobalConfiguration', 'GlobalConfiguration');
  return issues;
};

function check(issues: ConfigIssue[], owner: RouteConfig | GlobalConfiguration, base: string, label: string): void {
  for (const dictionary of HEADER_DICTIONARIES) {
    const entries = (owner as Record<string, unknown>)[dictionary];
    if (typeof entries !== 'object' || entries === null) continue;
    for (const name of Object.keys(entries)) {
      if (isHttpToken(name)) continue;
      issues.push({
        path: keyPath(keyPath(base, dictionary), name),
        code: 'header_name_invalid',
        message: `${label}: ${dictionary} has the header name ${quote(name)}, which is not a valid HTTP header name. Use letters, digits and - (e.g. "X-Customer-Id"), no spaces or colons.`,
      });
    }
  }
  const singles: [string, unknown][] = [
    ['RequestIdKey', owner.RequestIdKey],
    ['RateLimitOptions.ClientIdHeader', owner.RateLimitOptions?.ClientIdHeader],
  ];
  for (const [key, name] of singles) {
    if (typeof name !== 'string' || name === '' || isHttpToken(name)) continue;
    issues.push({
      path: `${base}.${key}`,
      code: 'header_name_invalid',
      message: `${label}: ${key} ${quote(name)} is not a valid HTTP header name. Use letters, digits and - (e.g. "X-Request-Id"), no spaces or colons.`,
    });
  }
}
