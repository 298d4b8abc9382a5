/**
 * `@margay/config`: the single source of truth for what a valid Margay configuration is.
 * `ocelot.json` text or JSON in → normalized, validated {@link GatewayConfig} → `ocelot.json` out,
 * plus the per-route view with global options merged in ({@link effectiveRoute}). Pure: no
 * Node-only APIs, so the gateway and the admin UI run the same code.
 */
export type * from './model.js';
export type * from './effective-route-model.js';
export type * from './admin-api.js';
export { parseConfigText, type ParseConfigTextResult } from './parse-config-text.js';
export { normalizeConfig, type NormalizeResult } from './normalize-config.js';
export { validateConfig } from './validate-config.js';
export { loadConfig, type LoadConfigResult } from './load-config.js';
export { exportConfig } from './export-config.js';
export { redactSecrets } from './redact-secrets.js';
export { effectiveRoute } from './effective-route.js';
export { isValidRateLimitPeriod } from './rate-limit-period.js';
export { UNSUPPORTED_FEATURES, type UnsupportedFeature, type UnsupportedFeatureHit } from './unsupported-features.js';
export { CONFIG_RULES, type ConfigRule } from './rules/index.js';
export { DEFAULT_CLOCK_SKEW_SECONDS, MAX_CLOCK_SKEW_SECONDS } from './rules/provider-settings.js';
