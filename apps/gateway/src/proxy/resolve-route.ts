import type { IncomingMessage } from 'node:http';
import type { RouteRequest } from '@margay/routing';
import { GatewayError } from '../errors/gateway-error.js';
import type { CompiledSnapshot } from '../snapshot/compiled-snapshot.js';
import type { ProxyContext } from './request-context.js';

/** The router's view of a raw request, without copying its headers. */
class IncomingRouteRequest implements RouteRequest {
  readonly method: string;
  readonly host: string | undefined;
  readonly path: string;
  readonly rawQuery: string;

  constructor(private readonly request: IncomingMessage) {
    const url = request.url ?? '/';
    const query = url.indexOf('?');
    this.method = request.method ?? 'GET';
    this.host = request.headers.host;
    this.path = query < 0 ? url : url.slice(0, query);
    this.rawQuery = query < 0 ? '' : url.slice(query + 1);
  }

  header(name: string): string | undefined {
    const value = this.request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  }
}

/**
 * Route resolution stage: attaches the snapshot, the route and its placeholders to the context,
 * or throws the error to answer (no configuration 503, no route 404, wrong verb 405 + Allow,
 * client address refused by SecurityOptions 403).
 */
export function resolveRoute(context: ProxyContext, request: IncomingMessage, snapshot: CompiledSnapshot | undefined): void {
  if (!snapshot) {
    throw new GatewayError('no_configuration', 'The gateway has no configuration yet: it is waiting for the database. Retry shortly.', {
      'retry-after': '5',
    });
  }
  context.snapshot = snapshot;
  const routeRequest = new IncomingRouteRequest(request);
  context.path = routeRequest.path;
  context.rawQuery = routeRequest.rawQuery;
  const selection = snapshot.routeTable.select(routeRequest);
  if (selection.kind === 'matched') {
    const route = snapshot.routes[selection.routeIndex]!;
    context.route = route;
    context.placeholders = selection.placeholders;
    // SecurityOptions, as Ocelot: right after the route is found, before anything else runs.
    const remote = request.socket.remoteAddress ?? '';
    if (route.ipSecurity && !route.ipSecurity.allows(remote)) {
      throw new GatewayError('ip_not_allowed', `Requests from ${remote} are not allowed on this route (SecurityOptions).`);
    }
    return;
  }
  if (selection.kind === 'method_not_allowed') {
    const allow = selection.allow.join(', ');
    throw new GatewayError(
      'method_not_allowed',
      `${routeRequest.method} is not allowed on ${routeRequest.path}; this path accepts ${allow}.`,
      { allow },
    );
  }
  throw new GatewayError(
    'route_not_found',
    `No route matches ${routeRequest.method} ${routeRequest.path}${routeRequest.host ? ` on host ${routeRequest.host}` : ''}.`,
  );
}
