// The bench's knobs, read once from the environment. A bad value stops the run with a message that
// names the variable, before anything is started.

/** Scenario ids in run order; `ONLY` accepts these or their numbers (1–4). */
export const SCENARIO_IDS = ['one-route', 'routes-1k', 'jwt-claims', 'hot-reload'];
/** Candidate ids in run order within a scenario (http-proxy first: the paced run needs its rate). */
export const CANDIDATE_IDS = ['http-proxy', 'nginx', 'margay'];
/** wrk runs are capped here so a run stays bounded whatever the environment says. */
export const MAX_DURATION_S = 10;

/**
 * @example readKnobs({ ROUNDS: '1', DURATION: '3' }) // → { rounds: 1, durationS: 3, … }
 * @returns {{ rounds: number, durationS: number, durationCapped: boolean, windows: number, windowSeconds: number[], warmupS: number, conns: number,
 *   pacedConns: number, threads: number, scenarios: string[], candidates: string[], paced: boolean, pacedRps: number | undefined,
 *   reloadIntervalMs: number, measureOnFail: boolean, startTimeoutS: number, embedded: boolean }}
 */
export function readKnobs(env = process.env) {
  const requestedDuration = integer(env, 'DURATION', 8, 1, 3600);
  const durationS = Math.min(requestedDuration, MAX_DURATION_S);
  // wrk takes whole seconds: at most one window per second of DURATION, the seconds that do not
  // divide evenly go to the first windows (DURATION=7, WINDOWS=4: 2 2 2 1), the same for every candidate.
  const windows = Math.min(integer(env, 'WINDOWS', 4, 1, MAX_DURATION_S), durationS);
  const windowSeconds = Array.from({ length: windows }, (_, w) => Math.floor(durationS / windows) + (w < durationS % windows ? 1 : 0));
  return {
    rounds: integer(env, 'ROUNDS', 3, 1, 50),
    durationS,
    durationCapped: requestedDuration > MAX_DURATION_S,
    windows,
    windowSeconds,
    warmupS: Math.min(integer(env, 'WARMUP', 2, 0, 3600), MAX_DURATION_S),
    conns: integer(env, 'CONNS', 50, 1, 2000),
    pacedConns: integer(env, 'PACED_CONNS', 16, 1, 2000),
    threads: integer(env, 'THREADS', 1, 1, 8),
    scenarios: list(env, 'ONLY', SCENARIO_IDS, (item) => (/^[1-4]$/.test(item) ? SCENARIO_IDS[Number(item) - 1] : item)),
    candidates: list(env, 'CANDIDATES', CANDIDATE_IDS, (item) => item),
    paced: integer(env, 'PACED', 1, 0, 1) === 1,
    pacedRps: optionalInteger(env, 'PACED_RPS', 1, 10_000_000),
    reloadIntervalMs: integer(env, 'RELOAD_INTERVAL_MS', 1000, 100, 60_000),
    measureOnFail: integer(env, 'MEASURE_ON_FAIL', 0, 0, 1) === 1,
    startTimeoutS: integer(env, 'START_TIMEOUT', 60, 5, 600),
    embedded: integer(env, 'EMBEDDED', 0, 0, 1) === 1,
  };
}

/** Thrown for a bad knob; run.mjs prints the message and exits 2. */
export class KnobError extends Error {}

function raw(env, name) {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function integer(env, name, fallback, min, max) {
  return optionalInteger(env, name, min, max) ?? fallback;
}

function optionalInteger(env, name, min, max) {
  const value = raw(env, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new KnobError(`${name}=${value}: expected a whole number from ${min} to ${max}`);
  }
  return Number(value);
}

function list(env, name, known, normalize) {
  const value = raw(env, name);
  if (value === undefined) return [...known];
  const items = value.split(',').map((item) => normalize(item.trim())).filter((item) => item !== '');
  const unknown = items.filter((item) => !known.includes(item));
  if (unknown.length > 0 || items.length === 0) {
    throw new KnobError(`${name}=${value}: expected a comma-separated list of ${known.join(', ')}`);
  }
  // Run order stays the canonical one, whatever order the list was given in.
  return known.filter((item) => items.includes(item));
}
