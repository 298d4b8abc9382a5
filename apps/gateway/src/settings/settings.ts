import { isIP } from 'node:net';
import { resolve } from 'node:path';

/** The process settings, read once from the environment at start. */
export interface Settings {
  /** Proxy port (`PORT`, default 8080). */
  readonly port: number;
  /** Proxy bind address (`HOST`, default `0.0.0.0`). */
  readonly host: string;
  /** Admin API and UI port (`ADMIN_PORT`, default 8081). */
  readonly adminPort: number;
  /** Admin bind address (`ADMIN_HOST`, default `127.0.0.1`: not exposed unless asked for). */
  readonly adminHost: string;
  /** `DATABASE_URL`; when absent an embedded Postgres is started under `dataDir`. */
  readonly databaseUrl: string | undefined;
  /** `ADMIN_TOKEN`; when absent one is generated at first start, stored (hashed) and printed once. */
  readonly adminToken: string | undefined;
  /** `MARGAY_DATA_DIR` (default `.margay` in the working directory): embedded database, last good snapshot. */
  readonly dataDir: string;
  /** `EMBEDDED_PG_PORT` (default 54329): port of the embedded Postgres, on 127.0.0.1 only. */
  readonly embeddedPgPort: number;
  /** `CONFIG_POLL_INTERVAL_MS` (default 2000): the revision check that catches missed notifications. */
  readonly configPollIntervalMs: number;
  /** `LOG_LEVEL`: error, warn, info (default), debug. */
  readonly logLevel: LogLevel;
  /**
   * `SERVER_TIMING`: a `Server-Timing` header with the time spent in the gateway. Default on, except
   * with `NODE_ENV=production` (the Docker image), where timings are left to `/metrics`.
   */
  readonly serverTiming: boolean;
  /** `ADMIN_UI_DIR`: the built admin UI to serve on the admin port (default: the admin-ui package's dist). */
  readonly adminUiDir: string | undefined;
}

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];

/** Thrown for a bad setting; the message names the setting and says what a good value looks like. */
export class SettingsError extends Error {
  constructor(readonly setting: string, message: string) {
    super(`Invalid setting ${setting}: ${message}`);
    this.name = 'SettingsError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads and validates every setting; throws a `SettingsError` naming the first bad one.
 * @example readSettings({ PORT: '9000' }).port === 9000
 */
export function readSettings(env: Env = process.env): Settings {
  const settings: Settings = {
    port: portSetting(env, 'PORT', 8080),
    host: hostSetting(env, 'HOST', '0.0.0.0'),
    adminPort: portSetting(env, 'ADMIN_PORT', 8081),
    adminHost: hostSetting(env, 'ADMIN_HOST', '127.0.0.1'),
    databaseUrl: databaseUrlSetting(env),
    adminToken: adminTokenSetting(env),
    dataDir: resolve(nonEmpty(env, 'MARGAY_DATA_DIR') ?? '.margay'),
    embeddedPgPort: portSetting(env, 'EMBEDDED_PG_PORT', 54329),
    configPollIntervalMs: integerSetting(env, 'CONFIG_POLL_INTERVAL_MS', 2000, 100, 3_600_000),
    logLevel: enumSetting(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    serverTiming: booleanSetting(env, 'SERVER_TIMING', env.NODE_ENV !== 'production'),
    adminUiDir: nonEmpty(env, 'ADMIN_UI_DIR'),
  };
  if (settings.port === settings.adminPort && settings.port !== 0) {
    throw new SettingsError('ADMIN_PORT', `must differ from PORT (both are ${settings.port})`);
  }
  return settings;
}

function nonEmpty(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function integerSetting(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new SettingsError(name, `"${raw}" is not a whole number (expected ${min}–${max})`);
  const value = Number(raw);
  if (value < min || value > max) throw new SettingsError(name, `${value} is out of range (expected ${min}–${max})`);
  return value;
}

function portSetting(env: Env, name: string, fallback: number): number {
  return integerSetting(env, name, fallback, 0, 65535);
}

function hostSetting(env: Env, name: string, fallback: string): string {
  const value = nonEmpty(env, name) ?? fallback;
  const isHostname = /^(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/.test(value);
  if (isIP(value) === 0 && !isHostname) {
    throw new SettingsError(name, `"${value}" is neither an IP address nor a host name (e.g. 127.0.0.1, 0.0.0.0, ::)`);
  }
  return value;
}

function databaseUrlSetting(env: Env): string | undefined {
  const value = nonEmpty(env, 'DATABASE_URL');
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SettingsError('DATABASE_URL', 'is not a URL (expected postgres://user:password@host:5432/database)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new SettingsError('DATABASE_URL', `has protocol "${url.protocol}" (expected postgres:// or postgresql://)`);
  }
  return value;
}

function adminTokenSetting(env: Env): string | undefined {
  const value = nonEmpty(env, 'ADMIN_TOKEN');
  if (value !== undefined && value.length < 16) {
    throw new SettingsError('ADMIN_TOKEN', 'is shorter than 16 characters: use a long random value (e.g. `openssl rand -hex 32`)');
  }
  if (value !== undefined && !/^[\x21-\x7e]+$/.test(value)) {
    throw new SettingsError('ADMIN_TOKEN', 'may only contain visible ASCII characters (no spaces)');
  }
  return value;
}

function enumSetting<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = nonEmpty(env, name);
  if (value === undefined) return fallback;
  const match = allowed.find((candidate) => candidate === value.toLowerCase());
  if (match === undefined) throw new SettingsError(name, `"${value}" is not one of ${allowed.join(', ')}`);
  return match;
}

function booleanSetting(env: Env, name: string, fallback: boolean): boolean {
  const value = nonEmpty(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  if (['false', '0', 'no', 'off'].includes(value)) return false;
  throw new SettingsError(name, `"${value}" is not a boolean (true or false)`);
}
