import type { Placeholders } from './compile-upstream-template.js';
import { compileRouteTable } from './internal/route-table.js';

/** The subset of a route that routing needs (structurally a subset of RouteConfig in libs/config/src/model.ts). */
export interface RouteDefinition {
  UpstreamPathTemplate: string;
  /** Empty or absent = any method. Compared case-insensitively. */
  UpstreamHttpMethod?: readonly string[];
  /** Absent, null or empty = any host. `host` matches on any port, `host:port` only that port; case-insensitive. */
  UpstreamHost?: string | null;
  /** Default 1; higher wins. `/{x}` is always 0. */
  Priority?: number;
  /** Default false. Applies to path and query literals and to header template literals. */
  RouteIsCaseSensitive?: boolean;
  /** Header name (any case) → value template with `{header:name}` placeholders. Default none. */
  UpstreamHeaderTemplates?: Readonly<Record<string, string>>;
}

/** What selection reads from an incoming request. */
export interface RouteRequest {
  /** Upper-case as Node gives it. */
  method: string;
  /** The Host header as received, maybe with :port. */
  host: string | undefined;
  /** Raw path, no query. */
  path: string;
  /** Raw query WITHOUT the leading '?', '' when none. */
  rawQuery: string;
  /** Lower-case name → first value. */
  header(name: string): string | undefined;
}

/** The outcome of selecting a route for a request. */
export type RouteSelection =
  /** `placeholders` includes the header-template ones; values are safe to put in a path (see README). */
  | { kind: 'matched'; routeIndex: number; placeholders: Placeholders }
  /** The path matches routes, none for this verb; `allow` = upper-case verbs, sorted (for 405 + `Allow`). */
  | { kind: 'method_not_allowed'; allow: readonly string[] }
  | { kind: 'not_found' };

/** The compiled routes of one configuration revision. Immutable; safe to share between requests. */
export interface RouteTable {
  readonly size: number;
  /** Selects the route for a request. Tests only a few regexes whatever the number of routes. */
  select(request: RouteRequest): RouteSelection;
}

/**
 * Compile once per configuration revision; routeIndex refers to the index in `routes`.
 *
 * Selection follows Ocelot (features.md §3): routes are ordered by priority (descending, ties in
 * configuration order) and filtered by method and host; the first whose path, query and header templates
 * match wins, except that the first match with an `UpstreamHost` beats any match without one whatever
 * the priorities. Margay answers `method_not_allowed` where Ocelot answers 404 for a known path with a
 * wrong verb. Routes are indexed by their leading literal segments, so a request tests only the routes
 * that share its leading segments plus those that start with a placeholder.
 *
 * @example
 * const table = buildRouteTable([
 *   { UpstreamPathTemplate: '/orders/{id}', UpstreamHttpMethod: ['Get'] },
 *   { UpstreamPathTemplate: '/{everything}' },
 * ]);
 * const request = { method: 'GET', host: 'api.example.com', path: '/orders/7', rawQuery: '', header: () => undefined };
 * table.select(request); // { kind: 'matched', routeIndex: 0, placeholders: { id: '7' } }
 */
export function buildRouteTable(routes: readonly RouteDefinition[]): RouteTable {
  return compileRouteTable(routes, null);
}
