import { invalidResponseError, type ApiResult } from './admin-api-error.js';
import type { AdminClient } from './client.js';
import { send } from './send.js';
import type { ImportResult, OcelotDocument } from './types.js';

const PATH = 'api/v1/config/ocelot';

/**
 * `GET api/v1/config/ocelot`: the stored configuration as an ocelot.json document (secrets removed),
 * with its revision.
 *
 * @example
 * const result = await getOcelotConfig(client);
 * if (result.ok) textarea.value = JSON.stringify(result.value.document, null, 2);
 */
export async function getOcelotConfig(client: AdminClient, signal?: AbortSignal): Promise<ApiResult<OcelotDocument>> {
  const result = await send(client, 'GET', PATH, signal ? { signal } : {});
  if (!result.ok) return result;
  const { body, headers } = result.value;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, error: invalidResponseError(result.value.status) };
  const revision = Number(headers.get('x-margay-revision') ?? Number.NaN);
  return { ok: true, value: { revision: Number.isInteger(revision) ? revision : null, document: body as Record<string, unknown> } };
}

/** Options of {@link putOcelotConfig}. */
export interface PutOcelotConfigOptions {
  /** Validate only, store nothing (default false). */
  dryRun?: boolean;
  signal?: AbortSignal;
}

/**
 * `PUT api/v1/config/ocelot`: replaces the whole configuration with `text`, sent verbatim (the
 * gateway accepts comments and a BOM, as Ocelot does). A refused document is an `invalid_config`
 * error whose `errors` list every issue; nothing is stored then.
 *
 * @example
 * const result = await putOcelotConfig(client, text, { dryRun: true });
 * if (!result.ok) result.error.errors.forEach((issue) => console.log(issue.path, issue.message));
 */
export async function putOcelotConfig(client: AdminClient, text: string, options: PutOcelotConfigOptions = {}): Promise<ApiResult<ImportResult>> {
  const path = options.dryRun ? `${PATH}?dryRun=true` : PATH;
  const result = await send(client, 'PUT', path, options.signal ? { body: text, signal: options.signal } : { body: text });
  return result.ok ? { ok: true, value: result.value.body as ImportResult } : result;
}
