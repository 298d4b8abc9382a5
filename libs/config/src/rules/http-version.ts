import { routePath } from '../internal/json-path.js';
import { routeLabel } from '../internal/route-label.js';
import type { ConfigIssue } from '../model.js';
import { quote, type ConfigRule } from './rule.js';

/** Ocelot's pattern for `DownstreamHttpVersion` (RouteFluentValidator). */
const OCELOT_VERSION = /^[0-9]([.,][0-9]{1,1})?$/;

/** The values of .NET's `HttpVersionPolicy`, spelled exactly. */
export const HTTP_VERSION_POLICIES = ['RequestVersionExact', 'RequestVersionOrHigher', 'RequestVersionOrLower'] as const;

/** Versions that exist; Ocelot's pattern also lets "4" or "9.9" through, which .NET then cannot use. */
const KNOWN_VERSIONS = new Set(['1', '1.0', '1.1', '2', '2.0', '3', '3.0']);

/**
 * Ocelot's rule: `DownstreamHttpVersion`, when set, matches `^[0-9]([.,][0-9])?$`, and
 * `DownstreamHttpVersionPolicy`, when set, is one of the three .NET policy names. Margay adds that
 * the version is one HTTP has (1.0, 1.1, 2, 3). Route and global. Codes `http_version_invalid`,
 * `http_version_policy_invalid`. (Versions 2 and 3 are refused by the unsupported-features table
 * unless the policy lets Margay fall back to HTTP/1.1.)
 */
export const httpVersionRule: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  const check = (owner: { DownstreamHttpVersion?: string | null; DownstreamHttpVersionPolicy?: string | null }, base: string, label: string): void => {
    const version = owner.DownstreamHttpVersion;
    if (typeof version === 'string' && version !== '' && !(OCELOT_VERSION.test(version) && KNOWN_VERSIONS.has(version.replace(',', '.')))) {
      issues.push({
        path: `${base}.DownstreamHttpVersion`,
        code: 'http_version_invalid',
        message: `${label}: DownstreamHttpVersion ${quote(version)} is not an HTTP version. Use "1.1" (or "1.0"), or remove it for the default 1.1.`,
      });
    }
    const policy = owner.DownstreamHttpVersionPolicy;
    if (typeof policy === 'string' && policy !== '' && !(HTTP_VERSION_POLICIES as readonly string[]).includes(policy)) {
      issues.push({
        path: `${base}.DownstreamHttpVersionPolicy`,
        code: 'http_version_policy_invalid',
        message: `${label}: DownstreamHttpVersionPolicy ${quote(policy)} must be one of ${HTTP_VERSION_POLICIES.map((p) => quote(p)).join(', ')}.`,
      });
    }
  };
  config.Routes.forEach((route, index) => check(route, routePath(index), routeLabel(index, route)));
  check(config.GlobalConfiguration, 'GlobalConfiguration', 'GlobalConfiguration');
  return issues;
};
