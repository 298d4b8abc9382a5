import { parseIpRule } from '@margay/routing';
import type { ConfigIssue, GatewayConfig, SecurityOptions } from '../model.js';
import { routePath } from '../internal/json-path.js';
import { routeLabel } from '../internal/route-label.js';
import type { ConfigRule } from './rule.js';

/**
 * Margay's rule: every SecurityOptions entry is an address, CIDR block, subnet or range that
 * Margay can match (Ocelot drops entries it cannot read, so a typo silently allows everyone).
 * Code `ip_entry_invalid`.
 */
export const ipListsRule: ConfigRule = (config: GatewayConfig) => {
  const issues: ConfigIssue[] = [];
  const check = (options: SecurityOptions | null | undefined, base: string, label: string) => {
    for (const key of ['IPAllowedList', 'IPBlockedList'] as const) {
      (options?.[key] ?? []).forEach((entry, index) => {
        const parsed = typeof entry === 'string' ? parseIpRule(entry) : { ok: false as const, message: `${JSON.stringify(entry)} is not a string` };
        if (parsed.ok) return;
        issues.push({
          path: `${base}.SecurityOptions.${key}[${index}]`,
          code: 'ip_entry_invalid',
          message: `${label}: SecurityOptions.${key}: ${parsed.message}. Use an address (10.0.0.1, ::1), a CIDR block (10.0.0.0/8), a subnet (192.168.1.0/255.255.255.0) or a range (192.168.1.10-192.168.1.20, 192.168.1.10-20).`,
        });
      });
    }
  };
  config.Routes.forEach((route, index) => check(route.SecurityOptions, routePath(index), routeLabel(index, route)));
  check(config.GlobalConfiguration.SecurityOptions, 'GlobalConfiguration', 'GlobalConfiguration');
  return issues;
};
