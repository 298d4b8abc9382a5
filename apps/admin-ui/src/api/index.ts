/** The admin API, one file per call; every call takes an {@link AdminClient} and returns an {@link ApiResult}. */
export { createAdminClient, type AdminClient, type AdminClientOptions, type FetchLike } from './client.js';
export { isUnauthorized, type AdminApiError, type ApiResult } from './admin-api-error.js';
export { getStatus } from './status.js';
export { listRoutes } from './routes.js';
export { getOcelotConfig, putOcelotConfig, type PutOcelotConfigOptions } from './ocelot-config.js';
export type * from './types.js';
