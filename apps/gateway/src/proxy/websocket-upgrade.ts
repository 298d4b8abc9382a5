import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { Logger } from '@nestjs/common';
import type { Metrics } from '../observability/metrics.js';
import type { SnapshotTable } from '../snapshot/snapshot-table.js';
import { asGatewayError, writeUpgradeError } from './error-response.js';
import type { Forwarder } from './forwarder.js';
import { createContext } from './request-context.js';
import { pickRequestId } from './request-id.js';
import { resolveRoute } from './resolve-route.js';

/** Stages an upgrade request passes before the tunnel opens (authentication joins here). */
export type UpgradeStage = (request: IncomingMessage, context: ReturnType<typeof createContext>) => unknown;

/**
 * WebSocket upgrades bypass Fastify (it does not route them): the same route resolution (and,
 * unlike Ocelot, the same authentication) as plain requests, then the proxy's socket tunnel. Refusals
 * are counted in `margay_proxy_errors_total` like those of plain requests.
 */
export function handleUpgrades(server: Server, table: SnapshotTable, forwarder: Forwarder, metrics: Metrics, stages: readonly UpgradeStage[] = []): void {
  const logger = new Logger('WebSocket');
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', (error) => logger.debug?.(`client socket error: ${error.message}`));
    const snapshot = table.current;
    const context = createContext(request, pickRequestId(request.headers, snapshot));
    void (async () => {
      try {
        resolveRoute(context, request, snapshot);
        for (const stage of stages) await stage(request, context);
      } catch (error) {
        const failure = asGatewayError(error);
        metrics.errors.inc({ code: failure.code });
        if (failure.code === 'internal_error') logger.error(`${context.requestId} upgrade ${request.url}: ${error instanceof Error ? error.stack : String(error)}`);
        writeUpgradeError(socket, failure, context.requestId);
        return;
      }
      forwarder.forwardUpgrade(request, socket, head, context);
    })();
  });
}
