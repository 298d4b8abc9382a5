// Preloaded into a candidate by `PROFILE=heap npm run bench:profile` (NODE_OPTIONS=--import …): V8's
// sampling heap profiler on the candidate's main thread, started by the first SIGUSR2 and stopped by
// the next, which writes the profile to $BENCH_PROFILE_OUT (Chrome DevTools' .heapprofile format).
// It samples every allocation, also of objects a GC has collected since (the flags below): what a
// request allocates, not what is still alive. That is what the young generation's collections pay for.
import { renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const out = process.env.BENCH_PROFILE_OUT;
const intervalBytes = Number(process.env.BENCH_PROFILE_HEAP_INTERVAL) || 512;
if (!out) throw new Error('heap-profiler.mjs: BENCH_PROFILE_OUT is not set');

const session = new Session();
session.connect();
let running = false;

function post(method, params) {
  return new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
}

async function toggle() {
  if (!running) {
    running = true;
    await post('HeapProfiler.enable');
    await post('HeapProfiler.startSampling', { samplingInterval: intervalBytes, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    return;
  }
  running = false;
  const { profile } = await post('HeapProfiler.stopSampling');
  // Written whole, then renamed: the harness waits for the file and must never read half of it.
  writeFileSync(`${out}.partial`, JSON.stringify(profile));
  renameSync(`${out}.partial`, out);
}

process.on('SIGUSR2', () => {
  toggle().catch((error) => console.error(`heap-profiler: ${error.message}`));
});
