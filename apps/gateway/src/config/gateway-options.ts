import type { Settings } from '../settings/settings.js';

/** What the gateway module needs from its host process (main.ts, or a test). */
export interface GatewayOptions {
  readonly settings: Settings;
  /** The database to use: `DATABASE_URL`, or the embedded server's URL. */
  readonly databaseUrl: string;
  /** Where the last good snapshot is kept on local disk. */
  readonly snapshotFile: string;
}

export const GATEWAY_OPTIONS = Symbol('GATEWAY_OPTIONS');
