// Synthetic measurement rows, shaped as measure.mjs writes them, for the summary and verdict tests.

/** One measured row: `cpu` CPU-ms per 1,000 requests, `rps` req/s, `p99` ms. */
export function row(round, scenario, candidate, { cpu, rps, p99, errors = 0, ...extra }) {
  return {
    round,
    scenario,
    candidate,
    check: { stage: 'check', ok: true, detail: 'ok' },
    measured: true,
    rps,
    p50_ms: p99 / 2,
    p99_ms: p99,
    cpuMsPer1k: cpu,
    requests: rps * 8,
    errors: { total: errors, non2xx: errors, connect: 0, read: 0, write: 0, timeout: 0 },
    ...extra,
  };
}

/** The run metadata summaryMarkdown reads, for `candidates`. */
export function summaryMeta(candidates) {
  return {
    startedAt: '2026-12-03T00:00:00.000Z',
    host: { cpus: 2, cpuModel: 'test' },
    versions: { node: 'v20', nginx: 'nginx/1', wrk: 'wrk 4' },
    git: 'abc1234',
    knobs: { rounds: 3, durationS: 8, windows: 4, windowSeconds: [2, 2, 2, 2], warmupS: 2, conns: 50, threads: 1, scenarios: ['one-route'], candidates, pacedConns: 16 },
    database: 'test',
    loadavg: { before: [0.1, 0.1, 0.1], after: [0.5, 0.5, 0.5] },
  };
}

export const reload = (overrides = {}) => ({ attempted: 8, ok: 8, failed: 0, skipped: 0, putMsMedian: 90, putMsMax: 140, failures: [], ...overrides });

/**
 * A full run of `rounds` rounds where Margay's figures are the floor's times the given factors.
 * @param {{ s1?: number, s1Rps?: number, s2?: number, s3?: number, s4P99?: number, pacedAdded?: number, reloadErrors?: number }} f
 */
export function run(f = {}, rounds = 3) {
  const { s1 = 1.2, s1Rps = 0.85, s2 = 1.22, s3 = 1.4, s4P99 = 1.1, pacedAdded = 0.5, reloadErrors = 0 } = f;
  const rows = [];
  const paced = [];
  for (let round = 1; round <= rounds; round++) {
    const floor = { cpu: 100 + round, rps: 6000, p99: 10 };
    for (const scenario of ['one-route', 'routes-1k', 'jwt-claims']) {
      rows.push(row(round, scenario, 'http-proxy', floor));
      rows.push(row(round, scenario, 'nginx', { cpu: 20, rps: 20000, p99: 5 }));
    }
    rows.push(row(round, 'one-route', 'margay', { cpu: floor.cpu * s1, rps: floor.rps * s1Rps, p99: 12 }));
    rows.push(row(round, 'routes-1k', 'margay', { cpu: floor.cpu * s2, rps: 5000, p99: 12 }));
    rows.push(row(round, 'jwt-claims', 'margay', { cpu: floor.cpu * s3, rps: 4000, p99: 15 }));
    rows.push(row(round, 'hot-reload', 'margay', {
      cpu: 130, rps: 4800, p99: 12 * s4P99, errors: reloadErrors,
      reload: reload(), steady: { rps: 5000, p99_ms: 12, cpuMsPer1k: 125 },
    }));
    paced.push({ round, candidate: 'http-proxy', targetRps: 3000, rps: 3000, p50_ms: 0.7, p99_ms: 2 });
    paced.push({ round, candidate: 'margay', targetRps: 3000, rps: 3000, p50_ms: 0.9, p99_ms: 2 + pacedAdded });
  }
  return { rows, paced };
}
