// What the bench scripts share: knob parsing and the fixtures of profile.mjs and ab.mjs (a scratch dir,
// Margay's database, the JWKS provider, the upstream), and the main() wrapper of all three, which
// cleans up whatever was started, also on Ctrl-C.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startUpstream } from './candidates.mjs';
import { prepareDatabase } from './database.mjs';
import { AUDIENCE, startJwksProvider } from './jwks-provider.mjs';
import { KnobError, SCENARIO_IDS } from './knobs.mjs';
import { freePorts } from './ports.mjs';
import { closeRegistry, killAllGroupsNow, stopAllGroups } from './processes.mjs';
import { SCENARIOS } from './scenarios.mjs';

/** A whole-number knob within [min, max], or `fallback` when unset. */
export function intKnob(env, name, fallback, min, max) {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new KnobError(`${name}=${raw}: expected a whole number from ${min} to ${max}`);
  return Number(raw);
}

/** `SCENARIO` (1–3 or an id; default one-route). The hot-reload scenario's PUTs would come from this process. */
export function scenarioKnob(env) {
  const raw = env.SCENARIO?.trim() || 'one-route';
  const id = /^[1-4]$/.test(raw) ? SCENARIO_IDS[Number(raw) - 1] : raw;
  const scenario = SCENARIOS.find((s) => s.id === id);
  if (!scenario) throw new KnobError(`SCENARIO=${raw}: expected 1–4 or one of ${SCENARIO_IDS.join(', ')}`);
  if (scenario.reloadConfig) throw new KnobError(`SCENARIO=${raw}: the hot-reload scenario is not supported here; use one-route`);
  return scenario;
}

/**
 * The run's output folder (`bench/results/<stamp>-<kind>-<scenario>/`, with `logs/`) and fixtures:
 * free ports, a fresh database for Margay (dropped at the end), the JWKS provider and the upstream.
 * Each fixture's teardown is pushed onto `cleanups`.
 */
export async function prepareFixtures({ repoRoot, kind, scenario, cleanups }) {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const outDir = join(repoRoot, 'bench', 'results', `${stamp}-${kind}-${scenario.id}`);
  const logDir = join(outDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), `margay-${kind}-`));
  chmodSync(scratch, 0o711); // an embedded Postgres (user postgres) must reach its data dir below it
  cleanups.push(async () => rmSync(scratch, { recursive: true, force: true }));
  const [upstreamPort, proxyPort, margayPort, adminPort, jwksPort, embeddedPgPort] = await freePorts(6);
  const database = await prepareDatabase(`margay_${kind}_${stamp.replace('-', '_')}_${process.pid}`);
  cleanups.push(database.drop);
  const provider = await startJwksProvider(jwksPort);
  cleanups.push(provider.close);
  const upstream = await startUpstream({ port: upstreamPort, logDir });
  return {
    stamp, outDir, logDir, scratch, database, provider, upstream,
    ports: { proxy: proxyPort, margay: margayPort, admin: adminPort, embeddedPg: embeddedPgPort },
    ctx: { upstreamPort, issuer: provider.issuer, audience: AUDIENCE, token: provider.token },
    adminToken: randomBytes(24).toString('hex'),
  };
}

/**
 * Runs `main(cleanups)`; a KnobError exits 2 with its message, any other error exits 1. Whatever
 * was started is stopped at the end, on Ctrl-C / SIGTERM, and (SIGKILL) on an unexpected exit.
 */
export function runHarness(name, main) {
  const cleanups = [];
  let cleaning;
  const cleanup = () => {
    closeRegistry();
    cleaning ??= (async () => {
      await stopAllGroups();
      for (const step of cleanups.reverse()) {
        const problem = await step().catch((error) => error.message);
        if (problem) console.error(`cleanup: ${problem}`);
      }
    })();
    return cleaning;
  };
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) process.once(signal, () => void cleanup().finally(() => process.exit(code)));
  process.on('exit', killAllGroupsNow);
  main(cleanups)
    .then(cleanup)
    .catch(async (error) => {
      console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      await cleanup();
      process.exitCode = error instanceof KnobError ? 2 : 1;
    });
}
