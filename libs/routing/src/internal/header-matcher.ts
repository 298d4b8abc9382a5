/**
 * `UpstreamHeaderTemplates` (features.md §2 row 15): every listed header must be present (name compared
 * case-insensitively) and its whole value must match the template; `{header:name}` captures one or more
 * characters and becomes the placeholder `name`. Unlike Ocelot, literal text is escaped (Ocelot puts
 * the template into its regex unescaped, so `v1.0` also matches `v1x0`).
 */
import { encodePathValue } from './path-canonical.js';
import { runSource } from './upstream-pattern.js';
import { tokenizeHeaderTemplate } from './template-syntax.js';
import type { RegexProbe } from './upstream-matcher.js';
import { setOnce } from './upstream-matcher.js';

/** One compiled header template. */
export interface HeaderMatcher {
  /** Lower-case header name, as `RouteRequest.header` expects it. */
  readonly header: string;
  readonly regex: RegExp;
  readonly names: readonly string[];
}

/**
 * Compiles a route's header templates, in the order of the dictionary.
 *
 * @example compileHeaderMatchers({ 'X-Version': 'v{header:n}' }, false)[0].regex // /^v(.+)$/i
 */
export function compileHeaderMatchers(
  templates: Readonly<Record<string, string>> | undefined,
  caseSensitive: boolean,
): HeaderMatcher[] {
  if (templates === undefined || templates === null) return [];
  return Object.entries(templates).map(([header, template]) => {
    const names: string[] = [];
    const source = runSource(tokenizeHeaderTemplate(template), 'header', names);
    return { header: header.toLowerCase(), regex: new RegExp('^' + source + '$', caseSensitive ? '' : 'i'), names };
  });
}

/** The header lookup of a request: lower-case name → first value. */
export interface HeaderSource {
  header(name: string): string | undefined;
}

/**
 * Matches every header template; on success returns the captures in template order, else null.
 * Returns an empty array (shared) when there are no templates.
 */
export function execHeaders(
  matchers: readonly HeaderMatcher[],
  request: HeaderSource,
  probe: RegexProbe | null,
): readonly RegExpExecArray[] | null {
  if (matchers.length === 0) return NO_CAPTURES;
  const captures: RegExpExecArray[] = [];
  for (const matcher of matchers) {
    const value = request.header(matcher.header);
    if (value === undefined) return null;
    if (probe !== null) probe.regexTests++;
    const m = matcher.regex.exec(value);
    if (m === null) return null;
    captures.push(m);
  }
  return captures;
}

const NO_CAPTURES: readonly RegExpExecArray[] = Object.freeze([]);

/**
 * Adds the header placeholders to `into` (a name already set by the path keeps its value). Header text
 * is not URL text, so every character that is not legal in a path segment is percent-encoded, `%`
 * included: a header cannot add segments or a query to the downstream path.
 */
export function writeHeaderPlaceholders(
  matchers: readonly HeaderMatcher[],
  captures: readonly RegExpExecArray[],
  into: Record<string, string>,
): void {
  for (let i = 0; i < matchers.length; i++) {
    const { names } = matchers[i]!;
    for (let j = 0; j < names.length; j++) setOnce(into, names[j]!, encodePathValue(captures[i]![j + 1] ?? '', false));
  }
}
