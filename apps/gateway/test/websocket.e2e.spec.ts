import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyErrorCount } from './support/metric-sample.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { route, startTestGateway, type TestGateway } from './support/test-gateway.js';
import { exchange, refusal, startEchoServer, type EchoServer } from './support/ws-echo.js';

describe('WebSocket upgrades', () => {
  let db: TestDatabase;
  let gateway: TestGateway;
  let echo: EchoServer;

  beforeAll(async () => {
    db = await createTestDatabase();
    echo = await startEchoServer();
    gateway = await startTestGateway(db.url);
    await gateway.putConfig({
      Routes: [
        route('/chat/{room}', '/ws/{room}', echo.port, { DownstreamScheme: 'ws' }),
        route('/stream/{everything}', '/ws/{everything}', echo.port, { DownstreamScheme: 'ws' }),
      ],
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await echo?.close();
    await db?.drop();
  });

  it('proxies an upgrade to the downstream path, both ways', async () => {
    const wsUrl = gateway.proxyUrl.replace('http://', 'ws://');
    expect(await exchange(`${wsUrl}/chat/lobby`, 'hello')).toBe('/ws/lobby hello');
    const seen = echo.headers.at(-1)!;
    expect(seen['x-request-id']).toBeDefined();
    expect(seen['x-forwarded-for']).toBe('127.0.0.1');
  });

  it('sends the downstream path as built, slashes and all', async () => {
    const wsUrl = gateway.proxyUrl.replace('http://', 'ws://');
    expect(await exchange(`${wsUrl}/stream/a//b/http:/c`, 'hi')).toBe('/ws/a//b/http:/c hi');
  });

  it('refuses an upgrade to an unknown path with the JSON error, counted in the metrics', async () => {
    const before = await proxyErrorCount(gateway.adminUrl, 'route_not_found');
    const wsUrl = gateway.proxyUrl.replace('http://', 'ws://');
    const refused = await refusal(`${wsUrl}/nowhere`);
    expect(refused.status).toBe(404);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'route_not_found' });
    expect(await proxyErrorCount(gateway.adminUrl, 'route_not_found')).toBe(before + 1);
  });
});
