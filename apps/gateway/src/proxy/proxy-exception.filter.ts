import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, Logger } from '@nestjs/common';
import { asGatewayError, writeError } from './error-response.js';
import { Metrics } from '../observability/metrics.js';
import { contextOf } from './request-context.js';

/**
 * Maps whatever a stage threw to the JSON error body; a non-GatewayError is a bug and is logged.
 * The proxy has no Nest router to register it with as a global filter: ProxyPipelines calls `answer`
 * with the raw request and response.
 */
@Injectable()
export class ProxyExceptionFilter {
  private readonly logger = new Logger('Proxy');

  constructor(private readonly metrics: Metrics) {}

  answer(exception: unknown, request: IncomingMessage, response: ServerResponse): void {
    const context = contextOf(request);
    const requestId = context?.requestId;
    const error = asGatewayError(exception);
    this.metrics.errors.inc({ code: error.code });
    if (error.status >= 500 && error.code === 'internal_error') {
      this.logger.error(`${requestId} ${request.method} ${request.url}: ${exception instanceof Error ? exception.stack : String(exception)}`);
    }
    const requestIdHeader = context?.route?.requestIdHeader ?? context?.snapshot?.requestIdHeader ?? 'x-request-id';
    if (!writeError(response, error, requestId, requestIdHeader)) response.destroy();
  }
}
