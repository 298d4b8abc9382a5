/**
 * Margay's path decoding rule (the one place it is implemented).
 *
 * The router receives the raw request path, percent-encoded as the client sent it. Before matching and
 * before placeholder values are taken from it, the path is put in a canonical form:
 *
 * 1. A percent-encoding that decodes to a character legal as-is in a path segment (RFC 3986 `pchar`:
 *    unreserved, sub-delims, ':' and '@') is decoded: `/api/debug%28%29` → `/api/debug()`. This is what
 *    Ocelot users see (ASP.NET decodes `Request.Path`), without its danger:
 * 2. every other encoding stays encoded, with upper-case hex: `%2F`, `%3F`, `%23`, `%25`, `%20`, controls and
 *    non-ASCII bytes. So a value can never re-split the path (`%2F`), start a query (`%3F`) or a fragment
 *    (`%23`), or be decoded twice (`%25`);
 * 3. a character that is not legal in a path at all (a raw space, `"`, `|`, non-ASCII…) is percent-encoded
 *    (UTF-8), so template literals and request paths meet in one form and the result is a valid path;
 * 4. invalid percent sequences (`%zz`, a trailing `%`) are left as they are (and an escaped hex digit
 *    right after such a `%` stays escaped, so that no new escape appears);
 * 5. dot segments (`.` and `..`, also when written `%2E`) are removed as in RFC 3986 §5.2.4. Kestrel does
 *    this before Ocelot routes; without it `/public/..%2Fadmin`-style paths could reach a downstream
 *    path the route table never matched;
 * 6. an empty path is `/` (RFC 9110 §4.2.3).
 *
 * Placeholder values taken from the canonical path are therefore already safe to put in a downstream
 * path. Values from headers and the query string go through {@link encodePathValue} instead.
 */
import { PATH_SEGMENT_CHAR, hexValue, percentEncodeCodePoint } from './char-classes.js';
import { reencode, type ComponentRules } from './percent-codec.js';

/** `pchar` and the segment separator: what a path may hold raw. */
const PATH_CHAR: Uint8Array = PATH_SEGMENT_CHAR.map((keep, c) => (c === 47 ? 1 : keep));

const PERCENT = 37;
const SLASH = 47;
const DOT = 46;

/**
 * The canonical form of a request path (rules 1–6 above). Returns `raw` itself when nothing changes, so
 * the common case allocates nothing.
 *
 * @example canonicalPath('/api/debug%28%29') // '/api/debug()'
 * @example canonicalPath('/a%2fb/%7e')        // '/a%2Fb/~'
 */
export function canonicalPath(raw: string): string {
  const text = canonicalPathText(raw);
  const path = hasDotSegment(text) ? removeDotSegments(text) : text;
  return path === '' ? '/' : path;
}

/**
 * Rules 1–4 only: used for template literals, which must meet request paths in the same form (dot
 * segments in a template are the validator's business, not silently rewritten).
 */
export function canonicalPathText(raw: string): string {
  return reencode(raw, PATH_RULES);
}

const PATH_RULES: ComponentRules = {
  keepRaw: PATH_CHAR,
  decodeTo: PATH_SEGMENT_CHAR,
  plusIsSpace: false,
};

/**
 * Makes a placeholder value that did not come from the canonical path safe to substitute into one:
 * every character outside RFC 3986 `pchar` is percent-encoded, so `/`, `?` and `#` in a header or query
 * value cannot add segments or a query downstream. `keepEscapes`: whether a valid `%XX` in the value is
 * already an escape (true for query values, which are URL text; false for header values, where `%` is
 * just a character).
 *
 * @example encodePathValue('v1/../admin?x', false) // 'v1%2F..%2Fadmin%3Fx'
 */
export function encodePathValue(value: string, keepEscapes: boolean): string {
  let out: string[] | null = null;
  let copiedUpTo = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 128 && PATH_SEGMENT_CHAR[c] === 1) continue;
    if (
      c === PERCENT &&
      keepEscapes &&
      i + 2 < value.length &&
      hexValue(value.charCodeAt(i + 1)) >= 0 &&
      hexValue(value.charCodeAt(i + 2)) >= 0
    ) {
      i += 2;
      continue;
    }
    out ??= [];
    out.push(value.slice(copiedUpTo, i));
    i += percentEncodeCodePoint(value, i, out) - 1;
    copiedUpTo = i + 1;
  }
  if (out === null) return value;
  out.push(value.slice(copiedUpTo));
  return out.join('');
}

/** Whether some segment is exactly `.` or `..`. */
function hasDotSegment(path: string): boolean {
  for (let i = path.indexOf('.'); i !== -1; i = path.indexOf('.', i + 1)) {
    if (i > 0 && path.charCodeAt(i - 1) !== SLASH) continue;
    let end = i + 1;
    if (end < path.length && path.charCodeAt(end) === DOT) end++;
    if (end === path.length || path.charCodeAt(end) === SLASH) return true;
  }
  return false;
}

/** RFC 3986 §5.2.4 on whole segments; a leading '/' is kept and never popped. */
function removeDotSegments(path: string): string {
  const segments = path.split('/');
  const out: string[] = [];
  const absolute = segments[0] === '';
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const isLast = i === segments.length - 1;
    if (segment === '.' || segment === '..') {
      if (segment === '..' && out.length > (absolute ? 1 : 0)) out.pop();
      // `/a/b/..` resolves to `/a/`: the directory, so the trailing slash stays.
      if (isLast) out.push('');
      continue;
    }
    out.push(segment);
  }
  if (absolute && out.length === 1) return '/';
  return out.join('/');
}
