import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import type { GatewayError } from '../errors/gateway-error.js';
import { asGatewayError, writeError, writeUpgradeError } from './error-response.js';
import { Metrics } from '../observability/metrics.js';
import { contextOf } from './request-context.js';

/**
 * Maps whatever a stage threw to the JSON error body; a non-GatewayError is a bug and is logged.
 * The proxy has no Nest router to register it with as a global filter: ProxyPipelines calls `answer`
 * with the raw request and response, the upgrade handler `answerUpgrade` with the raw socket.
 */
@Injectable()
export class ProxyExceptionFilter {
  private readonly logger = new Logger('Proxy');

  constructor(private readonly metrics: Metrics) {}

  answer(exception: unknown, request: IncomingMessage, response: ServerResponse): void {
    const context = contextOf(request);
    const error = this.recorded(exception, request);
    const requestIdHeader = context?.route?.requestIdHeader ?? context?.snapshot?.requestIdHeader ?? 'x-request-id';
    if (!writeError(response, error, context?.requestId, requestIdHeader)) response.destroy();
  }

  /** The same answer on the socket of a refused WebSocket upgrade (there is no ServerResponse). */
  answerUpgrade(exception: unknown, request: IncomingMessage, socket: Duplex): void {
    writeUpgradeError(socket, this.recorded(exception, request), contextOf(request)?.requestId);
  }

  /** The GatewayError to answer, counted by code; a bug (anything else) logged with its stack. */
  private recorded(exception: unknown, request: IncomingMessage): GatewayError {
    const error = asGatewayError(exception);
    this.metrics.errors.inc({ code: error.code });
    if (error.status >= 500 && error.code === 'internal_error') {
      this.logger.error(`${contextOf(request)?.requestId} ${request.method} ${request.url}: ${exception instanceof Error ? exception.stack : String(exception)}`);
    }
    return error;
  }
}
