#!/usr/bin/env node
// `npm run bench:profile`: where the time of one request goes, Margay beside raw http-proxy. For one
// scenario of `npm run bench`, each candidate is started fresh with the V8 sampling profiler preloaded
// (servers/cpu-profiler.mjs), warmed up, then profiled during one wrk run; rounds interleave the
// candidates. Prints µs per request by what the code belongs to (NestJS, Fastify, Node's http,
// Margay's own code, …) and the functions that cost most, and keeps the .cpuprofile files (open them
// in Chrome DevTools → Performance, or any .cpuprofile viewer). Knobs: bench/README.md, "Profile".
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHttpProxy, startMargay, startUpstream } from './lib/candidates.mjs';
import { groupCpuTicks, ticksToMs } from './lib/cpu.mjs';
import { prepareDatabase } from './lib/database.mjs';
import { describeMachine, hasCommand, hasGatewayBuild, loadAverages, staleSources } from './lib/environment.mjs';
import { AUDIENCE, startJwksProvider } from './lib/jwks-provider.mjs';
import { KnobError, MAX_DURATION_S, SCENARIO_IDS } from './lib/knobs.mjs';
import { freePorts } from './lib/ports.mjs';
import { closeRegistry, killAllGroupsNow, sleep, stopAllGroups, stopGroup } from './lib/processes.mjs';
import { CATEGORIES, attribute, medianOf } from './lib/profile-report.mjs';
import { SCENARIOS } from './lib/scenarios.mjs';
import { runWrk } from './lib/wrk.mjs';

const repoRoot = join(import.meta.dirname, '..');
const PRELOAD = join(import.meta.dirname, 'servers', 'cpu-profiler.mjs');
const PROFILED = ['http-proxy', 'margay'];
const cleanups = [];

function readProfileKnobs(env = process.env) {
  const int = (name, fallback, min, max) => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new KnobError(`${name}=${raw}: expected a whole number from ${min} to ${max}`);
    return Number(raw);
  };
  const scenarioRaw = env.SCENARIO?.trim() || 'one-route';
  const scenarioId = /^[1-4]$/.test(scenarioRaw) ? SCENARIO_IDS[Number(scenarioRaw) - 1] : scenarioRaw;
  const scenario = SCENARIOS.find((s) => s.id === scenarioId);
  if (!scenario) throw new KnobError(`SCENARIO=${scenarioRaw}: expected 1–4 or one of ${SCENARIO_IDS.join(', ')}`);
  if (scenario.reloadConfig) throw new KnobError(`SCENARIO=${scenarioRaw}: the hot-reload scenario is not profiled (its PUTs come from this process); profile one-route instead`);
  const candidates = (env.CANDIDATES?.trim() || PROFILED.join(',')).split(',').map((c) => c.trim()).filter(Boolean);
  for (const c of candidates) if (!PROFILED.includes(c)) throw new KnobError(`CANDIDATES: ${c} cannot be profiled (only ${PROFILED.join(', ')}: nginx is not a node process)`);
  return {
    scenario,
    candidates: [...new Set(candidates)],
    rounds: int('ROUNDS', 3, 1, 20),
    durationS: int('DURATION', 8, 1, MAX_DURATION_S),
    warmupS: int('WARMUP', 3, 0, MAX_DURATION_S),
    conns: int('CONNS', 50, 1, 2000),
    intervalUs: int('INTERVAL_US', 200, 50, 10_000),
    top: int('TOP', 25, 1, 200),
  };
}

async function profileOnce({ candidate, start, scenario, ctx, knobs, outFile, wrkFile }) {
  const started = await start({ BENCH_PROFILE_OUT: outFile, BENCH_PROFILE_INTERVAL_US: String(knobs.intervalUs), NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${PRELOAD}`.trim() });
  try {
    if (!started.ok) throw new Error(`${candidate} did not start: ${started.reason}`);
    const { handle } = started;
    const wrk = { url: `${handle.url}${scenario.requestPath}`, conns: knobs.conns, threads: 1, headers: scenario.headers(ctx) };
    if (knobs.warmupS > 0) await runWrk({ ...wrk, durationS: knobs.warmupS, rawFile: `${wrkFile}-warmup.txt` });
    process.kill(handle.proc.pid, 'SIGUSR2');
    await sleep(100); // the profiler starts asynchronously
    const ticksBefore = groupCpuTicks(handle.proc.pid);
    const run = await runWrk({ ...wrk, durationS: knobs.durationS, rawFile: `${wrkFile}.txt` });
    const cpuMs = ticksToMs(groupCpuTicks(handle.proc.pid) - ticksBefore);
    process.kill(handle.proc.pid, 'SIGUSR2');
    if (!run.ok) throw new Error(`wrk failed against ${candidate}: ${run.reason}`);
    const deadline = Date.now() + 15_000;
    while (!existsSync(outFile) && Date.now() < deadline) await sleep(100);
    if (!existsSync(outFile)) throw new Error(`${candidate} wrote no profile within 15 s (see its log)`);
    const result = run.result;
    const errors = result.non2xx + result.err_connect + result.err_read + result.err_write + result.err_timeout;
    return { candidate, rps: result.rps, requests: result.requests, errors, cpuMsPer1k: (cpuMs / result.requests) * 1000, ...attribute(JSON.parse(readFileSync(outFile, 'utf8')), result.requests) };
  } finally {
    if (started.handle) await stopGroup(started.handle.proc, 15_000);
  }
}

function summarizeCandidate(runs, top) {
  const categories = Object.fromEntries(CATEGORIES.map((c) => [c.id, medianOf(runs.map((r) => r.categories[c.id]))]));
  const names = new Set(runs.flatMap((r) => [...r.functions.keys()]));
  const functions = new Map([...names].map((name) => [name, medianOf(runs.map((r) => r.functions.get(name) ?? 0))]));
  return {
    rps: medianOf(runs.map((r) => r.rps)),
    cpuMsPer1k: medianOf(runs.map((r) => r.cpuMsPer1k)),
    busyUs: medianOf(runs.map((r) => r.busyUs)),
    idleShare: medianOf(runs.map((r) => r.idleShare)),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    categories,
    topFunctions: [...functions].sort((a, b) => b[1] - a[1]).slice(0, top),
    functions,
  };
}

function markdown(summary, meta) {
  const us = (v) => (v === undefined ? '–' : v.toFixed(1));
  const cands = Object.keys(summary);
  const both = cands.includes('http-proxy') && cands.includes('margay');
  const lines = [
    `# Margay profile — ${meta.scenario.number}. ${meta.scenario.id}: ${meta.scenario.title}`,
    '',
    `${meta.machine.host.cpus}× ${meta.machine.host.cpuModel}, ${meta.machine.versions.node}, Margay ${meta.machine.git}; ${meta.knobs.rounds} round(s) × ${meta.knobs.durationS} s, wrk -c${meta.knobs.conns}, sampling every ${meta.knobs.intervalUs} µs; load average before ${meta.loadBefore.join(' ')}, after ${meta.loadAfter.join(' ')}.`,
    'Medians over rounds. µs per request = wall time the main thread spent in that code while not idle ÷ requests. It includes time the process was preempted, mostly inside socket writes (a write wakes the peer process, which may take the core), so the busy total can exceed CPU time and the socket-write row varies the most; CPU-ms/1k is from /proc (all threads, profiler included, so a little above `npm run bench`).',
    '',
    `| | ${cands.join(' | ')}${both ? ' | Margay − http-proxy' : ''} |`,
    `|---|${cands.map(() => '---:').join('|')}${both ? '|---:' : ''}|`,
    `| req/s | ${cands.map((c) => summary[c].rps.toFixed(0)).join(' | ')}${both ? ' | ' : ''} |`,
    `| CPU-ms / 1k req (/proc) | ${cands.map((c) => us(summary[c].cpuMsPer1k)).join(' | ')}${both ? ` | ${us(summary.margay.cpuMsPer1k - summary['http-proxy'].cpuMsPer1k)}` : ''} |`,
    `| busy µs / request (profile, wall) | ${cands.map((c) => us(summary[c].busyUs)).join(' | ')}${both ? ` | ${us(summary.margay.busyUs - summary['http-proxy'].busyUs)}` : ''} |`,
  ];
  for (const category of CATEGORIES) {
    const values = cands.map((c) => summary[c].categories[category.id]);
    if (values.every((v) => v < 0.05)) continue;
    lines.push(`| ${category.label} | ${values.map(us).join(' | ')}${both ? ` | ${us(summary.margay.categories[category.id] - summary['http-proxy'].categories[category.id])}` : ''} |`);
  }
  lines.push(`| errors | ${cands.map((c) => summary[c].errors).join(' | ')}${both ? ' | ' : ''} |`);
  for (const c of cands) {
    lines.push('', `## ${c}: the ${meta.knobs.top} functions with the most self time (µs per request)`, '', '| µs | function |', '|---:|---|');
    for (const [name, value] of summary[c].topFunctions) lines.push(`| ${us(value)} | \`${name}\` |`);
  }
  if (both) {
    const names = new Set([...summary.margay.functions.keys(), ...summary['http-proxy'].functions.keys()]);
    const diffs = [...names]
      .map((name) => [name, (summary.margay.functions.get(name) ?? 0) - (summary['http-proxy'].functions.get(name) ?? 0)])
      .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
      .slice(0, meta.knobs.top);
    lines.push('', `## Margay − http-proxy: the ${meta.knobs.top} largest differences per function (µs per request)`, '', 'Code both run (Node\'s http, the socket writes) costs more in a bigger process too; compare the categories first.', '', '| Δ µs | function |', '|---:|---|');
    for (const [name, value] of diffs) lines.push(`| ${value >= 0 ? '+' : ''}${us(value)} | \`${name}\` |`);
  }
  return `${lines.join('\n')}\n`;
}

async function main() {
  let knobs;
  try {
    knobs = readProfileKnobs();
  } catch (error) {
    if (error instanceof KnobError) {
      console.error(`bench:profile: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  if (!hasCommand('wrk')) throw new Error('wrk is not installed (apt-get install wrk)');
  const withMargay = knobs.candidates.includes('margay');
  if (withMargay && !hasGatewayBuild(repoRoot)) throw new Error('Margay is not built: run `npm run build` first');
  const stale = withMargay ? staleSources(repoRoot) : [];
  if (stale.length > 0) console.log(`note: sources newer than the gateway build (run \`npm run build\` to profile them): ${stale.join(', ')}`);

  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const outDir = join(repoRoot, 'bench', 'results', `${stamp}-profile-${knobs.scenario.id}`);
  const logDir = join(outDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'margay-profile-'));
  chmodSync(scratch, 0o711); // an embedded Postgres (user postgres) must reach its data dir below it
  cleanups.push(async () => rmSync(scratch, { recursive: true, force: true }));

  const loadBefore = loadAverages();
  const [upstreamPort, proxyPort, margayPort, adminPort, jwksPort, embeddedPgPort] = await freePorts(6);
  const database = withMargay ? await prepareDatabase(`margay_profile_${stamp.replace('-', '_')}_${process.pid}`) : undefined;
  if (database) cleanups.push(database.drop);
  const provider = await startJwksProvider(jwksPort);
  cleanups.push(provider.close);
  const upstream = await startUpstream({ port: upstreamPort, logDir });
  const ctx = { upstreamPort, issuer: provider.issuer, audience: AUDIENCE, token: provider.token };
  const adminToken = randomBytes(24).toString('hex');
  const machine = describeMachine(repoRoot);
  console.log(`Margay profile ${stamp}: scenario ${knobs.scenario.number}. ${knobs.scenario.id}; candidates ${knobs.candidates.join(', ')}; ${knobs.rounds} round(s) × ${knobs.durationS} s; load average ${loadBefore.join(' ')}`);

  const starters = {
    'http-proxy': (label) => (extraEnv) =>
      startHttpProxy({ port: proxyPort, upstreamUrl: upstream.url, logFile: join(logDir, `${label}.log`), timeoutMs: 10_000, extraEnv }),
    margay: (label) => (extraEnv) =>
      startMargay({
        repoRoot, port: margayPort, adminPort, adminToken, database, embeddedPgPort,
        dataDir: join(scratch, 'margay-data'), config: knobs.scenario.margayConfig(ctx),
        logFile: join(logDir, `${label}.log`), timeoutMs: 60_000, extraEnv,
      }),
  };
  const runs = Object.fromEntries(knobs.candidates.map((c) => [c, []]));
  for (let round = 1; round <= knobs.rounds; round++) {
    for (const candidate of knobs.candidates) {
      const label = `r${round}-${candidate}`;
      const run = await profileOnce({
        candidate, start: starters[candidate](label), scenario: knobs.scenario, ctx, knobs,
        outFile: join(outDir, `${label}.cpuprofile`), wrkFile: join(logDir, `${label}-wrk`),
      });
      runs[candidate].push(run);
      console.log(`round ${round}/${knobs.rounds}  ${candidate.padEnd(10)} ${run.rps.toFixed(0).padStart(6)} req/s  cpu ${run.cpuMsPer1k.toFixed(1).padStart(6)} ms/1k  busy ${run.busyUs.toFixed(1).padStart(6)} µs/req  errors ${run.errors}`);
    }
  }
  const summary = Object.fromEntries(knobs.candidates.map((c) => [c, summarizeCandidate(runs[c], knobs.top)]));
  const text = markdown(summary, { scenario: knobs.scenario, machine, knobs, loadBefore, loadAfter: loadAverages() });
  console.log(`\n${text}`);
  writeFileSync(join(outDir, 'summary.md'), text);
  console.log(`written: ${join(outDir, 'summary.md')} and the .cpuprofile of every run`);
}

async function cleanup() {
  closeRegistry();
  await stopAllGroups();
  for (const step of cleanups.reverse()) {
    const problem = await step().catch((error) => error.message);
    if (problem) console.error(`cleanup: ${problem}`);
  }
}

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) process.once(signal, () => void cleanup().finally(() => process.exit(code)));
process.on('exit', killAllGroupsNow);

main()
  .then(cleanup)
  .catch(async (error) => {
    console.error(`bench:profile: ${error instanceof Error ? error.message : String(error)}`);
    await cleanup();
    process.exitCode = 1;
  });
