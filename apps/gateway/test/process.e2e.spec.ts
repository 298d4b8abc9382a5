import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/free-port.js';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

interface Started {
  child: ChildProcess;
  proxyUrl: string;
  adminUrl: string;
  output: () => string;
}

/** Runs the built gateway as `npm start` does, with its embedded Postgres; resolves once it listens. */
function startProcess(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: '0', ADMIN_PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString('utf8'));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start within 60 s:\n${output}`)), 60_000);
    const onData = () => {
      const match = /proxy listening on (http:\/\/[^\s\x1b]+), admin API and UI on (http:\/\/[^\s\x1b]+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve({ child, proxyUrl: match[1]!, adminUrl: match[2]!, output: () => output });
    };
    child.stdout!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited with ${code}:\n${output}`));
    });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** The start command a newcomer runs: no DATABASE_URL, an embedded Postgres under the data folder. */
describe('the gateway process (npm start)', () => {
  let dataDir: string;
  let pgPort: string;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npm run build)`);
    pgPort = String(await freePort());
    dataDir = await mkdtemp(join(tmpdir(), 'margay-process-'));
    await chmod(dataDir, 0o755);
  });

  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('starts on an embedded Postgres, prints a generated admin token once, and stops cleanly', async () => {
    const started = await startProcess({ MARGAY_DATA_DIR: dataDir, EMBEDDED_PG_PORT: pgPort });
    const token = /Margay admin token: (\S+)/.exec(started.output())?.[1];
    expect(token).toBeDefined();
    expect((await fetch(`${started.adminUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${started.adminUrl}/api/v1/routes`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const notFound = await fetch(`${started.proxyUrl}/values`);
    expect(notFound.status).toBe(404);
    expect((await notFound.json()).code).toBe('route_not_found');
    started.child.kill('SIGTERM');
    expect(await exited(started.child)).toBe(0);

    const again = await startProcess({ MARGAY_DATA_DIR: dataDir, EMBEDDED_PG_PORT: pgPort });
    expect(again.output()).not.toContain('Margay admin token:');
    expect((await fetch(`${again.adminUrl}/api/v1/routes`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    again.child.kill('SIGTERM');
    expect(await exited(again.child)).toBe(0);
  });

  it('recovers when the previous run was killed with SIGKILL (its Postgres still running)', async () => {
    const first = await startProcess({ MARGAY_DATA_DIR: dataDir, EMBEDDED_PG_PORT: pgPort, ADMIN_TOKEN: 'a-long-enough-admin-token' });
    first.child.kill('SIGKILL');
    await exited(first.child);
    const pid = Number((await readFile(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    expect(() => process.kill(pid, 0)).not.toThrow();
    const second = await startProcess({ MARGAY_DATA_DIR: dataDir, EMBEDDED_PG_PORT: pgPort, ADMIN_TOKEN: 'a-long-enough-admin-token' });
    expect(second.output()).toContain('from a previous run');
    expect((await fetch(`${second.adminUrl}/healthz`)).status).toBe(200);
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
  });

  it.each([
    ['PORT', 'eighty', /PORT/],
    ['ADMIN_HOST', 'not a host!', /ADMIN_HOST/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL/],
    ['ADMIN_TOKEN', 'short', /ADMIN_TOKEN/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL/],
  ])('refuses to start when %s is bad, naming the setting', async (name, value, pattern) => {
    const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? '', [name]: value }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    expect(await exited(child)).toBe(2);
    expect(stderr).toMatch(pattern);
  });
});
