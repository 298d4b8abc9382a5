import type { ConfigIssue } from '../model.js';
import { UNSUPPORTED_FEATURES } from '../unsupported-features.js';
import type { ConfigRule } from './rule.js';

/** Refuses every use of a feature listed in {@link UNSUPPORTED_FEATURES}, with code `unsupported_feature`. */
export const unsupportedFeatureRule: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  for (const row of UNSUPPORTED_FEATURES) {
    for (const hit of row.find(config)) issues.push({ path: hit.path, code: 'unsupported_feature', message: hit.message });
  }
  return issues;
};
