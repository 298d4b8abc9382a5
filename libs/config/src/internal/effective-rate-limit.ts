import type { EffectiveRateLimit } from '../effective-route-model.js';
import type { GlobalConfiguration, RateLimitOptions, RouteConfig } from '../model.js';
import { parseDuration } from './duration.js';
import { appliesToRoute, nonEmpty } from './route-group.js';

/** Ocelot's defaults (RateLimitOptions, RateLimitRule). */
const DEFAULT_CLIENT_HEADER = 'Oc-Client';
const DEFAULT_QUOTA_MESSAGE = 'API calls quota exceeded! Maximum admitted {0} per {1}.';
const DEFAULT_KEY_PREFIX = 'Ocelot.RateLimiting';
const DEFAULT_PERIOD = '1s';
const ZERO_WAIT = '0ms';

/**
 * Ocelot's RateLimitOptionsCreator: off when the route or its global group says
 * `EnableRateLimiting: false`; the route's options alone, the global ones alone (when the route is
 * in their RouteKeys group), or both merged per field (route wins when set). Then the deprecated
 * names win over the new ones, as in Ocelot's RateLimitOptions constructor (`HttpStatusCode` over
 * `StatusCode`, `QuotaExceededMessage` over `QuotaMessage`, `RateLimitCounterPrefix` over
 * `KeyPrefix`, `DisableRateLimitHeaders` over `EnableHeaders`, `PeriodTimespan` seconds over `Wait`).
 *
 * Margay: a resolved `Limit` of 0 or absent means nothing to enforce, so the result is null
 * (Ocelot would count against a limit of 0 and reject every request, e.g. when an old-style global
 * section only sets ClientIdHeader).
 */
export function effectiveRateLimit(route: RouteConfig, global: GlobalConfiguration): EffectiveRateLimit | null {
  const own = route.RateLimitOptions ?? null;
  const shared = global.RateLimitOptions ?? null;
  const inGroup = appliesToRoute(shared, route.Key);
  if (own?.EnableRateLimiting === false || (inGroup && shared?.EnableRateLimiting === false)) return null;

  let options: RateLimitOptions | null;
  if (own === null) options = shared !== null && inGroup ? shared : null;
  else if (shared === null || !inGroup) options = own;
  else options = merge(own, shared);
  if (options === null) return null;

  const limit = Math.abs(options.Limit ?? 0);
  if (limit === 0) return null;
  const period = nonEmpty(options.Period)?.trim() ?? DEFAULT_PERIOD;
  const wait = typeof options.PeriodTimespan === 'number' ? `${options.PeriodTimespan}s` : (nonEmpty(options.Wait)?.trim() ?? ZERO_WAIT);
  return {
    clientIdHeader: nonEmpty(options.ClientIdHeader) ?? DEFAULT_CLIENT_HEADER,
    clientWhitelist: options.ClientWhitelist ?? [],
    limit,
    period,
    periodMs: parseDuration(period) ?? 1000,
    wait,
    waitMs: parseDuration(wait) ?? 0,
    statusCode: options.HttpStatusCode ?? options.StatusCode ?? 429,
    quotaMessage: nonEmpty(options.QuotaExceededMessage) ?? nonEmpty(options.QuotaMessage) ?? DEFAULT_QUOTA_MESSAGE,
    keyPrefix: nonEmpty(options.RateLimitCounterPrefix) ?? nonEmpty(options.KeyPrefix) ?? DEFAULT_KEY_PREFIX,
    enableHeaders: typeof options.DisableRateLimitHeaders === 'boolean' ? !options.DisableRateLimitHeaders : (options.EnableHeaders ?? true),
  };
}

/** Ocelot's MergeHeaderRules: the route's value when set, else the global one. */
function merge(own: RateLimitOptions, shared: RateLimitOptions): RateLimitOptions {
  return {
    ClientIdHeader: nonEmpty(own.ClientIdHeader) ?? shared.ClientIdHeader ?? null,
    ClientWhitelist: (own.ClientWhitelist ?? []).length > 0 ? own.ClientWhitelist! : (shared.ClientWhitelist ?? []),
    DisableRateLimitHeaders: own.DisableRateLimitHeaders ?? shared.DisableRateLimitHeaders ?? null,
    EnableHeaders: own.EnableHeaders ?? shared.EnableHeaders ?? null,
    HttpStatusCode: own.HttpStatusCode ?? shared.HttpStatusCode ?? null,
    StatusCode: own.StatusCode ?? shared.StatusCode ?? null,
    QuotaExceededMessage: nonEmpty(own.QuotaExceededMessage) ?? shared.QuotaExceededMessage ?? null,
    QuotaMessage: nonEmpty(own.QuotaMessage) ?? shared.QuotaMessage ?? null,
    RateLimitCounterPrefix: nonEmpty(own.RateLimitCounterPrefix) ?? shared.RateLimitCounterPrefix ?? null,
    KeyPrefix: nonEmpty(own.KeyPrefix) ?? shared.KeyPrefix ?? null,
    Period: nonEmpty(own.Period) ?? nonEmpty(shared.Period) ?? DEFAULT_PERIOD,
    PeriodTimespan: own.PeriodTimespan ?? shared.PeriodTimespan ?? null,
    Wait: nonEmpty(own.Wait) ?? nonEmpty(shared.Wait) ?? ZERO_WAIT,
    Limit: own.Limit ?? shared.Limit ?? 0,
  };
}
