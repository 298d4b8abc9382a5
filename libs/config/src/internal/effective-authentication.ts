import type { EffectiveAuthentication } from '../effective-route-model.js';
import type { AuthenticationOptions, GlobalConfiguration, RouteConfig } from '../model.js';
import { appliesToRoute, nonEmpty } from './route-group.js';

/**
 * Ocelot's AuthenticationOptionsCreator: without route options the global ones apply (when the route
 * is in their RouteKeys group); with both, they merge per field — route wins when set,
 * `AllowedScopes` is taken whole from global only when the route has none (null, not `[]`), the
 * single key falls back to global's, and the keys array is global's when the route's is empty.
 */
export function effectiveAuthentication(route: RouteConfig, global: GlobalConfiguration): EffectiveAuthentication {
  const own = route.AuthenticationOptions ?? null;
  const shared = global.AuthenticationOptions ?? null;
  const inGroup = appliesToRoute(shared, route.Key);

  let options: AuthenticationOptions = {};
  if (own === null) {
    if (shared !== null && inGroup) options = shared;
  } else if (shared === null || !inGroup) {
    options = own;
  } else {
    options = {
      AllowAnonymous: own.AllowAnonymous ?? shared.AllowAnonymous ?? null,
      AllowedScopes: own.AllowedScopes ?? shared.AllowedScopes ?? [],
      AuthenticationProviderKey: nonEmpty(own.AuthenticationProviderKey) ?? shared.AuthenticationProviderKey ?? null,
      AuthenticationProviderKeys: (own.AuthenticationProviderKeys ?? []).length > 0 ? own.AuthenticationProviderKeys! : (shared.AuthenticationProviderKeys ?? []),
    };
  }

  const providerKeys: string[] = [];
  for (const key of [options.AuthenticationProviderKey, ...(options.AuthenticationProviderKeys ?? [])]) {
    if (typeof key === 'string' && key.trim() !== '' && !providerKeys.includes(key)) providerKeys.push(key);
  }
  const allowAnonymous = options.AllowAnonymous === true;
  return {
    providerKeys,
    allowedScopes: (options.AllowedScopes ?? []).filter((scope) => scope !== ''),
    allowAnonymous,
    required: providerKeys.length > 0 && !allowAnonymous,
  };
}
