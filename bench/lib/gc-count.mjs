// How many full (mark-compact) collections a Margay process ran, from its own /metrics (prom-client's
// `nodejs_gc_duration_seconds` histogram, `kind="major"`). A Margay process that runs them under load
// is in the slow mode README "Performance" describes (finished requests promoted to the old
// generation): its round is not comparable with the others, and the summary says so.
import { httpRequest } from './http.mjs';

const MAJOR = /^\w*nodejs_gc_duration_seconds_count\{kind="major"\} (\d+(?:\.\d+)?)$/m;
const ANY_KIND = /^\w*nodejs_gc_duration_seconds_count\{kind="\w+"\} /m;

/**
 * @param {string} metricsText Prometheus exposition text
 * @returns {number | undefined} the major-GC count; 0 when the histogram has other kinds but no
 *   major series yet (prom-client writes a label set only once it was observed); undefined when
 *   the histogram is missing altogether
 * @example majorGcCount('margay_nodejs_gc_duration_seconds_count{kind="major"} 3') // 3
 */
export function majorGcCount(metricsText) {
  const match = MAJOR.exec(metricsText);
  if (match) return Number(match[1]);
  return ANY_KIND.test(metricsText) ? 0 : undefined;
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
