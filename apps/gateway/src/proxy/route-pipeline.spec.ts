import { loadConfig } from '@margay/config';
import { afterAll, describe, expect, it } from 'vitest';
import { ProviderRegistry } from '../auth/provider-registry.js';
import type { GatewayOptions } from '../config/gateway-options.js';
import { Metrics } from '../observability/metrics.js';
import { CircuitBreakers } from '../qos/circuit-breakers.js';
import { compileSnapshot } from '../snapshot/compile-snapshot.js';
import { AgentPool } from './agent-pool.js';
import { Forwarder } from './forwarder.js';

const base = { DownstreamPathTemplate: '/api/{id}', UpstreamPathTemplate: '/x/{id}', DownstreamScheme: 'http', DownstreamHostAndPorts: [{ Host: 'localhost', Port: 5000 }] };
const provider = { Key: 'Test', Type: 'JwtBearer', Authority: 'https://idp.example.com', Audience: 'api' };
// Nothing here does I/O: agents connect, and providers discover, only when a request needs them.
const agents = new AgentPool();
const providers = new ProviderRegistry();
const forwarder = new Forwarder({ settings: { serverTiming: false } } as GatewayOptions, new CircuitBreakers(), new Metrics());

afterAll(() => {
  agents.destroy();
  providers.onApplicationShutdown();
});

/** The pipeline compileSnapshot gives the only route of this configuration. */
function pipelineOf(route: Record<string, unknown>, global: Record<string, unknown> = {}): string {
  const loaded = loadConfig({ Routes: [{ ...base, ...route }], GlobalConfiguration: global, AuthenticationProviders: [provider] });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return compileSnapshot(loaded.config, 1, { agents, providers, forwarder }).routes[0]!.pipeline;
}

describe('pipelineFor', () => {
  it('gives a route with nothing to check or transform the direct pipeline (no guard, no interceptor)', () => {
    expect(pipelineOf({})).toBe('direct');
    // Response-side transforms run in the proxy's response handler, not in an interceptor.
    expect(pipelineOf({ DownstreamHeaderTransform: { 'X-Served-By': 'margay' } })).toBe('direct');
    expect(pipelineOf({ AuthenticationOptions: { AuthenticationProviderKey: 'Test', AllowAnonymous: true } })).toBe('direct');
  });

  it('guards a route that authenticates, rate-limits, adds claims or requires claims', () => {
    expect(pipelineOf({ AuthenticationOptions: { AuthenticationProviderKey: 'Test', AllowedScopes: ['api1'] } })).toBe('guarded');
    expect(pipelineOf({ RateLimitOptions: { EnableRateLimiting: true, Period: '1s', Limit: 5 } })).toBe('guarded');
    expect(pipelineOf({ RouteClaimsRequirement: { UserType: 'registered' } })).toBe('guarded');
    expect(
      pipelineOf({ AuthenticationOptions: { AuthenticationProviderKey: 'Test' }, AddClaimsToRequest: { UserId: 'Claims[sub] > value[1] > |' } }),
    ).toBe('guarded');
  });

  it('takes global AuthenticationOptions into account', () => {
    expect(pipelineOf({}, { AuthenticationOptions: { AuthenticationProviderKey: 'Test' } })).toBe('guarded');
  });

  it('adds the transforms interceptor only to routes with request transforms', () => {
    expect(pipelineOf({ UpstreamHeaderTransform: { 'X-Forwarded-By': 'margay' } })).toBe('transformed');
    expect(pipelineOf({ AuthenticationOptions: { AuthenticationProviderKey: 'Test' }, AddHeadersToRequest: { CustomerId: 'Claims[CustomerId] > value' } })).toBe('transformed');
    expect(pipelineOf({ AuthenticationOptions: { AuthenticationProviderKey: 'Test' }, AddQueriesToRequest: { LocationId: 'Claims[sub] > value[1] > |' } })).toBe('transformed');
    expect(
      pipelineOf({
        AuthenticationOptions: { AuthenticationProviderKey: 'Test' },
        DownstreamPathTemplate: '/api/{userId}/{id}',
        ChangeDownstreamPathTemplate: { userId: 'Claims[sub] > value[1] > |' },
      }),
    ).toBe('transformed');
  });
});
