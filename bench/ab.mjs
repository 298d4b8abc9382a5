#!/usr/bin/env node
// `npm run bench:ab`: two builds of Margay against each other and raw http-proxy, in one run. On a
// shared machine two `npm run bench` runs minutes apart differ by more than most changes do; a change
// is judged by candidates measured side by side: every round starts raw http-proxy, build A (the
// repository's apps/gateway/dist) and build B (B_DIST) fresh, in an order that rotates per round,
// and the ratios are taken within each round. Knobs: bench/README.md, "A/B of two builds".
import { existsSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { startHttpProxy, startMargay } from './lib/candidates.mjs';
import { describeMachine, gatewayEntry, hasCommand, loadAverages } from './lib/environment.mjs';
import { intKnob, prepareFixtures, runHarness, scenarioKnob } from './lib/harness.mjs';
import { KnobError, MAX_DURATION_S } from './lib/knobs.mjs';
import { checkOnce, timedRun } from './lib/measure.mjs';
import { sleep, stopGroup } from './lib/processes.mjs';
import { range } from './lib/report.mjs';
import { spread } from './lib/summary.mjs';
import { runWrk } from './lib/wrk.mjs';

const repoRoot = join(import.meta.dirname, '..');
const CANDIDATES = ['http-proxy', 'A', 'B'];

function readAbKnobs(env = process.env) {
  const int = (name, fallback, min, max) => intKnob(env, name, fallback, min, max);
  const bDist = env.B_DIST?.trim();
  if (!bDist) throw new KnobError('B_DIST is not set: the directory of the other gateway build (a copy of apps/gateway/dist, e.g. apps/gateway/dist-b)');
  const bEntry = join(resolve(repoRoot, bDist), 'main.js');
  if (!existsSync(bEntry)) throw new KnobError(`B_DIST=${bDist}: no main.js in ${resolve(repoRoot, bDist)}`);
  // Inside apps/gateway the copy resolves the same node_modules as the build it is compared with.
  const inGateway = relative(join(repoRoot, 'apps', 'gateway'), bEntry);
  if (inGateway.startsWith('..') || isAbsolute(inGateway)) throw new KnobError(`B_DIST=${bDist}: put the build under apps/gateway/ (e.g. apps/gateway/dist-b), so it loads the same packages as build A`);
  return {
    scenario: scenarioKnob(env),
    bEntry,
    bLabel: env.B_LABEL?.trim() || bDist,
    // Node options for B only (e.g. a V8 heap flag): the same build started differently.
    bNodeOptions: env.B_NODE_OPTIONS?.trim() || undefined,
    rounds: int('ROUNDS', 5, 1, 30),
    durationS: int('DURATION', 6, 1, MAX_DURATION_S),
    warmupS: int('WARMUP', 2, 0, MAX_DURATION_S),
    conns: int('CONNS', 50, 1, 2000),
  };
}

/** The same candidates every round, starting one place later each time (drift spreads over all). */
function orderFor(round) {
  const shift = (round - 1) % CANDIDATES.length;
  return [...CANDIDATES.slice(shift), ...CANDIDATES.slice(0, shift)];
}

function markdown(rounds, meta) {
  const cpu = (c) => spread(rounds.map((r) => r[c]?.cpuMsPer1k));
  const ratio = (c, base) => spread(rounds.map((r) => r[c]?.cpuMsPer1k / r[base]?.cpuMsPer1k));
  const delta = spread(rounds.map((r) => (r.B?.cpuMsPer1k ?? NaN) - (r.A?.cpuMsPer1k ?? NaN)));
  const lines = [
    `# Margay A/B — ${meta.scenario.number}. ${meta.scenario.id}`,
    '',
    `A: apps/gateway/dist (Margay ${meta.machine.git}); B: ${meta.bLabel}${meta.knobs.bNodeOptions ? ` (NODE_OPTIONS ${meta.knobs.bNodeOptions})` : ''}. ${meta.knobs.rounds} rounds × ${meta.knobs.durationS} s, wrk -c${meta.knobs.conns}, order rotating per round; load average before ${meta.loadBefore.join(' ')}, after ${meta.loadAfter.join(' ')}.`,
    'Medians (min–max) over rounds; ratios per round, then the median.',
    '',
    '| | http-proxy | A | B |',
    '|---|---:|---:|---:|',
    `| CPU-ms / 1k req | ${range(cpu('http-proxy'), 1)} | ${range(cpu('A'), 1)} | ${range(cpu('B'), 1)} |`,
    `| CPU × http-proxy | 1.00 | ${range(ratio('A', 'http-proxy'), 2)} | ${range(ratio('B', 'http-proxy'), 2)} |`,
    `| req/s | ${range(spread(rounds.map((r) => r['http-proxy']?.rps)), 0)} | ${range(spread(rounds.map((r) => r.A?.rps)), 0)} | ${range(spread(rounds.map((r) => r.B?.rps)), 0)} |`,
    `| errors | ${rounds.reduce((n, r) => n + (r['http-proxy']?.errors.total ?? 0), 0)} | ${rounds.reduce((n, r) => n + (r.A?.errors.total ?? 0), 0)} | ${rounds.reduce((n, r) => n + (r.B?.errors.total ?? 0), 0)} |`,
    '',
    `B − A: ${range(delta, 1)} CPU-ms per 1,000 requests (µs per request); B ÷ A ${range(ratio('B', 'A'), 3)}.`,
  ];
  return `${lines.join('\n')}\n`;
}

async function main(cleanups) {
  const knobs = readAbKnobs();
  if (!hasCommand('wrk')) throw new Error('wrk is not installed (apt-get install wrk)');
  if (!existsSync(gatewayEntry(repoRoot))) throw new Error('Margay is not built: run `npm run build` first');

  const loadBefore = loadAverages();
  const { stamp, outDir, logDir, scratch, database, upstream, ports, ctx, adminToken } = await prepareFixtures({ repoRoot, kind: 'ab', scenario: knobs.scenario, cleanups });
  const machine = describeMachine(repoRoot);
  console.log(`Margay A/B ${stamp}: scenario ${knobs.scenario.number}. ${knobs.scenario.id}; A = apps/gateway/dist, B = ${knobs.bLabel}${knobs.bNodeOptions ? ` (NODE_OPTIONS ${knobs.bNodeOptions})` : ''}; ${knobs.rounds} rounds × ${knobs.durationS} s; load average ${loadBefore.join(' ')}`);

  const margay = (entry, label, nodeOptions) =>
    startMargay({
      repoRoot, entry, port: ports.margay, adminPort: ports.admin, adminToken, database, embeddedPgPort: ports.embeddedPg,
      dataDir: join(scratch, 'margay-data'), config: knobs.scenario.margayConfig(ctx),
      logFile: join(logDir, `${label}.log`), timeoutMs: 60_000,
      extraEnv: nodeOptions ? { NODE_OPTIONS: [process.env.NODE_OPTIONS, nodeOptions].filter(Boolean).join(' ') } : {},
    });
  const starters = {
    'http-proxy': (label) => startHttpProxy({ port: ports.proxy, upstreamUrl: upstream.url, logFile: join(logDir, `${label}.log`), timeoutMs: 10_000 }),
    A: (label) => margay(gatewayEntry(repoRoot), label),
    B: (label) => margay(knobs.bEntry, label, knobs.bNodeOptions),
  };
  const rounds = [];
  for (let round = 1; round <= knobs.rounds; round++) {
    const results = {};
    for (const candidate of orderFor(round)) {
      const label = `r${round}-${candidate}`;
      const started = await starters[candidate](label);
      try {
        if (!started.ok) throw new Error(`${candidate} did not start: ${started.reason}`);
        const url = `${started.handle.url}${knobs.scenario.requestPath}`;
        const headers = knobs.scenario.headers(ctx);
        const check = await checkOnce(url, headers, knobs.scenario.expect(candidate === 'http-proxy' ? 'http-proxy' : 'margay'));
        if (!check.ok) throw new Error(`${candidate} failed its check: ${check.detail}`);
        const wrk = { url, conns: knobs.conns, threads: 1, headers };
        if (knobs.warmupS > 0) await runWrk({ ...wrk, durationS: knobs.warmupS, rawFile: join(logDir, `${label}-warmup.txt`) });
        const run = await timedRun(started.handle.proc.pid, { ...wrk, durationS: knobs.durationS, rawFile: join(logDir, `${label}-wrk.txt`) });
        if (run.wrkError) throw new Error(`wrk failed against ${candidate}: ${run.wrkError}`);
        results[candidate] = run;
        console.log(`round ${round}/${knobs.rounds}  ${candidate.padEnd(10)} ${run.rps.toFixed(0).padStart(6)} req/s  cpu ${run.cpuMsPer1k.toFixed(1).padStart(6)} ms/1k  errors ${run.errors.total}`);
      } finally {
        if (started.handle) await stopGroup(started.handle.proc, 15_000);
      }
      await sleep(300);
    }
    rounds.push(results);
  }
  const text = markdown(rounds, { scenario: knobs.scenario, machine, knobs, bLabel: knobs.bLabel, loadBefore, loadAfter: loadAverages() });
  console.log(`\n${text}`);
  writeFileSync(join(outDir, 'summary.md'), text);
  writeFileSync(join(outDir, 'rounds.json'), `${JSON.stringify({ scenario: knobs.scenario.id, b: knobs.bLabel, rounds }, null, 2)}\n`);
  console.log(`written: ${join(outDir, 'summary.md')} and rounds.json`);
}

runHarness('bench:ab', main);
