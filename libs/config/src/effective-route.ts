import type { DownstreamScheme, EffectiveCircuitBreaker, EffectiveIpSecurity, EffectiveRoute, LoadBalancerType } from './effective-route-model.js';
import { effectiveAuthentication } from './internal/effective-authentication.js';
import { effectiveRateLimit } from './internal/effective-rate-limit.js';
import { appliesToRoute, firstPositive, nonEmpty } from './internal/route-group.js';
import type { GlobalConfiguration, QoSOptions, RouteConfig, SecurityOptions } from './model.js';

const DEFAULT_TIMEOUT_MS = 90_000;
const DEFAULT_BREAK_MS = 5_000;
const LOAD_BALANCERS: ReadonlySet<string> = new Set<LoadBalancerType>(['NoLoadBalancer', 'RoundRobin', 'LeastConnection']);
const SCHEMES: ReadonlySet<string> = new Set<DownstreamScheme>(['http', 'https', 'ws', 'wss']);

/**
 * Merges GlobalConfiguration into one route by Ocelot's rules (features.md §2 rows 16–18), applying
 * every default, so the gateway can compile the route once per configuration revision:
 *
 * - authentication: global options for routes in their `RouteKeys` group, merged per field with the
 *   route's; `AllowAnonymous: true` opts a route out;
 * - QoS: merged per field (route value when > 0, else the global group's). Timeout =
 *   QoSOptions.Timeout ?? QoSOptions.TimeoutValue (ms) ?? route Timeout (s) ?? global Timeout (s)
 *   ?? 90 s; values <= 0 are unset. Circuit breaker when ExceptionsAllowedBeforeBreaking (or its
 *   new name MinimumThroughput) > 0, opening for DurationOfBreak (or BreakDuration) ms, default 5000;
 *   the old names win, as in Ocelot's QoSOptions;
 * - LoadBalancerOptions.Type: route, else the global group's, else NoLoadBalancer;
 * - RequestIdKey, DownstreamScheme (default http), DownstreamHttpVersion (default 1.1) and its
 *   policy: the route's when non-empty, else the global one;
 * - RateLimitOptions: see {@link EffectiveRateLimit};
 * - header transforms: the route's, then the global ones for header names the route does not set
 *   (compared case-insensitively, since header names are).
 *
 * Meant for configurations `validateConfig` accepted; values it refuses (an unknown load balancer
 * or scheme) fall back to the defaults here rather than throw.
 *
 * @example
 * const effective = effectiveRoute(config.Routes[0], config.GlobalConfiguration);
 * effective.authentication.required // true when the route needs a token
 */
export function effectiveRoute(route: RouteConfig, global: GlobalConfiguration): EffectiveRoute {
  const qos = mergedQoS(route, global);
  const timeoutMs =
    firstPositive(qos.Timeout, qos.TimeoutValue, seconds(route.Timeout), seconds(global.Timeout)) ?? DEFAULT_TIMEOUT_MS;

  const lbGlobal = global.LoadBalancerOptions ?? null;
  const lbType =
    nonEmpty(route.LoadBalancerOptions?.Type) ?? (appliesToRoute(lbGlobal, route.Key) ? nonEmpty(lbGlobal?.Type) : undefined) ?? 'NoLoadBalancer';
  const scheme = (nonEmpty(route.DownstreamScheme) ?? nonEmpty(global.DownstreamScheme) ?? 'http').toLowerCase();
  const version = (nonEmpty(route.DownstreamHttpVersion) ?? nonEmpty(global.DownstreamHttpVersion) ?? '1.1').replace(',', '.');

  return {
    authentication: effectiveAuthentication(route, global),
    timeoutMs,
    loadBalancer: LOAD_BALANCERS.has(lbType) ? (lbType as LoadBalancerType) : 'NoLoadBalancer',
    requestIdKey: nonEmpty(route.RequestIdKey) ?? nonEmpty(global.RequestIdKey) ?? null,
    downstreamScheme: SCHEMES.has(scheme) ? (scheme as DownstreamScheme) : 'http',
    downstreamHttpVersion: version.includes('.') ? version : `${version}.0`,
    downstreamHttpVersionPolicy: nonEmpty(route.DownstreamHttpVersionPolicy) ?? nonEmpty(global.DownstreamHttpVersionPolicy) ?? 'RequestVersionOrLower',
    circuitBreaker: circuitBreaker(qos),
    rateLimit: effectiveRateLimit(route, global),
    upstreamHeaderTransform: mergeHeaders(route.UpstreamHeaderTransform, global.UpstreamHeaderTransform),
    downstreamHeaderTransform: mergeHeaders(route.DownstreamHeaderTransform, global.DownstreamHeaderTransform),
    ipSecurity: ipSecurity(route.SecurityOptions) ?? ipSecurity(global.SecurityOptions),
  };
}

/** Ocelot's QoSOptionsCreator: per field, the route's value, else the global group's (here: the first > 0). */
function mergedQoS(route: RouteConfig, global: GlobalConfiguration): QoSOptions {
  const own = route.QoSOptions ?? {};
  const shared = appliesToRoute(global.QoSOptions, route.Key) ? (global.QoSOptions ?? {}) : {};
  const pick = (key: Exclude<keyof QoSOptions, 'RouteKeys'>): number | undefined => firstPositive(own[key], shared[key]);
  return {
    Timeout: pick('Timeout'),
    TimeoutValue: pick('TimeoutValue'),
    ExceptionsAllowedBeforeBreaking: pick('ExceptionsAllowedBeforeBreaking'),
    MinimumThroughput: pick('MinimumThroughput'),
    DurationOfBreak: pick('DurationOfBreak'),
    BreakDuration: pick('BreakDuration'),
  };
}

function circuitBreaker(qos: QoSOptions): EffectiveCircuitBreaker | null {
  const exceptions = firstPositive(qos.ExceptionsAllowedBeforeBreaking, qos.MinimumThroughput);
  if (exceptions === undefined) return null;
  return { exceptionsAllowedBeforeBreaking: exceptions, durationOfBreakMs: firstPositive(qos.DurationOfBreak, qos.BreakDuration) ?? DEFAULT_BREAK_MS };
}

function seconds(value: number | null | undefined): number | undefined {
  return typeof value === 'number' ? value * 1000 : undefined;
}

function mergeHeaders(own: Record<string, string> | undefined, shared: Record<string, string> | undefined): Record<string, string> {
  const merged: Record<string, string> = { ...own };
  const taken = new Set(Object.keys(merged).map((name) => name.toLowerCase()));
  for (const [name, value] of Object.entries(shared ?? {})) {
    if (!taken.has(name.toLowerCase())) merged[name] = value;
  }
  return merged;
}

/** SecurityOptions that list any address, resolved; Ocelot falls back to the global ones otherwise. */
function ipSecurity(options: SecurityOptions | null | undefined): EffectiveIpSecurity | null {
  const allowed = options?.IPAllowedList ?? [];
  const blocked = options?.IPBlockedList ?? [];
  if (allowed.length === 0 && blocked.length === 0) return null;
  return { allowed, blocked, excludeAllowedFromBlocked: options?.ExcludeAllowedFromBlocked === true };
}
