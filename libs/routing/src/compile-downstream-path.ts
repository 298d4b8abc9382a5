import type { Placeholders } from './compile-upstream-template.js';
import { forwardRequestQuery, mergeTemplateQuery } from './internal/downstream-query.js';
import { canonicalPathText } from './internal/path-canonical.js';
import { placeholderNames, splitAtQuery, tokenize, type TemplateToken } from './internal/template-syntax.js';

/** The per-request inputs of {@link CompiledDownstreamPath.build}. */
export interface DownstreamPathRequest {
  /** Upstream + header + (later) claims placeholders, by name without braces. */
  placeholders: Placeholders;
  /** The upstream request's raw path (for the trailing-slash rule). */
  requestPath: string;
  /** The upstream request's raw query, without '?'. */
  rawQuery: string;
}

/** A `DownstreamPathTemplate` compiled once per route. */
export interface CompiledDownstreamPath {
  readonly template: string;
  /** In order of appearance, duplicates kept. */
  readonly placeholderNames: readonly string[];
  /** path always starts with '/'; query is '' or starts with '?'. */
  build(request: DownstreamPathRequest): { path: string; query: string };
}

/**
 * Compiles a downstream path template (features.md §4):
 * 1. each `{name}` is replaced by its value (names compared case-sensitively); a name with no value
 *    stays as written (the validator refuses such templates). Unlike Ocelot's repeated string replace,
 *    a value is never searched for further placeholders;
 * 2. when the template has no query part, trailing `/` are trimmed from the path if the request path
 *    has none (Ocelot trims the whole string, query included; a query value's slashes are left alone
 *    here). An empty path becomes `/`;
 * 3. the query: see `downstream-query.ts` — merged with the request's when the template has `?`,
 *    otherwise the request's, minus parameters named like a placeholder. Repeated keys are kept in order.
 *
 * `upstreamPlaceholderNames`: names found in the upstream template and header templates
 * (`upstreamPlaceholderNamesOf(route)`), needed for Ocelot's rule that request query parameters named
 * like a placeholder are dropped.
 *
 * @example
 * const d = compileDownstreamPath('/api/products/{id}', ['id']);
 * d.build({ placeholders: { id: '7' }, requestPath: '/products/7', rawQuery: 'id=7&x=1' });
 * // { path: '/api/products/7', query: '?x=1' }
 */
export function compileDownstreamPath(
  downstreamPathTemplate: string,
  upstreamPlaceholderNames: readonly string[],
): CompiledDownstreamPath {
  const tokens = tokenize(downstreamPathTemplate);
  const split = splitAtQuery(tokens);
  // Literals in the path part take the canonical path form, so `/my files` is sent as `/my%20files`.
  const pathTokens = split.path.map((t) => (t.kind === 'literal' ? { kind: 'literal' as const, text: canonicalPathText(t.text) } : t));
  const queryTokens = split.query;
  const exactNames = new Set(upstreamPlaceholderNames);
  const lowerNames = new Set(upstreamPlaceholderNames.map((n) => n.toLowerCase()));

  return Object.freeze({
    template: downstreamPathTemplate,
    placeholderNames: Object.freeze(placeholderNames(tokens)),
    build(request: DownstreamPathRequest): { path: string; query: string } {
      let path = substitute(pathTokens, request.placeholders);
      if (queryTokens === null && path.endsWith('/') && !request.requestPath.endsWith('/')) {
        path = trimTrailingSlashes(path);
      }
      if (!path.startsWith('/')) path = '/' + path;
      const query =
        queryTokens === null
          ? forwardRequestQuery(request.rawQuery, lowerNames)
          : mergeTemplateQuery(substitute(queryTokens, request.placeholders), request.rawQuery, exactNames);
      return { path, query };
    },
  });
}

function substitute(tokens: readonly TemplateToken[], placeholders: Placeholders): string {
  let out = '';
  for (const token of tokens) {
    if (token.kind === 'literal') out += token.text;
    else out += Object.hasOwn(placeholders, token.name) ? placeholders[token.name] : '{' + token.name + '}';
  }
  return out;
}

function trimTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47) end--;
  return path.slice(0, end);
}
