import { routePath } from '../internal/json-path.js';
import { routeLabel } from '../internal/route-label.js';
import type { ConfigIssue } from '../model.js';
import { quote, type ConfigRule } from './rule.js';

/** The schemes Margay forwards to, compared case-insensitively (a URI scheme is case-insensitive). */
export const DOWNSTREAM_SCHEMES = ['http', 'https', 'ws', 'wss'] as const;

/**
 * Margay's rule: `DownstreamScheme` (route and global), when set, is http, https, ws or wss.
 * Code `downstream_scheme_invalid`.
 */
export const downstreamSchemeRule: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  const check = (scheme: unknown, path: string, label: string): void => {
    if (scheme === undefined || scheme === null || scheme === '') return;
    if (typeof scheme === 'string' && (DOWNSTREAM_SCHEMES as readonly string[]).includes(scheme.toLowerCase())) return;
    issues.push({
      path,
      code: 'downstream_scheme_invalid',
      message: `${label}: DownstreamScheme ${quote(scheme)} is not supported. Use "http", "https", "ws" or "wss" (without "://").`,
    });
  };
  config.Routes.forEach((route, index) => check(route.DownstreamScheme, routePath(index, 'DownstreamScheme'), routeLabel(index, route)));
  check(config.GlobalConfiguration.DownstreamScheme, 'GlobalConfiguration.DownstreamScheme', 'GlobalConfiguration');
  return issues;
};
