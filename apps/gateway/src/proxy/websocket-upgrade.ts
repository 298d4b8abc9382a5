import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { Logger } from '@nestjs/common';
import type { SnapshotTable } from '../snapshot/snapshot-table.js';
import type { Forwarder } from './forwarder.js';
import type { ProxyExceptionFilter } from './proxy-exception.filter.js';
import { createContext } from './request-context.js';
import { pickRequestId } from './request-id.js';
import { resolveRoute } from './resolve-route.js';

/** Stages an upgrade request passes before the tunnel opens (authentication joins here). */
export type UpgradeStage = (request: IncomingMessage, context: ReturnType<typeof createContext>) => unknown;

/**
 * WebSocket upgrades bypass Fastify (it does not route them): the same route resolution (and,
 * unlike Ocelot, the same authentication) as plain requests, then the proxy's socket tunnel. Refusals
 * are answered, counted and logged by the exception filter, as those of plain requests are.
 */
export function handleUpgrades(server: Server, table: SnapshotTable, forwarder: Forwarder, filter: ProxyExceptionFilter, stages: readonly UpgradeStage[] = []): void {
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
        filter.answerUpgrade(error, request, socket);
        return;
      }
      forwarder.forwardUpgrade(request, socket, head, context);
    })();
  });
}
