// Where Margay keeps its configuration during the bench: a fresh database on the machine's Postgres
// (DATABASE_URL's server, else postgres://postgres@127.0.0.1:5432), dropped at the end; or, when
// DATABASE_URL is unset and no server answers there, Margay's own embedded Postgres in a temp dir.
import pg from 'pg';

const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * @param {string} name database name to create, e.g. `margay_bench_20261124_164230`
 * @param {{ env?: object, forceEmbedded?: boolean }} [options] `forceEmbedded`: skip the server (EMBEDDED=1)
 * @returns {Promise<{ mode: 'server', url: string, describe: string, drop: () => Promise<string | undefined> }
 *   | { mode: 'embedded', describe: string, drop: () => Promise<undefined> }>}
 *   `drop` resolves to an error message when the database could not be dropped.
 */
export async function prepareDatabase(name, { env = process.env, forceEmbedded = false } = {}) {
  if (forceEmbedded) return { mode: 'embedded', describe: 'embedded Postgres (EMBEDDED=1)', drop: async () => undefined };
  const explicit = env.DATABASE_URL?.trim() || undefined;
  const admin = new URL(explicit ?? DEFAULT_SERVER);
  admin.pathname = '/postgres';
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(admin.hostname)) {
    throw new Error(`DATABASE_URL points at ${admin.hostname}: the bench runs on loopback only`);
  }
  try {
    await withClient(admin.href, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  } catch (error) {
    if (explicit) throw new Error(`cannot create database ${name} on ${redact(admin)}: ${error.message}`);
    return {
      mode: 'embedded',
      describe: `embedded Postgres (no server answered at ${redact(admin)}: ${error.message})`,
      drop: async () => undefined,
    };
  }
  const url = new URL(admin.href);
  url.pathname = `/${name}`;
  return {
    mode: 'server',
    url: url.href,
    describe: `database ${name} on ${redact(admin)} (dropped at the end)`,
    drop: () => dropDatabase(admin.href, name),
  };
}

async function dropDatabase(adminUrl, name) {
  try {
    await withClient(adminUrl, async (client) => {
      try {
        await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      } catch {
        // Postgres < 13 has no WITH (FORCE); every gateway is stopped by now anyway.
        await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
      }
    });
    return undefined;
  } catch (error) {
    return `could not drop database ${name}: ${error.message}`;
  }
}

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

function quoteIdent(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

function redact(url) {
  const copy = new URL(url.href);
  if (copy.password) copy.password = '***';
  return `${copy.protocol}//${copy.username ? `${copy.username}@` : ''}${copy.host}`;
}
