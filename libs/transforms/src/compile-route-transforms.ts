import { compileClaimsTransforms, type Claim, type CompiledClaimsTransforms } from '@margay/claims';
import type { RouteConfig } from '@margay/config';
import { claimsAdded, headerValues, pathValues, queryPairs } from './claims-stages.js';
import { ClaimsMemo } from './claims-memo.js';
import { compileHeaderTransforms, type CompiledHeaderTransform } from './header-transforms.js';
import type { StageResult, TransformName } from './transform-failure.js';

/** One claims-transform dictionary, compiled: its name (for errors) and its entries. */
export interface DictionarySource {
  readonly name: TransformName;
  readonly transforms: CompiledClaimsTransforms;
}

/**
 * A compiled dictionary with what it gives a claims list (values, encodings or the failure),
 * computed once per list (ClaimsMemo).
 */
export interface CompiledDictionary<T = unknown> extends DictionarySource {
  readonly outputs: ClaimsMemo<StageResult<T>>;
}

/** A header `AddHeadersToRequest` sets: the name as configured and lower-cased (Node's form). */
export interface HeaderTarget {
  readonly name: string;
  readonly lowerName: string;
}

/**
 * Every request transform of one route, compiled once per configuration revision. A dictionary
 * that is empty in the configuration is `null`, so the stages skip it without a lookup.
 */
export interface CompiledRouteTransforms {
  /** Outputs: the new claims list. */
  readonly claims: CompiledDictionary<readonly Claim[]> | null;
  /** Outputs: the header values, indexed like `headerTargets`. */
  readonly headers: CompiledDictionary<readonly string[]> | null;
  /** Indexed like `headers.transforms.entries`. */
  readonly headerTargets: readonly HeaderTarget[];
  /** Outputs: the encoded `key=value` pairs, joined with `&`. */
  readonly queries: CompiledDictionary<string> | null;
  /** The parameter names `AddQueriesToRequest` sets (`queries`' keys, as configured). */
  readonly queryNames: ReadonlySet<string>;
  /** Outputs: the encoded placeholder values. */
  readonly path: CompiledDictionary<Readonly<Record<string, string>>> | null;
  readonly upstreamHeaders: readonly CompiledHeaderTransform[];
  readonly downstreamHeaders: readonly CompiledHeaderTransform[];
  /** True when any claims transform is configured (they need a principal). */
  readonly usesClaims: boolean;
}

/** Header transforms after GlobalConfiguration is merged in (see `effectiveRoute`). */
export interface HeaderTransformSources {
  readonly upstreamHeaderTransform: Readonly<Record<string, string>>;
  readonly downstreamHeaderTransform: Readonly<Record<string, string>>;
  /** GlobalConfiguration.BaseUrl (Ocelot's fallback `http://localhost:5000` when unset). */
  readonly baseUrl: string;
}

/**
 * Compiles a validated route's transforms. Expressions were checked by validation; one that does
 * not parse here is a bug and throws.
 */
export function compileRouteTransforms(route: RouteConfig, sources: HeaderTransformSources): CompiledRouteTransforms {
  const claims = dictionary('AddClaimsToRequest', route.AddClaimsToRequest, (source) => (list) => claimsAdded(source, list));
  const headers = dictionary('AddHeadersToRequest', route.AddHeadersToRequest, (source) => (list) => headerValues(source, list));
  const queries = dictionary('AddQueriesToRequest', route.AddQueriesToRequest, (source) => {
    const prefixes = source.transforms.entries.map(({ key }) => `${encodeURIComponent(key)}=`);
    return (list) => queryPairs(source, prefixes, list);
  });
  const path = dictionary('ChangeDownstreamPathTemplate', route.ChangeDownstreamPathTemplate, (source) => (list) => pathValues(source, list));
  const queryKeys = (queries?.transforms.entries ?? []).map(({ key }) => key);
  return Object.freeze({
    claims,
    headers,
    headerTargets: (headers?.transforms.entries ?? []).map(({ key }) => ({ name: key, lowerName: key.toLowerCase() })),
    queries,
    queryNames: new Set(queryKeys),
    path,
    upstreamHeaders: compileHeaderTransforms(sources.upstreamHeaderTransform, sources.baseUrl, 'upstream'),
    downstreamHeaders: compileHeaderTransforms(sources.downstreamHeaderTransform, sources.baseUrl, 'downstream'),
    usesClaims: Boolean(claims || headers || queries || path),
  });
}

/** `derive`: what the stage makes of a claims list, given the compiled entries (run once per list). */
function dictionary<T>(
  name: TransformName,
  entries: Readonly<Record<string, string>> | undefined,
  derive: (source: DictionarySource) => (claims: readonly Claim[]) => StageResult<T>,
): CompiledDictionary<T> | null {
  if (!entries || Object.keys(entries).length === 0) return null;
  const compiled = compileClaimsTransforms(entries);
  if (!compiled.ok) {
    const problems = compiled.errors.map(({ key, error }) => `${key}: ${error.message}`).join('; ');
    throw new Error(`${name} has expressions that do not parse (validation should have refused them): ${problems}`);
  }
  const source: DictionarySource = { name, transforms: compiled.transforms };
  return { ...source, outputs: new ClaimsMemo(derive(source)) };
}
