/**
 * The regex strings Ocelot v25 builds (.NET syntax), reproduced step by step from
 * `UpstreamTemplatePatternCreator` and `UpstreamHeaderTemplatePatternCreator` (features.md §3, §2 row 15).
 * They are for conformance tests and documentation only: Margay never executes them, because Ocelot does
 * not escape template literals (a `.` matches any character) and Margay does.
 */

const QUERY_GROUP = '(/$|/\\?|\\?|$)';
const MATCH_EVERYTHING = '.*';
const MATCH_SEGMENT = '[^/]+';

/** Ocelot's upstream regex for a template and the priority it ends up with. */
export function ocelotUpstreamRegex(
  template: string,
  caseSensitive: boolean,
  priority: number,
): { regex: string; priority: number } {
  let t = template;
  const placeholders: string[] = [];
  // Step 1: every '{' opens a placeholder up to the next '}'. The exact template `/{x}` short-cuts to
  // `^/.*` with priority 0 (Ocelot issue #1504), without the case flag.
  for (let i = 0; i < t.length; i++) {
    if (t[i] !== '{') continue;
    const close = t.indexOf('}', i);
    if (close === -1) break; // Ocelot throws here; the validator refuses such templates first
    placeholders.push(t.slice(i, close + 1));
    if (t.startsWith('/{') && placeholders.length === 1 && t.length === close + 1) {
      return { regex: '^/.*', priority: 0 };
    }
  }
  // Step 2: the query separator, `/?` when present, otherwise `?` (every occurrence, as .NET Replace).
  const containsQuery = t.includes('?');
  if (containsQuery) t = t.includes('/?') ? t.replaceAll('/?', QUERY_GROUP) : t.replaceAll('?', QUERY_GROUP);
  // Step 3: a placeholder with no '/' after it, or after the query separator, matches everything.
  for (const placeholder of placeholders) {
    const at = t.indexOf(placeholder);
    const nextSlash = t.indexOf('/', Math.max(at, 0));
    const matchesEverything = nextSlash < at || (containsQuery && t.indexOf('?') < at);
    t = t.replaceAll(placeholder, matchesEverything ? MATCH_EVERYTHING : MATCH_SEGMENT);
  }
  // Step 4: the root template.
  if (t === '/') return { regex: '^/$', priority };
  // Step 5: a last segment that starts with '.' (normally a catch-all's `.*`) becomes optional.
  const lastSlash = t.lastIndexOf('/');
  if (lastSlash >= 0 && lastSlash < t.length - 1 && t[lastSlash + 1] === '.') {
    t = t.slice(0, lastSlash) + '(?:|/' + t.slice(lastSlash + 1) + ')';
  }
  // Step 6: a trailing slash is optional.
  if (t.endsWith('/')) t = t.slice(0, -1) + '(/|)';
  // Step 7: anchors and the case flag.
  return { regex: caseSensitive ? `^${t}$` : `^(?i)${t}$`, priority };
}

/** Ocelot's regex for one `UpstreamHeaderTemplates` value (literals not escaped, as in Ocelot). */
export function ocelotHeaderRegex(template: string, caseSensitive: boolean): string {
  const body = template.replace(/\{header:(.*?)\}/gis, (_, name: string) => `(?<${name}>.+)`);
  return caseSensitive ? `^${body}$` : `^(?i)${body}$`;
}
