import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { route, startTestGateway } from './support/test-gateway.js';
import { startUpstream, type TestUpstream } from './support/upstream.js';
import { downstreamUrl, eventually } from './support/eventually.js';



/** Postgres going away: the gateway keeps serving, reconnects, catches up; and starts from disk. */
describe('when Postgres goes away', () => {
  let db: TestDatabase;
  let upstream: TestUpstream;
  let tcp: TcpProxy;
  let dataDir: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    upstream = await startUpstream();
    const target = new URL(db.url);
    tcp = await startTcpProxy(target.hostname, Number(target.port || 5432));
    dataDir = await mkdtemp(join(tmpdir(), 'margay-resilience-'));
  });

  afterAll(async () => {
    await tcp?.close();
    await upstream?.close();
    await db?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps serving the last good snapshot, reconnects with backoff, and catches up', async () => {
    const gateway = await startTestGateway(tcp.via(db.url), { CONFIG_POLL_INTERVAL_MS: '200' }, dataDir);
    try {
      await gateway.putConfig({ Routes: [route('/values', '/api/values', upstream.port)] });
      await tcp.down();
      // Changes made while this gateway cannot see the database (straight to the server):
      await db.query(`UPDATE routes SET downstream_path_template = '/api/while-down'`);
      for (let i = 0; i < 5; i++) expect(await downstreamUrl(gateway, '/values')).toBe('/api/values');
      const status = await (await gateway.admin('GET', '/api/v1/status')).json();
      expect(status.revision).toBeGreaterThan(0);
      await tcp.up();
      await eventually(async () => expect(await downstreamUrl(gateway, '/values')).toBe('/api/while-down'), 15_000, 50);
    } finally {
      await gateway.stop();
    }
  });

  it('starts from the snapshot saved on disk while Postgres is down', async () => {
    await tcp.down();
    const gateway = await startTestGateway(tcp.via(db.url), { CONFIG_POLL_INTERVAL_MS: '200' }, dataDir);
    try {
      expect(await downstreamUrl(gateway, '/values')).toBe('/api/while-down');
      const status = await (await gateway.admin('GET', '/api/v1/status')).json();
      expect(status).toMatchObject({ source: 'disk', databaseConnected: false });
      // The admin API cannot read or save without its database: a 503 that says so, not a 500.
      for (const [method, path, body] of [
        ['PUT', '/api/v1/config/ocelot', { Routes: [route('/values', '/api/other', upstream.port)] }],
        ['GET', '/api/v1/routes', undefined],
      ] as const) {
        const refused = await gateway.admin(method, path, body);
        expect(refused.status, `${method} ${path}`).toBe(503);
        expect(refused.headers.get('retry-after')).toBe('5');
        expect(await refused.json()).toMatchObject({ code: 'database_unavailable' });
      }
      expect(await downstreamUrl(gateway, '/values')).toBe('/api/while-down');
      await db.query(`UPDATE routes SET downstream_path_template = '/api/after-start'`);
      await tcp.up();
      await eventually(async () => expect(await downstreamUrl(gateway, '/values')).toBe('/api/after-start'), 15_000, 50);
      expect((await (await gateway.admin('GET', '/api/v1/status')).json()).source).toBe('database');
    } finally {
      await gateway.stop();
    }
  });

  it('answers 503 with a JSON error when there is no configuration at all', async () => {
    await tcp.down();
    const empty = await mkdtemp(join(tmpdir(), 'margay-empty-'));
    const gateway = await startTestGateway(tcp.via(db.url), {}, empty);
    try {
      const response = await fetch(`${gateway.proxyUrl}/values`);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(await response.json()).toMatchObject({ code: 'no_configuration' });
    } finally {
      await gateway.stop();
      await tcp.up();
      await rm(empty, { recursive: true, force: true });
    }
  });
});
