import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { route, startTestGateway, type TestGateway } from './support/test-gateway.js';
import { startUpstream, type TestUpstream } from './support/upstream.js';

/** RateLimitOptions and the QoSOptions circuit breaker, against a real upstream. */
describe('rate limiting and circuit breaking', () => {
  let db: TestDatabase;
  let gateway: TestGateway;
  let upstream: TestUpstream;

  beforeAll(async () => {
    db = await createTestDatabase();
    upstream = await startUpstream();
    gateway = await startTestGateway(db.url);
    await gateway.putConfig({
      Routes: [
        route('/limited', '/limited', upstream.port, {
          RateLimitOptions: { ClientWhitelist: ['vip'], EnableRateLimiting: true, Period: '1m', Limit: 2 },
        }),
        route('/quiet', '/quiet', upstream.port, {
          RateLimitOptions: { Period: '1m', Limit: 1, EnableHeaders: false, StatusCode: 418, QuotaMessage: 'Slow down: {0} per {1}.' },
        }),
        route('/flaky/{code}', '/status/{code}', upstream.port, {
          QoSOptions: { ExceptionsAllowedBeforeBreaking: 2, DurationOfBreak: 500, TimeoutValue: 5000 },
        }),
      ],
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await upstream?.close();
    await db?.drop();
  });

  it('lets Limit requests per Period through per client, then answers 429 with Retry-After', async () => {
    const call = () => fetch(`${gateway.proxyUrl}/limited`, { headers: { 'oc-client': 'client-a' } });
    const first = await call();
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(first.headers.get('x-ratelimit-reset')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await call()).status).toBe(200);
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ code: 'rate_limited', limit: 2, period: '1m' });
    // Another client has its own window.
    expect((await fetch(`${gateway.proxyUrl}/limited`, { headers: { 'oc-client': 'client-b' } })).status).toBe(200);
  });

  it('never limits a whitelisted client, and limits a client without the header by address', async () => {
    for (let i = 0; i < 4; i++) {
      expect((await fetch(`${gateway.proxyUrl}/limited`, { headers: { 'oc-client': 'vip' } })).status).toBe(200);
    }
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${gateway.proxyUrl}/limited`)).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('uses the configured status and quota message, without headers when EnableHeaders is false', async () => {
    expect((await fetch(`${gateway.proxyUrl}/quiet`)).status).toBe(200);
    const refused = await fetch(`${gateway.proxyUrl}/quiet`);
    expect(refused.status).toBe(418);
    expect(refused.headers.get('retry-after')).toBeNull();
    expect((await refused.json()).message).toBe('Slow down: 1 per 1m.');
  });

  it('keeps rate-limit counters across a reload', async () => {
    const { revision } = await gateway.putConfig(await (await gateway.admin('GET', '/api/v1/config/ocelot')).json());
    expect(revision).toBeGreaterThan(0);
    expect((await fetch(`${gateway.proxyUrl}/quiet`)).status).toBe(418);
  });

  it('opens the circuit after ExceptionsAllowedBeforeBreaking failures, then closes it after a good trial', async () => {
    expect((await fetch(`${gateway.proxyUrl}/flaky/500`)).status).toBe(500);
    expect((await fetch(`${gateway.proxyUrl}/flaky/503`)).status).toBe(503);
    const seenBefore = upstream.seen.length;
    const open = await fetch(`${gateway.proxyUrl}/flaky/200`);
    expect(open.status).toBe(503);
    expect(await open.json()).toMatchObject({ code: 'circuit_open' });
    expect(open.headers.get('retry-after')).toBe('1');
    expect(upstream.seen.length).toBe(seenBefore);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await fetch(`${gateway.proxyUrl}/flaky/200`)).status).toBe(200);
    expect((await fetch(`${gateway.proxyUrl}/flaky/200`)).status).toBe(200);
  });
});
