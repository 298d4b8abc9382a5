/**
 * The admin API's answers as the gateway sends them: the shared wire types of @margay/config, plus
 * what only the UI assembles. They are trusted as typed: the UI and the gateway ship together.
 */

export type { GatewayStatus, ImportResult, ReloadFailure, RouteList, StoredRoute } from '@margay/config';

/** `GET api/v1/config/ocelot`: the stored configuration as an ocelot.json document, secrets removed. */
export interface OcelotDocument {
  /** From the `x-margay-revision` header; null when the gateway did not send it. */
  readonly revision: number | null;
  readonly document: Record<string, unknown>;
}
