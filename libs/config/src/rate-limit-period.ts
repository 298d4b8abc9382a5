/** Ocelot's five period patterns (RouteFluentValidator), merged; anchored at the start only. */
const OCELOT_PERIOD_PREFIX = /^\d+(\.\d+)?(ms|s|m|h|d)/;

/**
 * Ocelot's check of `RateLimitOptions.Period`: non-empty, and after trimming it must START with a
 * number and a unit (`ms`, `s`, `m`, `h`, `d`). The check is prefix-only, so `"5min"` passes (and
 * Ocelot then fails at request time); `validateConfig` additionally requires the whole text to be
 * a duration.
 *
 * @example
 * isValidRateLimitPeriod(' 3s ')  // true
 * isValidRateLimitPeriod('12.34ms') // true
 * isValidRateLimitPeriod('5min')  // true (prefix-only, as Ocelot)
 * isValidRateLimitPeriod('123')   // false (no unit)
 * isValidRateLimitPeriod(null)    // false
 */
export function isValidRateLimitPeriod(period: string | null | undefined): boolean {
  if (period === null || period === undefined || period === '') return false;
  return OCELOT_PERIOD_PREFIX.test(period.trim());
}
