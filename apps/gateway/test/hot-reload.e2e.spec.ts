import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigRepository } from '../src/store/config-repository.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { route, startTestGateway, type TestGateway } from './support/test-gateway.js';
import { startUpstream, type TestUpstream } from './support/upstream.js';
import { downstreamUrl, eventually } from './support/eventually.js';



/** Two gateways on one database: changes by the admin API or by plain SQL reach both. */
describe('hot reload', () => {
  let db: TestDatabase;
  let upstream: TestUpstream;
  let first: TestGateway;
  let second: TestGateway;

  beforeAll(async () => {
    db = await createTestDatabase();
    upstream = await startUpstream();
    first = await startTestGateway(db.url, { CONFIG_POLL_INTERVAL_MS: '60000' });
    second = await startTestGateway(db.url, { CONFIG_POLL_INTERVAL_MS: '60000' });
    await first.putConfig({ Routes: [route('/values', '/api/values', upstream.port)] });
  });

  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    await upstream?.close();
    await db?.drop();
  });

  it('a change through one gateway reaches the other within a second (NOTIFY, no poll)', async () => {
    await first.putConfig({ Routes: [route('/values', '/api/v2/values', upstream.port)] });
    const took = await eventually(async () => expect(await downstreamUrl(second, '/values')).toBe('/api/v2/values'), 1000);
    expect(took).toBeLessThan(1000);
  });

  it('the writing gateway serves its PUT without reading it back; the other reads it once', async () => {
    const reads = [first, second].map((gateway) => vi.spyOn(gateway.core.get(ConfigRepository), 'load'));
    try {
      const { revision } = await first.putConfig({ Routes: [route('/values', '/api/v3/values', upstream.port)] });
      // The PUT answers once the writer serves the revision: no read of the database for it.
      expect(await downstreamUrl(first, '/values')).toBe('/api/v3/values');
      await eventually(async () => expect((await (await second.admin('GET', '/api/v1/status')).json()).revision).toBe(revision), 1000);
      // The transaction's notifications (one per changed table) have all arrived: none starts another read.
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(reads[0]!).not.toHaveBeenCalled();
      expect(reads[1]!).toHaveBeenCalledTimes(1);
      expect(await downstreamUrl(second, '/values')).toBe('/api/v3/values');
    } finally {
      for (const read of reads) read.mockRestore();
    }
  });

  it('a change by plain SQL reaches every gateway within a second', async () => {
    await db.query(`UPDATE routes SET downstream_path_template = '/api/sql/values' WHERE upstream_path_template = '/values'`);
    for (const gateway of [first, second]) {
      await eventually(async () => expect(await downstreamUrl(gateway, '/values')).toBe('/api/sql/values'), 1000);
    }
  });

  it('a route inserted by SQL is served', async () => {
    await db.query(
      `INSERT INTO routes (position, upstream_path_template, downstream_path_template, downstream_scheme, downstream_host_and_ports)
       VALUES (1, '/inserted/{id}', '/api/inserted/{id}', 'http', $1::jsonb)`,
      [JSON.stringify([{ Host: '127.0.0.1', Port: upstream.port }])],
    );
    await eventually(async () => expect(await downstreamUrl(second, '/inserted/7')).toBe('/api/inserted/7'), 1000);
  });

  it('an invalid change by SQL never replaces the configuration in service', async () => {
    const before = (await (await first.admin('GET', '/api/v1/status')).json()).revision;
    await db.query(`UPDATE routes SET downstream_path_template = 'no-leading-slash' WHERE upstream_path_template = '/values'`);
    await eventually(async () => {
      const status = await (await first.admin('GET', '/api/v1/status')).json();
      expect(status.lastFailure?.revision).toBeGreaterThan(before);
    }, 2000);
    const status = await (await first.admin('GET', '/api/v1/status')).json();
    expect(status.revision).toBe(before);
    expect(status.lastFailure.kind).toBe('invalid');
    expect(status.lastFailure.issues[0].path).toBe('Routes[0].DownstreamPathTemplate');
    expect(await downstreamUrl(first, '/values')).toBe('/api/sql/values');
    // Repairing it by SQL is picked up again.
    await db.query(`UPDATE routes SET downstream_path_template = '/api/fixed' WHERE upstream_path_template = '/values'`);
    await eventually(async () => expect(await downstreamUrl(first, '/values')).toBe('/api/fixed'), 1000);
  });

  it('coalesces a burst of 100 changes into few rebuilds', async () => {
    const before = (await (await second.admin('GET', '/api/v1/status')).json()).reloads.applied;
    const started = Date.now();
    for (let i = 0; i < 100; i++) {
      await db.query(`UPDATE routes SET downstream_path_template = $1 WHERE upstream_path_template = '/values'`, [`/api/burst/${i}`]);
    }
    const burstMs = Date.now() - started;
    await eventually(async () => expect(await downstreamUrl(second, '/values')).toBe('/api/burst/99'), 2000);
    const after = (await (await second.admin('GET', '/api/v1/status')).json()).reloads.applied;
    // 100 commits over burstMs: each rebuild takes a few ms, so at most one per ~20 ms window.
    expect(after - before).toBeLessThan(Math.max(25, burstMs / 10));
    expect(after - before).toBeGreaterThanOrEqual(1);
  });

  it('the periodic revision check catches a change whose notification was missed', async () => {
    const polling = await startTestGateway(db.url, { CONFIG_POLL_INTERVAL_MS: '200' });
    try {
      // A change while NOTIFY cannot reach anyone: made in a transaction that disables the trigger's notify path.
      await db.query(`BEGIN; ALTER TABLE routes DISABLE TRIGGER routes_changed;
        UPDATE routes SET downstream_path_template = '/api/silent' WHERE upstream_path_template = '/values';
        UPDATE config_revision SET revision = revision + 1 WHERE id = 1;
        ALTER TABLE routes ENABLE TRIGGER routes_changed; COMMIT;`);
      await eventually(async () => expect(await downstreamUrl(polling, '/values')).toBe('/api/silent'), 2000);
    } finally {
      await polling.stop();
    }
  });
});
