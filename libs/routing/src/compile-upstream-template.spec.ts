import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileUpstreamTemplate } from './compile-upstream-template.js';

describe('compileUpstreamTemplate', () => {
  it('reports names, query part and priority', () => {
    const t = compileUpstreamTemplate('/api/{version}/items/{id}?sort={sort}', { priority: 5 });
    expect(t.placeholderNames).toEqual(['version', 'id', 'sort']);
    expect(t.hasQuery).toBe(true);
    expect(t.effectivePriority).toBe(5);
    expect(compileUpstreamTemplate('/a').effectivePriority).toBe(1);
    expect(compileUpstreamTemplate('/{all}', { priority: 9 }).effectivePriority).toBe(0);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(compileUpstreamTemplate('/a/{b}'))).toBe(true);
  });

  describe('path placeholders', () => {
    const t = compileUpstreamTemplate('/shop/{shop}/orders/{rest}');

    it('an inner placeholder matches exactly one non-empty segment', () => {
      expect(t.match('/shop//orders/1', '')).toBeNull();
      expect(t.match('/shop/a/b/orders/1', '')).toBeNull();
    });

    it('the last one is a catch-all, and its segment is optional', () => {
      expect(t.match('/shop/s/orders/1/lines/2', '')).toEqual({ shop: 's', rest: '1/lines/2' });
      expect(t.match('/shop/s/orders', '')).toEqual({ shop: 's', rest: '' });
      expect(t.match('/shop/s/orders/', '')).toEqual({ shop: 's', rest: '' });
    });

    it('a trailing slash in the template is optional; none in the template rejects one', () => {
      expect(compileUpstreamTemplate('/a/').match('/a', '')).toEqual({});
      expect(compileUpstreamTemplate('/a').match('/a/', '')).toBeNull();
    });

    it('/ matches only the root', () => {
      const root = compileUpstreamTemplate('/');
      expect(root.match('/', '')).toEqual({});
      expect(root.match('', '')).toEqual({});
      expect(root.match('/a', '')).toBeNull();
    });

    it('embedded placeholders split a segment as Ocelot’s greedy regex does', () => {
      const e = compileUpstreamTemplate('/p/{category}_{item}_details/{status}');
      expect(e.match('/p/a_b_c_details/ok', '')).toEqual({ category: 'a_b', item: 'c', status: 'ok' });
      expect(e.match('/p/electronics_123_details/available', '')).toEqual({
        category: 'electronics',
        item: '123',
        status: 'available',
      });
    });

    it('a placeholder after another in the same segment cannot contain the text between them', () => {
      const e = compileUpstreamTemplate('/v/{a}-{b}/x');
      expect(e.match('/v/1-2-3/x', '')).toEqual({ a: '1-2', b: '3' });
      // Ocelot's `[^/]+-[^/]+` would accept `1-` + `-`; the split rule refuses a value ending in its separator.
      expect(e.match('/v/1--/x', '')).toBeNull();
    });

    it('adjacent placeholders: the later one gets what a greedy regex leaves it', () => {
      expect(compileUpstreamTemplate('/x/{a}{b}/y').match('/x/abcd/y', '')).toEqual({ a: 'abc', b: 'd' });
      expect(compileUpstreamTemplate('/x/{a}{b}').match('/x/abcd', '')).toEqual({ a: 'abcd', b: '' });
    });

    it('a placeholder before an extension in the last segment', () => {
      const e = compileUpstreamTemplate('/files/{name}.json');
      expect(e.match('/files/report.v2.json', '')).toEqual({ name: 'report.v2' });
      expect(e.match('/files/a/b.json', '')).toEqual({ name: 'a/b' });
      expect(e.match('/files/report.xml', '')).toBeNull();
    });
  });

  describe('case sensitivity', () => {
    it('is off by default, for path and query literals', () => {
      const t = compileUpstreamTemplate('/Orders?Sort={s}');
      expect(t.match('/ORDERS', 'sort=1')).toEqual({ s: '1' });
    });

    it('RouteIsCaseSensitive makes literals exact; values keep their case either way', () => {
      const t = compileUpstreamTemplate('/Orders/{id}', { caseSensitive: true });
      expect(t.match('/orders/1', '')).toBeNull();
      expect(t.match('/Orders/AbC', '')).toEqual({ id: 'AbC' });
    });
  });

  describe('query part', () => {
    const t = compileUpstreamTemplate('/search?q={q}&page={page}');

    it('its parameters must come first and in order; extra parameters may follow', () => {
      expect(t.match('/search', 'q=cats&page=2&lang=en')).toEqual({ q: 'cats', page: '2' });
      expect(t.match('/search/', 'q=cats&page=2')).toEqual({ q: 'cats', page: '2' });
      expect(t.match('/search', 'page=2&q=cats')).toBeNull();
      expect(t.match('/search', '')).toBeNull();
    });

    it('a query value stops at "&" (Ocelot’s `.*` would swallow a foreign parameter)', () => {
      expect(t.match('/search', 'q=cats&lang=en&page=2')).toBeNull();
    });

    it('a value that holds "/", "?" or "#" is escaped before it can reach a path', () => {
      expect(compileUpstreamTemplate('/r?to={to}').match('/r', 'to=/a/b?c')).toEqual({ to: '%2Fa%2Fb%3Fc' });
      expect(compileUpstreamTemplate('/r?to={to}').match('/r', 'to=a%20b')).toEqual({ to: 'a%20b' });
    });

    it('?{name} alone matches any query, or none, and gives an empty value', () => {
      const all = compileUpstreamTemplate('/c?{rest}');
      expect(all.match('/c', 'a=1&b=2')).toEqual({ rest: '' });
      expect(all.match('/c', '')).toEqual({ rest: '' });
      expect(all.match('/c2', '')).toBeNull();
    });
  });

  describe('path decoding', () => {
    const t = compileUpstreamTemplate('/api/{id}/x');

    it('matches and extracts in the canonical form', () => {
      expect(compileUpstreamTemplate('/api/{path}').match('/api/debug%28%29', '')).toEqual({ path: 'debug()' });
      expect(t.match('/api/a%2Fb/x', '')).toEqual({ id: 'a%2Fb' });
      expect(t.match('/api/a%2fb/x', '')).toEqual({ id: 'a%2Fb' });
    });

    it('an encoded slash never splits a segment', () => {
      expect(t.match('/api/a%2Fb%2Fc/x', '')).toEqual({ id: 'a%2Fb%2Fc' });
    });

    it('template literals meet the request in canonical form', () => {
      expect(compileUpstreamTemplate('/caf%c3%a9/%7Emenu').match('/caf%C3%A9/~menu', '')).toEqual({});
      expect(compileUpstreamTemplate('/café').match('/caf%C3%A9', '')).toEqual({});
      expect(compileUpstreamTemplate('/a b').match('/a%20b', '')).toEqual({});
    });

    it('dot segments are resolved before matching', () => {
      expect(compileUpstreamTemplate('/public/{file}').match('/public/../admin', '')).toBeNull();
      expect(compileUpstreamTemplate('/admin').match('/public/%2e%2e/admin', '')).toEqual({});
    });
  });
});

/**
 * Differential check against Ocelot's own regex (executed as JavaScript) on templates where Margay's
 * differences cannot show: literals of letters only, at most one placeholder per segment, one query
 * parameter. Then matching must agree exactly.
 */
describe('compileUpstreamTemplate agrees with Ocelot’s regex where no difference applies', () => {
  const segment = fc.oneof(
    fc.constantFrom('a', 'b', 'A', 'ab'),
    fc.constantFrom('{p}', 'v{p}', '{p}x'),
  );
  const template = fc
    .record({
      segments: fc.array(segment, { minLength: 1, maxLength: 4 }),
      trailingSlash: fc.boolean(),
      query: fc.constantFrom('', '?k={q}', '?{q}', '/?k={q}'),
    })
    .map(({ segments, trailingSlash, query }) => {
      let n = 0;
      const path = '/' + segments.map((s) => s.replace('{p}', () => `{p${n++}}`)).join('/');
      return path + (trailingSlash && query === '' ? '/' : '') + query;
    });
  const requestPath = fc.string({ unit: fc.constantFrom('/', 'a', 'b', 'A', 'v', 'x', '1'), maxLength: 12 }).map((p) => '/' + p);
  const rawQuery = fc.string({ unit: fc.constantFrom('k=', 'j=', 'a', '&', '1'), maxLength: 6 });

  /**
   * Ocelot's RegExUrlMatcher: the query joins the tested text only when the template has one. Ocelot
   * then lets a path placeholder's `[^/]+` run into the query (`/{p}?{q}` matches `/` + `?k=` with
   * p = `?k=`); Margay matches path and query apart, so the harness keeps `[^/]+` out of the query.
   */
  function ocelotMatches(template: string, regex: string, path: string, query: string): boolean {
    const caseInsensitive = regex.startsWith('^(?i)');
    const source = (caseInsensitive ? '^' + regex.slice(5) : regex).replaceAll('[^/]+', '[^/?]+');
    const js = new RegExp(source, caseInsensitive ? 'i' : '');
    return js.test(path + (template.includes('?') && query !== '' ? '?' + query : ''));
  }

  it('on random templates, paths and queries', () => {
    fc.assert(
      fc.property(template, fc.boolean(), requestPath, rawQuery, (t, caseSensitive, path, query) => {
        const compiled = compileUpstreamTemplate(t, { caseSensitive });
        expect(compiled.match(path, query) !== null).toBe(ocelotMatches(t, compiled.ocelotRegex, path, query));
      }),
      { numRuns: 3000 },
    );
  });
});
