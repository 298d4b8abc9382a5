// Preloaded into a candidate by `npm run bench:profile` (NODE_OPTIONS=--import …): the V8 sampling
// profiler of the candidate's own main thread, started by the first SIGUSR2 and stopped by the next,
// which writes the profile to $BENCH_PROFILE_OUT (Chrome DevTools' .cpuprofile format). Only the
// measured window is sampled: start-up, configuration and warm-up are not in the profile.
// --cpu-prof cannot do that (it profiles from start to exit) and is refused in NODE_OPTIONS.
import { renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const out = process.env.BENCH_PROFILE_OUT;
const intervalUs = Number(process.env.BENCH_PROFILE_INTERVAL_US) || 200;
if (!out) throw new Error('cpu-profiler.cjs: BENCH_PROFILE_OUT is not set');

const session = new Session();
session.connect();
let running = false;

function post(method, params) {
  return new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
}

async function toggle() {
  if (!running) {
    running = true;
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: intervalUs });
    await post('Profiler.start');
    return;
  }
  running = false;
  const { profile } = await post('Profiler.stop');
  // Written whole, then renamed: the harness waits for the file and must never read half of it.
  writeFileSync(`${out}.partial`, JSON.stringify(profile));
  renameSync(`${out}.partial`, out);
}

process.on('SIGUSR2', () => {
  toggle().catch((error) => console.error(`cpu-profiler: ${error.message}`));
});
