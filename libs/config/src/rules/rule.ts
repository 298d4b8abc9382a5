import type { ConfigIssue, GatewayConfig } from '../model.js';

/**
 * One validation rule (STYLE #7: one rule per file). It reads the whole configuration and returns
 * every problem it finds, never stopping at the first. Messages name the route (index and
 * UpstreamPathTemplate) or provider, the field, and what to do.
 */
export type ConfigRule = (config: GatewayConfig) => ConfigIssue[];

/** Quotes a value for a message exactly as it would appear in the JSON file. */
export const quote = (value: unknown): string => JSON.stringify(value) ?? String(value);
