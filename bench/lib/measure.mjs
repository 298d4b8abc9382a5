// One round of one scenario: its candidates started fresh, checked, warmed up, measured in windows
// that alternate between them (CPU from /proc around each wrk run), optionally paced runs likewise,
// then stopped.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { groupCpuTicks, ticksToMs } from './cpu.mjs';
import { httpRequest } from './http.mjs';
import { stopGroup } from './processes.mjs';
import { startReloadLoop } from './reload-loop.mjs';
import { scrapeMajorGcs } from './gc-count.mjs';
import { checkEcho } from './scenarios.mjs';
import { spread, sumErrors } from './summary.mjs';
import { runWrk, socketErrors } from './wrk.mjs';

/**
 * One scenario of one round: every candidate of it started (each on its own port) and checked, each
 * warmed up, then the measured time cut into `WINDOWS` windows that rotate between the candidates
 * (the first to run moves on by one each window and each round: A B C, B C A, C A B, …), so what the machine does meanwhile falls on all of
 * them alike; then, where asked, the paced runs in windows too (http-proxy's rate ÷ 2 from its
 * measurement just before); then every candidate is stopped. Per candidate the windows add up
 * (requests, CPU, errors); latency percentiles are the median over its windows.
 * @param {{
 *   round: number, scenario: import('./scenarios.mjs').Scenario, ctx: import('./scenarios.mjs').ScenarioContext,
 *   knobs: ReturnType<typeof import('./knobs.mjs').readKnobs>, wrkDir: string,
 *   candidates: { candidate: string, start: () => Promise<import('./candidates.mjs').StartResult> }[],
 *   pacing?: { script: string, candidates: string[], rps?: number }, adminToken?: string,
 * }} job  `adminToken`: Margay's admin API, for scenario 4's reloads and each Margay's /metrics (its major-GC count)
 * @returns {Promise<{ rows: object[], paced: object[] }>}
 */
export async function measureRound(job) {
  const { round, scenario, ctx, knobs } = job;
  const headers = scenario.headers(ctx);
  const file = (candidate, kind) => join(job.wrkDir, `r${round}-${scenario.id}-${candidate}-${kind}.txt`);
  const running = [];
  const rows = [];
  let loop;
  try {
    for (const { candidate, start } of job.candidates) {
      const base = { round, scenario: scenario.id, candidate, loadavg1: loadavg()[0] };
      const startedAt = performance.now();
      const started = await start();
      const startMs = Math.round(performance.now() - startedAt);
      if (started.handle) running.push({ candidate, handle: started.handle });
      if (!started.ok) {
        rows.push({ ...base, startMs, check: { ok: false, stage: started.stage, detail: started.reason }, measured: false });
        // A candidate left running would take CPU from the others' windows.
        if (started.handle) await stopNow(running, started.handle, candidate);
        continue;
      }
      const url = `${started.handle.url}${scenario.requestPath}`;
      const check = { stage: 'check', ...(await checkOnce(url, headers, scenario.expect(candidate))) };
      if (check.ok && scenario.refusesWithoutToken?.includes(candidate)) {
        const anonymous = await statusOf(url);
        if (anonymous !== 401) Object.assign(check, { ok: false, detail: `without a token: status ${anonymous}, expected 401` });
      }
      const row = { ...base, startMs, check, measured: check.ok || knobs.measureOnFail };
      rows.push(row);
      if (row.measured) row.target = { pid: started.handle.proc.pid, adminUrl: started.handle.adminUrl, wrk: { url, conns: knobs.conns, threads: knobs.threads, headers } };
      else await stopNow(running, started.handle, candidate);
    }
    const measured = rows.filter((row) => row.measured);
    for (const row of measured) {
      if (knobs.warmupS > 0) await runWrk({ ...row.target.wrk, durationS: knobs.warmupS, rawFile: file(row.candidate, 'warmup') });
    }

    // Scenario 4: the reloading candidate's windows alternate with windows of the same process without
    // reloads (its `steady` twin), so its p99 is compared with scenario 1 as measured seconds apart on the
    // same process, not minutes apart on another.
    const reloading = scenario.reloadConfig ? measured.find((row) => row.target.adminUrl) : undefined;
    const steady = reloading ? { candidate: `${reloading.candidate}-steady`, target: reloading.target } : undefined;
    const reloads = [];
    const windowed = steady ? [...measured, steady] : measured;
    const adminToken = job.adminToken;
    const gcBefore = new Map();
    for (const row of measured) if (row.target.adminUrl && adminToken) gcBefore.set(row, await scrapeMajorGcs(row.target.adminUrl, adminToken));
    const saturated = await inWindows(windowed, knobs, round, async (row, w) => {
      const run = () => timedRun(row.target.pid, { ...row.target.wrk, durationS: knobs.windowSeconds[w], rawFile: file(row.candidate, `measured-w${w + 1}`) });
      if (row !== reloading) return run();
      loop = startReloadLoop({
        adminUrl: reloading.target.adminUrl,
        adminToken,
        intervalMs: knobs.reloadIntervalMs,
        configFor: (tick) => scenario.reloadConfig(ctx, reloads.length * 1000 + tick),
      });
      try {
        return await run();
      } finally {
        reloads.push(await loop.stop());
        loop = undefined;
      }
    });
    if (reloading) {
      reloading.reload = combineReloads(reloads);
      reloading.steady = saturated.get(steady);
    }
    for (const row of measured) Object.assign(row, saturated.get(row));
    // Full collections during the saturated windows (the paced runs come after): the slow mode's mark.
    for (const [row, before] of gcBefore) {
      const after = await scrapeMajorGcs(row.target.adminUrl, adminToken);
      if (before !== undefined && after !== undefined) row.majorGcs = after - before;
    }
    // After a run of reloads the gateway must still route correctly.
    if (reloading) reloading.checkAfter = await checkOnce(reloading.target.wrk.url, headers, scenario.expect(reloading.candidate));

    const paced = [];
    const floor = measured.find((row) => row.candidate === 'http-proxy' && row.rps > 0);
    const pacedRps = job.pacing ? (job.pacing.rps ?? (floor ? floor.rps / 2 : undefined)) : undefined;
    const pacedRows = pacedRps ? measured.filter((row) => job.pacing.candidates.includes(row.candidate) && row.check.ok && row.rps > 0) : [];
    if (pacedRows.length > 0) {
      const targetRps = Math.round(pacedRps);
      const runs = await inWindows(pacedRows, knobs, round, (row, w) =>
        timedRun(row.target.pid, {
          ...row.target.wrk,
          conns: knobs.pacedConns,
          durationS: knobs.windowSeconds[w],
          script: job.pacing.script,
          scriptArgs: [targetRps, knobs.threads],
          rawFile: file(row.candidate, `paced-w${w + 1}`),
        }));
      for (const row of pacedRows) paced.push({ round, candidate: row.candidate, targetRps, ...runs.get(row) });
    }
    for (const row of rows) delete row.target;
    return { rows, paced };
  } finally {
    await loop?.stop(); // idempotent: a no-op after the stop above, the cleanup when the windows threw
    for (const { candidate, handle } of running.reverse()) await stopGroup(handle.proc, stopGraceMs(candidate));
  }
}

const stopGraceMs = (candidate) => (candidate === 'margay' ? 15_000 : 5000);

/** Stops a candidate that will not be measured, and takes it off the list `finally` stops. */
async function stopNow(running, handle, candidate) {
  running.splice(running.findIndex((entry) => entry.handle === handle), 1);
  await stopGroup(handle.proc, stopGraceMs(candidate));
}

/**
 * `knobs.windowSeconds.length` windows of `run(row, window)` per row, the order rotating by window and round;
 * then each row's windows combined (combineWindows).
 * @returns {Promise<Map<object, object>>}
 */
async function inWindows(rows, knobs, round, run) {
  const results = new Map(rows.map((row) => [row, []]));
  for (let w = 0; w < knobs.windowSeconds.length; w++) {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[(i + w + round - 1) % rows.length];
      results.get(row).push(await run(row, w));
    }
  }
  return new Map([...results].map(([row, windows]) => [row, combineWindows(windows)]));
}

/**
 * One candidate's windows as one run: requests, time, CPU and errors add up; req/s and CPU per
 * 1,000 requests from the sums; latency percentiles the median over the windows (wrk gives
 * percentiles, not histograms), max the maximum. A failed wrk run is reported as the run's error.
 * @example combineWindows([{ requests: 10, durationS: 1, cpuMs: 2, p99_ms: 3, … }, …])
 */
export function combineWindows(windows) {
  const failed = windows.find((w) => w.wrkError);
  const cpuMs = windows.reduce((sum, w) => sum + (w.cpuMs ?? 0), 0);
  if (failed) return { wrkError: failed.wrkError, cpuMs, windows: windows.length };
  const sum = (pick) => windows.reduce((total, w) => total + pick(w), 0);
  const median = (pick) => spread(windows.map(pick))?.median ?? null;
  const requests = sum((w) => w.requests);
  const durationS = sum((w) => w.durationS);
  return {
    rps: durationS > 0 ? requests / durationS : 0,
    p50_ms: median((w) => w.p50_ms),
    p90_ms: median((w) => w.p90_ms),
    p99_ms: median((w) => w.p99_ms),
    p999_ms: median((w) => w.p999_ms),
    max_ms: Math.max(...windows.map((w) => w.max_ms)),
    requests,
    durationS,
    errors: sumErrors(windows),
    cpuMs,
    cpuMsPer1k: requests > 0 ? (cpuMs * 1000) / requests : null,
    windows: windows.length,
  };
}

/**
 * The reload loops of one candidate's windows as one: counts add up, the PUT latency median is the
 * median of the windows' medians, the max the maximum.
 * @param {import('./reload-loop.mjs').ReloadSummary[]} loops
 */
export function combineReloads(loops) {
  const sum = (key) => loops.reduce((total, l) => total + l[key], 0);
  const maxima = loops.map((l) => l.putMsMax).filter((v) => v !== null);
  return {
    attempted: sum('attempted'),
    ok: sum('ok'),
    failed: sum('failed'),
    skipped: sum('skipped'),
    putMsMedian: spread(loops.map((l) => l.putMsMedian))?.median ?? null,
    putMsMax: maxima.length ? Math.max(...maxima) : null,
    failures: [...new Set(loops.flatMap((l) => l.failures))].slice(0, 3),
  };
}

/** One request with the scenario's headers, checked against what the upstream must have seen. */
export async function checkOnce(url, headerLines, expected) {
  const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]));
  try {
    return checkEcho(await httpRequest(url, { headers, timeoutMs: 10_000 }), expected);
  } catch (error) {
    return { ok: false, detail: `request failed: ${error.message}` };
  }
}

async function statusOf(url) {
  try {
    return (await httpRequest(url, { timeoutMs: 10_000 })).status;
  } catch (error) {
    return `error (${error.message})`;
  }
}

/** One wrk run with the candidate's CPU ticks read just before and just after it. */
export async function timedRun(pgid, wrkOptions) {
  const before = groupCpuTicks(pgid);
  const result = await runWrk(wrkOptions);
  const cpuMs = ticksToMs(groupCpuTicks(pgid) - before);
  if (!result.ok) return { wrkError: result.reason, cpuMs };
  const r = result.result;
  const socket = socketErrors(r);
  return {
    rps: r.rps,
    p50_ms: r.p50_ms,
    p90_ms: r.p90_ms,
    p99_ms: r.p99_ms,
    p999_ms: r.p999_ms,
    max_ms: r.max_ms,
    requests: r.requests,
    durationS: r.duration_s,
    errors: { non2xx: r.non2xx, connect: r.err_connect, read: r.err_read, write: r.err_write, timeout: r.err_timeout, total: r.non2xx + socket },
    cpuMs,
    cpuMsPer1k: r.requests > 0 ? (cpuMs * 1000) / r.requests : null,
  };
}
