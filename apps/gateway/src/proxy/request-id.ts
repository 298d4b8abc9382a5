import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** A client-sent id is kept (as Ocelot does) when it is sane: 1–128 visible ASCII characters. */
const ACCEPTABLE_ID = /^[\x21-\x7e]{1,128}$/;

/** Before the first configuration there is no `RequestIdKey`: Ocelot's default header. */
const DEFAULT_REQUEST_ID_HEADER = 'x-request-id';

/**
 * The request id: the client's own under the snapshot's request id header (global `RequestIdKey`,
 * else `X-Request-Id`), or a new UUID.
 */
export function pickRequestId(headers: IncomingHttpHeaders, snapshot: { readonly requestIdHeader: string } | undefined): string {
  const sent = headers[snapshot?.requestIdHeader ?? DEFAULT_REQUEST_ID_HEADER];
  const value = Array.isArray(sent) ? sent[0] : sent;
  return value !== undefined && ACCEPTABLE_ID.test(value) ? value : randomUUID();
}
