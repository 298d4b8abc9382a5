import type { Server } from 'node:http';
import type { INestApplicationContext, Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { authenticate } from '../auth/authenticate.js';
import { authorize } from '../auth/authorize.js';
import { Metrics } from '../observability/metrics.js';
import { SnapshotTable } from '../snapshot/snapshot-table.js';
import { claimsToClaims, runTransformStages } from '../transforms/stages.js';
import { clientErrorHandler } from './client-errors.js';
import { Forwarder } from './forwarder.js';
import { ProxyExceptionFilter } from './proxy-exception.filter.js';
import { ProxyModule } from './proxy.module.js';
import { ProxyPipelines } from './proxy-pipelines.js';
import { ProxyServer } from './proxy-server.js';
import { handleUpgrades } from './websocket-upgrade.js';

/**
 * The proxy app on `core`'s snapshot table, initialised and not yet listening; `shared` are the
 * core's singletons. Its own module, away from gateway.ts, so that bench/servers/proxy-only.mjs runs
 * the very same app in a process that loads neither the store nor the admin app.
 */
export async function createProxyApp(core: INestApplicationContext, shared: Provider[]): Promise<NestFastifyApplication> {
  const table = core.get(SnapshotTable);
  const metrics = core.get(Metrics);
  const server = new ProxyServer(table);
  const adapter = new FastifyAdapter({
    // The proxy's requests are run by the server itself, not by Fastify (proxy-server.ts).
    serverFactory: server.factory,
    logger: false,
    skipMiddie: true,
    forceCloseConnections: 'idle',
    clientErrorHandler: clientErrorHandler(metrics),
  });
  const app = await NestFactory.create<NestFastifyApplication>(ProxyModule.forRoot(shared), adapter, { bodyParser: false });
  app.getHttpAdapter().getInstance().addHook('preClose', async () => server.shutDown());
  await app.init();
  const forwarder = app.get(Forwarder);
  server.serve(app.get(ProxyPipelines));
  // Upgrades are authenticated and authorized like any request (Ocelot lets them through).
  handleUpgrades(app.getHttpServer() as Server, table, forwarder, app.get(ProxyExceptionFilter), [
    authenticate,
    claimsToClaims,
    authorize,
    runTransformStages,
  ]);
  return app;
}
