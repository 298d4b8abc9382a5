import { effectiveRoute, loadConfig, type GatewayConfig, type RouteConfig } from '@margay/config';
import { compileRouteTransforms } from '@margay/transforms';
import passport from 'passport';
import { describe, expect, it } from 'vitest';
import { compileRouteAuth, type CompiledProviders } from '../auth/compile-auth.js';
import { compileRateLimit } from '../snapshot/compile-snapshot.js';
import { transformStagesFor } from '../transforms/stages.js';
import { pipelineFor } from './route-pipeline.js';

const base = { DownstreamPathTemplate: '/api/{id}', UpstreamPathTemplate: '/x/{id}', DownstreamScheme: 'http', DownstreamHostAndPorts: [{ Host: 'localhost', Port: 5000 }] };
const provider = { Key: 'Test', Type: 'JwtBearer', Authority: 'https://idp.example.com', Audience: 'api' };

/** The pipeline compileSnapshot gives the only route of this configuration. */
function pipelineOf(route: Record<string, unknown>, global: Record<string, unknown> = {}): string {
  const loaded = loadConfig({ Routes: [{ ...base, ...route }], GlobalConfiguration: global, AuthenticationProviders: [provider] });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const config: GatewayConfig = loaded.config;
  const routeConfig: RouteConfig = config.Routes[0]!;
  const effective = effectiveRoute(routeConfig, config.GlobalConfiguration);
  const providers: CompiledProviders = { passport: new passport.Passport(), runtimes: new Map([['Test', {} as never]]) };
  const transforms = compileRouteTransforms(routeConfig, {
    upstreamHeaderTransform: effective.upstreamHeaderTransform,
    downstreamHeaderTransform: effective.downstreamHeaderTransform,
    baseUrl: 'http://localhost:5000',
  });
  return pipelineFor({
    rateLimit: effective.rateLimit ? compileRateLimit(effective.rateLimit) : null,
    auth: compileRouteAuth(routeConfig, effective, providers),
    transforms,
    transformStages: transformStagesFor(transforms),
  });
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
