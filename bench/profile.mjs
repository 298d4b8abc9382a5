#!/usr/bin/env node
// `npm run bench:profile`: where the time of one request goes, Margay beside raw http-proxy. For one
// scenario of `npm run bench`, each candidate is started fresh with the V8 sampling profiler preloaded
// (servers/profiler.mjs), warmed up, then profiled during one wrk run; rounds interleave the
// candidates. Prints µs per request by what the code belongs to (NestJS, Fastify, Node's http,
// Margay's own code, …) and the functions that cost most, and keeps the .cpuprofile files (open them
// in Chrome DevTools → Performance, or any .cpuprofile viewer). PROFILE=heap records V8's sampling
// heap profiler instead (the same preload) and prints bytes allocated per request the same
// way (.heapprofile files: DevTools → Memory). Knobs: bench/README.md, "Profile".
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHttpProxy, startMargay } from './lib/candidates.mjs';
import { describeMachine, hasCommand, hasGatewayBuild, loadAverages, staleSources } from './lib/environment.mjs';
import { intKnob, prepareFixtures, runHarness, scenarioKnob } from './lib/harness.mjs';
import { KnobError, MAX_DURATION_S } from './lib/knobs.mjs';
import { sleep, stopGroup } from './lib/processes.mjs';
import { timedRun } from './lib/measure.mjs';
import { CATEGORIES, attribute, attributeAllocations } from './lib/profile-report.mjs';
import { spread } from './lib/summary.mjs';
import { runWrk } from './lib/wrk.mjs';

const repoRoot = join(import.meta.dirname, '..');
/** The profiler preload (both kinds; BENCH_PROFILE_KIND picks one). */
const PRELOAD = join(import.meta.dirname, 'servers', 'profiler.mjs');
/** The file each kind of profile writes, and how it is read. */
const KINDS = {
  cpu: {
    extension: 'cpuprofile',
    read: (profile, requests) => {
      const { busyUs, categories, functions } = attribute(profile, requests);
      return { total: busyUs, categories, functions };
    },
  },
  heap: { extension: 'heapprofile', read: attributeAllocations },
};
const PROFILED = ['http-proxy', 'margay'];

function readProfileKnobs(env = process.env) {
  const int = (name, fallback, min, max) => intKnob(env, name, fallback, min, max);
  const scenario = scenarioKnob(env);
  const kind = env.PROFILE?.trim() || 'cpu';
  if (!KINDS[kind]) throw new KnobError(`PROFILE=${kind}: expected cpu or heap`);
  const candidates = (env.CANDIDATES?.trim() || PROFILED.join(',')).split(',').map((c) => c.trim()).filter(Boolean);
  for (const c of candidates) if (!PROFILED.includes(c)) throw new KnobError(`CANDIDATES: ${c} cannot be profiled (only ${PROFILED.join(', ')}: nginx is not a node process)`);
  return {
    kind,
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
  const started = await start({
    BENCH_PROFILE_OUT: outFile,
    BENCH_PROFILE_KIND: knobs.kind,
    BENCH_PROFILE_INTERVAL_US: String(knobs.intervalUs),
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${PRELOAD}`.trim(),
  });
  try {
    if (!started.ok) throw new Error(`${candidate} did not start: ${started.reason}`);
    const { handle } = started;
    const wrk = { url: `${handle.url}${scenario.requestPath}`, conns: knobs.conns, threads: 1, headers: scenario.headers(ctx) };
    if (knobs.warmupS > 0) await runWrk({ ...wrk, durationS: knobs.warmupS, rawFile: `${wrkFile}-warmup.txt` });
    process.kill(handle.proc.pid, 'SIGUSR2');
    await sleep(100); // the profiler starts asynchronously
    const run = await timedRun(handle.proc.pid, { ...wrk, durationS: knobs.durationS, rawFile: `${wrkFile}.txt` });
    process.kill(handle.proc.pid, 'SIGUSR2');
    if (run.wrkError) throw new Error(`wrk failed against ${candidate}: ${run.wrkError}`);
    const deadline = Date.now() + 15_000;
    while (!existsSync(outFile) && Date.now() < deadline) await sleep(100);
    if (!existsSync(outFile)) throw new Error(`${candidate} wrote no profile within 15 s (see its log)`);
    const profile = KINDS[knobs.kind].read(JSON.parse(readFileSync(outFile, 'utf8')), run.requests);
    return { candidate, rps: run.rps, requests: run.requests, errors: run.errors.total, cpuMsPer1k: run.cpuMsPer1k, ...profile };
  } finally {
    if (started.handle) await stopGroup(started.handle.proc, 15_000);
  }
}

/** The median over rounds, 0 when no round has a number. */
const medianOf = (values) => spread(values)?.median ?? 0;

function summarizeCandidate(runs, top) {
  const categories = Object.fromEntries(CATEGORIES.map((c) => [c.id, medianOf(runs.map((r) => r.categories[c.id]))]));
  const names = new Set(runs.flatMap((r) => [...r.functions.keys()]));
  const functions = new Map([...names].map((name) => [name, medianOf(runs.map((r) => r.functions.get(name) ?? 0))]));
  return {
    rps: medianOf(runs.map((r) => r.rps)),
    cpuMsPer1k: medianOf(runs.map((r) => r.cpuMsPer1k)),
    total: medianOf(runs.map((r) => r.total)),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    categories,
    topFunctions: [...functions].sort((a, b) => b[1] - a[1]).slice(0, top),
    functions,
  };
}

/** How the two kinds of profile are worded and rounded. */
const UNITS = {
  cpu: {
    title: 'profile',
    digits: 1,
    unit: 'µs per request',
    total: 'busy µs / request (profile, wall)',
    explain: 'Medians over rounds. µs per request = wall time the main thread spent in that code while not idle ÷ requests. It includes time the process was preempted, mostly inside socket writes (a write wakes the peer process, which may take the core), so the busy total can exceed CPU time and the socket-write row varies the most; CPU-ms/1k is from /proc (all threads, profiler included, so a little above `npm run bench`).',
    top: 'the functions with the most self time',
  },
  heap: {
    title: 'allocation profile',
    digits: 0,
    unit: 'bytes per request',
    total: 'bytes allocated / request (sampled)',
    explain: 'Medians over rounds. Bytes per request = what V8\'s sampling heap profiler saw allocated on the JavaScript heap during the run (also objects collected since) ÷ requests, each sample charged to the nearest function with a script (a builtin allocates for its caller). Unlike time it does not depend on what else the machine does; every byte is work for the young generation\'s collector. CPU-ms/1k is from /proc with the profiler on.',
    top: 'the functions that allocate most',
  },
};

function markdown(summary, meta) {
  const units = UNITS[meta.knobs.kind];
  const us = (v) => (v === undefined ? '–' : v.toFixed(units.digits));
  const cands = Object.keys(summary);
  const both = cands.includes('http-proxy') && cands.includes('margay');
  const lines = [
    `# Margay ${units.title} — ${meta.scenario.number}. ${meta.scenario.id}: ${meta.scenario.title}`,
    '',
    `${meta.machine.host.cpus}× ${meta.machine.host.cpuModel}, ${meta.machine.versions.node}, Margay ${meta.machine.git}; ${meta.knobs.rounds} round(s) × ${meta.knobs.durationS} s, wrk -c${meta.knobs.conns}${meta.knobs.kind === 'cpu' ? `, sampling every ${meta.knobs.intervalUs} µs` : ''}; load average before ${meta.loadBefore.join(' ')}, after ${meta.loadAfter.join(' ')}.`,
    units.explain,
    '',
    `| | ${cands.join(' | ')}${both ? ' | Margay − http-proxy' : ''} |`,
    `|---|${cands.map(() => '---:').join('|')}${both ? '|---:' : ''}|`,
    `| req/s | ${cands.map((c) => summary[c].rps.toFixed(0)).join(' | ')}${both ? ' | ' : ''} |`,
    `| CPU-ms / 1k req (/proc) | ${cands.map((c) => us(summary[c].cpuMsPer1k)).join(' | ')}${both ? ` | ${us(summary.margay.cpuMsPer1k - summary['http-proxy'].cpuMsPer1k)}` : ''} |`,
    `| ${units.total} | ${cands.map((c) => us(summary[c].total)).join(' | ')}${both ? ` | ${us(summary.margay.total - summary['http-proxy'].total)}` : ''} |`,
  ];
  for (const category of CATEGORIES) {
    const values = cands.map((c) => summary[c].categories[category.id]);
    if (values.every((v) => v < 0.05)) continue;
    lines.push(`| ${category.label} | ${values.map(us).join(' | ')}${both ? ` | ${us(summary.margay.categories[category.id] - summary['http-proxy'].categories[category.id])}` : ''} |`);
  }
  lines.push(`| errors | ${cands.map((c) => summary[c].errors).join(' | ')}${both ? ' | ' : ''} |`);
  for (const c of cands) {
    lines.push('', `## ${c}: ${units.top.replace('the functions', `the ${meta.knobs.top} functions`)} (${units.unit})`, '', `| ${meta.knobs.kind === 'cpu' ? 'µs' : 'bytes'} | function |`, '|---:|---|');
    for (const [name, value] of summary[c].topFunctions) lines.push(`| ${us(value)} | \`${name}\` |`);
  }
  if (both) {
    const names = new Set([...summary.margay.functions.keys(), ...summary['http-proxy'].functions.keys()]);
    const diffs = [...names]
      .map((name) => [name, (summary.margay.functions.get(name) ?? 0) - (summary['http-proxy'].functions.get(name) ?? 0)])
      .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
      .slice(0, meta.knobs.top);
    lines.push('', `## Margay − http-proxy: the ${meta.knobs.top} largest differences per function (${units.unit})`, '', 'Code both run (Node\'s http, the socket writes) costs more in a bigger process too; compare the categories first.', '', `| Δ ${meta.knobs.kind === 'cpu' ? 'µs' : 'bytes'} | function |`, '|---:|---|');
    for (const [name, value] of diffs) lines.push(`| ${value >= 0 ? '+' : ''}${us(value)} | \`${name}\` |`);
  }
  return `${lines.join('\n')}\n`;
}

async function main(cleanups) {
  const knobs = readProfileKnobs();
  if (!hasCommand('wrk')) throw new Error('wrk is not installed (apt-get install wrk)');
  const withMargay = knobs.candidates.includes('margay');
  if (withMargay && !hasGatewayBuild(repoRoot)) throw new Error('Margay is not built: run `npm run build` first');
  const stale = withMargay ? staleSources(repoRoot) : [];
  if (stale.length > 0) console.log(`note: sources newer than the gateway build (run \`npm run build\` to profile them): ${stale.join(', ')}`);

  const loadBefore = loadAverages();
  const { stamp, outDir, logDir, scratch, database, upstream, ports, ctx, adminToken } = await prepareFixtures({ repoRoot, kind: knobs.kind === 'heap' ? 'heap-profile' : 'profile', scenario: knobs.scenario, cleanups });
  const machine = describeMachine(repoRoot);
  console.log(`Margay ${UNITS[knobs.kind].title} ${stamp}: scenario ${knobs.scenario.number}. ${knobs.scenario.id}; candidates ${knobs.candidates.join(', ')}; ${knobs.rounds} round(s) × ${knobs.durationS} s; load average ${loadBefore.join(' ')}`);

  const starters = {
    'http-proxy': (label) => (extraEnv) =>
      startHttpProxy({ port: ports.proxy, upstreamUrl: upstream.url, logFile: join(logDir, `${label}.log`), timeoutMs: 10_000, extraEnv }),
    margay: (label) => (extraEnv) =>
      startMargay({
        repoRoot, port: ports.margay, adminPort: ports.admin, adminToken, database, embeddedPgPort: ports.embeddedPg,
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
        outFile: join(outDir, `${label}.${KINDS[knobs.kind].extension}`), wrkFile: join(logDir, `${label}-wrk`),
      });
      runs[candidate].push(run);
      const total = knobs.kind === 'cpu' ? `busy ${run.total.toFixed(1).padStart(6)} µs/req` : `allocated ${run.total.toFixed(0).padStart(6)} B/req`;
      console.log(`round ${round}/${knobs.rounds}  ${candidate.padEnd(10)} ${run.rps.toFixed(0).padStart(6)} req/s  cpu ${run.cpuMsPer1k.toFixed(1).padStart(6)} ms/1k  ${total}  errors ${run.errors}`);
    }
  }
  const summary = Object.fromEntries(knobs.candidates.map((c) => [c, summarizeCandidate(runs[c], knobs.top)]));
  const text = markdown(summary, { scenario: knobs.scenario, machine, knobs, loadBefore, loadAfter: loadAverages() });
  console.log(`\n${text}`);
  writeFileSync(join(outDir, 'summary.md'), text);
  console.log(`written: ${join(outDir, 'summary.md')} and the .${KINDS[knobs.kind].extension} of every run`);
}

runHarness('bench:profile', main);
