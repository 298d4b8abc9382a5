import type { Claim, ClaimValueError } from '@margay/claims';
import type { CompiledRouteTransforms, DictionarySource } from './compile-route-transforms.js';
import type { StageResult, TransformFailure, TransformName } from './transform-failure.js';

/**
 * The four claims-transform stages, in Ocelot's order. Pure functions over plain objects: the
 * gateway's guard and interceptors call them on live requests, the admin API's preview calls the
 * very same functions. Each stage reads its dictionary's outputs for the claims list (computed once
 * per list by the functions below them, see ClaimsMemo) and applies them to the request.
 */

const OK_VOID: StageResult<void> = { ok: true, value: undefined };
const NO_PLACEHOLDERS: StageResult<Readonly<Record<string, string>>> = { ok: true, value: Object.freeze({}) };

/** AddClaimsToRequest (before authorization): the claims the authorization checks see. */
export function addClaimsToRequest(transforms: CompiledRouteTransforms, claims: readonly Claim[]): StageResult<readonly Claim[]> {
  return transforms.claims?.outputs.get(claims) ?? { ok: true, value: claims };
}

/** What AddClaimsToRequest makes of one claims list: a new, frozen list (it is shared by the requests of a token). */
export function claimsAdded(dictionary: DictionarySource, claims: readonly Claim[]): StageResult<readonly Claim[]> {
  const result = dictionary.transforms.addToClaims(claims);
  return result.ok ? { ok: true, value: Object.freeze(result.claims) } : { ok: false, failure: missing(dictionary.name, result.key, result.error) };
}

/**
 * AddHeadersToRequest: sets each header on `headers` (Node's lower-case header object), after
 * removing whatever the client sent under that name, so a client can never forge it.
 */
export function addHeadersToRequest(
  transforms: CompiledRouteTransforms,
  claims: readonly Claim[],
  headers: Record<string, string | string[] | undefined>,
): StageResult<void> {
  const result = transforms.headers?.outputs.get(claims);
  if (!result) return OK_VOID;
  if (!result.ok) return result;
  const values = result.value;
  for (let i = 0; i < values.length; i++) headers[transforms.headerTargets[i]!.lowerName] = values[i]!;
  return OK_VOID;
}

/** The header values AddHeadersToRequest sets for one claims list, indexed like `headerTargets`, or why it cannot. */
export function headerValues(dictionary: DictionarySource, claims: readonly Claim[]): StageResult<readonly string[]> {
  const result = dictionary.transforms.evaluate(claims);
  if (!result.ok) return { ok: false, failure: missing(dictionary.name, result.key, result.error) };
  const values = result.values;
  for (let i = 0; i < values.length; i++) {
    if (!isHeaderValue(values[i]!.value)) {
      return { ok: false, failure: invalid(dictionary.name, values[i]!.key, 'contains characters a header value may not hold (CR, LF, NUL, other controls or non-ASCII)') };
    }
  }
  return { ok: true, value: Object.freeze(values.map(({ value }) => value)) };
}

/**
 * AddQueriesToRequest: the new raw query (without `?`): the client's parameters minus those named
 * like a configured key, then `key=value` pairs, percent-encoded (Ocelot does not encode: a value
 * `a b&c` could add parameters).
 */
export function addQueriesToRequest(transforms: CompiledRouteTransforms, claims: readonly Claim[], rawQuery: string): StageResult<string> {
  const added = transforms.queries?.outputs.get(claims);
  if (!added) return { ok: true, value: rawQuery };
  if (!added.ok || rawQuery === '') return added;
  let query = '';
  for (const pair of rawQuery.split('&')) if (pair !== '' && !transforms.queryNames.has(parameterName(pair))) query += `${pair}&`;
  return { ok: true, value: query + added.value };
}

/** The `key=value` pairs AddQueriesToRequest appends for one claims list, encoded and joined with `&`. */
export function queryPairs(dictionary: DictionarySource, prefixes: readonly string[], claims: readonly Claim[]): StageResult<string> {
  const result = dictionary.transforms.evaluate(claims);
  if (!result.ok) return { ok: false, failure: missing(dictionary.name, result.key, result.error) };
  const values = result.values;
  let pairs = '';
  for (let i = 0; i < values.length; i++) pairs += `${i === 0 ? '' : '&'}${prefixes[i]!}${encodeURIComponent(values[i]!.value)}`;
  return { ok: true, value: pairs };
}

/**
 * ChangeDownstreamPathTemplate: placeholder values, each encoded as one path segment. A value that
 * is a dot segment is refused: encoded as `%2E%2E` it would still be `..` to a normalising server.
 */
export function changeDownstreamPathTemplate(transforms: CompiledRouteTransforms, claims: readonly Claim[]): StageResult<Readonly<Record<string, string>>> {
  return transforms.path?.outputs.get(claims) ?? NO_PLACEHOLDERS;
}

/** The encoded placeholder values ChangeDownstreamPathTemplate gives one claims list (frozen: requests share it). */
export function pathValues(dictionary: DictionarySource, claims: readonly Claim[]): StageResult<Readonly<Record<string, string>>> {
  const result = dictionary.transforms.evaluate(claims);
  if (!result.ok) return { ok: false, failure: missing(dictionary.name, result.key, result.error) };
  const placeholders: Record<string, string> = {};
  for (const { key, value } of result.values) {
    if (value === '.' || value === '..') {
      return { ok: false, failure: invalid(dictionary.name, key, `is "${value}", which would move the downstream path out of its place`) };
    }
    placeholders[key] = encodeURIComponent(value);
  }
  return { ok: true, value: Object.freeze(placeholders) };
}

/** The decoded name of a `name=value` query pair (`+` is a space, as in forms). */
function parameterName(pair: string): string {
  const equals = pair.indexOf('=');
  const raw = (equals < 0 ? pair : pair.slice(0, equals)).replaceAll('+', ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** RFC 9110 field-value, restricted to ASCII: visible characters, space and tab. */
function isHeaderValue(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code !== 0x09 && (code < 0x20 || code > 0x7e)) return false;
  }
  return true;
}

function missing(transform: TransformName, key: string, error: ClaimValueError): TransformFailure {
  return { code: 'claim_transform_failed', transform, key, message: `${transform} "${key}": ${error.message}` };
}

function invalid(transform: TransformName, key: string, problem: string): TransformFailure {
  return { code: 'invalid_claim_value', transform, key, message: `${transform} "${key}": the claim's value ${problem}` };
}
