import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AdminError } from './admin-error.js';

/** Seconds a client is asked to wait when the database is unreachable (the store reconnects with backoff). */
const DATABASE_RETRY_AFTER_S = '5';

/** Every admin API error leaves as `{ code, message, ...details }` with the right status. */
@Catch()
export class AdminExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('AdminApi');

  /** @param databaseConnected whether the store's connection is up now: a failure while it is down is a 503, not a bug */
  constructor(private readonly databaseConnected: () => boolean = () => true) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    let error = toAdminError(exception);
    if (error.code === 'internal_error' && !this.databaseConnected()) {
      error = new AdminError(
        503,
        'database_unavailable',
        'The database is not reachable: nothing was read or saved. The gateway keeps serving its last configuration and reconnects on its own; retry shortly.',
        {},
        { 'retry-after': DATABASE_RETRY_AFTER_S },
      );
      this.logger.warn(`${request.method} ${request.url}: database unreachable (${exception instanceof Error ? exception.message : String(exception)})`);
    }
    if (error.status >= 500 && error.code === 'internal_error') {
      this.logger.error(`${request.method} ${request.url}: ${exception instanceof Error ? exception.stack : String(exception)}`);
    }
    void reply
      .status(error.status)
      .headers({ 'cache-control': 'no-store', ...error.headers })
      .type('application/json; charset=utf-8')
      .send({ code: error.code, message: error.message, ...error.details });
  }
}

function toAdminError(exception: unknown): AdminError {
  if (exception instanceof AdminError) return exception;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404) return new AdminError(404, 'not_found', 'No such admin endpoint; see docs/admin-api.md for the list.');
    if (status === 413) return new AdminError(413, 'payload_too_large', 'The body is larger than the admin API accepts (10 MB).');
    if (status === 415) return new AdminError(415, 'unsupported_media_type', 'Send the body as application/json.');
    return new AdminError(status, status < 500 ? 'bad_request' : 'internal_error', exception.message);
  }
  const statusCode = (exception as { statusCode?: number }).statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return new AdminError(statusCode, 'bad_request', (exception as Error).message);
  }
  return new AdminError(500, 'internal_error', 'The admin API failed to handle this request; the error is logged.');
}
