/**
 * Runs a compiled upstream pattern against a request and turns the captures into placeholder values.
 * Shared by `compileUpstreamTemplate` (one template) and the route table (many), so both match alike.
 */
import { encodePathValue } from './path-canonical.js';
import type { UpstreamPattern } from './upstream-pattern.js';

/** Counts regex executions; the route table's benchmark spec reads it. */
export interface RegexProbe {
  regexTests: number;
}

/** The captures of one successful match. */
export interface UpstreamMatch {
  readonly path: RegExpExecArray;
  readonly query: RegExpExecArray | null;
}

/**
 * Matches `canonicalPath` (already in canonical form, see `path-canonical.ts`) and, when the template
 * has a query part, `rawQuery` (without `?`).
 */
export function execUpstream(
  pattern: UpstreamPattern,
  canonicalPath: string,
  rawQuery: string,
  probe: RegexProbe | null,
): UpstreamMatch | null {
  if (probe !== null) probe.regexTests++;
  const path = pattern.pathRegex.exec(canonicalPath);
  if (path === null) return null;
  let query: RegExpExecArray | null = null;
  if (pattern.queryRegex !== null) {
    if (probe !== null) probe.regexTests++;
    query = pattern.queryRegex.exec(rawQuery);
    if (query === null) return null;
  }
  return { path, query };
}

/**
 * Writes the placeholder values of `match` into `into`, in template order. A name already present is
 * kept: Ocelot substitutes the first value found for a name.
 */
export function writePlaceholders(pattern: UpstreamPattern, match: UpstreamMatch, into: Record<string, string>): void {
  const { pathNames, queryNames } = pattern;
  for (let i = 0; i < pathNames.length; i++) {
    // An optional last segment that is absent leaves its group undefined: the value is empty (issue #748).
    setOnce(into, pathNames[i]!, match.path[i + 1] ?? '');
  }
  if (pattern.catchAllQueryName !== null) setOnce(into, pattern.catchAllQueryName, '');
  if (match.query === null) return;
  for (let i = 0; i < queryNames.length; i++) {
    // Query text is URL text but may hold '/', '?' or '#': escape those before it can reach a path.
    setOnce(into, queryNames[i]!, encodePathValue(match.query[i + 1] ?? '', true));
  }
}

/** Sets `name` unless it is already set. */
export function setOnce(into: Record<string, string>, name: string, value: string): void {
  if (!Object.hasOwn(into, name)) into[name] = value;
}
