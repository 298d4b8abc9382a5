import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '@margay/config';
import { freePort } from './support/free-port.js';

const ROOT = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');

/**
 * There is no Docker engine here: the compose file is checked against the Compose specification's
 * schema, and what its containers run is run directly (the gateway image's command by
 * process.e2e.spec.ts, the demo API here).
 */
describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml'));

  it('is valid against the Compose specification schema', () => {
    // The Compose specification's schema, as the dclint package ships it (not in its exports map).
    const schema = JSON.parse(read('node_modules/dclint/schemas/compose.schema.json'));
    // Its $schema names draft-07 by an https URL Ajv does not know; the draft itself is built in.
    delete schema.$schema;
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    expect(validate(compose), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // …and the check is real: a typo in a service key is caught.
    expect(validate({ ...compose, services: { ...compose.services, gateway: { ...compose.services.gateway, dependz_on: [] } } })).toBe(false);
  });

  it('runs the gateway on its own Postgres, once that is healthy', () => {
    const gateway = compose.services.gateway;
    expect(gateway.build.dockerfile).toBe('Dockerfile');
    expect(gateway.environment.DATABASE_URL).toBe('postgres://margay:margay@postgres:5432/margay');
    expect(gateway.depends_on.postgres.condition).toBe('service_healthy');
    expect(compose.services.postgres.healthcheck.test.join(' ')).toContain('pg_isready');
    expect(gateway.ports).toEqual(['8080:8080', '127.0.0.1:8081:8081']);
  });

  it('builds an image whose command is the one the process tests run', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile).toContain('CMD ["node", "apps/gateway/dist/main.js"]');
    expect(dockerfile).toMatch(/npm install/);
    expect(dockerfile).not.toMatch(/RUN npm ci/);
  });

  it('copies every workspace\'s package.json before npm install, so every workspace is linked and its dependencies installed', () => {
    const dockerfile = read('Dockerfile');
    const beforeInstall = dockerfile.slice(0, dockerfile.indexOf('RUN npm install'));
    const copied = [...beforeInstall.matchAll(/^COPY (\S+\/package\.json) /gm)].map((match) => match[1]);
    const workspaces = (JSON.parse(read('package.json')).workspaces as string[]).flatMap((pattern) =>
      pattern.endsWith('/*')
        ? readdirSync(new URL(pattern.slice(0, -1), ROOT), { withFileTypes: true })
            .filter((entry) => entry.isDirectory() && existsSync(new URL(`${pattern.slice(0, -1)}${entry.name}/package.json`, ROOT)))
            .map((entry) => `${pattern.slice(0, -1)}${entry.name}/package.json`)
        : [`${pattern}/package.json`],
    );
    expect(workspaces.length).toBeGreaterThan(5);
    expect(copied.sort()).toEqual(workspaces.sort());
  });

  it('ships seed configurations that import', () => {
    for (const file of ['examples/ocelot.json', 'examples/ocelot.compose.json']) {
      const loaded = loadConfig(read(file));
      expect(loaded.issues, file).toEqual([]);
      expect(loaded.config.Routes[0]).toMatchObject({ UpstreamPathTemplate: '/values', DownstreamPathTemplate: '/api/values' });
    }
  });

  it('the values-api service command serves /api/values', async () => {
    const port = await freePort();
    const script = fileURLToPath(new URL('examples/values-api.mjs', ROOT));
    const child = spawn(process.execPath, [script], { env: { PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
      const response = await fetch(`http://127.0.0.1:${port}/api/values`);
      expect(await response.json()).toEqual(['value1', 'value2']);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
