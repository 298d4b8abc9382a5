import { describe, expect, it } from 'vitest';
import { readKnobs } from '../lib/knobs.mjs';
import { combineReloads, combineWindows } from '../lib/measure.mjs';
import { spread } from '../lib/summary.mjs';
import { reload } from './rows.mjs';

const window = (requests, p99, cpuMs, errors = 0) => ({
  requests, durationS: 2, rps: requests / 2, p50_ms: p99 / 2, p90_ms: p99 * 0.8, p99_ms: p99, p999_ms: p99 * 2, max_ms: p99 * 3,
  cpuMs, errors: { total: errors, non2xx: errors, connect: 0, read: 0, write: 0, timeout: 0 },
});

describe('spread', () => {
  it('takes the median of an even count as the mean of the middle two, ignoring non-numbers', () => {
    expect(spread([4, 1, null, 3, Number.NaN, 2, undefined])).toEqual({ median: 2.5, min: 1, max: 4, n: 4 });
    expect(spread([undefined])).toBeNull();
  });
});

describe('combineWindows', () => {
  it('adds requests, time, CPU and errors, and takes the median of the percentiles', () => {
    const run = combineWindows([window(1000, 10, 200), window(3000, 30, 400, 2), window(2000, 20, 300)]);
    expect(run).toMatchObject({ requests: 6000, durationS: 6, rps: 1000, cpuMs: 900, cpuMsPer1k: 150, p99_ms: 20, max_ms: 90, windows: 3 });
    expect(run.errors.total).toBe(2);
  });

  it('reports a failed wrk window as the run\'s error, keeping the CPU it read', () => {
    expect(combineWindows([window(1000, 10, 200), { wrkError: 'wrk exited 1', cpuMs: 5 }])).toEqual({ wrkError: 'wrk exited 1', cpuMs: 205, windows: 2 });
  });
});

describe('combineReloads', () => {
  it('adds the counts of the reloading windows and keeps the worst PUT', () => {
    const all = combineReloads([
      reload({ attempted: 2, ok: 2, putMsMedian: 80, putMsMax: 100 }),
      reload({ attempted: 2, ok: 1, failed: 1, putMsMedian: 120, putMsMax: 300, failures: ['PUT config failed: timeout'] }),
      reload({ attempted: 1, ok: 1, skipped: 1, putMsMedian: 90, putMsMax: 95 }),
    ]);
    expect(all).toEqual({ attempted: 5, ok: 4, failed: 1, skipped: 1, putMsMedian: 90, putMsMax: 300, failures: ['PUT config failed: timeout'] });
  });

  it('has no PUT latency when no PUT was made', () => {
    expect(combineReloads([reload({ attempted: 0, ok: 0, putMsMedian: null, putMsMax: null })])).toMatchObject({ putMsMedian: null, putMsMax: null });
  });
});

describe('readKnobs', () => {
  it('cuts DURATION into whole-second windows, the remainder to the first ones', () => {
    expect(readKnobs({ DURATION: '7', WINDOWS: '4' }).windowSeconds).toEqual([2, 2, 2, 1]);
    expect(readKnobs({ DURATION: '3', WINDOWS: '4' }).windowSeconds).toEqual([1, 1, 1]);
  });

  it('caps DURATION and takes scenarios by number', () => {
    const knobs = readKnobs({ DURATION: '60', ONLY: '1,4' });
    expect(knobs).toMatchObject({ durationS: 10, durationCapped: true, scenarios: ['one-route', 'hot-reload'] });
  });

  it('refuses a bad value, naming the variable', () => {
    expect(() => readKnobs({ ROUNDS: 'many' })).toThrow(/ROUNDS/);
    expect(() => readKnobs({ ONLY: '9' })).toThrow(/ONLY/);
  });
});
