import type { GlobalConfiguration, RouteConfig } from '@margay/config';
import { describe, expect, it } from 'vitest';
import type { StoredRoute } from '../api/index.js';
import { summarizeRoute } from './route-summary.js';

function stored(route: Partial<RouteConfig>, position = 0): StoredRoute {
  return {
    id: `00000000-0000-4000-8000-00000000000${position}`,
    position,
    updatedAt: '2026-11-24T16:00:00.000Z',
    route: {
      UpstreamPathTemplate: '/orders/{id}',
      DownstreamPathTemplate: '/api/orders/{id}',
      DownstreamHostAndPorts: [{ Host: 'orders', Port: 80 }],
      ...route,
    },
  };
}

describe('summarizeRoute', () => {
  it('summarizes a plain route', () => {
    expect(summarizeRoute(stored({ UpstreamHttpMethod: ['Get'] }, 4), {})).toEqual({
      id: '00000000-0000-4000-8000-000000000004',
      position: 4,
      methods: 'GET',
      upstream: '/orders/{id}',
      downstream: ['http://orders:80/api/orders/{id}'],
      authentication: 'none',
    });
  });

  describe('methods', () => {
    it.each([
      ['no UpstreamHttpMethod', undefined, 'any'],
      ['an empty list', [], 'any'],
      ['blank entries only', [' '], 'any'],
      ['mixed case and duplicates', ['get', 'Post', 'GET'], 'GET, POST'],
    ])('%s → %s', (_name, methods, expected) => {
      expect(summarizeRoute(stored(methods === undefined ? {} : { UpstreamHttpMethod: methods }), {}).methods).toBe(expected);
    });
  });

  describe('downstream', () => {
    it('lists one URL per host, with the route’s scheme lower-cased', () => {
      const route = stored({ DownstreamScheme: 'HTTPS', DownstreamHostAndPorts: [{ Host: 'a', Port: 443 }, { Host: 'b', Port: 8443 }] });
      expect(summarizeRoute(route, {}).downstream).toEqual(['https://a:443/api/orders/{id}', 'https://b:8443/api/orders/{id}']);
    });

    it('puts an IPv6 address in brackets', () => {
      const route = stored({ DownstreamHostAndPorts: [{ Host: '::1', Port: 5000 }, { Host: '[fe80::1]', Port: 80 }] });
      expect(summarizeRoute(route, {}).downstream).toEqual(['http://[::1]:5000/api/orders/{id}', 'http://[fe80::1]:80/api/orders/{id}']);
    });

    it('shows the scheme inherited from GlobalConfiguration when the route sets none', () => {
      expect(summarizeRoute(stored({}), { DownstreamScheme: 'https' }).downstream).toEqual(['https://orders:80/api/orders/{id}']);
      expect(summarizeRoute(stored({ DownstreamScheme: 'ws' }), { DownstreamScheme: 'https' }).downstream).toEqual(['ws://orders:80/api/orders/{id}']);
    });

    it('says so when the route has no host', () => {
      expect(summarizeRoute(stored({ DownstreamHostAndPorts: [] }), {}).downstream).toEqual(['http://(no host)/api/orders/{id}']);
    });
  });

  describe('authentication', () => {
    it('lists the provider keys in the order they are tried, without duplicates', () => {
      const route = stored({ AuthenticationOptions: { AuthenticationProviderKey: 'legacy', AuthenticationProviderKeys: ['main', 'legacy', ''] } });
      expect(summarizeRoute(route, {}).authentication).toBe('legacy, main');
    });

    it('shows the global providers for routes in their RouteKeys group only', () => {
      const global: GlobalConfiguration = { AuthenticationOptions: { AuthenticationProviderKeys: ['corp'], RouteKeys: ['orders'] } };
      expect(summarizeRoute(stored({ Key: 'orders' }), global).authentication).toBe('corp');
      expect(summarizeRoute(stored({ Key: 'health' }), global).authentication).toBe('none');
    });

    it('marks a route that allows anonymous calls', () => {
      const global: GlobalConfiguration = { AuthenticationOptions: { AuthenticationProviderKeys: ['corp'] } };
      expect(summarizeRoute(stored({ AuthenticationOptions: { AllowAnonymous: true } }), global).authentication).toBe('corp (anonymous allowed)');
    });
  });
});
