import { indexPath, routePath } from '../internal/json-path.js';
import { routeLabel } from '../internal/route-label.js';
import type { AuthenticationOptions, ConfigIssue } from '../model.js';
import { quote, type ConfigRule } from './rule.js';

/**
 * Ocelot's rule (FileAuthenticationOptionsValidator) with Margay's registry: every authentication
 * provider key used by a route or by GlobalConfiguration names an entry of `AuthenticationProviders`
 * in the same configuration (Ocelot checks the schemes registered in C#). Ocelot checks only
 * `AuthenticationProviderKey` when it is set; Margay checks every key. Blank keys are ignored, as
 * Ocelot ignores them. Code `unknown_authentication_provider`; the message lists the known keys.
 */
export const authenticationKeysRule: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  const known = new Set<string>();
  for (const provider of config.AuthenticationProviders) if (typeof provider.Key === 'string' && provider.Key !== '') known.add(provider.Key);
  const knownList = known.size === 0 ? 'there are none yet' : `known keys: ${[...known].map((k) => quote(k)).join(', ')}`;

  const check = (options: AuthenticationOptions | null | undefined, base: string, label: string): void => {
    if (options === null || options === undefined) return;
    const used: [string, string][] = [];
    if (typeof options.AuthenticationProviderKey === 'string') used.push([`${base}.AuthenticationProviderKey`, options.AuthenticationProviderKey]);
    (options.AuthenticationProviderKeys ?? []).forEach((key, i) => used.push([indexPath(`${base}.AuthenticationProviderKeys`, i), key]));
    for (const [path, key] of used) {
      if (typeof key !== 'string' || key.trim() === '' || known.has(key)) continue;
      issues.push({
        path,
        code: 'unknown_authentication_provider',
        message: `${label}: authentication provider key ${quote(key)} is not the Key of any entry in AuthenticationProviders (${knownList}). Add a provider with "Key": ${quote(key)}, or use one of the known keys (keys are case-sensitive).`,
      });
    }
  };
  config.Routes.forEach((route, index) => check(route.AuthenticationOptions, routePath(index, 'AuthenticationOptions'), routeLabel(index, route)));
  check(config.GlobalConfiguration.AuthenticationOptions, 'GlobalConfiguration.AuthenticationOptions', 'GlobalConfiguration');
  return issues;
};
