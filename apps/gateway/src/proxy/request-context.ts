import type { ClientRequest, IncomingMessage } from 'node:http';
import type { ExecutionContext } from '@nestjs/common';
import type { Claim } from '@margay/claims';
import type { Placeholders } from '@margay/routing';
import type { Principal } from '../auth/principal.js';
import type { CompiledRoute, CompiledSnapshot } from '../snapshot/compiled-snapshot.js';
import type { DownstreamTarget } from './downstream-target.js';
import type { RoutePipeline } from './route-pipeline.js';

/**
 * What the stages of one request share (STYLE #2: each stage changes only the fields it owns).
 * It lives on the raw request under a symbol, so the proxy's response and error events, which only
 * see the raw request, reach it too.
 */
export interface ProxyContext {
  /** Set on arrival (request id stage). */
  readonly requestId: string;
  /** performance.now() on arrival (a double: no BigInt per request). */
  readonly startedAt: number;
  /** The raw request path (no query) and raw query (no '?'), split once on arrival. */
  path: string;
  rawQuery: string;
  /** Route resolution stage. */
  snapshot: CompiledSnapshot | undefined;
  /** The pipeline the request takes (route-pipeline.ts), decided by route resolution. */
  pipeline: RoutePipeline;
  /** What route resolution refused the request with (the `refused` pipeline answers it). */
  refusal: unknown;
  route: CompiledRoute | undefined;
  placeholders: Placeholders | undefined;
  /** Authentication stage: who sent the request (undefined on anonymous routes). */
  principal: Principal | undefined;
  /** Claims after AddClaimsToRequest (undefined: the principal's claims unchanged). */
  claims: readonly Claim[] | undefined;
  /** Proxy stage: the downstream picked by the load balancer (released when the exchange ends). */
  target: DownstreamTarget | undefined;
  /** Time spent in the gateway before the request left for the downstream (ms). */
  gatewayMs: number;
  /** The request to the downstream, once sent, and performance.now() by which its response headers are due. */
  downstreamRequest: ClientRequest | undefined;
  deadline: number;
  /** DownstreamTimeouts' links while the request waits for its response headers. */
  timeoutQueue: object | undefined;
  timeoutPrevious: ProxyContext | undefined;
  timeoutNext: ProxyContext | undefined;
  timedOut: boolean;
  /** The client's Host header (the proxy stage replaces it with the downstream's). */
  upstreamHost: string | undefined;
  /** Headers a stage adds to the client's response (e.g. X-RateLimit-*), as name/value pairs. */
  responseHeaders: string[] | undefined;
}

const CONTEXT = Symbol('margay.context');

type WithContext = IncomingMessage & { [CONTEXT]?: ProxyContext };

export function createContext(request: IncomingMessage, requestId: string): ProxyContext {
  const context: ProxyContext = {
    requestId,
    startedAt: performance.now(),
    path: '/',
    rawQuery: '',
    snapshot: undefined,
    pipeline: 'refused',
    refusal: undefined,
    route: undefined,
    placeholders: undefined,
    principal: undefined,
    claims: undefined,
    target: undefined,
    gatewayMs: 0,
    downstreamRequest: undefined,
    deadline: 0,
    timeoutQueue: undefined,
    timeoutPrevious: undefined,
    timeoutNext: undefined,
    timedOut: false,
    responseHeaders: undefined,
    upstreamHost: undefined,
  };
  (request as WithContext)[CONTEXT] = context;
  return context;
}

export function contextOf(request: IncomingMessage): ProxyContext | undefined {
  return (request as WithContext)[CONTEXT];
}

/**
 * The request of a proxy guard's or interceptor's execution context (its arguments are the raw
 * request and response, proxy-pipelines.ts). `getArgByIndex(0)`: `switchToHttp()` would allocate an
 * arguments host in every stage of every request.
 */
export function rawRequestOf(execution: ExecutionContext): IncomingMessage {
  return execution.getArgByIndex<IncomingMessage>(0);
}
