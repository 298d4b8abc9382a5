// Starting the upstream and the three candidates. Each start is fresh (a new process group per round
// and scenario); the caller stops it with stopGroup(handle.proc).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { httpRequest, waitForHttp } from './http.mjs';
import { nginxConf } from './nginx-conf.mjs';
import { startGroup, stopGroup } from './processes.mjs';

const SERVERS_DIR = join(import.meta.dirname, '..', 'servers');

/**
 * @typedef {{ proc: ReturnType<typeof startGroup>, url: string, adminUrl?: string }} Handle
 * @typedef {{ ok: true, handle: Handle } | { ok: false, stage: 'start' | 'config', reason: string, handle?: Handle }} StartResult
 *   `stage: 'config'`: the process runs but refused its configuration.
 */

/** Starts the upstream all candidates forward to (one per bench run). */
export async function startUpstream({ port, logDir }) {
  const proc = startGroup('upstream', process.execPath, [join(SERVERS_DIR, 'upstream.mjs'), String(port)], { logFile: join(logDir, 'upstream.log') });
  const url = `http://127.0.0.1:${port}`;
  const wait = await waitForHttp(`${url}/`, { timeoutMs: 10_000, hasExited: proc.hasExited });
  if (!wait.ready) {
    await stopGroup(proc);
    throw new Error(`the upstream ${wait.reason} (see ${proc.logFile})`);
  }
  return { proc, url };
}

/**
 * Raw http-proxy: forwards everything to the upstream. `extraEnv`: added to its environment (the
 * profiler's preload, bench/profile.mjs). @returns {Promise<StartResult>}
 */
export async function startHttpProxy({ port, upstreamUrl, logFile, timeoutMs, extraEnv = {} }) {
  const env = { ...process.env, ...extraEnv };
  const proc = startGroup('http-proxy', process.execPath, [join(SERVERS_DIR, 'http-proxy.mjs'), String(port), upstreamUrl], { env, logFile });
  return ready(proc, `http://127.0.0.1:${port}`, timeoutMs);
}

/** nginx, one worker; `routes` as in nginxConf. @returns {Promise<StartResult>} */
export async function startNginx({ port, upstreamPort, routes, dir, logFile, timeoutMs }) {
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, nginxConf({ dir, port, upstreamPort, routes }));
  // `-e`: nginx opens its default error log before reading the config; keep even that in `dir`.
  const args = ['-p', dir, '-c', conf, '-e', join(dir, 'error.log'), '-g', 'daemon off; master_process on;'];
  const proc = startGroup('nginx', '/usr/sbin/nginx', args, { logFile });
  return ready(proc, `http://127.0.0.1:${port}`, timeoutMs);
}

/**
 * Margay as it runs in production (`node apps/gateway/dist/main.js`), its configuration PUT through
 * the admin API — saved in Postgres and in service once the PUT answers 200.
 * @param {{ repoRoot: string, port: number, adminPort: number, adminToken: string, database: object,
 *   dataDir: string, embeddedPgPort: number, config: object, logFile: string, timeoutMs: number,
 *   extraEnv?: Record<string, string>, entry?: string }} options  `extraEnv`: added last (the profiler's
 *   preload); `entry`: another build's main.js (bench/ab.mjs), default the repository's
 * @returns {Promise<StartResult>}
 */
export async function startMargay(options) {
  const env = {
    ...process.env,
    PORT: String(options.port),
    ADMIN_PORT: String(options.adminPort),
    HOST: '127.0.0.1',
    ADMIN_HOST: '127.0.0.1',
    ADMIN_TOKEN: options.adminToken,
    MARGAY_DATA_DIR: options.dataDir,
    EMBEDDED_PG_PORT: String(options.embeddedPgPort),
    SERVER_TIMING: 'false',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    ...options.extraEnv,
  };
  if (options.database.mode === 'server') env.DATABASE_URL = options.database.url;
  else delete env.DATABASE_URL;
  const proc = startGroup('margay', process.execPath, [options.entry ?? join(options.repoRoot, 'apps/gateway/dist/main.js')], {
    env,
    cwd: options.repoRoot,
    logFile: options.logFile,
  });
  const url = `http://127.0.0.1:${options.port}`;
  const adminUrl = `http://127.0.0.1:${options.adminPort}`;
  // LOG_LEVEL=warn hides the "proxy listening" line; the admin port opens after the proxy port.
  const wait = await waitForHttp(`${adminUrl}/healthz`, { timeoutMs: options.timeoutMs, hasExited: proc.hasExited });
  const handle = { proc, url, adminUrl };
  if (!wait.ready) return { ok: false, stage: 'start', reason: `Margay ${wait.reason} (see ${options.logFile})`, handle };
  const put = await putConfig(adminUrl, options.adminToken, options.config, 60_000);
  return put.ok ? { ok: true, handle } : { ok: false, stage: 'config', reason: put.detail, handle };
}

/**
 * `PUT {admin}/api/v1/config/ocelot`; 200 means this gateway serves the new revision.
 * @returns {Promise<{ ok: boolean, status: number, detail: string, ms: number }>}
 */
export async function putConfig(adminUrl, adminToken, config, timeoutMs = 10_000) {
  const started = performance.now();
  try {
    const response = await httpRequest(`${adminUrl}/api/v1/config/ocelot`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(config),
      timeoutMs,
    });
    const ms = performance.now() - started;
    if (response.status === 200) return { ok: true, status: 200, detail: response.body, ms };
    return { ok: false, status: response.status, detail: describeRefusal(response), ms };
  } catch (error) {
    return { ok: false, status: 0, detail: `PUT config failed: ${error.message}`, ms: performance.now() - started };
  }
}

function describeRefusal(response) {
  try {
    const body = JSON.parse(response.body);
    const errors = Array.isArray(body.errors) ? body.errors.map((e) => `${e.path}: ${e.message}`) : [];
    const shown = errors.slice(0, 3).join(' | ') + (errors.length > 3 ? ` | … ${errors.length - 3} more` : '');
    return `configuration refused (${response.status} ${body.code ?? ''})${shown ? `: ${shown}` : `: ${body.message ?? ''}`}`;
  } catch {
    return `configuration refused (${response.status}): ${response.body.slice(0, 200)}`;
  }
}

async function ready(proc, url, timeoutMs) {
  const wait = await waitForHttp(`${url}/`, { timeoutMs, hasExited: proc.hasExited });
  const handle = { proc, url };
  return wait.ready ? { ok: true, handle } : { ok: false, stage: 'start', reason: `${proc.name} ${wait.reason} (see ${proc.logFile})`, handle };
}
