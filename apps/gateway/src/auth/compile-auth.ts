import { compileAllowedScopes, compileClaimsRequirement, type CompiledClaimsRequirement, type CompiledScopes } from '@margay/claims';
import type { EffectiveRoute, GatewayConfig, RouteConfig } from '@margay/config';
import passport from 'passport';
import type { ProviderRegistry } from './provider-registry.js';
import type { ProviderRuntime } from './provider-runtime.js';
import { strategyFor } from './strategies.js';

/** The providers of one snapshot, registered in a Passport instance of its own. */
export interface CompiledProviders {
  readonly passport: passport.Authenticator;
  readonly runtimes: ReadonlyMap<string, ProviderRuntime>;
}

/** What the authentication and authorization guards need of one route, resolved at reload. */
export interface CompiledRouteAuth {
  /** A token is needed (some provider key, and not AllowAnonymous). */
  readonly required: boolean;
  /** Tried in order; the first that accepts the token wins. */
  readonly providerKeys: readonly string[];
  readonly runtimes: readonly ProviderRuntime[];
  readonly passport: passport.Authenticator;
  /** Null when the route is not authenticated or allows every scope. */
  readonly scopes: CompiledScopes | null;
  /** Null when the route has no RouteClaimsRequirement. */
  readonly requirement: CompiledClaimsRequirement | null;
}

export function compileProviders(config: GatewayConfig, registry: ProviderRegistry): CompiledProviders {
  const authenticator = new passport.Passport();
  const runtimes = new Map<string, ProviderRuntime>();
  for (const provider of config.AuthenticationProviders) {
    const runtime = registry.runtimeFor(provider);
    runtimes.set(provider.Key, runtime);
    authenticator.use(provider.Key, strategyFor(runtime));
  }
  return { passport: authenticator, runtimes };
}

export function compileRouteAuth(route: RouteConfig, effective: EffectiveRoute, providers: CompiledProviders): CompiledRouteAuth {
  const { required, providerKeys, allowedScopes } = effective.authentication;
  const requirement = route.RouteClaimsRequirement ?? {};
  return {
    required,
    providerKeys: required ? providerKeys : [],
    runtimes: required ? providerKeys.map((key) => providers.runtimes.get(key)!) : [],
    passport: providers.passport,
    scopes: required && allowedScopes.length > 0 ? compileAllowedScopes(allowedScopes) : null,
    requirement: Object.keys(requirement).length > 0 ? compileClaimsRequirement(requirement) : null,
  };
}
