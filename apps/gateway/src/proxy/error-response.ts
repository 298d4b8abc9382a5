import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorBody, GatewayError } from '../errors/gateway-error.js';

/**
 * Writes a gateway error as JSON on the raw response: the one way every proxy error leaves
 * (guards, the proxy's own failures, the exception filter). Does nothing once headers are out;
 * the caller destroys the connection then, since a half-sent response cannot be repaired.
 */
export function writeError(
  res: ServerResponse,
  error: GatewayError,
  requestId: string | undefined,
  requestIdHeader: string,
): boolean {
  if (res.headersSent) return false;
  const body = JSON.stringify(errorBody(error, requestId));
  res.statusCode = error.status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(body));
  res.setHeader('cache-control', 'no-store');
  if (requestId !== undefined) res.setHeader(requestIdHeader, requestId);
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res.end(body);
  return true;
}

/** Anything thrown that is not a GatewayError is a bug: 500, with no internals in the body. */
export function asGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  return new GatewayError('internal_error', 'The gateway failed to handle this request; the error is logged with this requestId.');
}

/** The same JSON error on a socket that asked for an upgrade (there is no ServerResponse then). */
export function writeUpgradeError(socket: Duplex, error: GatewayError, requestId: string | undefined): void {
  if (!socket.writable) return;
  const body = JSON.stringify(errorBody(error, requestId));
  const headers = Object.entries(error.headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.end(
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? ''}\r\n` +
      `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
      `connection: close\r\n${headers}\r\n${body}`,
  );
}
