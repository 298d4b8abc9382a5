import type { AddressInfo } from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { loadConfig } from '@margay/config';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProviderRegistry } from '../auth/provider-registry.js';
import type { GatewayOptions } from '../config/gateway-options.js';
import { GatewayError } from '../errors/gateway-error.js';
import { Metrics } from '../observability/metrics.js';
import { CircuitBreakers } from '../qos/circuit-breakers.js';
import { compileSnapshot } from '../snapshot/compile-snapshot.js';
import { SnapshotTable } from '../snapshot/snapshot-table.js';
import { AgentPool } from './agent-pool.js';
import { Forwarder } from './forwarder.js';
import { ProxyServer } from './proxy-server.js';
import { contextOf, type ProxyContext } from './request-context.js';

// Nothing here does I/O downstream: the pipelines and Fastify are stand-ins that record what reached
// them; the routes, their compiled snapshot and the HTTP server are real.
const agents = new AgentPool();
const providers = new ProviderRegistry();
const forwarder = new Forwarder({ settings: { serverTiming: false } } as GatewayOptions, new CircuitBreakers(), new Metrics());
const downstream = { DownstreamScheme: 'http', DownstreamHostAndPorts: [{ Host: '127.0.0.1', Port: 9 }] };
const provider = { Key: 'Test', Type: 'JwtBearer', Authority: 'https://idp.example.com', Audience: 'api' };

function tableWithRoutes(): SnapshotTable {
  const loaded = loadConfig({
    Routes: [
      { ...downstream, UpstreamPathTemplate: '/open/{id}', DownstreamPathTemplate: '/{id}', UpstreamHttpMethod: ['Get'] },
      { ...downstream, UpstreamPathTemplate: '/closed/{id}', DownstreamPathTemplate: '/{id}', AuthenticationOptions: { AuthenticationProviderKey: 'Test' } },
    ],
    GlobalConfiguration: {},
    AuthenticationProviders: [provider],
  });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const table = new SnapshotTable();
  table.swap(compileSnapshot(loaded.config, 1, { agents, providers, forwarder }));
  return table;
}

describe('ProxyServer', () => {
  let server: Server;
  let proxyServer: ProxyServer;
  let url: string;
  const seen: { by: string; pipeline: string | undefined; error?: unknown }[] = [];

  const reply = (response: ServerResponse, by: string) => response.end(by);
  const fastify = (request: IncomingMessage, response: ServerResponse) => {
    seen.push({ by: 'fastify', pipeline: contextOf(request)?.pipeline });
    reply(response, 'fastify');
  };

  beforeEach(async () => {
    seen.length = 0;
    proxyServer = new ProxyServer(tableWithRoutes());
    server = proxyServer.factory(fastify, { keepAliveTimeout: 72_000, requestTimeout: 0, connectionTimeout: 0, maxRequestsPerSocket: 0 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));
  afterAll(() => {
    agents.destroy();
    providers.onApplicationShutdown();
  });

  function serve(): void {
    proxyServer.serve({
      run: (request, response, context: ProxyContext) => {
        seen.push({ by: 'run', pipeline: context.pipeline, error: context.refusal });
        expect(contextOf(request)).toBe(context);
        reply(response, 'run');
      },
      fail: (error, request, response) => {
        seen.push({ by: 'fail', pipeline: contextOf(request)?.pipeline, error });
        reply(response, 'fail');
      },
    });
  }

  it('sets the timeouts Fastify would set on a server it made itself', () => {
    expect(server.keepAliveTimeout).toBe(72_000);
    expect(server.requestTimeout).toBe(0);
  });

  it('hands every request to Fastify until it serves', async () => {
    expect(await (await fetch(`${url}/open/1`)).text()).toBe('fastify');
    expect(seen).toEqual([{ by: 'fastify', pipeline: undefined }]);
  });

  it("runs every request's pipeline, resolved, without Fastify", async () => {
    serve();
    for (const [method, path] of [['GET', '/open/1'], ['GET', '/closed/1'], ['GET', '/nowhere'], ['DELETE', '/open/1']]) {
      expect(await (await fetch(`${url}${path}`, { method })).text()).toBe('run');
    }
    expect(seen.map(({ by, pipeline, error }) => [by, pipeline, (error as GatewayError | undefined)?.code])).toEqual([
      ['run', 'direct', undefined],
      ['run', 'guarded', undefined],
      ['run', 'refused', 'route_not_found'],
      ['run', 'refused', 'method_not_allowed'],
    ]);
  });

  it('refuses every request once the app is closing, with 503 shutting_down and Connection: close', async () => {
    serve();
    proxyServer.shutDown();
    expect(await (await fetch(`${url}/open/1`)).text()).toBe('fail');
    expect(await (await fetch(`${url}/closed/1`)).text()).toBe('fail');
    expect(seen.map(({ by, error }) => [by, (error as GatewayError).code, (error as GatewayError).status, (error as GatewayError).headers])).toEqual([
      ['fail', 'shutting_down', 503, { connection: 'close' }],
      ['fail', 'shutting_down', 503, { connection: 'close' }],
    ]);
  });
});
