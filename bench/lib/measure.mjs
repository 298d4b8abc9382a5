// One measurement: start a candidate fresh, check one request, warm up, measure (CPU from /proc around
// the wrk run), optionally a paced run on the same process, stop it.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { groupCpuTicks, ticksToMs } from './cpu.mjs';
import { httpRequest } from './http.mjs';
import { stopGroup } from './processes.mjs';
import { startReloadLoop } from './reload-loop.mjs';
import { checkEcho } from './scenarios.mjs';
import { runWrk, socketErrors } from './wrk.mjs';

/**
 * @param {{
 *   round: number, scenario: import('./scenarios.mjs').Scenario, candidate: string,
 *   ctx: import('./scenarios.mjs').ScenarioContext, knobs: ReturnType<typeof import('./knobs.mjs').readKnobs>,
 *   start: () => Promise<import('./candidates.mjs').StartResult>, wrkDir: string,
 *   pacing?: { script: string, rpsFor: (row: object) => number | undefined }, reload?: { adminToken: string },
 * }} job
 * @returns {Promise<{ row: object, paced?: object }>}
 */
export async function measure(job) {
  const { round, scenario, candidate, ctx, knobs } = job;
  const base = { round, scenario: scenario.id, candidate, loadavg1: loadavg()[0] };
  const url = (handle) => `${handle.url}${scenario.requestPath}`;
  const headers = scenario.headers(ctx);
  const startedAt = performance.now();
  const started = await job.start();
  const startMs = Math.round(performance.now() - startedAt);
  const stop = () => (started.handle ? stopGroup(started.handle.proc, candidate === 'margay' ? 15_000 : 5000) : undefined);
  try {
    if (!started.ok) return { row: { ...base, startMs, check: { ok: false, stage: started.stage, detail: started.reason }, measured: false } };
    const handle = started.handle;
    const check = { stage: 'check', ...(await checkOnce(url(handle), headers, scenario.expect(candidate))) };
    if (check.ok && scenario.refusesWithoutToken?.includes(candidate)) {
      const anonymous = await statusOf(url(handle));
      if (anonymous !== 401) Object.assign(check, { ok: false, detail: `without a token: status ${anonymous}, expected 401` });
    }
    if (!check.ok && !knobs.measureOnFail) return { row: { ...base, startMs, check, measured: false } };

    const file = (kind) => join(job.wrkDir, `r${round}-${scenario.id}-${candidate}-${kind}.txt`);
    const wrkBase = { url: url(handle), conns: knobs.conns, threads: knobs.threads, headers };
    if (knobs.warmupS > 0) await runWrk({ ...wrkBase, durationS: knobs.warmupS, rawFile: file('warmup') });

    const loop = scenario.reloadConfig && handle.adminUrl
      ? startReloadLoop({
          adminUrl: handle.adminUrl,
          adminToken: job.reload.adminToken,
          intervalMs: knobs.reloadIntervalMs,
          configFor: (tick) => scenario.reloadConfig(ctx, tick),
        })
      : undefined;
    const run = await timedRun(handle.proc.pid, { ...wrkBase, durationS: knobs.durationS, rawFile: file('measured') });
    const reload = loop ? await loop.stop() : undefined;
    // After a run of reloads the gateway must still route correctly.
    const after = loop ? await checkOnce(url(handle), headers, scenario.expect(candidate)) : undefined;
    const row = { ...base, startMs, check, measured: true, ...run, ...(reload ? { reload, checkAfter: after } : {}) };

    let paced;
    const pacedRps = job.pacing && check.ok && row.rps > 0 ? job.pacing.rpsFor(row) : undefined;
    if (pacedRps) {
      const pacedRun = await timedRun(handle.proc.pid, {
        ...wrkBase,
        conns: knobs.pacedConns,
        durationS: knobs.durationS,
        script: job.pacing.script,
        scriptArgs: [Math.round(pacedRps), knobs.threads],
        rawFile: file('paced'),
      });
      paced = { round, candidate, targetRps: Math.round(pacedRps), ...pacedRun };
    }
    return { row, paced };
  } finally {
    await stop();
  }
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
