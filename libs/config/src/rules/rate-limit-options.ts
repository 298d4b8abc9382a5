import { parseDuration } from '../internal/duration.js';
import { routePath } from '../internal/json-path.js';
import { routeLabel } from '../internal/route-label.js';
import type { ConfigIssue, RateLimitOptions } from '../model.js';
import { isValidRateLimitPeriod } from '../rate-limit-period.js';
import { quote, type ConfigRule } from './rule.js';

/**
 * Ocelot's rate-limit rules (RouteFluentValidator), for a route whose RateLimitOptions exist and are
 * not disabled: `Limit` is absent or > 0 (`rate_limit_limit_invalid`); `Period` is set
 * (`rate_limit_period_empty`) and starts with a number and unit (`rate_limit_period_invalid`).
 *
 * Margay is stricter: the WHOLE Period must be a positive duration (Ocelot accepts `"5min"` here and
 * throws at request time), and `Wait`, when set, must be a duration too (`rate_limit_wait_invalid`).
 * Global RateLimitOptions are defaults merged into routes, so there only the values present are checked.
 */
export const rateLimitOptionsRule: ConfigRule = (config) => {
  const issues: ConfigIssue[] = [];
  config.Routes.forEach((route, index) => {
    const options = route.RateLimitOptions;
    if (options === undefined || options === null || options.EnableRateLimiting === false) return;
    check(issues, options, routePath(index, 'RateLimitOptions'), routeLabel(index, route), true);
  });
  const global = config.GlobalConfiguration.RateLimitOptions;
  if (global !== undefined && global !== null && global.EnableRateLimiting !== false) {
    check(issues, global, 'GlobalConfiguration.RateLimitOptions', 'GlobalConfiguration', false);
  }
  return issues;
};

function check(issues: ConfigIssue[], options: RateLimitOptions, base: string, label: string, periodRequired: boolean): void {
  const limit = options.Limit;
  if (limit !== undefined && limit !== null && !(limit > 0)) {
    issues.push({
      path: `${base}.Limit`,
      code: 'rate_limit_limit_invalid',
      message: `${label}: RateLimitOptions.Limit is ${quote(limit)}; it must be greater than zero (the number of requests allowed per Period).`,
    });
  }
  const period = options.Period;
  if (period === undefined || period === null || period === '') {
    if (periodRequired) {
      issues.push({ path: `${base}.Period`, code: 'rate_limit_period_empty', message: `${label}: RateLimitOptions.Period is empty. Set the window, e.g. "1s", "1m" or "1h".` });
    }
  } else if (!isValidRateLimitPeriod(period)) {
    issues.push({
      path: `${base}.Period`,
      code: 'rate_limit_period_invalid',
      message: `${label}: RateLimitOptions.Period ${quote(period)} must be a number followed by ms, s, m, h or d, e.g. "1m" for one minute.`,
    });
  } else if (!((parseDuration(period) ?? 0) > 0)) {
    issues.push({
      path: `${base}.Period`,
      code: 'rate_limit_period_invalid',
      message: `${label}: RateLimitOptions.Period ${quote(period)} is not a positive duration: write a number and ONE of the units ms, s, m, h, d, e.g. "5m" (not "5min").`,
    });
  }
  const wait = options.Wait;
  if (typeof wait === 'string' && wait.trim() !== '' && parseDuration(wait) === null) {
    issues.push({
      path: `${base}.Wait`,
      code: 'rate_limit_wait_invalid',
      message: `${label}: RateLimitOptions.Wait ${quote(wait)} is not a duration: write a number and one of the units ms, s, m, h, d, e.g. "30s".`,
    });
  }
}
