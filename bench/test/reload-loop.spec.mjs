import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startReloadLoop } from '../lib/reload-loop.mjs';

/** An admin API stand-in on loopback: answers each PUT after `delayMs`, with `status`. */
async function admin({ delayMs = 0, status = 200 } = {}) {
  const bodies = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      bodies.push({ method: request.method, url: request.url, auth: request.headers.authorization, body: JSON.parse(body) });
      setTimeout(() => response.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '{"revision":1}' : '{"code":"invalid_config","message":"no","errors":[]}'), delayMs);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, bodies, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Resolves once the stand-in has received `count` PUTs (bounded: the test's own timeout stops it). */
async function received(count) {
  while (server.bodies.length < count) await new Promise((resolve) => setTimeout(resolve, 10));
}

let server;
afterEach(async () => server?.close());

describe('startReloadLoop', () => {
  it('PUTs the configuration of each tick, half an interval in and then once per interval', async () => {
    server = await admin();
    const started = performance.now();
    const loop = startReloadLoop({ adminUrl: server.url, adminToken: 't0ken', intervalMs: 100, configFor: (tick) => ({ tick, at: performance.now() - started }) });
    await received(3);
    const summary = await loop.stop();
    const n = server.bodies.length;
    expect(summary).toMatchObject({ attempted: n, ok: n, failed: 0, skipped: 0 });
    expect(server.bodies.map((b) => b.body.tick)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    const at = server.bodies.map((b) => b.body.at);
    expect(at[0]).toBeGreaterThanOrEqual(49);
    for (let i = 1; i < n; i++) expect(at[i] - at[i - 1]).toBeGreaterThanOrEqual(95);
    expect(server.bodies[0]).toMatchObject({ method: 'PUT', url: '/api/v1/config/ocelot', auth: 'Bearer t0ken' });
  });

  it('skips a tick while the previous PUT is still running instead of piling them up', async () => {
    server = await admin({ delayMs: 250 });
    const loop = startReloadLoop({ adminUrl: server.url, adminToken: 't', intervalMs: 100, configFor: (tick) => ({ tick }) });
    await received(2);
    const summary = await loop.stop();
    // Ticks come every 100 ms, each PUT takes 250: at least one tick fell while the first was running.
    expect(summary.attempted).toBe(server.bodies.length);
    expect(summary.skipped).toBeGreaterThanOrEqual(1);
    expect(server.bodies.map((b) => b.body.tick)).toEqual(Array.from({ length: summary.attempted }, (_, i) => i + 1));
    expect(summary.putMsMedian).toBeGreaterThanOrEqual(240);
  });

  it('counts a refused configuration as failed, with the reason', async () => {
    server = await admin({ status: 400 });
    const loop = startReloadLoop({ adminUrl: server.url, adminToken: 't', intervalMs: 100, configFor: () => ({}) });
    await received(1);
    const summary = await loop.stop();
    expect(summary).toMatchObject({ attempted: server.bodies.length, ok: 0, failed: server.bodies.length });
    expect(summary.failures[0]).toMatch(/configuration refused \(400 invalid_config\)/);
  });
});
