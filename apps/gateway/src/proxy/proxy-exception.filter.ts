import type { IncomingMessage, ServerResponse } from 'node:http';
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
    if (!reply.sent) reply.hijack();
    this.answer(exception, request.raw, reply.raw, request.id);
  }

  /**
   * The same answer on the raw request and response: `catch` calls it for what came through Fastify,
   * the proxy's server (proxy-server.ts) for the requests it answers without Fastify.
   * `fallbackId`: the request id when the request has no context (it never reached route resolution).
   */
  answer(exception: unknown, request: IncomingMessage, response: ServerResponse, fallbackId?: string): void {
    const context = contextOf(request);
    const requestId = context?.requestId ?? fallbackId;
    const error = asGatewayError(exception);
    this.metrics.errors.inc({ code: error.code });
    if (error.status >= 500 && error.code === 'internal_error') {
      this.logger.error(`${requestId} ${request.method} ${request.url}: ${exception instanceof Error ? exception.stack : String(exception)}`);
    }
    const requestIdHeader = context?.route?.requestIdHeader ?? context?.snapshot?.requestIdHeader ?? 'x-request-id';
    if (!writeError(response, error, requestId, requestIdHeader)) response.destroy();
  }
}
