import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';
import { UNSUPPORTED_FEATURES } from './unsupported-features.js';

const route = { UpstreamPathTemplate: '/a', DownstreamPathTemplate: '/b', DownstreamHostAndPorts: [{ Host: 'h', Port: 80 }] };

function refused(raw: Record<string, unknown>): string[] {
  const result = loadConfig(raw);
  expect(result.issues.every((issue) => issue.code === 'unsupported_feature')).toBe(true);
  return result.issues.map((issue) => issue.path);
}

describe('unsupported features', () => {
  it.each([
    ['ServiceName', { Routes: [{ ...route, DownstreamHostAndPorts: [], ServiceName: 'orders' }] }, ['Routes[0].ServiceName']],
    ['ServiceNamespace', { Routes: [{ ...route, ServiceNamespace: 'ns' }] }, ['Routes[0].ServiceNamespace']],
    ['ServiceDiscoveryProvider with a Type', { Routes: [route], GlobalConfiguration: { ServiceDiscoveryProvider: { Type: 'Consul', Host: 'c' } } }, ['GlobalConfiguration.ServiceDiscoveryProvider.Type']],
    ['Aggregates', { Routes: [route], Aggregates: [{ UpstreamPathTemplate: '/x', RouteKeys: [] }] }, ['Aggregates']],
    ['DynamicRoutes', { Routes: [route], DynamicRoutes: [{ ServiceName: 'x' }] }, ['DynamicRoutes']],
    ['DelegatingHandlers', { Routes: [{ ...route, DelegatingHandlers: ['H'] }] }, ['Routes[0].DelegatingHandlers']],
    [
      'CacheOptions / FileCacheOptions with TtlSeconds > 0',
      { Routes: [{ ...route, CacheOptions: { TtlSeconds: 5 }, FileCacheOptions: { TtlSeconds: 1 } }], GlobalConfiguration: { CacheOptions: { TtlSeconds: 9 } } },
      ['Routes[0].CacheOptions.TtlSeconds', 'Routes[0].FileCacheOptions.TtlSeconds', 'GlobalConfiguration.CacheOptions.TtlSeconds'],
    ],
    [
      'DownstreamHttpVersion 2 or 3 without RequestVersionOrLower',
      { Routes: [{ ...route, DownstreamHttpVersion: '2.0' }, { ...route, UpstreamPathTemplate: '/c', DownstreamHttpVersion: '3' }] },
      ['Routes[0].DownstreamHttpVersion', 'Routes[1].DownstreamHttpVersion'],
    ],
    ['HttpHandlerOptions.UseProxy true', { Routes: [{ ...route, HttpHandlerOptions: { UseProxy: true } }] }, ['Routes[0].HttpHandlerOptions.UseProxy']],
    ['CookieStickySessions', { Routes: [route], GlobalConfiguration: { LoadBalancerOptions: { Type: 'CookieStickySessions', Key: 'c' } } }, ['GlobalConfiguration.LoadBalancerOptions.Type']],
  ] as const)('refuses %s', (_feature, raw, paths) => {
    expect(refused(raw as Record<string, unknown>)).toEqual(paths);
  });

  it.each([
    ['empty Aggregates and DynamicRoutes', { Routes: [route], Aggregates: [], DynamicRoutes: [] }],
    ['TtlSeconds 0', { Routes: [{ ...route, FileCacheOptions: { TtlSeconds: 0, Region: 'r' } }] }],
    ['empty IP lists', { Routes: [{ ...route, SecurityOptions: { IPAllowedList: [], IPBlockedList: [] } }] }],
    [
      'SecurityOptions with IP lists (supported)',
      { Routes: [{ ...route, SecurityOptions: { IPAllowedList: ['10.0.0.0/8', '192.168.1.10-20', '::1'] } }], GlobalConfiguration: { SecurityOptions: { IPBlockedList: ['1.2.3.4', '10.0.0.0/255.0.0.0'] } } },
    ],
    ['HTTP/2 with RequestVersionOrLower (route)', { Routes: [{ ...route, DownstreamHttpVersion: '2.0', DownstreamHttpVersionPolicy: 'RequestVersionOrLower' }] }],
    ['HTTP/2 with RequestVersionOrLower (global policy)', { Routes: [{ ...route, DownstreamHttpVersion: '2' }], GlobalConfiguration: { DownstreamHttpVersionPolicy: 'RequestVersionOrLower' } }],
    ['UseProxy false', { Routes: [{ ...route, HttpHandlerOptions: { UseProxy: false, UseTracing: true } }] }],
    ['ServiceDiscoveryProvider without a Type', { Routes: [route], GlobalConfiguration: { ServiceDiscoveryProvider: { Host: 'c', Port: 8500 } } }],
    ['RateLimitOptions and QoSOptions (supported)', { Routes: [{ ...route, RateLimitOptions: { Limit: 1, Period: '1s' }, QoSOptions: { ExceptionsAllowedBeforeBreaking: 3, DurationOfBreak: 1000 } }] }],
  ] as const)('accepts %s', (_case, raw) => {
    expect(loadConfig(raw as Record<string, unknown>).issues).toEqual([]);
  });

  it('has one row per feature, each naming its keys', () => {
    expect(UNSUPPORTED_FEATURES.map((row) => row.feature)).toHaveLength(new Set(UNSUPPORTED_FEATURES.map((row) => row.feature)).size);
    for (const row of UNSUPPORTED_FEATURES) expect(row.keys.length).toBeGreaterThan(0);
  });

  it('says what to do instead', () => {
    const issue = loadConfig({ Routes: [{ ...route, HttpHandlerOptions: { UseProxy: true } }] }).issues[0]!;
    expect(issue.message).toContain('HttpHandlerOptions.UseProxy');
    expect(issue.message).toContain('Remove UseProxy or set it to false');
  });
});
