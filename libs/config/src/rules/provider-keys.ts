import { indexPath } from '../internal/json-path.js';
import type { ConfigIssue } from '../model.js';
import { quote, type ConfigRule } from './rule.js';

/**
 * Margay's rule: every `AuthenticationProviders` entry has a non-empty `Key` (`provider_key_empty`),
 * and no two entries share one (`provider_key_duplicate`; compared exactly, as routes refer to them).
 */
export const providerKeysRule: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  const firstIndex = new Map<string, number>();
  config.AuthenticationProviders.forEach((provider, index) => {
    const path = `${indexPath('AuthenticationProviders', index)}.Key`;
    const key: unknown = provider.Key;
    if (typeof key !== 'string' || key.trim() === '') {
      issues.push({ path, code: 'provider_key_empty', message: `AuthenticationProviders[${index}]: Key is empty. Name the provider (e.g. "Bearer"); routes refer to it in AuthenticationOptions.AuthenticationProviderKeys.` });
      return;
    }
    const earlier = firstIndex.get(key);
    if (earlier !== undefined) {
      issues.push({
        path,
        code: 'provider_key_duplicate',
        message: `AuthenticationProviders[${index}]: Key ${quote(key)} is already used by AuthenticationProviders[${earlier}]. Give each provider its own Key.`,
      });
    } else {
      firstIndex.set(key, index);
    }
  });
  return issues;
};
