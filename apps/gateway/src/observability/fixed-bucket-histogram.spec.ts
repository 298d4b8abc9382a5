import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { FixedBucketHistogram } from './fixed-bucket-histogram.js';

const BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

/** The same observations through prom-client's Histogram and ours, each in its own registry. */
function both(values: readonly number[]) {
  const reference = new Registry();
  const ours = new Registry();
  const histogram = new Histogram({ name: 'h_seconds', help: 'help text', buckets: BUCKETS, registers: [reference] });
  const fixed = new FixedBucketHistogram('h_seconds', 'help text', BUCKETS, ours);
  for (const value of values) {
    histogram.observe(value);
    fixed.observe(value);
  }
  return { reference, ours, histogram, fixed };
}

describe('FixedBucketHistogram', () => {
  it("exposes exactly what prom-client's Histogram exposes for the same observations", async () => {
    // Values on the bounds (le is inclusive), between them, below the first and above the last.
    const values = [0, 0.00005, 0.00007, 0.0001, 0.0003, 0.002, 0.0025, 0.7, 1, 3, 42, ...Array.from({ length: 200 }, (_, i) => (i * 0.37) % 0.3)];
    const { reference, ours } = both(values);
    expect(await ours.metrics()).toBe(await reference.metrics());
    expect(await ours.getMetricsAsJSON()).toEqual(await reference.getMetricsAsJSON());
  });

  it('starts at zero, and resets with the registry', async () => {
    const { reference, ours } = both([]);
    expect(await ours.metrics()).toBe(await reference.metrics());
    const { reference: r2, ours: o2 } = both([0.001, 0.2]);
    r2.resetMetrics();
    o2.resetMetrics();
    expect(await o2.metrics()).toContain('h_seconds_count 0');
    expect(await o2.metrics()).toContain('h_seconds_bucket{le="+Inf"} 0');
  });

  it('does not count a value that is not a finite number (prom-client would throw on the request path)', async () => {
    const { ours, fixed } = both([0.001]);
    fixed.observe(Number.NaN);
    fixed.observe(Number.POSITIVE_INFINITY);
    expect(await ours.metrics()).toContain('h_seconds_count 1');
  });

  it('refuses buckets that are not strictly increasing', () => {
    expect(() => new FixedBucketHistogram('x', 'x', [0.1, 0.1], new Registry())).toThrow(/strictly increasing/);
    expect(() => new FixedBucketHistogram('x', 'x', [], new Registry())).toThrow(/strictly increasing/);
  });
});
