import type { RouteConfig } from '../model.js';

/**
 * How messages name a route: its index and upstream template (and `Key` when it has one), so a
 * user can find it in a long file.
 *
 * @example
 * routeLabel(3, { UpstreamPathTemplate: '/api/{id}', DownstreamPathTemplate: '/{id}' }) // 'Routes[3] "/api/{id}"'
 */
export function routeLabel(index: number, route: RouteConfig): string {
  const template = typeof route.UpstreamPathTemplate === 'string' ? route.UpstreamPathTemplate : '';
  const key = typeof route.Key === 'string' && route.Key !== '' ? ` (Key ${JSON.stringify(route.Key)})` : '';
  return `Routes[${index}] ${JSON.stringify(template)}${key}`;
}
