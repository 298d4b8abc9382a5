import { compileClaimsTransforms, type Claim, type CompiledClaimsTransforms } from '@margay/claims';
import type { RouteConfig } from '@margay/config';
import { claimsAdded, headerValues, pathValues, queryPairs } from './claims-stages.js';
import { ClaimsMemo } from './claims-memo.js';
import { compileHeaderTransforms, type CompiledHeaderTransform } from './header-transforms.js';
import type { StageResult, TransformName } from './transform-failure.js';

/** One claims-transform dictionary, compiled: its name (for errors) and its entries. */
export interface CompiledDictionary {
  readonly name: TransformName;
  readonly transforms: CompiledClaimsTransforms;
}

/** A header `AddHeadersToRequest` sets: the name as configured and lower-cased (Node's form). */
export interface HeaderTarget {
  readonly name: string;
  readonly lowerName: string;
}

/**
 * What each claims-transform dictionary of a route gives a claims list, computed once per list
 * (ClaimsMemo); null where the route has no such dictionary.
 */
export interface ClaimsTransformMemos {
  readonly claims: ClaimsMemo<StageResult<readonly Claim[]>> | null;
  /** Header values indexed like `headerTargets`. */
  readonly headers: ClaimsMemo<StageResult<readonly string[]>> | null;
  /** The encoded `key=value` pairs, joined with `&`. */
  readonly queries: ClaimsMemo<StageResult<string>> | null;
  /** Encoded placeholder values. */
  readonly path: ClaimsMemo<StageResult<Readonly<Record<string, string>>>> | null;
}

/**
 * Every request transform of one route, compiled once per configuration revision. A dictionary
 * that is empty in the configuration is `null`, so the stages skip it without a lookup.
 */
export interface CompiledRouteTransforms {
  readonly claims: CompiledDictionary | null;
  readonly headers: CompiledDictionary | null;
  /** Indexed like `headers.transforms.entries`. */
  readonly headerTargets: readonly HeaderTarget[];
  readonly queries: CompiledDictionary | null;
  /** The parameter names `AddQueriesToRequest` sets (`queries`' keys, as configured). */
  readonly queryNames: ReadonlySet<string>;
  /** Indexed like `queries.transforms.entries`: `encodeURIComponent(key) + '='`. */
  readonly queryPrefixes: readonly string[];
  readonly path: CompiledDictionary | null;
  readonly upstreamHeaders: readonly CompiledHeaderTransform[];
  readonly downstreamHeaders: readonly CompiledHeaderTransform[];
  /** True when any claims transform is configured (they need a principal). */
  readonly usesClaims: boolean;
  readonly memos: ClaimsTransformMemos;
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
  const claims = dictionary('AddClaimsToRequest', route.AddClaimsToRequest);
  const headers = dictionary('AddHeadersToRequest', route.AddHeadersToRequest);
  const queries = dictionary('AddQueriesToRequest', route.AddQueriesToRequest);
  const path = dictionary('ChangeDownstreamPathTemplate', route.ChangeDownstreamPathTemplate);
  const queryKeys = (queries?.transforms.entries ?? []).map(({ key }) => key);
  const queryPrefixes = queryKeys.map((key) => `${encodeURIComponent(key)}=`);
  return Object.freeze({
    claims,
    headers,
    headerTargets: (headers?.transforms.entries ?? []).map(({ key }) => ({ name: key, lowerName: key.toLowerCase() })),
    queries,
    queryNames: new Set(queryKeys),
    queryPrefixes,
    path,
    upstreamHeaders: compileHeaderTransforms(sources.upstreamHeaderTransform, sources.baseUrl, 'upstream'),
    downstreamHeaders: compileHeaderTransforms(sources.downstreamHeaderTransform, sources.baseUrl, 'downstream'),
    usesClaims: Boolean(claims || headers || queries || path),
    memos: Object.freeze({
      claims: claims && new ClaimsMemo((list) => claimsAdded(claims, list)),
      headers: headers && new ClaimsMemo((list) => headerValues(headers, list)),
      queries: queries && new ClaimsMemo((list) => queryPairs(queries, queryPrefixes, list)),
      path: path && new ClaimsMemo((list) => pathValues(path, list)),
    }),
  });
}

function dictionary(name: TransformName, entries: Readonly<Record<string, string>> | undefined): CompiledDictionary | null {
  if (!entries || Object.keys(entries).length === 0) return null;
  const compiled = compileClaimsTransforms(entries);
  if (!compiled.ok) {
    const problems = compiled.errors.map(({ key, error }) => `${key}: ${error.message}`).join('; ');
    throw new Error(`${name} has expressions that do not parse (validation should have refused them): ${problems}`);
  }
  return { name, transforms: compiled.transforms };
}
