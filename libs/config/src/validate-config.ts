import type { ConfigIssue, GatewayConfig } from './model.js';
import { CONFIG_RULES } from './rules/index.js';

/**
 * Runs every rule of `CONFIG_RULES` on a configuration and returns all issues (an empty list means
 * valid), never stopping at the first. Give it a configuration from `normalizeConfig` (or use
 * `loadConfig`): normalization guarantees the shapes the rules rely on, and for any such
 * configuration validation never throws.
 *
 * @example
 * const issues = validateConfig(normalizeConfig(raw).config);
 * if (issues.length > 0) reply(400, { issues });
 */
export function validateConfig(config: GatewayConfig): ConfigIssue[] {
  return CONFIG_RULES.flatMap((rule) => rule(config));
}
