import type { EffectiveCircuitBreaker, EffectiveRateLimit, EffectiveRoute, GatewayConfig, RouteConfig } from '@margay/config';
import type { CompiledDownstreamPath, IpSecurity, RouteTable } from '@margay/routing';
import type { CompiledProviders, CompiledRouteAuth } from '../auth/compile-auth.js';
import type { CompiledRouteTransforms } from '@margay/transforms';
import type { LoadBalancer } from '../proxy/load-balancers.js';
import type { RoutePipeline } from '../proxy/route-pipeline.js';
import type { TransformStage } from '../transforms/stages.js';

/**
 * The frozen runtime form of one configuration revision: everything the hot path needs per route,
 * built once at reload. A request keeps the snapshot it started with, even if a reload swaps in
 * another meanwhile.
 */
export interface CompiledSnapshot {
  readonly revision: number;
  /** The configuration it was compiled from (with secrets: never serialise it to a client). */
  readonly config: GatewayConfig;
  readonly routeTable: RouteTable;
  /** Indexed like `config.Routes` and `routeTable`'s route indexes. */
  readonly routes: readonly CompiledRoute[];
  /** Lower-case request id header: global `RequestIdKey`, else `x-request-id`. */
  readonly requestIdHeader: string;
  /** The authentication providers, in this snapshot's own Passport instance. */
  readonly providers: CompiledProviders;
  readonly compiledAt: Date;
}

export interface CompiledRateLimit extends EffectiveRateLimit {
  /** Lower-case `ClientIdHeader`. */
  readonly clientIdHeaderName: string;
  readonly whitelist: ReadonlySet<string>;
  /** `QuotaMessage` with `{0}` and `{1}` filled in. */
  readonly message: string;
}

/** One route, ready to serve. */
export interface CompiledRoute {
  readonly index: number;
  readonly config: RouteConfig;
  readonly effective: EffectiveRoute;
  /** A label for logs and errors: `#3 GET /values`. */
  readonly label: string;
  readonly downstreamPath: CompiledDownstreamPath;
  readonly balancer: LoadBalancer;
  /** `DownstreamHttpMethod`, upper-case, when the route changes the verb. */
  readonly downstreamMethod: string | undefined;
  /** Time allowed until the downstream's response headers arrive. */
  readonly timeoutMs: number;
  /** Lower-case header under which the request id is sent downstream and returned. */
  readonly requestIdHeader: string;
  /** `DownstreamScheme` is ws/wss: the route only proxies WebSocket upgrades. */
  readonly isWebSocket: boolean;
  /**
   * The route's identity across reloads (verbs, host, upstream template: what makes a route unique),
   * keying the state that must survive a reload: rate-limit counters, circuit breakers.
   */
  readonly stateKey: string;
  readonly rateLimit: CompiledRateLimit | null;
  readonly auth: CompiledRouteAuth;
  readonly transforms: CompiledRouteTransforms;
  /** The transform stages this route uses, in order (the interceptor runs exactly these). */
  readonly transformStages: readonly TransformStage[];
  /** The proxy handler, with its guards and interceptors, that serves this route (see route-pipeline.ts). */
  readonly pipeline: Exclude<RoutePipeline, 'refused'>;
  readonly circuitBreaker: EffectiveCircuitBreaker | null;
  /** SecurityOptions; null when every client may call the route. */
  readonly ipSecurity: IpSecurity | null;
}
