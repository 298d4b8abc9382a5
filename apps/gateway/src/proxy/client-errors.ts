import type { Duplex } from 'node:stream';
import { GatewayError } from '../errors/gateway-error.js';
import type { Metrics } from '../observability/metrics.js';
import { writeUpgradeError } from './error-response.js';

/**
 * The error a request that Node's HTTP parser refused is answered with: what Node itself would
 * answer (431, 408 or 400, a bare status line), as the JSON error every other refusal is.
 */
export function clientErrorFor(code: string | undefined): GatewayError {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return new GatewayError(
        'request_header_too_large',
        "The request's header section is larger than the gateway accepts (Node's --max-http-header-size, 16 KiB by default). Send fewer or smaller headers (large cookies or tokens are the usual cause).",
      );
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new GatewayError('request_timeout', 'The request was not received in full within the time the gateway allows for it; send it again.');
    default:
      return new GatewayError('bad_request', `The request is not valid HTTP/1.1 (${code ?? 'parse error'}); the connection is closed.`);
  }
}

/**
 * Fastify's `clientErrorHandler` for the proxy port: answers a request Node's HTTP parser refused
 * with a JSON error (Fastify's default writes a body of its own shape) and counts it in
 * `margay_proxy_errors_total`, then closes the connection, as Node does. A connection that already
 * sent a response, or that the client reset, is only closed: there is nobody to answer.
 */
export function clientErrorHandler(metrics: Metrics): (error: NodeJS.ErrnoException, socket: Duplex) => void {
  return (error, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable || (socket as Duplex & { bytesWritten?: number }).bytesWritten !== 0) {
      socket.destroy();
      return;
    }
    const failure = clientErrorFor(error.code);
    metrics.errors.inc({ code: failure.code });
    writeUpgradeError(socket, failure, undefined);
    // end() flushes the answer; a client that keeps sending must not hold the connection open.
    socket.once('finish', () => socket.destroy());
  };
}
