import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { route, startTestGateway, type TestGateway } from './support/test-gateway.js';

/** A WebSocket echo server on loopback that prefixes what it echoes with the path it was opened on. */
async function startEchoServer(): Promise<{ port: number; close: () => Promise<void>; headers: Record<string, unknown>[] }> {
  const server: Server = createServer();
  const wss = new WebSocketServer({ server });
  const headers: Record<string, unknown>[] = [];
  wss.on('connection', (socket, request) => {
    headers.push(request.headers);
    socket.on('message', (data) => socket.send(`${request.url} ${data.toString()}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    headers,
    close: () => new Promise((resolve) => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.close(() => resolve());
    }),
  };
}

function exchange(url: string, message: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('open', () => socket.send(message));
    socket.on('message', (data) => {
      resolve(data.toString());
      socket.close();
    });
    socket.on('error', reject);
  });
}

function refusal(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    socket.on('open', () => reject(new Error('the upgrade was accepted')));
    socket.on('error', () => undefined);
  });
}

describe('WebSocket upgrades', () => {
  let db: TestDatabase;
  let gateway: TestGateway;
  let echo: Awaited<ReturnType<typeof startEchoServer>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    echo = await startEchoServer();
    gateway = await startTestGateway(db.url);
    await gateway.putConfig({
      Routes: [route('/chat/{room}', '/ws/{room}', echo.port, { DownstreamScheme: 'ws' })],
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

  it('refuses an upgrade to an unknown path with the JSON error', async () => {
    const wsUrl = gateway.proxyUrl.replace('http://', 'ws://');
    const refused = await refusal(`${wsUrl}/nowhere`);
    expect(refused.status).toBe(404);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'route_not_found' });
  });
});
