import { describe, expect, it } from 'vitest';
import { fakeRequest } from '../test/ocelot-vectors.js';
import { buildRouteTable, type RouteDefinition } from './build-route-table.js';

const get = (path: string, extra: Omit<Parameters<typeof fakeRequest>[0], 'path'> = {}) => fakeRequest({ path, ...extra });

describe('buildRouteTable: selection', () => {
  it('an empty table finds nothing', () => {
    const table = buildRouteTable([]);
    expect(table.size).toBe(0);
    expect(table.select(get('/'))).toEqual({ kind: 'not_found' });
  });

  it('higher priority wins; equal priorities keep configuration order', () => {
    const routes: RouteDefinition[] = [
      { UpstreamPathTemplate: '/a/{x}' },
      { UpstreamPathTemplate: '/a/{y}' },
      { UpstreamPathTemplate: '/a/{z}', Priority: 2 },
    ];
    expect(buildRouteTable(routes).select(get('/a/1'))).toMatchObject({ routeIndex: 2, placeholders: { z: '1' } });
    expect(buildRouteTable(routes.slice(0, 2)).select(get('/a/1'))).toMatchObject({ routeIndex: 0 });
  });

  it('/{x} is forced to priority 0 even when configured higher', () => {
    const table = buildRouteTable([{ UpstreamPathTemplate: '/{all}', Priority: 5 }, { UpstreamPathTemplate: '/a' }]);
    expect(table.select(get('/a'))).toMatchObject({ routeIndex: 1 });
    expect(table.select(get('/b'))).toMatchObject({ routeIndex: 0, placeholders: { all: 'b' } });
  });

  it('the first match with an UpstreamHost beats a host-less match of higher priority', () => {
    const table = buildRouteTable([
      { UpstreamPathTemplate: '/a', Priority: 10 },
      { UpstreamPathTemplate: '/{any}', UpstreamHost: 'api.example.com' },
      { UpstreamPathTemplate: '/a', UpstreamHost: 'api.example.com' },
    ]);
    expect(table.select(get('/a', { host: 'api.example.com' }))).toMatchObject({ routeIndex: 2 });
    expect(table.select(get('/a', { host: 'other.example.com' }))).toMatchObject({ routeIndex: 0 });
  });

  it('a route with a host does not match a request without a Host header', () => {
    const table = buildRouteTable([{ UpstreamPathTemplate: '/', UpstreamHost: 'example.com' }]);
    expect(table.select(get('/')).kind).toBe('not_found');
  });

  it('an IPv6 Host keeps its brackets when the port is dropped', () => {
    const table = buildRouteTable([
      { UpstreamPathTemplate: '/', UpstreamHost: '[::1]' },
      { UpstreamPathTemplate: '/x', UpstreamHost: '[::1]:8080' },
    ]);
    expect(table.select(get('/', { host: '[::1]:5000' }))).toMatchObject({ routeIndex: 0 });
    expect(table.select(get('/x', { host: '[::1]:8080' }))).toMatchObject({ routeIndex: 1 });
    expect(table.select(get('/x', { host: '[::1]:8081' })).kind).toBe('not_found');
  });

  it('methods compare case-insensitively; none configured means any', () => {
    const table = buildRouteTable([{ UpstreamPathTemplate: '/a', UpstreamHttpMethod: ['get'] }, { UpstreamPathTemplate: '/b' }]);
    expect(table.select(get('/a', { method: 'GET' }))).toMatchObject({ routeIndex: 0 });
    expect(table.select(get('/b', { method: 'PURGE' }))).toMatchObject({ routeIndex: 1 });
  });

  it('works on the canonical path: decoded where safe, dot segments resolved', () => {
    const table = buildRouteTable([{ UpstreamPathTemplate: '/files/{name}' }, { UpstreamPathTemplate: '/admin' }]);
    expect(table.select(get('/files/%7Ereport%2Fx'))).toMatchObject({ routeIndex: 0, placeholders: { name: '~report%2Fx' } });
    expect(table.select(get('/files/..%2F..%2Fadmin'))).toMatchObject({ routeIndex: 0 });
    expect(table.select(get('/files/%2E%2E/admin'))).toMatchObject({ routeIndex: 1 });
  });

  it('matches the first segment case-insensitively through the index, exactly for case-sensitive routes', () => {
    const table = buildRouteTable([
      { UpstreamPathTemplate: '/Orders/{id}', RouteIsCaseSensitive: true },
      { UpstreamPathTemplate: '/orders/{id}' },
    ]);
    expect(table.select(get('/Orders/1'))).toMatchObject({ routeIndex: 0 });
    expect(table.select(get('/ORDERS/1'))).toMatchObject({ routeIndex: 1 });
  });
});

describe('buildRouteTable: 405 method_not_allowed', () => {
  const table = buildRouteTable([
    { UpstreamPathTemplate: '/orders/{id}', UpstreamHttpMethod: ['Get', 'Delete'] },
    { UpstreamPathTemplate: '/orders/{id}', UpstreamHttpMethod: ['Put', 'get'] },
    { UpstreamPathTemplate: '/orders/{id}', UpstreamHttpMethod: ['Patch'], UpstreamHost: 'admin.example.com' },
    { UpstreamPathTemplate: '/reports', UpstreamHttpMethod: ['Get'], UpstreamHeaderTemplates: { 'X-Role': 'auditor' } },
  ]);

  it('collects the verbs of every route the request would match with another method, sorted and unique', () => {
    expect(table.select(get('/orders/1', { method: 'POST' }))).toEqual({
      kind: 'method_not_allowed',
      allow: ['DELETE', 'GET', 'PUT'],
    });
  });

  it('counts only routes whose host and header templates match', () => {
    expect(table.select(get('/orders/1', { method: 'POST', host: 'admin.example.com' }))).toEqual({
      kind: 'method_not_allowed',
      allow: ['DELETE', 'GET', 'PATCH', 'PUT'],
    });
    expect(table.select(get('/reports', { method: 'POST' }))).toEqual({ kind: 'not_found' });
    expect(table.select(get('/reports', { method: 'POST', headers: { 'x-role': 'auditor' } }))).toEqual({
      kind: 'method_not_allowed',
      allow: ['GET'],
    });
  });

  it('is not_found when no route matches the path at all, and matched when one matches the verb', () => {
    expect(table.select(get('/nothing', { method: 'POST' }))).toEqual({ kind: 'not_found' });
    expect(table.select(get('/orders/1', { method: 'PUT' }))).toMatchObject({ kind: 'matched', routeIndex: 1 });
  });
});

describe('buildRouteTable: upstream header templates', () => {
  const table = buildRouteTable([
    {
      UpstreamPathTemplate: '/api/{id}',
      UpstreamHeaderTemplates: { 'X-Version': 'v{header:version}', 'x-country': '{header:cc}-{header:region}' },
    },
    { UpstreamPathTemplate: '/api/{id}' },
  ]);

  it('adds header placeholders to the path ones; header names match in any case', () => {
    const selection = table.select(get('/api/7', { headers: { 'X-VERSION': 'V2', 'X-Country': 'PL-maz-pl' } }));
    expect(selection).toEqual({ kind: 'matched', routeIndex: 0, placeholders: { id: '7', version: '2', cc: 'PL-maz', region: 'pl' } });
  });

  it('every listed header must be present and match, or the route is skipped', () => {
    expect(table.select(get('/api/7', { headers: { 'x-version': 'v2' } }))).toMatchObject({ routeIndex: 1 });
    expect(table.select(get('/api/7', { headers: { 'x-version': '2', 'x-country': 'PL-x' } }))).toMatchObject({ routeIndex: 1 });
  });

  it('respects RouteIsCaseSensitive for header literals', () => {
    const strict = buildRouteTable([
      { UpstreamPathTemplate: '/', RouteIsCaseSensitive: true, UpstreamHeaderTemplates: { 'X-V': 'v{header:n}' } },
    ]);
    expect(strict.select(get('/', { headers: { 'x-v': 'V1' } })).kind).toBe('not_found');
    expect(strict.select(get('/', { headers: { 'x-v': 'v1' } })).kind).toBe('matched');
  });

  it('a header value is made path-safe: it cannot add segments or a query downstream', () => {
    const selection = table.select(get('/api/7', { headers: { 'x-version': 'v1/../admin?x=%41', 'x-country': 'a b-c' } }));
    expect(selection).toMatchObject({ placeholders: { version: '1%2F..%2Fadmin%3Fx=%2541', cc: 'a%20b', region: 'c' } });
  });

  it('a path placeholder keeps its value when a header placeholder has the same name', () => {
    const clash = buildRouteTable([{ UpstreamPathTemplate: '/t/{tenant}', UpstreamHeaderTemplates: { 'X-Tenant': '{header:tenant}' } }]);
    expect(clash.select(get('/t/from-path', { headers: { 'x-tenant': 'from-header' } }))).toMatchObject({
      placeholders: { tenant: 'from-path' },
    });
  });
});
