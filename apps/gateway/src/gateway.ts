import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Server } from 'node:http';
import { Logger, type INestApplicationContext, type Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyStatic from '@fastify/static';
import { AdminExceptionFilter } from './admin/admin-exception.filter.js';
import { AdminModule } from './admin/admin.module.js';
import { AdminTokens } from './admin/admin-tokens.js';
import type { GatewayOptions } from './config/gateway-options.js';
import { CoreModule, SHARED_SERVICES } from './core/core.module.js';
import { createProxyApp } from './proxy/proxy-app.js';
import { Reloader } from './snapshot/reloader.js';
import { Database, describe } from './store/database.js';

/** A running gateway: the proxy, the admin API (and UI), and the core they share. */
export interface RunningGateway {
  readonly proxyUrl: string;
  readonly adminUrl: string;
  /** The admin token generated at this start, when ADMIN_TOKEN was unset and none was stored yet. */
  readonly generatedAdminToken: string | undefined;
  readonly core: INestApplicationContext;
  readonly proxyApp: NestFastifyApplication;
  readonly adminApp: NestFastifyApplication;
  close(): Promise<void>;
}

const ADMIN_BODY_LIMIT = 10 * 1024 * 1024;
const SHUTDOWN_GRACE_MS = 10_000;

/** Starts core, proxy and admin; serves the database's configuration, or the last one saved on disk. */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const core = await NestFactory.createApplicationContext(CoreModule.forRoot(options), { bufferLogs: false });
  const shared: Provider[] = SHARED_SERVICES.map((token) => ({ provide: token, useValue: core.get(token) }));
  await core.get(Reloader).start();
  const generatedAdminToken = await ensureAdminToken(core);

  const proxy = await createProxyApp(core, shared);
  await proxy.listen({ port: options.settings.port, host: options.settings.host });
  const admin = await createAdminApp(shared, options);
  await admin.listen({ port: options.settings.adminPort, host: options.settings.adminHost });

  const proxyUrl = urlOf(proxy.getHttpServer());
  const adminUrl = urlOf(admin.getHttpServer());
  new Logger('Margay').log(`proxy listening on ${proxyUrl}, admin API and UI on ${adminUrl}`);
  let closing: Promise<void> | undefined;
  return {
    proxyUrl,
    adminUrl,
    generatedAdminToken,
    core,
    proxyApp: proxy,
    adminApp: admin,
    close: () => (closing ??= (async () => {
      // In-flight requests get a grace period to finish; then their connections are cut.
      const servers = [proxy, admin].map((app) => app.getHttpServer() as Server);
      const cut = setTimeout(() => servers.forEach((server) => server.closeAllConnections()), SHUTDOWN_GRACE_MS);
      // One after the other, the proxy first: both apps run the shutdown hooks of the core services
      // they share (the Reloader's destroys the downstream agents), so the admin app, which closes
      // at once, must not close while proxied requests are still finishing.
      await proxy.close().catch((error) => new Logger('Margay').error(`closing the proxy: ${describe(error)}`));
      await admin.close().catch((error) => new Logger('Margay').error(`closing the admin API: ${describe(error)}`));
      clearTimeout(cut);
      await core.close();
    })()),
  };
}

async function ensureAdminToken(core: INestApplicationContext): Promise<string | undefined> {
  const tokens = core.get(AdminTokens);
  const database = core.get(Database);
  if (database.isConnected) return tokens.ensure();
  void database.connect().then(() => tokens.ensure()).catch((error) =>
    new Logger('AdminToken').error(`cannot set up the admin token: ${describe(error)}`),
  );
  return undefined;
}

async function createAdminApp(shared: Provider[], options: GatewayOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ logger: false, bodyLimit: ADMIN_BODY_LIMIT });
  const app = await NestFactory.create<NestFastifyApplication>(AdminModule.forRoot(shared), adapter, { bodyParser: false });
  const fastify = app.getHttpAdapter().getInstance();
  // Bodies arrive as text: ocelot.json files carry comments and BOMs that JSON.parse refuses,
  // so the services parse them with the config lib and report errors with line and column.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string', bodyLimit: ADMIN_BODY_LIMIT }, (_request, body, done) =>
    done(null, body),
  );
  const database = app.get(Database);
  app.useGlobalFilters(new AdminExceptionFilter(() => database.isConnected));
  app.useSecurityHeaders();
  const uiDir = adminUiDir(options);
  if (uiDir) await app.register(fastifyStatic, { root: uiDir, index: ['index.html'], wildcard: false });
  else new Logger('Admin').warn('the admin UI is not built (npm run build): serving the admin API only');
  await app.init();
  return app;
}

/** The built admin UI: `ADMIN_UI_DIR`, else the admin-ui package's `dist` when it was built. */
function adminUiDir(options: GatewayOptions): string | undefined {
  if (options.settings.adminUiDir) return options.settings.adminUiDir;
  try {
    const require = createRequire(import.meta.url);
    const dist = join(dirname(require.resolve('@margay/admin-ui/package.json')), 'dist');
    return existsSync(join(dist, 'index.html')) ? dist : undefined;
  } catch {
    return undefined;
  }
}

function urlOf(server: Server): string {
  const address = server.address();
  if (address === null || typeof address === 'string') return String(address);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
