import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** A client-sent id is kept (as Ocelot does) when it is sane: 1–128 visible ASCII characters. */
const ACCEPTABLE_ID = /^[\x21-\x7e]{1,128}$/;

/**
 * The request id: the client's own under the configured header (`RequestIdKey`, else
 * `X-Request-Id`), or a new UUID.
 */
export function pickRequestId(headers: IncomingHttpHeaders, headerName: string): string {
  const sent = headers[headerName];
  const value = Array.isArray(sent) ? sent[0] : sent;
  return value !== undefined && ACCEPTABLE_ID.test(value) ? value : randomUUID();
}
