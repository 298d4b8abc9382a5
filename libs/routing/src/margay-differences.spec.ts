/**
 * Margay's deliberate differences from Ocelot in routing (Ocelot README quirk table, and the routing
 * brief), one describe per difference. Each test shows Margay's behaviour; where useful it also shows the
 * Ocelot regex that behaves otherwise.
 */
import { describe, expect, it } from 'vitest';
import { fakeRequest } from '../test/ocelot-vectors.js';
import { buildRouteTable } from './build-route-table.js';
import { compileDownstreamPath } from './compile-downstream-path.js';
import { compileUpstreamTemplate } from './compile-upstream-template.js';

describe('template literals match literally', () => {
  it('a dot matches only a dot (Ocelot: any character)', () => {
    const t = compileUpstreamTemplate('/file.json');
    expect(t.ocelotRegex).toBe('^(?i)/file.json$'); // unescaped in Ocelot
    expect(t.match('/file.json', '')).toEqual({});
    expect(t.match('/fileXjson', '')).toBeNull();
  });

  it.each(['/a+b', '/a(b)', '/price$', '/x|y', '/a*', '/[v]', '/a^b'])('%s matches only itself', (template) => {
    const t = compileUpstreamTemplate(template);
    expect(t.match(template, '')).not.toBeNull();
    expect(t.match(template.replace(/[^/]$/, 'Z'), '')).toBeNull();
  });

  it('a literal `.` after the last slash does not make the last segment optional (Ocelot: it does)', () => {
    const t = compileUpstreamTemplate('/a/.well-known');
    expect(t.ocelotRegex).toBe('^(?i)/a(?:|/.well-known)$');
    expect(t.match('/a', '')).toBeNull();
    expect(t.match('/a/.well-known', '')).toEqual({});
  });

  it('literals in the query part match literally too', () => {
    const t = compileUpstreamTemplate('/search?q.x={q}');
    expect(t.match('/search', 'q.x=1')).toEqual({ q: '1' });
    expect(t.match('/search', 'qZx=1')).toBeNull();
  });
});

describe('UpstreamHost', () => {
  const table = buildRouteTable([
    { UpstreamPathTemplate: '/', UpstreamHost: 'api.example.com:8443' },
    { UpstreamPathTemplate: '/', UpstreamHost: 'Example.com' },
  ]);

  it('host:port matches the Host header exactly (Ocelot: never matches)', () => {
    expect(table.select(fakeRequest({ path: '/', host: 'api.example.com:8443' }))).toMatchObject({ routeIndex: 0 });
    expect(table.select(fakeRequest({ path: '/', host: 'api.example.com:443' })).kind).toBe('not_found');
    expect(table.select(fakeRequest({ path: '/', host: 'api.example.com' })).kind).toBe('not_found');
  });

  it('a host without a port matches on any port', () => {
    expect(table.select(fakeRequest({ path: '/', host: 'example.com:8080' }))).toMatchObject({ routeIndex: 1 });
    expect(table.select(fakeRequest({ path: '/', host: 'example.com' }))).toMatchObject({ routeIndex: 1 });
  });

  it('hosts compare case-insensitively, with or without a port (Ocelot: case-sensitive)', () => {
    expect(table.select(fakeRequest({ path: '/', host: 'EXAMPLE.COM' }))).toMatchObject({ routeIndex: 1 });
    expect(table.select(fakeRequest({ path: '/', host: 'API.Example.COM:8443' }))).toMatchObject({ routeIndex: 0 });
  });
});

describe('a known path with a wrong verb', () => {
  it('is method_not_allowed with the allowed verbs (Ocelot: 404)', () => {
    const table = buildRouteTable([{ UpstreamPathTemplate: '/orders', UpstreamHttpMethod: ['Get', 'post'] }]);
    expect(table.select(fakeRequest({ method: 'DELETE', path: '/orders' }))).toEqual({
      kind: 'method_not_allowed',
      allow: ['GET', 'POST'],
    });
  });
});

describe('repeated query keys', () => {
  it('are preserved in order when the query is merged with a template query (Ocelot: comma-joined)', () => {
    const d = compileDownstreamPath('/b?{q}', ['q']);
    expect(d.build({ placeholders: { q: '' }, requestPath: '/a', rawQuery: 'a=1&b=2&a=3' }).query).toBe('?a=1&b=2&a=3');
  });

  it('are preserved in order when the query is re-encoded (Ocelot: grouped by key)', () => {
    const d = compileDownstreamPath('/b/{id}', ['id']);
    expect(d.build({ placeholders: { id: '1' }, requestPath: '/a/1', rawQuery: 'a=1&b=2&a=3&id=9' }).query).toBe('?a=1&b=2&a=3');
  });
});

describe('upstream header templates', () => {
  it('escape their literals (Ocelot: the template is a raw regex)', () => {
    const table = buildRouteTable([{ UpstreamPathTemplate: '/', UpstreamHeaderTemplates: { 'X-Api': 'v1.0' } }]);
    expect(table.select(fakeRequest({ path: '/', headers: { 'x-api': 'v1.0' } })).kind).toBe('matched');
    expect(table.select(fakeRequest({ path: '/', headers: { 'x-api': 'v1x0' } })).kind).toBe('not_found');
  });

  it('treat regex syntax as text', () => {
    const table = buildRouteTable([{ UpstreamPathTemplate: '/', UpstreamHeaderTemplates: { 'X-Api': '(a|b)+' } }]);
    expect(table.select(fakeRequest({ path: '/', headers: { 'x-api': '(a|b)+' } })).kind).toBe('matched');
    expect(table.select(fakeRequest({ path: '/', headers: { 'x-api': 'abab' } })).kind).toBe('not_found');
  });
});
