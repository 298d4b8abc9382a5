// How many full (mark-compact) collections a Margay process ran, from its own /metrics (prom-client's
// `nodejs_gc_duration_seconds` histogram, `kind="major"`). A Margay process that runs them under load
// is in the slow mode README "Performance" describes (finished requests promoted to the old
// generation): its round is not comparable with the others, and the summary says so.
import { httpRequest } from './http.mjs';

const MAJOR = /^\w*nodejs_gc_duration_seconds_count\{kind="major"\} (\d+(?:\.\d+)?)$/m;

/**
 * @param {string} metricsText Prometheus exposition text
 * @returns {number | undefined} the major-GC count, undefined when the series is missing
 * @example majorGcCount('margay_nodejs_gc_duration_seconds_count{kind="major"} 3') // 3
 */
export function majorGcCount(metricsText) {
  const match = MAJOR.exec(metricsText);
  return match ? Number(match[1]) : undefined;
}

/**
 * Scrapes `{adminUrl}/metrics`. @returns {Promise<number | undefined>} undefined when the scrape
 * fails (the count is a diagnostic: it never fails a round)
 */
export async function scrapeMajorGcs(adminUrl, adminToken) {
  try {
    const response = await httpRequest(`${adminUrl}/metrics`, { headers: { authorization: `Bearer ${adminToken}` } });
    return response.status === 200 ? majorGcCount(response.body) : undefined;
  } catch {
    return undefined;
  }
}
