import type { ApiResult } from './admin-api-error.js';
import type { AdminClient } from './client.js';
import { send } from './send.js';
import type { RouteList } from './types.js';

/**
 * `GET api/v1/routes`: every stored route in position order, with the revision they belong to.
 *
 * @example
 * const result = await listRoutes(client);
 * if (result.ok) result.value.data.map((stored) => stored.route.UpstreamPathTemplate);
 */
export async function listRoutes(client: AdminClient, signal?: AbortSignal): Promise<ApiResult<RouteList>> {
  const result = await send(client, 'GET', 'api/v1/routes', signal ? { signal } : {});
  return result.ok ? { ok: true, value: result.value.body as RouteList } : result;
}
