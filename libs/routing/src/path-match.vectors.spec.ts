/**
 * Ocelot conformance: every `path_match` vector (conformance/ocelot/vectors.json), one test each, named
 * after the vector. Quirk vectors (and the host-case vector, see MARGAY) assert Margay's behaviour and
 * say so in their names. Vectors whose expectation is an Ocelot regex string assert `ocelotRegex`
 * (a Margay API) exactly; header-template regexes are Ocelot internals, asserted through the internal
 * helper that reproduces them, and in behaviour.
 */
import { describe, expect, it } from 'vitest';
import { fakeRequest, splitRequest, vectorsOf, type OcelotVector } from '../test/ocelot-vectors.js';
import { buildRouteTable, type RouteDefinition, type RouteSelection } from './build-route-table.js';
import { compileUpstreamTemplate } from './compile-upstream-template.js';
import { ocelotHeaderRegex } from './internal/ocelot-regex.js';

/** Margay's expected selection where it deliberately differs from Ocelot, with the reason. */
const MARGAY: Record<string, { expected: RouteSelection; why: string }> = {
  'select: wrong verb -> 404 not 405': {
    expected: { kind: 'method_not_allowed', allow: ['GET'] },
    why: 'a known path with a wrong verb answers 405 with Allow',
  },
  'select: unescaped dot in template matches any char': {
    expected: { kind: 'not_found' },
    why: 'template literals match literally',
  },
  'select: UpstreamHost containing a port never matches': {
    // Margay matches `host:port` against the whole Host header; this request's Host is `localhost`,
    // so it still does not match (build-route-table.spec.ts shows the configured port matching).
    expected: { kind: 'not_found' },
    why: 'host:port matches the Host header exactly, and this Host differs',
  },
  // Not flagged as a quirk in vectors.json: Ocelot compares UpstreamHost case-sensitively, but host names
  // are case-insensitive (RFC 9110 §4.2.3, RFC 3986 §3.2.2), so Margay matches `Example.com` against
  // `example.com`. A deliberate difference, documented in the routing README.
  'select: UpstreamHost compare is case-sensitive': {
    expected: { kind: 'matched', routeIndex: 0, placeholders: {} },
    why: 'hosts compare case-insensitively (RFC 9110)',
  },
};

const vectors = vectorsOf('path_match');

function testName(v: OcelotVector): string {
  const margay = MARGAY[v.name];
  if (margay === undefined) return v.name;
  return `${v.name} [${v.quirk ? 'quirk' : 'Margay difference'}: ${margay.why}]`;
}

/** Placeholder keys in vectors carry braces (`{id}`); Margay's do not. */
function withoutBraces(placeholders: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(placeholders).map(([k, v]) => [k.replace(/^\{|\}$/g, ''), v]));
}

describe('path_match vectors', () => {
  it('covers the whole group (62 vectors), with a Margay expectation for every quirk', () => {
    expect(vectors).toHaveLength(62);
    for (const v of vectors.filter((v) => v.quirk)) expect(MARGAY[v.name], v.name).toBeDefined();
  });

  const byRegex = vectors.filter((v) => 'regex' in v.expected);
  describe.each(byRegex.map((v) => [testName(v), v] as const))('%s', (_, v) => {
    it('ocelotRegex and effectivePriority are Ocelot’s', () => {
      const input = v.input as { upstreamPathTemplate: string; routeIsCaseSensitive: boolean; priority: number };
      const compiled = compileUpstreamTemplate(input.upstreamPathTemplate, {
        caseSensitive: input.routeIsCaseSensitive,
        priority: input.priority,
      });
      expect(compiled.ocelotRegex).toBe(v.expected['regex']);
      expect(compiled.effectivePriority).toBe(v.expected['effectivePriority']);
    });
  });

  const byTemplateMatch = vectors.filter((v) => 'upstreamPathTemplate' in v.input && !('regex' in v.expected));
  describe.each(byTemplateMatch.map((v) => [testName(v), v] as const))('%s', (_, v) => {
    it('matches as Ocelot does', () => {
      const input = v.input as { upstreamPathTemplate: string; path: string; query?: string };
      const { path, rawQuery } = splitRequest(input.path, input.query);
      const placeholders = compileUpstreamTemplate(input.upstreamPathTemplate).match(path, rawQuery);
      if ('matched' in v.expected) expect(placeholders !== null).toBe(v.expected['matched']);
      if ('placeholders' in v.expected) {
        expect(placeholders).toEqual(withoutBraces(v.expected['placeholders'] as Record<string, string>));
      }
      if ('absentPlaceholders' in v.expected) {
        expect(placeholders).not.toBeNull();
        for (const name of v.expected['absentPlaceholders'] as string[]) {
          expect(Object.keys(placeholders!)).not.toContain(name.replace(/^\{|\}$/g, ''));
        }
      }
    });
  });

  const bySelection = vectors.filter((v) => 'routes' in v.input);
  describe.each(bySelection.map((v) => [testName(v), v] as const))('%s', (_, v) => {
    it('selects the route Ocelot selects', () => {
      const input = v.input as { routes: RouteDefinition[]; method: string; path: string; query: string; hostHeader?: string };
      const { path, rawQuery } = splitRequest(input.path, input.query);
      const selection = buildRouteTable(input.routes).select(
        fakeRequest({ method: input.method, path, rawQuery, ...(input.hostHeader === undefined ? {} : { host: input.hostHeader }) }),
      );
      const margay = MARGAY[v.name];
      if (margay !== undefined) {
        expect(selection).toEqual(margay.expected);
      } else if (v.expected['matched']) {
        expect(selection).toMatchObject({ kind: 'matched', routeIndex: v.expected['routeIndex'] });
      } else {
        expect(v.expected['status']).toBe(404);
        expect(selection).toEqual({ kind: 'not_found' });
      }
    });
  });

  const byHeaders = vectors.filter((v) => 'upstreamHeaderTemplates' in v.input);
  describe.each(byHeaders.map((v) => [testName(v), v] as const))('%s', (_, v) => {
    it('matches the header templates as Ocelot does', () => {
      const input = v.input as {
        upstreamHeaderTemplates: Record<string, string>;
        routeIsCaseSensitive?: boolean;
        requestHeaders: Record<string, string>;
      };
      const route: RouteDefinition = {
        UpstreamPathTemplate: '/',
        UpstreamHeaderTemplates: input.upstreamHeaderTemplates,
        RouteIsCaseSensitive: input.routeIsCaseSensitive ?? false,
      };
      const selection = buildRouteTable([route]).select(fakeRequest({ path: '/', headers: input.requestHeaders }));
      expect(selection.kind).toBe(v.expected['matched'] ? 'matched' : 'not_found');
      if ('compiled' in v.expected) {
        const [template] = Object.values(input.upstreamHeaderTemplates);
        expect(ocelotHeaderRegex(template!, input.routeIsCaseSensitive ?? false)).toBe(v.expected['compiled']);
      }
    });
  });

  it('assigns every vector to exactly one table above', () => {
    expect(byRegex.length + byTemplateMatch.length + bySelection.length + byHeaders.length).toBe(vectors.length);
  });
});
