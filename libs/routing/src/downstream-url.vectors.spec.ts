/**
 * Ocelot conformance: every `downstream_url` vector, one test each, named after the vector. A request
 * goes through the real pipeline of this lib: route table → placeholders → downstream path builder.
 * Quirk vectors assert Margay's behaviour and say so in their names.
 */
import { describe, expect, it } from 'vitest';
import { fakeRequest, splitRequest, vectorsOf, type OcelotVector } from '../test/ocelot-vectors.js';
import { buildRouteTable, type RouteDefinition } from './build-route-table.js';
import { compileDownstreamPath } from './compile-downstream-path.js';
import { placeholdersOf, upstreamPlaceholderNamesOf } from './placeholders.js';

interface RoutedInput {
  upstreamPathTemplate: string;
  downstreamPathTemplate: string;
  request: string;
  upstreamHeaderTemplates?: Record<string, string>;
  requestHeaders?: Record<string, string>;
}

/** Routes `request` through a one-route table and builds the downstream path and query. */
function route(input: RoutedInput): { path: string; query: string } {
  const definition: RouteDefinition = {
    UpstreamPathTemplate: input.upstreamPathTemplate,
    ...(input.upstreamHeaderTemplates ? { UpstreamHeaderTemplates: input.upstreamHeaderTemplates } : {}),
  };
  const { path, rawQuery } = splitRequest(input.request);
  const selection = buildRouteTable([definition]).select(fakeRequest({ path, rawQuery, headers: input.requestHeaders ?? {} }));
  if (selection.kind !== 'matched') throw new Error(`route did not match: ${selection.kind}`);
  const downstream = compileDownstreamPath(input.downstreamPathTemplate, upstreamPlaceholderNamesOf(definition));
  return downstream.build({ placeholders: selection.placeholders, requestPath: path, rawQuery });
}

/** Vectors that are not a routed request, or where Margay differs: their own assertions. */
const SPECIAL: Record<string, { label?: string; run: (v: OcelotVector) => void }> = {
  'unit: scheme replaced, raw query kept when no placeholders': {
    // Scheme, host and port come from the load balancer in the gateway; this lib builds path and query.
    run: (v) => {
      const input = v.input as { downstreamPathTemplate: string; requestUri: string };
      const uri = new URL(input.requestUri);
      const built = compileDownstreamPath(input.downstreamPathTemplate, []).build({
        placeholders: {},
        requestPath: uri.pathname,
        rawQuery: uri.search.slice(1),
      });
      expect(built.path).toBe(new URL(v.expected['uri'] as string).pathname);
      expect(built.query).toBe(v.expected['query']);
    },
  },
  'unit: query param with same name as placeholder removed, others kept (issue 1288)': {
    run: (v) => {
      const input = v.input as { downstreamPathTemplate: string; placeholders: Record<string, string>; requestUri: string };
      const placeholders = Object.fromEntries(Object.entries(input.placeholders).map(([k, val]) => [k.slice(1, -1), val]));
      const uri = new URL(input.requestUri);
      const built = compileDownstreamPath(input.downstreamPathTemplate, Object.keys(placeholders)).build({
        placeholders,
        requestPath: uri.pathname,
        rawQuery: uri.search.slice(1),
      });
      expect(built.path).toBe(new URL(v.expected['uri'] as string).pathname);
      expect(built.query).toBe(v.expected['query']);
    },
  },
  'unit: empty downstream path after replacement throws': {
    // Ocelot's replacer is mocked to return '' and the request fails with 500. Margay's build has no
    // error outcome: templates must start with '/' (validated in libs/config), and the one way a valid
    // template can still come out empty (trimming `/{x}` with x = '' for a request without a trailing
    // slash) gives '/'. So the behaviour kept is "an empty downstream path is never sent".
    label: 'Margay difference: a downstream path is never empty; it is "/" instead of a 500',
    run: () => {
      const built = route({ upstreamPathTemplate: '/a/{x}', downstreamPathTemplate: '/{x}', request: '/a' });
      expect(built).toEqual({ path: '/', query: '' });
      expect(compileDownstreamPath('', []).build({ placeholders: {}, requestPath: '/a', rawQuery: '' }).path).toBe('/');
    },
  },
  'placeholder missing upstream stays literal': {
    // Margay refuses this configuration when it is validated (libs/config), from these names.
    label: 'quirk: Margay refuses the configuration; routing reports the unfilled name',
    run: (v) => {
      const input = v.input as unknown as RoutedInput;
      const provided = upstreamPlaceholderNamesOf({ UpstreamPathTemplate: input.upstreamPathTemplate });
      const unfilled = placeholdersOf(input.downstreamPathTemplate).filter((n) => !provided.includes(n));
      expect(unfilled).toEqual(['missing']);
    },
  },
  'placeholder reused twice downstream is invalid config but would substitute both': {
    // The catch-all behaviour is Margay's too; the duplicate-placeholder rule is the validator's, fed by
    // placeholdersOf, which keeps duplicates.
    label: 'quirk: same substitution in Margay; duplicates reported by placeholdersOf for the validator',
    run: (v) => {
      expect(route(v.input as unknown as RoutedInput)).toEqual(v.expected);
      expect(placeholdersOf('/b/{id}/{id}')).toEqual(['id', 'id']);
    },
  },
  'repeated query keys in merge branch collapse': {
    label: 'quirk: Margay keeps repeated keys, in order',
    run: (v) => {
      expect(route(v.input as unknown as RoutedInput)).toEqual({
        path: v.expected['path'],
        query: '?selectedCourses=1050&selectedCourses=2000',
      });
    },
  },
};

const vectors = vectorsOf('downstream_url');

describe('downstream_url vectors', () => {
  it('covers the whole group (46 vectors), with Margay assertions for every quirk', () => {
    expect(vectors).toHaveLength(46);
    for (const v of vectors.filter((v) => v.quirk)) expect(SPECIAL[v.name]?.label, v.name).toMatch(/^quirk:/);
  });

  it.each(vectors.map((v) => [SPECIAL[v.name]?.label ? `${v.name} [${SPECIAL[v.name]!.label}]` : v.name, v] as const))(
    '%s',
    (_, v) => {
      const special = SPECIAL[v.name];
      if (special !== undefined) return special.run(v);
      const built = route(v.input as unknown as RoutedInput);
      expect(built.path).toBe(v.expected['path']);
      // Two vectors only state the path; the query is then asserted empty (their requests have none).
      expect(built.query).toBe(v.expected['query'] ?? '');
    },
  );
});
