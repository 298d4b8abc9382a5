import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { majorGcCount, scrapeMajorGcs } from '../lib/gc-count.mjs';
import { summarize } from '../lib/summary.mjs';
import { summaryMarkdown } from '../lib/report.mjs';
import { row, summaryMeta } from './rows.mjs';

const EXPOSITION = [
  '# TYPE margay_nodejs_gc_duration_seconds histogram',
  'margay_nodejs_gc_duration_seconds_count{kind="minor"} 812',
  'margay_nodejs_gc_duration_seconds_count{kind="major"} 4',
  'margay_nodejs_gc_duration_seconds_sum{kind="major"} 0.0312',
].join('\n');

describe('majorGcCount', () => {
  it('reads the major series of the gc histogram, whatever the metric prefix', () => {
    expect(majorGcCount(EXPOSITION)).toBe(4);
    expect(majorGcCount(EXPOSITION.replaceAll('margay_', ''))).toBe(4);
  });

  it('is 0 when the process has not run a major GC yet (prom-client has no such series until then)', () => {
    expect(majorGcCount('margay_nodejs_gc_duration_seconds_count{kind="minor"} 812')).toBe(0);
  });

  it('is undefined when there is no gc histogram at all (never the minor count in its place)', () => {
    expect(majorGcCount('margay_process_heap_bytes 1234')).toBeUndefined();
  });
});

describe('scrapeMajorGcs', () => {
  let server;
  let url;
  const seen = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(request.headers.authorization);
      if (request.headers.authorization !== 'Bearer token-1') return void response.writeHead(401).end();
      response.end(EXPOSITION);
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${server.address().port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('scrapes /metrics with the admin token', async () => {
    expect(await scrapeMajorGcs(url, 'token-1')).toBe(4);
    expect(seen.at(-1)).toBe('Bearer token-1');
  });

  it('answers undefined, never throws, when the scrape is refused or nobody listens', async () => {
    expect(await scrapeMajorGcs(url, 'wrong')).toBeUndefined();
    expect(await scrapeMajorGcs('http://127.0.0.1:1', 'token-1')).toBeUndefined();
  });
});

describe('the summary', () => {
  const CANDIDATES = ['http-proxy', 'margay'];
  const scenario = { id: 'one-route', number: 1, title: 'one route', requestPath: '/x', floorsFrom: 'one-route', candidates: CANDIDATES };
  const measured = (round, majorGcs) => [
    row(round, 'one-route', 'http-proxy', { cpu: 90, rps: 10_000, p99: 9 }),
    row(round, 'one-route', 'margay', { cpu: 110, rps: 8_000, p99: 10, majorGcs }),
  ];

  it('keeps the per-round counts and names the rounds that ran full collections', () => {
    const rows = [1, 2, 3].flatMap((round) => measured(round, round === 2 ? 3 : 0));
    const summary = summarize(rows, [], [scenario], CANDIDATES);
    expect(summary.scenarios[0].candidates.margay.majorGcs).toEqual([0, 3, 0]);
    expect(summaryMarkdown(summary, summaryMeta(CANDIDATES))).toMatch(/margay: full \(mark-compact\) collections during its windows, per round: 0, 3, 0/);
  });

  it('says nothing when no round ran one', () => {
    const rows = [1, 2].flatMap((round) => measured(round, 0));
    expect(summaryMarkdown(summarize(rows, [], [scenario], CANDIDATES), summaryMeta(CANDIDATES))).not.toMatch(/mark-compact/);
  });
});
