import { describe, expect, it } from 'vitest';
import { summaryMarkdown } from '../lib/report.mjs';
import { SCENARIOS } from '../lib/scenarios.mjs';
import { summarize } from '../lib/summary.mjs';
import { evaluateTargets } from '../lib/targets.mjs';
import { run, summaryMeta } from './rows.mjs';

const CANDIDATES = ['http-proxy', 'nginx', 'margay'];
const verdicts = (factors, scenarios = SCENARIOS) => {
  const { rows, paced } = run(factors);
  return Object.fromEntries(evaluateTargets(summarize(rows, paced, scenarios, CANDIDATES)).map((v) => [v.id, v]));
};

describe('evaluateTargets', () => {
  it('meets every target when every figure is inside its limit', () => {
    const v = verdicts();
    expect(Object.values(v).map((x) => [x.id, x.met])).toEqual([
      ['one-route-cpu', true],
      ['one-route-rps', true],
      ['routes-1k-vs-one-route', true],
      ['jwt-claims-cpu', true],
      ['hot-reload-errors', true],
      ['hot-reload-p99', true],
      ['paced-added-p99', true],
    ]);
    expect(v['one-route-cpu'].value).toBeCloseTo(1.2, 6);
    expect(v['routes-1k-vs-one-route'].value).toBeCloseTo(1.22 / 1.2, 6);
    expect(v['hot-reload-p99'].value).toBeCloseTo(1.1, 6);
    expect(v['paced-added-p99'].value).toBeCloseTo(0.5, 6);
  });

  it('misses each target whose figure is outside its limit, and only that one', () => {
    const cases = [
      [{ s1: 1.3, s2: 1.3 }, ['one-route-cpu']],
      [{ s1Rps: 0.75 }, ['one-route-rps']],
      [{ s2: 1.3 }, ['routes-1k-vs-one-route']],
      [{ s3: 1.55 }, ['jwt-claims-cpu']],
      [{ reloadErrors: 2 }, ['hot-reload-errors']],
      [{ s4P99: 1.3 }, ['hot-reload-p99']],
      [{ pacedAdded: 1.2 }, ['paced-added-p99']],
    ];
    for (const [factors, missed] of cases) {
      const failing = Object.values(verdicts(factors)).filter((x) => x.met === false).map((x) => x.id);
      expect(failing, JSON.stringify(factors)).toEqual(missed);
    }
  });

  it('limits are inclusive: a figure exactly at its limit is met', () => {
    const v = verdicts({ s1: 1.25, s2: 1.25 * 1.05, s3: 1.5, s1Rps: 0.8 });
    expect([v['one-route-cpu'].met, v['one-route-rps'].met, v['jwt-claims-cpu'].met]).toEqual([true, true, true]);
    expect(v['routes-1k-vs-one-route'].value).toBeCloseTo(1.05, 9);
  });

  it('is n/a, not met, for scenarios that did not run', () => {
    const v = verdicts({}, SCENARIOS.filter((s) => s.id === 'one-route'));
    expect(v['one-route-cpu'].met).toBe(true);
    for (const id of ['routes-1k-vs-one-route', 'jwt-claims-cpu', 'hot-reload-errors', 'hot-reload-p99']) {
      expect(v[id], id).toMatchObject({ met: null, value: null });
    }
  });

  it('counts failed PUTs as scenario 4 errors', () => {
    const { rows, paced } = run();
    for (const r of rows.filter((x) => x.reload)) r.reload = { ...r.reload, ok: 7, failed: 1 };
    const v = evaluateTargets(summarize(rows, paced, SCENARIOS, CANDIDATES)).find((x) => x.id === 'hot-reload-errors');
    expect(v).toMatchObject({ value: 3, met: false });
  });
});

describe('summaryMarkdown targets table', () => {
  it('lists every target with its verdict and a count line', () => {
    const { rows, paced } = run({ s1: 1.3, s2: 1.3 });
    const meta = summaryMeta(CANDIDATES);
    const text = summaryMarkdown(summarize(rows, paced, SCENARIOS, CANDIDATES), meta);
    expect(text).toContain('## Targets (issue 5)');
    expect(text).toContain('| scenario 1: CPU per request ≤ 1.25× raw http-proxy | CPU × http-proxy | 1.30 | 1.25 | **NOT met** |');
    expect(text).toContain('| scenario 3: CPU per request ≤ 1.5× raw http-proxy | CPU × http-proxy | 1.40 | 1.5 | met |');
    expect(text).toContain('6 of 7 met, 1 not met');
    expect(text).toContain('Margay p99 with reloads vs the same process without them (alternating windows): +1.20 ms (×1.10; without reloads 12.00 ms)');
  });
});
