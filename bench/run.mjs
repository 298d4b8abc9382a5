#!/usr/bin/env node
// `npm run bench`: Margay against raw http-proxy (the floor of its stack) and nginx, on loopback, with
// wrk. Rounds × scenarios; in each, the scenario's candidates started fresh, measured in windows that
// alternate between them, and stopped by their process groups. See bench/README.md for the knobs and how to read the output.
import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHttpProxy, startMargay, startNginx, startUpstream } from './lib/candidates.mjs';
import { prepareDatabase } from './lib/database.mjs';
import { NGINX, describeMachine, hasCommand, hasGatewayBuild, loadAverages, staleSources } from './lib/environment.mjs';
import { AUDIENCE, startJwksProvider } from './lib/jwks-provider.mjs';
import { readKnobs } from './lib/knobs.mjs';
import { runHarness } from './lib/harness.mjs';
import { measureRound } from './lib/measure.mjs';
import { freePorts } from './lib/ports.mjs';
import { sleep } from './lib/processes.mjs';
import { liveLine, livePacedLine, summaryMarkdown } from './lib/report.mjs';
import { SCENARIOS } from './lib/scenarios.mjs';
import { summarize } from './lib/summary.mjs';
import { evaluateTargets } from './lib/targets.mjs';
import { writePacedScript } from './lib/wrk.mjs';

const repoRoot = join(import.meta.dirname, '..');
async function main(cleanups) {
  const knobs = readKnobs();
  if (!hasCommand('wrk')) throw new Error('wrk is not installed (apt-get install wrk)');
  const notes = [];
  if (knobs.durationCapped) notes.push(`DURATION capped at ${knobs.durationS} s`);
  if (knobs.candidates.includes('nginx') && !hasCommand(NGINX)) {
    knobs.candidates = knobs.candidates.filter((c) => c !== 'nginx');
    notes.push(`nginx is not installed (${NGINX}): no nginx rows, ratios to nginx are n/a`);
  }
  const withMargay = knobs.candidates.includes('margay');
  if (withMargay && !hasGatewayBuild(repoRoot)) throw new Error('Margay is not built: run `npm run build` first');
  const stale = withMargay ? staleSources(repoRoot) : [];
  if (stale.length > 0) notes.push(`sources newer than the gateway build (run \`npm run build\` to measure them): ${stale.join(', ')}`);
  const scenarios = SCENARIOS.filter((s) => knobs.scenarios.includes(s.id) && s.candidates.some((c) => knobs.candidates.includes(c)));

  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const outDir = join(repoRoot, 'bench', 'results', stamp);
  const logDir = join(outDir, 'logs');
  const wrkDir = join(outDir, 'wrk');
  mkdirSync(logDir, { recursive: true });
  mkdirSync(wrkDir, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'margay-bench-'));
  // Margay's embedded Postgres runs as the user "postgres" when the bench runs as root: it must be able
  // to enter this directory to reach its data dir below it.
  chmodSync(scratch, 0o711);
  cleanups.push(async () => rmSync(scratch, { recursive: true, force: true }));

  const loadBefore = loadAverages();
  const [upstreamPort, httpProxyPort, nginxPort, margayPort, adminPort, jwksPort, embeddedPgPort] = await freePorts(7);
  const database = withMargay ? await prepareDatabase(`margay_bench_${stamp.replace('-', '_')}_${process.pid}`, { forceEmbedded: knobs.embedded }) : undefined;
  if (database) cleanups.push(database.drop);
  const provider = await startJwksProvider(jwksPort);
  cleanups.push(provider.close);
  const upstream = await startUpstream({ port: upstreamPort, logDir });
  const adminToken = randomBytes(24).toString('hex');
  const ctx = { upstreamPort, issuer: provider.issuer, audience: AUDIENCE, token: provider.token };
  const pacedScript = writePacedScript(outDir);
  const machine = describeMachine(repoRoot);
  const meta = { startedAt: startedAt.toISOString(), ...machine, knobs, database: database?.describe ?? 'none (Margay not run)', loadavg: { before: loadBefore }, notes };

  console.log(`Margay bench ${stamp}: ${machine.host.cpus}× ${machine.host.cpuModel}; ${machine.versions.node}; ${machine.versions.nginx ?? 'no nginx'}; ${machine.versions.wrk}; Margay ${machine.git}`);
  console.log(`ROUNDS=${knobs.rounds} DURATION=${knobs.durationS}s in ${knobs.windows} alternating windows (${knobs.windowSeconds.join(' + ')} s) WARMUP=${knobs.warmupS}s CONNS=${knobs.conns} THREADS=${knobs.threads}; scenarios: ${scenarios.map((s) => s.id).join(', ')}; candidates: ${knobs.candidates.join(', ')}`);
  console.log(`database: ${meta.database}; upstream ${upstream.url}; JWKS provider ${provider.issuer}`);
  console.log(`load average before: ${loadBefore.join(' ')}`);
  for (const note of notes) console.log(`note: ${note}`);
  console.log(`results: ${outDir}\n`);

  const starters = {
    'http-proxy': (scenario, label) => () =>
      startHttpProxy({ port: httpProxyPort, upstreamUrl: upstream.url, logFile: join(logDir, `${label}.log`), timeoutMs: 10_000 }),
    nginx: (scenario, label) => () =>
      startNginx({ port: nginxPort, upstreamPort, routes: scenario.nginxRoutes?.(), dir: join(scratch, `nginx-${label}`), logFile: join(logDir, `${label}.log`), timeoutMs: 10_000 }),
    margay: (scenario, label) => () =>
      startMargay({
        repoRoot, port: margayPort, adminPort, adminToken, database, embeddedPgPort,
        dataDir: join(scratch, 'margay-data'), config: scenario.margayConfig(ctx),
        logFile: join(logDir, `${label}.log`), timeoutMs: knobs.startTimeoutS * 1000,
      }),
  };

  const rows = [];
  const pacedRows = [];
  const rowsFile = join(outDir, 'rounds.jsonl');
  for (let round = 1; round <= knobs.rounds; round++) {
    for (const scenario of scenarios) {
      const candidates = scenario.candidates
        .filter((c) => knobs.candidates.includes(c))
        .map((candidate) => ({ candidate, start: starters[candidate](scenario, `r${round}-${scenario.id}-${candidate}`) }));
      // Paced: http-proxy and Margay at half of the req/s http-proxy reached in this round's windows.
      const pacing = knobs.paced && scenario.id === 'one-route' ? { script: pacedScript, candidates: ['http-proxy', 'margay'], rps: knobs.pacedRps } : undefined;
      const result = await measureRound({ round, scenario, ctx, knobs, wrkDir, candidates, pacing, adminToken });
      for (const row of result.rows) {
        rows.push(row);
        appendFileSync(rowsFile, `${JSON.stringify(row)}\n`);
        console.log(liveLine(row, knobs.rounds));
      }
      for (const paced of result.paced) {
        pacedRows.push(paced);
        appendFileSync(rowsFile, `${JSON.stringify({ paced: true, ...paced })}\n`);
        console.log(livePacedLine(paced, knobs.rounds));
      }
      await sleep(300);
    }
  }

  meta.loadavg.after = loadAverages();
  meta.finishedAt = new Date().toISOString();
  meta.jwksFetches = { ...provider.fetches };
  const summary = summarize(rows, pacedRows, scenarios, knobs.candidates);
  const markdown = summaryMarkdown(summary, meta);
  console.log(`\nload average after: ${meta.loadavg.after.join(' ')}\n`);
  console.log(markdown);
  writeFileSync(join(outDir, 'summary.md'), markdown);
  writeFileSync(join(outDir, 'summary.json'), `${JSON.stringify({ meta, targets: evaluateTargets(summary), summary, rows, paced: pacedRows }, roundNumbers, 2)}\n`);
  console.log(`written: ${join(outDir, 'summary.json')} and summary.md`);
}

/** summary.json keeps three decimals: enough for ms and ratios, readable by eye. */
function roundNumbers(_key, value) {
  return typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value;
}

runHarness('bench', main);
