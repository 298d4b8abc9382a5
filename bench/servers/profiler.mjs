// Preloaded into a candidate by `npm run bench:profile` (NODE_OPTIONS=--import …): one of V8's
// sampling profilers on the candidate's own main thread, started by the first SIGUSR2 and stopped by
// the next, which writes the profile to $BENCH_PROFILE_OUT. Only the measured window is sampled:
// start-up, configuration and warm-up are not in the profile (--cpu-prof cannot do that: it profiles
// from start to exit, and is refused in NODE_OPTIONS).
// $BENCH_PROFILE_KIND picks the profiler:
// - `cpu` (default): the CPU profiler, every $BENCH_PROFILE_INTERVAL_US µs (Chrome DevTools' .cpuprofile).
// - `heap`: the sampling heap profiler, one sample per $BENCH_PROFILE_HEAP_INTERVAL bytes, also of
//   objects a GC has collected since: what a request allocates, not what is still alive — what the
//   young generation's collections pay for (DevTools' .heapprofile).
import { renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const out = process.env.BENCH_PROFILE_OUT;
if (!out) throw new Error('profiler.mjs: BENCH_PROFILE_OUT is not set');

const PROFILERS = {
  cpu: {
    async start() {
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: Number(process.env.BENCH_PROFILE_INTERVAL_US) || 200 });
      await post('Profiler.start');
    },
    stop: () => post('Profiler.stop'),
  },
  heap: {
    async start() {
      await post('HeapProfiler.enable');
      await post('HeapProfiler.startSampling', {
        samplingInterval: Number(process.env.BENCH_PROFILE_HEAP_INTERVAL) || 512,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
    },
    stop: () => post('HeapProfiler.stopSampling'),
  },
};
const kind = process.env.BENCH_PROFILE_KIND || 'cpu';
const profiler = PROFILERS[kind];
if (!profiler) throw new Error(`profiler.mjs: BENCH_PROFILE_KIND=${kind}: expected cpu or heap`);

const session = new Session();
session.connect();
let running = false;

function post(method, params) {
  return new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
}

async function toggle() {
  if (!running) {
    running = true;
    await profiler.start();
    return;
  }
  running = false;
  const { profile } = await profiler.stop();
  // Written whole, then renamed: the harness waits for the file and must never read half of it.
  writeFileSync(`${out}.partial`, JSON.stringify(profile));
  renameSync(`${out}.partial`, out);
}

process.on('SIGUSR2', () => {
  toggle().catch((error) => console.error(`profiler (${kind}): ${error.message}`));
});
