/**
 * Compiles an upstream path template into Margay's matcher: the same structure as Ocelot's regex
 * (features.md §3) with three deliberate differences:
 * - literals match literally (escaped, and in the canonical path form of `path-canonical.ts`);
 * - the query part is matched against the raw query on its own, as a prefix that ends at a parameter
 *   boundary: the template's parameters must come first and in order, extra parameters may follow, and a
 *   query placeholder's value stops at `&` (Ocelot's `.*` would let `?a={a}&b={b}` match `a=1&x=2&b=3`
 *   with a=`1&x=2`, and then fail to extract any value);
 * - placeholders in one run cannot compete for characters (see `regex-source.ts`), so matching is linear.
 */
import { canonicalPathText } from './path-canonical.js';
import { escapeRegex, placeholderSource, type PlaceholderKind } from './regex-source.js';
import { splitAtQuery, splitSegments, tokenize, type TemplateToken } from './template-syntax.js';

/** The compiled, executable form of one upstream template. */
export interface UpstreamPattern {
  readonly pathRegex: RegExp;
  /** Null when the template has no query part, or when it is the catch-all query `?{name}`. */
  readonly queryRegex: RegExp | null;
  readonly pathNames: readonly string[];
  readonly queryNames: readonly string[];
  /** `?{name}` alone: matches any query and gives `name` an empty value (Ocelot's catch-all query). */
  readonly catchAllQueryName: string | null;
  readonly hasQuery: boolean;
  /** Exactly `/{name}`: Ocelot forces its priority to 0. */
  readonly isRootCatchAll: boolean;
  /**
   * The literal path segments every matching path starts with, lower-cased (the route index key).
   * A path starting with `/` has a first, empty segment.
   */
  readonly indexKey: readonly string[];
}

/**
 * Compiles `template`. Never throws: any string is a template (stray braces are literal text).
 *
 * @example compileUpstreamPattern('/orders/{id}', false).pathRegex // /^\/orders(?:|\/(.*))$/i
 */
export function compileUpstreamPattern(template: string, caseSensitive: boolean): UpstreamPattern {
  const flags = caseSensitive ? '' : 'i';
  const split = splitAtQuery(tokenize(template));
  const hasQuery = split.query !== null;
  const query = split.query === null ? null : compileQuery(split.query, flags);
  const tokens = split.path.map(canonicalLiteral);

  const first = tokens[0];
  const isRootCatchAll =
    !hasQuery && tokens.length === 2 && first?.kind === 'literal' && first.text === '/' && tokens[1]!.kind === 'placeholder';
  if (isRootCatchAll) {
    return {
      pathRegex: new RegExp('^/(.*)$', flags),
      queryRegex: null,
      pathNames: [(tokens[1] as { name: string }).name],
      queryNames: [],
      catchAllQueryName: null,
      hasQuery,
      isRootCatchAll,
      indexKey: [''],
    };
  }

  const segments = splitSegments(tokens);
  // With a query, Ocelot's `(/$|/\?|\?|$)` makes one trailing slash optional and absorbs a written one.
  if (hasQuery && segments.length > 1 && segments[segments.length - 1]!.length === 0) segments.pop();
  const last = segments[segments.length - 1]!;
  const lastIsOptional = !hasQuery && segments.length > 1 && last[0]?.kind === 'placeholder';
  const trailingSlashIsOptional = !hasQuery && segments.length > 1 && last.length === 0;

  const pathNames: string[] = [];
  const sources = segments.map((segment, i) => {
    const kind: PlaceholderKind = !hasQuery && i === segments.length - 1 ? 'rest' : 'segment';
    return runSource(segment, kind, pathNames);
  });
  let body: string;
  if (lastIsOptional || trailingSlashIsOptional) {
    const head = sources.slice(0, -1).join('/');
    body = lastIsOptional ? head + '(?:|/' + sources[sources.length - 1] + ')' : head + '/?';
  } else {
    body = sources.join('/') + (hasQuery ? '/?' : '');
  }

  const required = lastIsOptional || trailingSlashIsOptional ? segments.slice(0, -1) : segments;
  const indexKey: string[] = [];
  for (const segment of required) {
    if (segment.some((t) => t.kind === 'placeholder')) break;
    indexKey.push(segment.map((t) => (t.kind === 'literal' ? t.text : '')).join('').toLowerCase());
  }

  return {
    pathRegex: new RegExp('^' + body + '$', flags),
    queryRegex: query?.regex ?? null,
    pathNames,
    queryNames: query?.names ?? [],
    catchAllQueryName: query?.catchAllName ?? null,
    hasQuery,
    isRootCatchAll,
    indexKey,
  };
}

function canonicalLiteral(token: TemplateToken): TemplateToken {
  return token.kind === 'literal' ? { kind: 'literal', text: canonicalPathText(token.text) } : token;
}

/** Regex source for one run of tokens (a path segment, the query part or a header value). */
export function runSource(tokens: readonly TemplateToken[], kind: PlaceholderKind, names: string[]): string {
  let source = '';
  let textBefore: string | null = null;
  for (const token of tokens) {
    if (token.kind === 'literal') {
      source += escapeRegex(token.text);
      if (textBefore !== null) textBefore += token.text;
      continue;
    }
    source += placeholderSource(kind, textBefore);
    names.push(token.name);
    textBefore = '';
  }
  return source;
}

interface CompiledQuery {
  readonly regex: RegExp | null;
  readonly names: string[];
  readonly catchAllName: string | null;
}

function compileQuery(tokens: readonly TemplateToken[], flags: string): CompiledQuery {
  const only = tokens[0];
  if (tokens.length === 1 && only!.kind === 'placeholder') {
    return { regex: null, names: [only!.name], catchAllName: only!.name };
  }
  const names: string[] = [];
  // Matched on the raw query, as Ocelot does (it tests the undecoded QueryString).
  const source = runSource(tokens, 'query', names);
  return { regex: new RegExp('^' + source + '(?:&|$)', flags), names, catchAllName: null };
}
