import type { ApiResult } from './admin-api-error.js';
import type { AdminClient } from './client.js';
import { send } from './send.js';
import type { GatewayStatus } from './types.js';

/**
 * `GET api/v1/status`: the revision in service and the reload history. Also the cheapest way to
 * check a token.
 *
 * @example
 * const result = await getStatus(client);
 * if (!result.ok && isUnauthorized(result.error)) signOut();
 */
export async function getStatus(client: AdminClient, signal?: AbortSignal): Promise<ApiResult<GatewayStatus>> {
  const result = await send(client, 'GET', 'api/v1/status', signal ? { signal } : {});
  return result.ok ? { ok: true, value: result.value.body as GatewayStatus } : result;
}
