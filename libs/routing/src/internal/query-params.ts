/**
 * Query strings as Ocelot rebuilds them (features.md §4): parsed, then every name and value re-encoded
 * with .NET's `UrlEncoder.Default` (space → `%20`, `:` → `%3A`, `'` → `%27`; `$ ( ) - . _` as-is), a
 * `+` read as a space. Margay differs where Ocelot loses data: repeated keys stay separate and in order
 * (Ocelot joins them with commas), a parameter without `=` stays without one, and an escape that does not
 * decode (`%zz`, a stray UTF-8 byte) is kept as it is instead of being encoded a second time.
 */
import { QUERY_COMPONENT_CHAR } from './char-classes.js';
import { reencode, type ComponentRules } from './percent-codec.js';

/** One parameter, name and value already in the canonical encoding. */
export interface QueryParam {
  readonly name: string;
  /** Null when the parameter had no `=` (`?flag`). */
  readonly value: string | null;
}

/**
 * Splits a raw query (no leading `?`) into parameters in order, skipping empty pieces (`a=1&&b=2`).
 *
 * @example parseQuery('a=1&b=x+y&flag') // [{name:'a',value:'1'}, {name:'b',value:'x%20y'}, {name:'flag',value:null}]
 */
export function parseQuery(raw: string): QueryParam[] {
  const params: QueryParam[] = [];
  let start = 0;
  // The next '=' at or after `start`, found incrementally: searching from each piece's start could
  // rescan the whole query per parameter (`a&a&a&…&b=1`).
  let eq = raw.indexOf('=');
  while (start <= raw.length) {
    let end = raw.indexOf('&', start);
    if (end === -1) end = raw.length;
    if (eq !== -1 && eq < start) eq = raw.indexOf('=', start);
    if (end > start) {
      params.push(
        eq === -1 || eq > end
          ? { name: encodeQueryComponent(raw.slice(start, end)), value: null }
          : { name: encodeQueryComponent(raw.slice(start, eq)), value: encodeQueryComponent(raw.slice(eq + 1, end)) },
      );
    }
    start = end + 1;
  }
  return params;
}

/** `a=1&flag&b=2`, without `?`. */
export function serializeQuery(params: readonly QueryParam[]): string {
  let out = '';
  for (const param of params) {
    if (out !== '') out += '&';
    out += param.value === null ? param.name : param.name + '=' + param.value;
  }
  return out;
}

/**
 * The canonical encoding of one raw (URL-encoded) name or value: what Ocelot's decode + `UrlEncoder`
 * round trip gives for well-formed input, computed in one pass so that malformed escapes survive.
 *
 * @example encodeQueryComponent("Name eq 'Sam'") // 'Name%20eq%20%27Sam%27'
 * @example encodeQueryComponent('%41+%e2%82%ac')  // 'A%20%E2%82%AC'
 */
export function encodeQueryComponent(raw: string): string {
  return reencode(raw, QUERY_RULES);
}

const QUERY_RULES: ComponentRules = {
  keepRaw: QUERY_COMPONENT_CHAR,
  decodeTo: QUERY_COMPONENT_CHAR,
  plusIsSpace: true,
};
