/**
 * Route selection, Ocelot's algorithm (features.md §3 "Route selection") over the route index:
 * candidates in global order (priority descending, stable in configuration order), filtered by method
 * and host, then path (+ query) and header templates; the first match that has an `UpstreamHost` wins
 * over any host-less match whatever their priorities, otherwise the first match wins. Margay adds the
 * 405 outcome: when nothing matches but some route would match with another method.
 */
import type { RouteDefinition, RouteRequest, RouteSelection, RouteTable } from '../build-route-table.js';
import type { Placeholders } from '../compile-upstream-template.js';
import { compileHeaderMatchers, execHeaders, writeHeaderPlaceholders, type HeaderMatcher } from './header-matcher.js';
import { compileHostMatcher, hostMatches, requestHost, type HostMatcher, type RequestHost } from './host-matcher.js';
import { canonicalPath } from './path-canonical.js';
import { buildRouteIndex, findCandidates, type RouteIndexNode } from './route-index.js';
import { execUpstream, writePlaceholders, type RegexProbe, type UpstreamMatch } from './upstream-matcher.js';
import { compileUpstreamPattern, type UpstreamPattern } from './upstream-pattern.js';

/** Everything selection needs about one route, compiled once. */
interface CompiledRoute {
  readonly routeIndex: number;
  readonly position: number;
  readonly indexKey: readonly string[];
  readonly pattern: UpstreamPattern;
  /** Upper-case methods, or null for any method. */
  readonly methods: ReadonlySet<string> | null;
  /** Indexes into the table's sorted verb list, for `Allow`. */
  readonly verbIds: readonly number[];
  readonly host: HostMatcher | null;
  readonly hasHost: boolean;
  readonly headers: readonly HeaderMatcher[];
}

const NOT_FOUND: RouteSelection = Object.freeze({ kind: 'not_found' });
const ANY_HOST: RequestHost = Object.freeze({ full: undefined, name: undefined });

/**
 * Compiles a route table. `probe`, when given, counts every regex execution (tests only).
 *
 * @example compileRouteTable([{ UpstreamPathTemplate: '/a' }], null).size // 1
 */
export function compileRouteTable(routes: readonly RouteDefinition[], probe: RegexProbe | null): RouteTable {
  const verbs = [...new Set(routes.flatMap((r) => (r.UpstreamHttpMethod ?? []).map((m) => m.toUpperCase())))].sort();
  const verbId = new Map(verbs.map((verb, id) => [verb, id]));
  const compiled = routes.map((route, routeIndex) => compileRoute(route, routeIndex, verbId));
  // Array.prototype.sort is stable: equal priorities keep configuration order, as Ocelot's OrderByDescending.
  const ordered = [...compiled]
    .sort((a, b) => priorityOf(b) - priorityOf(a))
    .map((route, position) => ({ ...route, position }));
  const root = buildRouteIndex(ordered);
  const anyHosted = ordered.some((route) => route.hasHost);

  function priorityOf(route: CompiledRoute): number {
    return route.pattern.isRootCatchAll ? 0 : (routes[route.routeIndex]!.Priority ?? 1);
  }

  return Object.freeze({
    size: routes.length,
    select(request: RouteRequest): RouteSelection {
      const path = canonicalPath(request.path);
      const at = findCandidates(root, path.toLowerCase());
      const verb = request.method.toUpperCase();
      const host = anyHosted ? requestHost(request.host) : ANY_HOST;
      const found = selectMatch(at, path, verb, host, request, probe);
      if (found !== null) return found;
      return methodNotAllowed(at.candidates, path, verb, host, request, verbs, probe);
    },
  });
}

function compileRoute(route: RouteDefinition, routeIndex: number, verbId: ReadonlyMap<string, number>): CompiledRoute {
  const caseSensitive = route.RouteIsCaseSensitive ?? false;
  const pattern = compileUpstreamPattern(route.UpstreamPathTemplate, caseSensitive);
  const methods = (route.UpstreamHttpMethod ?? []).map((m) => m.toUpperCase());
  const host = compileHostMatcher(route.UpstreamHost);
  return {
    routeIndex,
    position: routeIndex,
    indexKey: pattern.indexKey,
    pattern,
    methods: methods.length === 0 ? null : new Set(methods),
    verbIds: [...new Set(methods)].map((m) => verbId.get(m)!),
    host,
    hasHost: host !== null,
    headers: compileHeaderMatchers(route.UpstreamHeaderTemplates, caseSensitive),
  };
}

function selectMatch(
  at: RouteIndexNode<CompiledRoute>,
  path: string,
  verb: string,
  host: RequestHost,
  request: RouteRequest,
  probe: RegexProbe | null,
): RouteSelection | null {
  const list = at.candidates;
  let first: CompiledRoute | null = null;
  let firstPath: UpstreamMatch | null = null;
  let firstHeaders: readonly RegExpExecArray[] | null = null;
  for (let i = 0; i < list.length; i++) {
    const route = list[i]!;
    if (first !== null && route.host === null) continue; // after a host-less match only hosted routes can win
    if (route.methods !== null && !route.methods.has(verb)) continue;
    if (route.host !== null && !hostMatches(route.host, host)) continue;
    const pathMatch = execUpstream(route.pattern, path, request.rawQuery, probe);
    if (pathMatch === null) continue;
    const headers = execHeaders(route.headers, request, probe);
    if (headers === null) continue;
    if (route.host !== null) return matched(route, pathMatch, headers);
    first = route;
    firstPath = pathMatch;
    firstHeaders = headers;
    if (i >= at.lastHosted) break;
  }
  return first === null ? null : matched(first, firstPath!, firstHeaders!);
}

function matched(route: CompiledRoute, path: UpstreamMatch, headers: readonly RegExpExecArray[]): RouteSelection {
  const placeholders: Placeholders = {};
  writePlaceholders(route.pattern, path, placeholders);
  writeHeaderPlaceholders(route.headers, headers, placeholders);
  return { kind: 'matched', routeIndex: route.routeIndex, placeholders };
}

/** Runs only when nothing matched: the routes skipped for their method alone decide 405 over 404. */
function methodNotAllowed(
  list: readonly CompiledRoute[],
  path: string,
  verb: string,
  host: RequestHost,
  request: RouteRequest,
  verbs: readonly string[],
  probe: RegexProbe | null,
): RouteSelection {
  let allowed: Uint8Array | null = null;
  for (const route of list) {
    if (route.methods === null || route.methods.has(verb)) continue; // already tested, did not match
    if (route.host !== null && !hostMatches(route.host, host)) continue;
    if (execUpstream(route.pattern, path, request.rawQuery, probe) === null) continue;
    if (execHeaders(route.headers, request, probe) === null) continue;
    allowed ??= new Uint8Array(verbs.length);
    for (const id of route.verbIds) allowed[id] = 1;
  }
  if (allowed === null) return NOT_FOUND;
  // `verbs` is sorted at build time, so `allow` comes out sorted without sorting per request.
  const allow = verbs.filter((_, id) => allowed[id] === 1);
  return { kind: 'method_not_allowed', allow };
}
