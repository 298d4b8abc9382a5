import type { ConfigIssue, RouteConfig } from './model.js';

/**
 * The admin API's wire format: what the gateway answers and the admin UI reads. Both import these
 * types, so the contract is written once (docs/admin-api.md describes it for scripts).
 */

/** Why a configuration revision was not put into service. */
export interface ReloadFailure {
  readonly revision: number;
  /** `invalid`: validation refused it; `compile_failed`: it validated but could not be compiled. */
  readonly kind: 'invalid' | 'compile_failed';
  readonly issues: readonly ConfigIssue[];
  /** ISO 8601 time. */
  readonly at: string;
}

/** `GET /api/v1/status`: what the gateway serves and how its reloads went. */
export interface GatewayStatus {
  /** The revision in service (-1 when none). */
  readonly revision: number;
  /** Where the configuration in service came from. */
  readonly source: 'database' | 'disk' | 'none';
  /** ISO 8601 time the configuration in service was compiled, or null when there is none. */
  readonly compiledAt: string | null;
  readonly databaseConnected: boolean;
  readonly reloads: { readonly applied: number; readonly failed: number };
  readonly lastFailure: ReloadFailure | null;
}

/** One stored route: its id and place, and its ocelot.json definition. */
export interface StoredRoute {
  readonly id: string;
  readonly position: number;
  /** ISO 8601 time of the last change. */
  readonly updatedAt: string;
  readonly route: RouteConfig;
}

/** `GET /api/v1/routes`. */
export interface RouteList {
  readonly revision: number;
  readonly data: readonly StoredRoute[];
}

/** `PUT /api/v1/config/ocelot`: what was (or, with `dryRun`, would be) stored. */
export interface ImportResult {
  /** The new revision; with `dryRun`, the unchanged current one. */
  readonly revision: number;
  readonly dryRun: boolean;
  /** Number of routes in the document. */
  readonly routes: number;
  /** Number of authentication providers in the document. */
  readonly authenticationProviders: number;
  readonly warnings: readonly ConfigIssue[];
}
