import type { Agent, ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import httpProxy from 'http-proxy';
import { applyDownstreamHeaderTransforms } from '@margay/transforms';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../config/gateway-options.js';
import { GatewayError } from '../errors/gateway-error.js';
import { Metrics } from '../observability/metrics.js';
import { CircuitBreakers } from '../qos/circuit-breakers.js';
import { writeError, writeUpgradeError } from './error-response.js';
import { buildDownstreamRequest } from './downstream-request.js';
import { DownstreamTimeouts } from './downstream-timeouts.js';
import { clearHopByHop } from './hop-by-hop.js';
import { contextOf, type ProxyContext } from './request-context.js';

/** http-proxy's own call forms without options (its typings always want an options object first). */
type WebWithCallback = (request: IncomingMessage, response: ServerResponse, callback: (error: Error, request: IncomingMessage, response: ServerResponse | Socket) => void) => void;
const PROXY_CONTEXT = Symbol('margay.proxyContext');
type TaggedClientRequest = ClientRequest & { [PROXY_CONTEXT]?: ProxyContext };
type WsWithCallback = (request: IncomingMessage, socket: Duplex, head: Buffer, callback: (error: Error) => void) => void;

/** What identifies a downstream's proxy server: where it goes, how, and with which verb. */
export interface ProxyTarget {
  readonly protocol: 'http:' | 'https:';
  readonly host: string;
  readonly port: number;
  readonly agent: Agent;
  /** `DownstreamHttpMethod`, when the route changes the verb. */
  readonly method: string | undefined;
}

/**
 * The proxy stage: picks the downstream, builds the downstream URL and headers, and streams the
 * request and response through http-proxy (keep-alive agents; bodies are never buffered).
 * Per-request work is limited to what cannot be precompiled: each downstream gets its own
 * http-proxy server with fixed options at reload (so http-proxy copies no options per request), and
 * listeners are shared functions, not per-request closures.
 */
@Injectable()
export class Forwarder implements OnApplicationShutdown {
  private readonly logger = new Logger('Proxy');
  private readonly timeouts = new DownstreamTimeouts<ProxyContext>(expireDownstreamRequest);
  /** Per agent (agents encode TLS and pool options), per downstream and verb. */
  private readonly proxies = new WeakMap<Agent, Map<string, httpProxy>>();
  private readonly serverTiming: boolean;

  constructor(
    @Inject(GATEWAY_OPTIONS) options: GatewayOptions,
    private readonly breakers: CircuitBreakers,
    private readonly metrics: Metrics,
  ) {
    this.serverTiming = options.settings.serverTiming;
  }

  /** After the servers closed (Nest runs it once they have): requests still finishing keep their timeouts. */
  onApplicationShutdown(): void {
    this.timeouts.close();
  }

  /** Requests sent downstream whose response headers are still awaited (their timeouts are running). */
  get awaitingResponse(): number {
    return this.timeouts.pending;
  }

  /**
   * The http-proxy server for one downstream, shared by every snapshot that uses it (like the
   * agents). Called at reload, never per request.
   */
  proxyFor(target: ProxyTarget): httpProxy {
    let byTarget = this.proxies.get(target.agent);
    if (!byTarget) this.proxies.set(target.agent, (byTarget = new Map()));
    const key = `${target.protocol}//${target.host}:${target.port} ${target.method ?? ''}`;
    let proxy = byTarget.get(key);
    if (!proxy) {
      // toProxy: the outgoing path is req.url as the proxy stage rewrote it, without url.parse.
      proxy = httpProxy.createProxyServer({
        target: { protocol: target.protocol, host: target.host, port: target.port },
        agent: target.agent,
        method: target.method,
        xfwd: false,
        toProxy: true,
        ws: true,
      } as httpProxy.ServerOptions);
      proxy.on('proxyReq', this.onProxyRequest);
      proxy.on('proxyReqWs', keepDownstreamPath);
      proxy.on('proxyRes', (proxyRes, req) => this.onProxyResponse(proxyRes, req));
      // Errors without a callback (none expected: every call passes one) must not crash the process.
      proxy.on('error', (error) => this.logger.error(`unhandled proxy error: ${error.message}`));
      byTarget.set(key, proxy);
    }
    return proxy;
  }

  /** Sends the request downstream; the response (or a JSON error) is written by the proxy's events. */
  forward(request: IncomingMessage, response: ServerResponse, context: ProxyContext): void {
    const route = context.route!;
    if (route.circuitBreaker) {
      const openMs = this.breakers.acquire(route.stateKey);
      if (openMs > 0) {
        const error = new GatewayError(
          'circuit_open',
          `The downstream of this route failed repeatedly; calls are paused for ${Math.ceil(openMs / 1000)} s (QoSOptions circuit breaker).`,
          { 'retry-after': String(Math.max(1, Math.ceil(openMs / 1000))) },
        );
        writeError(response, error, context.requestId, route.requestIdHeader);
        this.metrics.errors.inc({ code: error.code });
        return;
      }
    }
    const target = route.balancer.pick();
    context.target = target;
    // Only LeastConnection reads requests in flight; a listener per request is not free.
    if (route.balancer.countsInFlight) response.once('close', releaseTarget);
    request.url = buildDownstreamRequest(request, context, target);
    context.gatewayMs = performance.now() - context.startedAt;
    this.metrics.gatewayDuration.observe(context.gatewayMs / 1000);
    // No options argument: http-proxy would copy its options for each request that passes one.
    (target.proxy.web as unknown as WebWithCallback)(request, response, this.onProxyError);
  }

  /** A WebSocket upgrade: the same target, path and headers, then http-proxy's socket tunnel. */
  forwardUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, context: ProxyContext): void {
    const route = context.route!;
    const target = route.balancer.pick();
    context.target = target;
    socket.once('close', () => route.balancer.release(target));
    request.url = buildDownstreamRequest(request, context, target, true);
    (target.proxy.ws as unknown as WsWithCallback)(
      request,
      socket,
      head,
      (error: Error) => {
        this.logger.warn(`${context.requestId} ${route.label}: websocket to ${target.host}:${target.port} failed: ${(error as NodeJS.ErrnoException).code ?? error.message}`);
        this.metrics.errors.inc({ code: 'downstream_unreachable' });
        writeUpgradeError(socket, new GatewayError('downstream_unreachable', `The downstream ${target.protocol}//${target.host}:${target.port} could not be reached.`), context.requestId);
      },
    );
  }

  /** Starts the route's timeout as the downstream request is sent. */
  private readonly onProxyRequest = (proxyRequest: ClientRequest, request: IncomingMessage): void => {
    keepDownstreamPath(proxyRequest, request);
    const context = contextOf(request);
    if (!context?.route) return;
    context.downstreamRequest = proxyRequest;
    (proxyRequest as TaggedClientRequest)[PROXY_CONTEXT] = context;
    this.timeouts.watch(context, context.route.timeoutMs);
    // A client that goes away makes http-proxy abort the downstream request without an error or a
    // response: 'close' is the one event every ending has. A shared listener, not a closure.
    proxyRequest.on('close', this.onDownstreamClose);
  };

  /** Called with the downstream request as `this` (an emitter's listener), made once per Forwarder. */
  private readonly onDownstreamClose = settleOnClose(this.timeouts);

  private onProxyResponse(proxyRes: IncomingMessage, request: IncomingMessage): void {
    const context = contextOf(request);
    if (!context) return;
    const route = context.route!;
    // Response headers are in: the route's timeout covers the wait for them, not the body stream.
    this.timeouts.settle(context, route.timeoutMs);
    if (route.circuitBreaker) {
      const status = proxyRes.statusCode ?? 0;
      // Ocelot's QoS counts 500–508 as failures.
      if (status >= 500 && status <= 508) this.breakers.failure(route.stateKey, route.circuitBreaker);
      else this.breakers.success(route.stateKey);
    }
    const headers = proxyRes.headers;
    clearHopByHop(headers);
    headers[route.requestIdHeader] = context.requestId;
    const extra = context.responseHeaders;
    if (extra) for (let i = 0; i < extra.length; i += 2) headers[extra[i]!] = extra[i + 1];
    const transforms = route.transforms.downstreamHeaders;
    if (transforms.length > 0) {
      applyDownstreamHeaderTransforms(transforms, headers, {
        remoteIpAddress: request.socket.remoteAddress ?? '',
        upstreamHost: context.upstreamHost ?? '',
        traceId: context.requestId,
        downstreamBaseUrl: context.target?.baseUrl ?? '',
      });
    }
    if (this.serverTiming) {
      const gateway = `gateway;dur=${context.gatewayMs.toFixed(3)}`;
      const downstream = headers['server-timing'];
      headers['server-timing'] = downstream ? `${downstream}, ${gateway}` : gateway;
    }
  }

  private readonly onProxyError = (error: Error, request: IncomingMessage, response: ServerResponse | Socket): void => {
    const context = contextOf(request);
    const code = (error as NodeJS.ErrnoException).code;
    if (!context || !('setHeader' in response)) return;
    const route = context.route!;
    const target = context.target!;
    if (route.circuitBreaker) this.breakers.failure(route.stateKey, route.circuitBreaker);
    // The client's socket is gone: nobody to answer (a consumed request body is destroyed too, so
    // the request stream itself says nothing).
    if (request.socket.destroyed && !context.timedOut) {
      this.logger.debug?.(`${context.requestId} client went away before ${route.label} answered`);
      return;
    }
    const where = `${target.protocol}//${target.host}:${target.port}`;
    const failure = context.timedOut
      ? new GatewayError(
          'downstream_timeout',
          `The downstream ${where} did not answer within ${route.timeoutMs} ms. Raise the route's Timeout or QoSOptions.TimeoutValue if it is slow by design.`,
        )
      : new GatewayError('downstream_unreachable', `The downstream ${where} could not be reached (${code ?? error.message}).`);
    this.logger.warn(`${context.requestId} ${route.label}: ${failure.code} ${where} ${code ?? error.message}`);
    this.metrics.errors.inc({ code: failure.code });
    if (!writeError(response, failure, context.requestId, route.requestIdHeader)) response.destroy();
  };
}

/**
 * Puts back the downstream path `buildDownstreamRequest` made (the request's url, with toProxy):
 * http-proxy's urlJoin collapses `//` and turns `http:/` into `http://` anywhere in it. Its
 * `proxyReq`/`proxyReqWs` events come before the request line is written (the hook it offers for
 * changing headers), so the path is still the request's to change.
 */
function keepDownstreamPath(proxyRequest: ClientRequest, request: IncomingMessage): void {
  proxyRequest.path = request.url!;
}

function settleOnClose(timeouts: DownstreamTimeouts<ProxyContext>): (this: ClientRequest) => void {
  return function (this: TaggedClientRequest): void {
    const context = this[PROXY_CONTEXT];
    if (context?.route) timeouts.settle(context, context.route.timeoutMs);
  };
}

/** The route's timeout passed before the response headers came: the request is cut, and answered 504. */
function expireDownstreamRequest(context: ProxyContext): void {
  const downstream = context.downstreamRequest;
  if (!downstream || downstream.destroyed) return;
  context.timedOut = true;
  downstream.destroy(new Error('downstream timeout'));
}

function releaseTarget(this: ServerResponse): void {
  const context = this.req ? contextOf(this.req) : undefined;
  if (context?.target) {
    context.route!.balancer.release(context.target);
    context.target = undefined;
  }
}
