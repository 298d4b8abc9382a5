import { type ArgumentsHost, Catch, type ExceptionFilter, Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { asGatewayError, writeError } from './error-response.js';
import { Metrics } from '../observability/metrics.js';
import { contextOf } from './request-context.js';

/** Maps whatever a stage threw to the JSON error body; a non-GatewayError is a bug and is logged. */
@Catch()
@Injectable()
export class ProxyExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Proxy');

  constructor(private readonly metrics: Metrics) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const context = contextOf(request.raw);
    const requestId = context?.requestId ?? request.id;
    const error = asGatewayError(exception);
    this.metrics.errors.inc({ code: error.code });
    if (error.status >= 500 && error.code === 'internal_error') {
      this.logger.error(`${requestId} ${request.method} ${request.url}: ${exception instanceof Error ? exception.stack : String(exception)}`);
    }
    const requestIdHeader = context?.route?.requestIdHeader ?? context?.snapshot?.requestIdHeader ?? 'x-request-id';
    if (!reply.sent) reply.hijack();
    if (!writeError(reply.raw, error, requestId, requestIdHeader)) reply.raw.destroy();
  }
}
