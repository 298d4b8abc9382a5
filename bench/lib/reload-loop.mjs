// Scenario 4's background changes: one PUT of a changed configuration every `intervalMs` while the
// measured wrk run lasts. A PUT still running when the next is due is not doubled up: the tick is
// counted as skipped, so a slow reload shows up instead of piling up requests.
import { putConfig } from './candidates.mjs';

/**
 * @param {{ adminUrl: string, adminToken: string, intervalMs: number, configFor: (tick: number) => object }} options
 * @returns {{ stop: () => Promise<ReloadSummary> }}
 * @typedef {{ attempted: number, ok: number, failed: number, skipped: number, putMsMedian: number | null,
 *   putMsMax: number | null, failures: string[] }} ReloadSummary
 */
export function startReloadLoop({ adminUrl, adminToken, intervalMs, configFor }) {
  const results = [];
  let tick = 0;
  let skipped = 0;
  let inFlight = null;
  const fire = () => {
    if (inFlight) {
      skipped++;
      return;
    }
    tick++;
    inFlight = putConfig(adminUrl, adminToken, configFor(tick), Math.max(intervalMs * 5, 5000))
      .then((result) => results.push(result))
      .finally(() => (inFlight = null));
  };
  // First change half an interval in, then one per interval: all of them land inside the window.
  let timer = setTimeout(function next() {
    fire();
    timer = setTimeout(next, intervalMs);
  }, intervalMs / 2);
  return {
    async stop() {
      clearTimeout(timer);
      await inFlight;
      const ms = results.map((r) => r.ms).sort((a, b) => a - b);
      const failed = results.filter((r) => !r.ok);
      return {
        attempted: results.length,
        ok: results.length - failed.length,
        failed: failed.length,
        skipped,
        putMsMedian: ms.length ? ms[Math.floor((ms.length - 1) / 2)] : null,
        putMsMax: ms.length ? ms[ms.length - 1] : null,
        failures: [...new Set(failed.map((r) => r.detail))].slice(0, 3),
      };
    },
  };
}
