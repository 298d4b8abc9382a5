import { effectiveRoute, type GlobalConfiguration, type HostAndPort } from '@margay/config';
import type { StoredRoute } from '../api/types.js';

/** One row of the routes table, every cell already a string. */
export interface RouteSummary {
  readonly id: string;
  readonly position: number;
  /** `GET, POST`, or `any` when the route lists no method (Ocelot then matches every method). */
  readonly methods: string;
  readonly upstream: string;
  /** One `scheme://host:port/template` per downstream host, in configured order. */
  readonly downstream: readonly string[];
  /** The provider keys tried in order, `none`, or the keys followed by `(anonymous allowed)`. */
  readonly authentication: string;
}

/**
 * A stored route as the routes table shows it. The scheme and the authentication providers are the
 * route's effective ones (`effectiveRoute` of @margay/config), because a route that sets neither
 * inherits them from `GlobalConfiguration`; showing the bare route would show a wrong scheme.
 *
 * @example
 * summarizeRoute({ id, position: 0, updatedAt, route: {
 *   UpstreamPathTemplate: '/orders/{id}', DownstreamPathTemplate: '/api/orders/{id}',
 *   UpstreamHttpMethod: ['get'], DownstreamHostAndPorts: [{ Host: 'orders', Port: 80 }] } }, {})
 * // → { methods: 'GET', upstream: '/orders/{id}', downstream: ['http://orders:80/api/orders/{id}'], authentication: 'none', ... }
 */
export function summarizeRoute(stored: StoredRoute, global: GlobalConfiguration): RouteSummary {
  const { route } = stored;
  const effective = effectiveRoute(route, global);
  const template = route.DownstreamPathTemplate;
  const hosts = route.DownstreamHostAndPorts ?? [];
  return {
    id: stored.id,
    position: stored.position,
    methods: formatMethods(route.UpstreamHttpMethod),
    upstream: route.UpstreamPathTemplate,
    downstream: hosts.length === 0
      ? [`${effective.downstreamScheme}://(no host)${template}`]
      : hosts.map((host) => `${effective.downstreamScheme}://${formatHostAndPort(host)}${template}`),
    authentication: formatAuthentication(effective.authentication.providerKeys, effective.authentication.allowAnonymous),
  };
}

/** Upper-cased and without duplicates, since Ocelot compares methods case-insensitively. */
function formatMethods(methods: readonly string[] | undefined): string {
  const unique = [...new Set((methods ?? []).map((method) => method.trim().toUpperCase()).filter((method) => method !== ''))];
  return unique.length === 0 ? 'any' : unique.join(', ');
}

/** An IPv6 address goes in brackets, as in a URL. */
function formatHostAndPort({ Host, Port }: HostAndPort): string {
  const host = Host.includes(':') && !Host.startsWith('[') ? `[${Host}]` : Host;
  return `${host}:${Port}`;
}

function formatAuthentication(keys: readonly string[], allowAnonymous: boolean): string {
  if (keys.length === 0) return 'none';
  return allowAnonymous ? `${keys.join(', ')} (anonymous allowed)` : keys.join(', ');
}
