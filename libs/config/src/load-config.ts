import { isSameOrBelow } from './internal/json-path.js';
import type { ConfigIssue, GatewayConfig } from './model.js';
import { normalizeConfig } from './normalize-config.js';
import { parseConfigText } from './parse-config-text.js';
import { validateConfig } from './validate-config.js';

/** Result of {@link loadConfig}. */
export interface LoadConfigResult {
  /** True only when there are no issues (warnings allowed). */
  ok: boolean;
  /** The normalized configuration; use it only when `ok`. */
  config: GatewayConfig;
  issues: ConfigIssue[];
  warnings: ConfigIssue[];
}

/**
 * The one call for callers: parses `input` when it is a string (ocelot.json text, comments
 * allowed), normalizes it and validates it.
 *
 * A value with the wrong JSON type is reported once, by normalization: validation issues at or
 * below the path of a normalization issue are left out (e.g. `"Port": "80"` gives "must be an
 * integer", not also "Port is missing").
 *
 * @example
 * const result = loadConfig(fileText);
 * if (!result.ok) for (const issue of result.issues) console.error(`${issue.path}: ${issue.message}`);
 */
export function loadConfig(input: string | unknown): LoadConfigResult {
  let raw: unknown = input;
  if (typeof input === 'string') {
    const parsed = parseConfigText(input);
    if (!parsed.ok) return { ok: false, config: normalizeConfig({}).config, issues: parsed.issues, warnings: [] };
    raw = parsed.value;
  }
  const { config, issues, warnings } = normalizeConfig(raw);
  const validation = validateConfig(config).filter((issue) => !issues.some((earlier) => isSameOrBelow(issue.path, earlier.path)));
  const all = issues.concat(validation);
  return { ok: all.length === 0, config, issues: all, warnings };
}
