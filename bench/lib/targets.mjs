// Issue 5's targets, judged from one run's summary (summary.mjs): each with the figure it is judged
// on, the limit, and met / not met / n/a (a scenario or candidate that did not run or was not measured).

/**
 * @typedef {{ id: string, target: string, value: number | null, limit: number, met: boolean | null, figure: string }} Verdict
 * `value` is the median the target is judged on; `figure` says what that median is of.
 */

/** The scenario's Margay entry of the summary, when it was measured. */
function margayOf(summary, id) {
  const candidate = summary.scenarios.find((s) => s.id === id)?.candidates.margay;
  return candidate && candidate.measured > 0 ? candidate : undefined;
}

const median = (s) => s?.median ?? null;

function verdict(id, target, figure, value, limit, atMost = true) {
  const met = value === null ? null : atMost ? value <= limit : value >= limit;
  return { id, target, figure, value, limit, met };
}

/**
 * @param {ReturnType<typeof import('./summary.mjs').summarize>} summary
 * @returns {Verdict[]}
 * @example evaluateTargets(summary).filter((v) => v.met === false) // the targets this run missed
 */
export function evaluateTargets(summary) {
  const one = margayOf(summary, 'one-route');
  const many = margayOf(summary, 'routes-1k');
  const jwt = margayOf(summary, 'jwt-claims');
  const reloading = summary.scenarios.find((s) => s.id === 'hot-reload');
  const reloadRun = margayOf(summary, 'hot-reload');
  const cpuRatio = (c) => median(c?.ratios['http-proxy'].cpuMsPer1k);
  const oneCpu = cpuRatio(one);
  const manyCpu = cpuRatio(many);
  const reloadErrors = reloadRun && reloading.reload ? reloadRun.errors.total + reloading.reload.puts.failed : null;
  return [
    verdict('one-route-cpu', 'scenario 1: CPU per request ≤ 1.25× raw http-proxy', 'CPU × http-proxy', oneCpu, 1.25),
    verdict('one-route-rps', 'scenario 1: throughput ≥ 0.8× raw http-proxy', 'req/s × http-proxy', median(one?.ratios['http-proxy'].rps), 0.8, false),
    // Both are ratios to the floor of their own rounds: the drift between the two scenarios' minutes cancels out.
    verdict('routes-1k-vs-one-route', 'scenario 2: CPU within 5 % of scenario 1', 'scenario 2 CPU × http-proxy ÷ scenario 1 CPU × http-proxy', manyCpu !== null && oneCpu !== null ? manyCpu / oneCpu : null, 1.05),
    verdict('jwt-claims-cpu', 'scenario 3: CPU per request ≤ 1.5× raw http-proxy', 'CPU × http-proxy', cpuRatio(jwt), 1.5),
    verdict('hot-reload-errors', 'scenario 4: zero errors', 'failed requests + failed PUTs', reloadErrors, 0),
    verdict('hot-reload-p99', 'scenario 4: p99 within 20 % of scenario 1', 'p99 with reloads ÷ p99 of the same process without, alternating windows', median(reloading?.reload?.p99VsSteady.ratio), 1.2),
    verdict('paced-added-p99', 'added p99 over raw http-proxy ≤ 1 ms at half its saturating load', 'Margay p99 − http-proxy p99 (ms)', median(summary.paced.addedP99Ms), 1),
  ];
}
