import { ocelotUpstreamRegex } from './internal/ocelot-regex.js';
import { canonicalPath } from './internal/path-canonical.js';
import { execUpstream, writePlaceholders } from './internal/upstream-matcher.js';
import { compileUpstreamPattern } from './internal/upstream-pattern.js';

/** Placeholder values by name, without braces (`{id}` → `id`). */
export type Placeholders = Record<string, string>;

/** Options of {@link compileUpstreamTemplate}. */
export interface UpstreamTemplateOptions {
  /** `RouteIsCaseSensitive`. Default `false`: literals match case-insensitively. */
  caseSensitive?: boolean;
  /** `Priority`. Default `1`; the template `/{x}` is forced to `0` whatever is given. */
  priority?: number;
}

/** An `UpstreamPathTemplate` compiled once, matched many times. */
export interface CompiledUpstreamTemplate {
  readonly template: string;
  /** The regex Ocelot would build (.NET syntax, e.g. "^(?i)/orders(?:|/.*)$"): for conformance tests and docs only. */
  readonly ocelotRegex: string;
  /** The priority routing uses: `Priority` (default 1), except `/{x}`, forced to 0. Higher wins. */
  readonly effectivePriority: number;
  /** In order of appearance, path then query part. */
  readonly placeholderNames: readonly string[];
  /** Whether the template has a query part (`?…`), which is then matched against the raw query. */
  readonly hasQuery: boolean;
  /**
   * Placeholders when `path` (+ `rawQuery` when the template has a query part) matches, else null.
   * `path` is the raw request path (no query); it is put in canonical form first (Margay's path decoding
   * rule, see the routing README), and values are taken from that form. `rawQuery` has no leading `?`.
   */
  match(path: string, rawQuery: string): Placeholders | null;
}

/**
 * Compiles an upstream path template with Ocelot's semantics (features.md §3): `{x}` in an inner segment
 * matches one segment; in the last segment it is a catch-all that may span `/`, and that segment is
 * optional (`/a/{x}` matches `/a`, `/a/`, `/a/1/2`); a trailing `/` is optional; `?a={a}` matches the
 * query, which must start with those parameters; `?{q}` matches any query with `q` empty. Unlike Ocelot,
 * literal text matches literally (`.` is a dot).
 *
 * @example
 * const t = compileUpstreamTemplate('/products/{id}');
 * t.ocelotRegex;                // '^(?i)/products(?:|/.*)$'
 * t.match('/PRODUCTS/42', '');  // { id: '42' }
 * t.match('/products', '');     // { id: '' }
 * t.match('/other', '');        // null
 */
export function compileUpstreamTemplate(template: string, options?: UpstreamTemplateOptions): CompiledUpstreamTemplate {
  const caseSensitive = options?.caseSensitive ?? false;
  const pattern = compileUpstreamPattern(template, caseSensitive);
  const ocelot = ocelotUpstreamRegex(template, caseSensitive, options?.priority ?? 1);
  return Object.freeze({
    template,
    ocelotRegex: ocelot.regex,
    effectivePriority: pattern.isRootCatchAll ? 0 : (options?.priority ?? 1),
    placeholderNames: Object.freeze([...pattern.pathNames, ...pattern.queryNames]),
    hasQuery: pattern.hasQuery,
    match(path: string, rawQuery: string): Placeholders | null {
      const match = execUpstream(pattern, canonicalPath(path), rawQuery, null);
      if (match === null) return null;
      const placeholders: Placeholders = {};
      writePlaceholders(pattern, match, placeholders);
      return placeholders;
    },
  });
}
