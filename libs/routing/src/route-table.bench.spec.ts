/**
 * Benchmark-style spec: with 1,000 routes a selection tests only a handful of regexes. Counted with an
 * instrumented probe (every regex execution), never timed. Plus a property: the indexed table selects
 * exactly what a naive scan of every route in priority order selects.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeRequest } from '../test/ocelot-vectors.js';
import type { RouteDefinition, RouteSelection } from './build-route-table.js';
import { compileUpstreamTemplate } from './compile-upstream-template.js';
import { compileRouteTable } from './internal/route-table.js';

/** 1,000 routes shaped like a real gateway's: many services, a few hosted and catch-all routes. */
function thousandRoutes(): RouteDefinition[] {
  const routes: RouteDefinition[] = [];
  for (let i = 0; i < 190; i++) {
    routes.push(
      { UpstreamPathTemplate: `/svc${i}/items`, UpstreamHttpMethod: ['Get', 'Post'] },
      { UpstreamPathTemplate: `/svc${i}/items/{id}`, UpstreamHttpMethod: ['Get', 'Put', 'Delete'] },
      { UpstreamPathTemplate: `/svc${i}/items/{id}/children/{child}`, UpstreamHttpMethod: ['Get'] },
      { UpstreamPathTemplate: `/api/v1/svc${i}/search?q={q}`, UpstreamHttpMethod: ['Get'] },
      { UpstreamPathTemplate: `/svc${i}/{everything}`, Priority: 0 },
    );
  }
  for (let i = 0; i < 47; i++) {
    routes.push({ UpstreamPathTemplate: `/svc${i}/items`, UpstreamHost: `tenant${i}.example.com`, UpstreamHttpMethod: ['Get'] });
  }
  routes.push(
    { UpstreamPathTemplate: '/{tenant}/health', UpstreamHttpMethod: ['Get'] },
    { UpstreamPathTemplate: '/{tenant}/status/{probe}', UpstreamHttpMethod: ['Get'] },
    { UpstreamPathTemplate: '/{everything}' },
  );
  return routes;
}

describe('route table with 1,000 routes', () => {
  const routes = thousandRoutes();
  const probe = { regexTests: 0 };
  const table = compileRouteTable(routes, probe);

  function select(request: Parameters<typeof fakeRequest>[0]): { selection: RouteSelection; regexTests: number } {
    probe.regexTests = 0;
    const selection = table.select(fakeRequest(request));
    return { selection, regexTests: probe.regexTests };
  }

  it('has 1,000 routes', () => {
    expect(table.size).toBe(1000);
  });

  it.each([
    ['a static route', { path: '/svc120/items' }],
    ['a route with a placeholder', { path: '/svc120/items/42' }],
    ['a deep route', { path: '/svc7/items/1/children/2' }],
    ['a hosted route', { path: '/svc7/items', host: 'tenant7.example.com' }],
    ['a query route under a shared prefix', { path: '/api/v1/svc150/search', rawQuery: 'q=x' }],
    ['a per-service catch-all', { path: '/svc99/other/thing' }],
    ['a placeholder-first route', { path: '/acme/health' }],
    ['the global catch-all', { path: '/unknown/path' }],
    ['a verb only the global catch-all accepts', { path: '/svc120/items/1', method: 'PATCH' }],
  ] as const)('%s tests at most 6 regexes', (_, request) => {
    const { selection, regexTests } = select(request);
    expect(selection.kind).not.toBe('not_found');
    expect(regexTests).toBeGreaterThan(0);
    expect(regexTests).toBeLessThanOrEqual(6);
  });

  it('averages under 3 regex tests over a request for every route', () => {
    let total = 0;
    for (const route of routes) {
      const path = route.UpstreamPathTemplate.split('?')[0]!.replace(/\{[^}]+\}/g, 'x');
      const host = route.UpstreamHost ?? undefined;
      total += select({ path, rawQuery: 'q=1', ...(host ? { host } : {}) }).regexTests;
    }
    expect(total / routes.length).toBeLessThan(3);
  });
});

/** Ocelot's selection written the obvious way: every route, in priority order, no index. */
function naiveSelect(routes: readonly RouteDefinition[], request: ReturnType<typeof fakeRequest>): RouteSelection {
  const ordered = routes
    .map((route, routeIndex) => ({ route, routeIndex, t: compileUpstreamTemplate(route.UpstreamPathTemplate, {
      caseSensitive: route.RouteIsCaseSensitive ?? false,
      ...(route.Priority === undefined ? {} : { priority: route.Priority }),
    }) }))
    .sort((a, b) => b.t.effectivePriority - a.t.effectivePriority);
  const hostOk = (host: string | null | undefined) => {
    if (!host) return true;
    const header = request.host?.toLowerCase();
    return (host.includes(':') ? header : header?.split(':')[0]) === host.toLowerCase();
  };
  const methodOk = (route: RouteDefinition) =>
    !route.UpstreamHttpMethod?.length || route.UpstreamHttpMethod.some((m) => m.toUpperCase() === request.method);
  const pathMatches = ordered
    .filter((r) => hostOk(r.route.UpstreamHost))
    .map((r) => ({ ...r, placeholders: r.t.match(request.path, request.rawQuery) }))
    .filter((r) => r.placeholders !== null);
  const matches = pathMatches.filter((r) => methodOk(r.route));
  const winner = matches.find((r) => r.route.UpstreamHost) ?? matches[0];
  if (winner) return { kind: 'matched', routeIndex: winner.routeIndex, placeholders: winner.placeholders! };
  const allow = [...new Set(pathMatches.flatMap((r) => (r.route.UpstreamHttpMethod ?? []).map((m) => m.toUpperCase())))].sort();
  return allow.length ? { kind: 'method_not_allowed', allow } : { kind: 'not_found' };
}

describe('the indexed table selects what a naive scan selects', () => {
  const segment = fc.constantFrom('a', 'B', 'ab', '{p}', 'x{p}', '{p}.j');
  const template = fc.oneof(
    { weight: 8, arbitrary: fc.array(segment, { minLength: 1, maxLength: 3 }).chain((segs) =>
      fc.constantFrom('', '/', '?k={q}').map((end) => {
        let n = 0;
        return '/' + segs.map((s) => s.replace('{p}', () => `{p${n++}}`)).join('/') + end;
      })) },
    { weight: 1, arbitrary: fc.constantFrom('/', '/{all}') },
  );
  const route = fc.record(
    {
      UpstreamPathTemplate: template,
      UpstreamHttpMethod: fc.subarray(['Get', 'post']),
      UpstreamHost: fc.constantFrom(null, 'h.com', 'H.com:81'),
      Priority: fc.constantFrom(0, 1, 2),
      RouteIsCaseSensitive: fc.boolean(),
    },
    { requiredKeys: ['UpstreamPathTemplate'] },
  );
  const request = fc.record({
    path: fc.array(fc.constantFrom('a', 'b', 'B', 'ab', 'x1', '1.j', '%61', '..'), { maxLength: 4 }).map((s) => '/' + s.join('/')),
    method: fc.constantFrom('GET', 'POST', 'PUT'),
    host: fc.constantFrom(undefined, 'h.com', 'h.com:81', 'H.COM:82'),
    rawQuery: fc.constantFrom('', 'k=1', 'j=1&k=2'),
  });

  it('on random route sets and requests', () => {
    fc.assert(
      fc.property(fc.array(route, { maxLength: 12 }), fc.array(request, { minLength: 1, maxLength: 5 }), (routes, requests) => {
        const table = compileRouteTable(routes, null);
        for (const r of requests) {
          const req = fakeRequest({ ...r, ...(r.host === undefined ? {} : { host: r.host }) });
          expect(table.select(req)).toEqual(naiveSelect(routes, req));
        }
      }),
      { numRuns: 1500 },
    );
  });
});
