import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { DownstreamTarget } from './downstream-target.js';
import { stripHopByHop } from './hop-by-hop.js';
import type { ProxyContext } from './request-context.js';

/**
 * Turns the request, as the stages left it, into the downstream request: the path and query from
 * the route's downstream template, and the headers (hop-by-hop removed — upgrade headers kept for a
 * WebSocket —, Expect removed, X-Forwarded-*, the downstream Host, the request id), changed in place. The proxy and
 * the admin API's preview both call it, so the preview shows what is really sent.
 * @returns the downstream path with its query (`/api/values?x=1`).
 */
export function buildDownstreamRequest(request: IncomingMessage, context: ProxyContext, target: DownstreamTarget, upgrade = false): string {
  const route = context.route!;
  const { path, query } = route.downstreamPath.build({
    placeholders: context.placeholders!,
    requestPath: context.path,
    rawQuery: context.rawQuery,
  });
  const headers = request.headers;
  stripHopByHop(headers, upgrade);
  // Node's server has already answered `Expect: 100-continue` (only that expectation reaches a
  // handler; others get 417) and the body is on its way, as nginx does. Forwarded, it would also
  // stop http-proxy from emitting proxyReq, where the route's timeout starts.
  if (headers.expect !== undefined) delete headers.expect;
  const remote = request.socket.remoteAddress;
  const forwardedFor = headers['x-forwarded-for'];
  if (remote) headers['x-forwarded-for'] = forwardedFor ? `${forwardedFor}, ${remote}` : remote;
  headers['x-forwarded-proto'] = (request.socket as Socket & { encrypted?: boolean }).encrypted ? 'https' : 'http';
  if (headers.host !== undefined) headers['x-forwarded-host'] = headers.host;
  context.upstreamHost = headers.host;
  headers.host = target.hostHeader;
  headers[route.requestIdHeader] = context.requestId;
  return path + query;
}
