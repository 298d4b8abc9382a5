import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { route, startTestGateway, type TestGateway } from './support/test-gateway.js';

/**
 * DownstreamScheme https against a real TLS server with a self-signed certificate (made with the
 * machine's openssl), and GlobalConfiguration.RequestIdKey naming the request id header.
 */
describe('https downstreams and RequestIdKey', () => {
  let db: TestDatabase;
  let gateway: TestGateway;
  let server: Server;
  let port: number;
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'margay-tls-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-keyout', join(folder, 'key.pem'), '-out', join(folder, 'cert.pem'),
    ], { stdio: 'ignore' });
    server = createServer({ key: await readFile(join(folder, 'key.pem')), cert: await readFile(join(folder, 'cert.pem')) }, (request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ tls: true, url: request.url, correlation: request.headers['x-correlation-id'] ?? null }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    db = await createTestDatabase();
    gateway = await startTestGateway(db.url);
    await gateway.putConfig({
      Routes: [
        route('/trusting/{x}', '/secure/{x}', port, { DownstreamScheme: 'https', DangerousAcceptAnyServerCertificateValidator: true }),
        route('/verifying/{x}', '/secure/{x}', port, { DownstreamScheme: 'https' }),
      ],
      GlobalConfiguration: { RequestIdKey: 'X-Correlation-Id' },
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    server?.close();
    await db?.drop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('forwards over TLS when the route accepts any certificate', async () => {
    const response = await fetch(`${gateway.proxyUrl}/trusting/1`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ tls: true, url: '/secure/1' });
  });

  it('verifies the certificate by default: a self-signed one is a 502', async () => {
    const response = await fetch(`${gateway.proxyUrl}/verifying/1`);
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ code: 'downstream_unreachable' });
  });

  it('uses GlobalConfiguration.RequestIdKey for the request id, both ways', async () => {
    const generated = await fetch(`${gateway.proxyUrl}/trusting/2`);
    const id = generated.headers.get('x-correlation-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(generated.headers.get('x-request-id')).toBeNull();
    expect((await generated.json()).correlation).toBe(id);
    const sent = await fetch(`${gateway.proxyUrl}/trusting/3`, { headers: { 'X-Correlation-Id': 'from-client-7' } });
    expect(sent.headers.get('x-correlation-id')).toBe('from-client-7');
    expect((await sent.json()).correlation).toBe('from-client-7');
  });
});
