import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample } from './support/metric-sample.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { route, startTestGateway, type TestGateway } from './support/test-gateway.js';
import { startUpstream, type TestUpstream } from './support/upstream.js';


describe('GET /metrics (admin port)', () => {
  let db: TestDatabase;
  let gateway: TestGateway;
  let upstream: TestUpstream;
  let revision: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    upstream = await startUpstream();
    gateway = await startTestGateway(db.url);
    ({ revision } = await gateway.putConfig({ Routes: [route('/values', '/api/values', upstream.port)] }));
  });

  afterAll(async () => {
    await gateway?.stop();
    await upstream?.close();
    await db?.drop();
  });

  it('exposes the gateway time histogram, error counts by code and the revision, without a token', async () => {
    const before = await (await fetch(`${gateway.adminUrl}/metrics`)).text();
    const countBefore = sample(before, 'margay_gateway_duration_seconds_count') ?? 0;
    for (let i = 0; i < 3; i++) expect((await fetch(`${gateway.proxyUrl}/values`)).status).toBe(200);
    expect((await fetch(`${gateway.proxyUrl}/nowhere`)).status).toBe(404);
    const response = await fetch(`${gateway.adminUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(sample(text, 'margay_gateway_duration_seconds_count')).toBe(countBefore + 3);
    expect(sample(text, 'margay_gateway_duration_seconds_sum')).toBeGreaterThan(0);
    expect(sample(text, 'margay_proxy_errors_total{code="route_not_found"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'margay_config_revision')).toBe(revision);
    expect(sample(text, 'margay_config_reloads_total{outcome="applied"}')).toBeGreaterThanOrEqual(1);
    expect(text).toContain('margay_process_cpu_seconds_total');
  });

  it('reports Server-Timing with the same figure the histogram records', async () => {
    const response = await fetch(`${gateway.proxyUrl}/values`);
    const timing = /gateway;dur=(\d+\.\d+)/.exec(response.headers.get('server-timing') ?? '');
    expect(timing).not.toBeNull();
    expect(Number(timing![1])).toBeLessThan(1000);
  });
});
