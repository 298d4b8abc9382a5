// From the per-round rows to the summary: medians over rounds (with min–max), and ratios taken per
// round — each candidate against the floors measured in the same round's alternating windows, so drift on a
// shared machine hits both sides — then the median of those per-round ratios.

/**
 * Median, min and max of the finite numbers in `values` (null when there are none).
 * @example spread([3, 1, 2]) // → { median: 2, min: 1, max: 3, n: 3 }
 */
export function spread(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = v.length >> 1;
  return { median: v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2, min: v[0], max: v[v.length - 1], n: v.length };
}

/** The two floors every candidate is compared with. */
export const FLOORS = ['http-proxy', 'nginx'];

/**
 * @param {object[]} rows per-round measurement rows (measure.mjs)
 * @param {object[]} pacedRows per-round paced runs
 * @param {import('./scenarios.mjs').Scenario[]} scenarios the scenarios that ran
 * @param {string[]} candidates the candidates that ran
 */
export function summarize(rows, pacedRows, scenarios, candidates) {
  const find = (round, scenario, candidate) =>
    rows.find((r) => r.round === round && r.scenario === scenario && r.candidate === candidate && r.measured && r.rps > 0);
  const out = [];
  for (const scenario of scenarios) {
    const perCandidate = {};
    for (const candidate of scenario.candidates.filter((c) => candidates.includes(c))) {
      const mine = rows.filter((r) => r.scenario === scenario.id && r.candidate === candidate);
      const measured = mine.filter((r) => r.measured && r.rps > 0);
      const versus = (floor, pick) =>
        spread(measured.map((r) => {
          const f = find(r.round, scenario.floorsFrom, floor);
          return f ? pick(r, f) : undefined;
        }));
      perCandidate[candidate] = {
        rounds: mine.length,
        measured: measured.length,
        checksFailed: mine.filter((r) => !r.check.ok).length,
        checkDetails: [...new Set(mine.filter((r) => !r.check.ok).map((r) => r.check.detail))],
        wrkErrors: [...new Set(mine.filter((r) => r.wrkError).map((r) => r.wrkError))],
        rps: spread(measured.map((r) => r.rps)),
        p50_ms: spread(measured.map((r) => r.p50_ms)),
        p99_ms: spread(measured.map((r) => r.p99_ms)),
        cpuMsPer1k: spread(measured.map((r) => r.cpuMsPer1k)),
        errors: sumErrors(measured),
        // Per round (Margay only: read from its /metrics); undefined where it was not read.
        majorGcs: measured.map((r) => r.majorGcs),
        ratios: Object.fromEntries(
          FLOORS.map((floor) => [
            floor,
            {
              rps: versus(floor, (r, f) => r.rps / f.rps),
              cpuMsPer1k: versus(floor, (r, f) => (r.cpuMsPer1k && f.cpuMsPer1k ? r.cpuMsPer1k / f.cpuMsPer1k : undefined)),
              p99AddedMs: versus(floor, (r, f) => r.p99_ms - f.p99_ms),
            },
          ]),
        ),
      };
    }
    const entry = { id: scenario.id, number: scenario.number, title: scenario.title, requestPath: scenario.requestPath, note: scenario.note, floorsFrom: scenario.floorsFrom, candidates: perCandidate };
    if (scenario.reloadConfig) entry.reload = reloadSummary(rows, scenario, find);
    out.push(entry);
  }
  return { scenarios: out, paced: pacedSummary(pacedRows) };
}

/** The error counts of several runs (rows, or one row's windows) added up. */
export function sumErrors(measured) {
  const sum = (key) => measured.reduce((s, r) => s + (r.errors?.[key] ?? 0), 0);
  return { total: sum('total'), non2xx: sum('non2xx'), connect: sum('connect'), read: sum('read'), write: sum('write'), timeout: sum('timeout') };
}

function reloadSummary(rows, scenario, find) {
  const mine = rows.filter((r) => r.scenario === scenario.id && r.reload);
  const sum = (key) => mine.reduce((s, r) => s + r.reload[key], 0);
  const vsOneRoute = (pick) =>
    spread(mine.map((r) => {
      const base = find(r.round, 'one-route', r.candidate);
      return base && r.rps > 0 ? pick(r, base) : undefined;
    }));
  return {
    puts: { attempted: sum('attempted'), ok: sum('ok'), failed: sum('failed'), skipped: sum('skipped') },
    putMs: { median: spread(mine.map((r) => r.reload.putMsMedian)), max: spread(mine.map((r) => r.reload.putMsMax)) },
    failures: [...new Set(mine.flatMap((r) => r.reload.failures))],
    checksAfterFailed: mine.filter((r) => r.checkAfter && !r.checkAfter.ok).map((r) => `round ${r.round}: ${r.checkAfter.detail}`),
    p99VsOneRoute: { addedMs: vsOneRoute((r, b) => r.p99_ms - b.p99_ms), ratio: vsOneRoute((r, b) => r.p99_ms / b.p99_ms) },
    rpsVsOneRoute: vsOneRoute((r, b) => r.rps / b.rps),
    // The same process without reloads, in the windows between the reloading ones (measure.mjs).
    steadyP99: spread(mine.map((r) => r.steady?.p99_ms)),
    p99VsSteady: {
      addedMs: vsSteady(mine, (r, b) => r.p99_ms - b.p99_ms),
      ratio: vsSteady(mine, (r, b) => r.p99_ms / b.p99_ms),
    },
    rpsVsSteady: vsSteady(mine, (r, b) => r.rps / b.rps),
  };
}

function vsSteady(rows, pick) {
  return spread(rows.map((r) => (r.steady?.rps > 0 && r.rps > 0 ? pick(r, r.steady) : undefined)));
}

/** Paced runs: per round the p99 of http-proxy and Margay at the same rate, and the difference. */
function pacedSummary(pacedRows) {
  const rounds = [...new Set(pacedRows.map((p) => p.round))].sort((a, b) => a - b);
  const pairs = rounds.map((round) => {
    const floor = pacedRows.find((p) => p.round === round && p.candidate === 'http-proxy' && p.rps > 0);
    const margay = pacedRows.find((p) => p.round === round && p.candidate === 'margay' && p.rps > 0);
    return { round, targetRps: (floor ?? margay)?.targetRps ?? null, floor, margay, addedP99Ms: floor && margay ? margay.p99_ms - floor.p99_ms : null };
  });
  const added = spread(pairs.map((p) => p.addedP99Ms));
  return {
    targetMs: 1,
    pairs: pairs.map((p) => ({
      round: p.round,
      targetRps: p.targetRps,
      httpProxy: p.floor ? pick(p.floor) : null,
      margay: p.margay ? pick(p.margay) : null,
      addedP99Ms: p.addedP99Ms,
    })),
    httpProxyP99: spread(pairs.map((p) => p.floor?.p99_ms)),
    margayP99: spread(pairs.map((p) => p.margay?.p99_ms)),
    addedP99Ms: added,
    met: added ? added.median <= 1 : null,
  };
}

function pick(run) {
  return { rps: run.rps, p50_ms: run.p50_ms, p99_ms: run.p99_ms, errors: run.errors?.total ?? null, cpuMsPer1k: run.cpuMsPer1k };
}
