import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { route, startTestGateway, TEST_ADMIN_TOKEN, type TestGateway } from './support/test-gateway.js';
import { startUpstream, type TestUpstream } from './support/upstream.js';

const SAMPLES = new URL('../../../conformance/ocelot/samples/', import.meta.url);

/** The admin API's contract: auth, validation before saving, export, route reads. */
describe('admin API', () => {
  let db: TestDatabase;
  let gateway: TestGateway;
  let upstream: TestUpstream;

  beforeAll(async () => {
    db = await createTestDatabase();
    upstream = await startUpstream();
    gateway = await startTestGateway(db.url);
  });

  afterAll(async () => {
    await gateway?.stop();
    await upstream?.close();
    await db?.drop();
  });

  describe('authentication', () => {
    it.each([
      ['no header', {}],
      ['a wrong token', { authorization: 'Bearer wrong-token-wrong-token' }],
      ['another scheme', { authorization: `Basic ${TEST_ADMIN_TOKEN}` }],
    ])('answers 401 with %s', async (_case, headers) => {
      const response = await fetch(`${gateway.adminUrl}/api/v1/routes`, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="margay-admin"/);
      expect(await response.json()).toMatchObject({ code: 'unauthorized' });
    });

    it('answers 401 on writes too, and changes nothing', async () => {
      const before = await (await gateway.admin('GET', '/api/v1/status')).json();
      const response = await fetch(`${gateway.adminUrl}/api/v1/config/ocelot`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ Routes: [] }),
      });
      expect(response.status).toBe(401);
      expect((await (await gateway.admin('GET', '/api/v1/status')).json()).revision).toBe(before.revision);
    });

    it('lets the health probe through without a token', async () => {
      const response = await fetch(`${gateway.adminUrl}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ok' });
    });
  });

  describe('PUT /api/v1/config/ocelot', () => {
    it('saves a valid file and routes by the new revision before it answers', async () => {
      const { revision } = await gateway.putConfig({ Routes: [route('/values', '/api/values', upstream.port)] });
      expect(revision).toBeGreaterThan(1);
      // No waiting: the answer promises this gateway already serves that revision.
      const proxied = await fetch(`${gateway.proxyUrl}/values`);
      expect(proxied.status).toBe(200);
      expect((await proxied.json()).url).toBe('/api/values');
      expect((await (await gateway.admin('GET', '/api/v1/status')).json()).revision).toBe(revision);
    });

    it('refuses an invalid file with every error and its path, and changes nothing', async () => {
      const before = await (await gateway.admin('GET', '/api/v1/config/ocelot')).text();
      const response = await gateway.admin('PUT', '/api/v1/config/ocelot', {
        Routes: [
          route('/ok', '/ok', upstream.port),
          route('/a', 'no-slash', upstream.port),
          { UpstreamPathTemplate: '/b', DownstreamPathTemplate: '/b', DownstreamHostAndPorts: [] },
        ],
      });
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body.code).toBe('invalid_config');
      expect(typeof body.message).toBe('string');
      const paths = body.errors.map((error: { path: string }) => error.path);
      expect(paths).toContain('Routes[1].DownstreamPathTemplate');
      expect(paths.some((path: string) => path.startsWith('Routes[2].DownstreamHostAndPorts'))).toBe(true);
      for (const error of body.errors) expect(error.message.length).toBeGreaterThan(10);
      expect(await (await gateway.admin('GET', '/api/v1/config/ocelot')).text()).toBe(before);
    });

    it('reports a syntax error with its line and column', async () => {
      const response = await gateway.admin('PUT', '/api/v1/config/ocelot', '{\n  "Routes": [\n    { "UpstreamPathTemplate": "/x" ,, }\n  ]\n}');
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body.code).toBe('invalid_config');
      expect(body.errors[0].message).toMatch(/line 3/i);
    });

    it('accepts a real ocelot.json with a BOM and comments', async () => {
      const text = readFileSync(new URL('samples-Basic-ocelot.json', SAMPLES), 'utf8');
      const response = await gateway.admin('PUT', '/api/v1/config/ocelot', text);
      expect(response.status, await response.clone().text()).toBe(200);
    });

    it('validates only with ?dryRun=true', async () => {
      const before = (await (await gateway.admin('GET', '/api/v1/status')).json()).revision;
      const response = await gateway.admin('PUT', '/api/v1/config/ocelot?dryRun=true', { Routes: [route('/dry', '/dry', upstream.port)] });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ dryRun: true, revision: before });
      expect((await fetch(`${gateway.proxyUrl}/dry`)).status).toBe(404);
      const invalid = await gateway.admin('PUT', '/api/v1/config/ocelot?dryRun=true', { Routes: [route('/dry', 'dry', upstream.port)] });
      expect(invalid.status).toBe(400);
    });

    it('accepts the legacy ReRoutes key', async () => {
      await gateway.putConfig({ ReRoutes: [route('/legacy', '/legacy', upstream.port)] });
      expect((await fetch(`${gateway.proxyUrl}/legacy`)).status).toBe(200);
    });

    it('refuses a body that is not JSON content', async () => {
      const response = await gateway.admin('PUT', '/api/v1/config/ocelot', undefined, { 'content-type': 'application/xml' });
      expect([400, 415]).toContain(response.status);
      expect((await response.json()).code).toBeDefined();
    });
  });

  describe('GET /api/v1/config/ocelot', () => {
    it('exports what was imported (round trip)', async () => {
      const config = {
        Routes: [
          route('/values', '/api/values', upstream.port, {
            UpstreamHttpMethod: ['Get'],
            Priority: 3,
            Metadata: { team: 'values' },
            LoadBalancerOptions: { Type: 'RoundRobin' },
            RequestIdKey: 'OcRequestId',
          }),
        ],
        GlobalConfiguration: { BaseUrl: 'https://api.example.com', RequestIdKey: 'X-Correlation-Id' },
      };
      const { revision } = await gateway.putConfig(config);
      const response = await gateway.admin('GET', '/api/v1/config/ocelot');
      expect(response.headers.get('x-margay-revision')).toBe(String(revision));
      const exported = await response.json();
      expect(exported.Routes).toEqual(config.Routes);
      expect(exported.GlobalConfiguration).toEqual(config.GlobalConfiguration);
      await gateway.putConfig(exported);
      expect((await (await gateway.admin('GET', '/api/v1/config/ocelot')).json()).Routes).toEqual(config.Routes);
    });
  });

  describe('GET /api/v1/routes', () => {
    it('lists routes with ids in configuration order, and reads one', async () => {
      await gateway.putConfig({ Routes: [route('/a', '/a', upstream.port), route('/b', '/b', upstream.port)] });
      const list = await (await gateway.admin('GET', '/api/v1/routes')).json();
      expect(list.data.map((entry: { route: { UpstreamPathTemplate: string } }) => entry.route.UpstreamPathTemplate)).toEqual(['/a', '/b']);
      const one = await (await gateway.admin('GET', `/api/v1/routes/${list.data[1].id}`)).json();
      expect(one).toMatchObject({ id: list.data[1].id, position: 1, revision: list.revision, route: { UpstreamPathTemplate: '/b' } });
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      const missing = await gateway.admin('GET', '/api/v1/routes/00000000-0000-4000-8000-000000000000');
      expect(missing.status).toBe(404);
      expect((await missing.json()).code).toBe('route_not_found');
      const malformed = await gateway.admin('GET', '/api/v1/routes/not-an-id');
      expect(malformed.status).toBe(400);
      expect((await malformed.json()).code).toBe('invalid_id');
    });

    it('answers JSON 404 for an unknown admin path', async () => {
      const response = await gateway.admin('GET', '/api/v1/nope');
      expect(response.status).toBe(404);
      expect((await response.json()).code).toBe('not_found');
    });
  });
});
