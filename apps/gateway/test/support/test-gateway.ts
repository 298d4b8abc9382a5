import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { startGateway, type RunningGateway } from '../../src/gateway.js';
import { readSettings } from '../../src/settings/settings.js';

// Start-up chatter hides test output; warnings and errors still show.
Logger.overrideLogger(['fatal', 'error', 'warn']);

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface TestGateway extends RunningGateway {
  readonly dataDir: string;
  /** Calls the admin API with the admin token; `body` objects are sent as JSON, strings as they are. */
  admin(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** PUT /api/v1/config/ocelot and return the parsed answer (throws unless 200). */
  putConfig(config: unknown): Promise<{ revision: number }>;
  stop(): Promise<void>;
}

/**
 * A real gateway on loopback ports chosen by the OS, with its own data folder. `env` overrides
 * settings the way the environment would.
 */
export async function startTestGateway(databaseUrl: string, env: Record<string, string> = {}, dataDir?: string): Promise<TestGateway> {
  const folder = dataDir ?? (await mkdtemp(join(tmpdir(), 'margay-gw-')));
  const settings = readSettings({
    PORT: '0',
    ADMIN_PORT: '0',
    HOST: '127.0.0.1',
    ADMIN_HOST: '127.0.0.1',
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    MARGAY_DATA_DIR: folder,
    CONFIG_POLL_INTERVAL_MS: '500',
    ...env,
  });
  const gateway = await startGateway({ settings, databaseUrl, snapshotFile: join(folder, 'snapshot.json') });
  const admin = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${gateway.adminUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  return Object.assign(Object.create(null), gateway, {
    dataDir: folder,
    admin,
    putConfig: async (config: unknown) => {
      const response = await admin('PUT', '/api/v1/config/ocelot', config);
      const answer = await response.json();
      if (response.status !== 200) throw new Error(`PUT config answered ${response.status}: ${JSON.stringify(answer)}`);
      return answer as { revision: number };
    },
    stop: async () => {
      await gateway.close();
      if (!dataDir) await rm(folder, { recursive: true, force: true });
    },
  }) as TestGateway;
}

/** A minimal route to `upstream` for `upstreamPath` → `downstreamPath`. */
export function route(upstreamPath: string, downstreamPath: string, port: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    UpstreamPathTemplate: upstreamPath,
    DownstreamPathTemplate: downstreamPath,
    DownstreamScheme: 'http',
    DownstreamHostAndPorts: [{ Host: '127.0.0.1', Port: port }],
    ...extra,
  };
}
