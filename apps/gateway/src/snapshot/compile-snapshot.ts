import { effectiveRoute, type EffectiveRateLimit, type GatewayConfig, type RouteConfig } from '@margay/config';
import { buildRouteTable, compileDownstreamPath, compileIpSecurity, upstreamPlaceholderNamesOf } from '@margay/routing';
import { compileRouteTransforms } from '@margay/transforms';
import { compileProviders, compileRouteAuth, type CompiledProviders } from '../auth/compile-auth.js';
import type { ProviderRegistry } from '../auth/provider-registry.js';
import type { AgentPool } from '../proxy/agent-pool.js';
import type { Forwarder } from '../proxy/forwarder.js';
import type { DownstreamTarget } from '../proxy/downstream-target.js';
import { createLoadBalancer } from '../proxy/load-balancers.js';
import { pipelineFor } from '../proxy/route-pipeline.js';
import { transformStagesFor } from '../transforms/stages.js';
import type { CompiledRateLimit, CompiledRoute, CompiledSnapshot } from './compiled-snapshot.js';

const DEFAULT_REQUEST_ID_HEADER = 'x-request-id';
/** Ocelot's `{BaseUrl}` when GlobalConfiguration.BaseUrl is unset. */
const DEFAULT_BASE_URL = 'http://localhost:5000';

/** Long-lived services a snapshot borrows from (they outlive it, keeping connections and caches warm). */
export interface SnapshotServices {
  readonly agents: AgentPool;
  readonly providers: ProviderRegistry;
  readonly forwarder: Forwarder;
}

/**
 * Compiles a validated configuration into the runtime snapshot. Throws only on what validation
 * cannot see (a bug, or an environment problem); the caller keeps the old snapshot then.
 */
export function compileSnapshot(config: GatewayConfig, revision: number, services: SnapshotServices): CompiledSnapshot {
  const global = config.GlobalConfiguration;
  const requestIdHeader = (global.RequestIdKey?.trim() || DEFAULT_REQUEST_ID_HEADER).toLowerCase();
  const providers = compileProviders(config, services.providers);
  const routes = config.Routes.map((route, index) => compileRoute(route, index, config, requestIdHeader, services, providers));
  return Object.freeze({
    revision,
    config,
    routeTable: buildRouteTable(config.Routes),
    routes: Object.freeze(routes),
    requestIdHeader,
    providers,
    compiledAt: new Date(),
  });
}

function compileRoute(
  route: RouteConfig,
  index: number,
  config: GatewayConfig,
  globalRequestIdHeader: string,
  services: SnapshotServices,
  providers: CompiledProviders,
): CompiledRoute {
  const effective = effectiveRoute(route, config.GlobalConfiguration);
  const scheme = (effective.downstreamScheme ?? 'http').toLowerCase();
  const protocol = scheme === 'https' || scheme === 'wss' ? 'https:' : 'http:';
  const downstreamMethod = route.DownstreamHttpMethod?.trim() ? route.DownstreamHttpMethod.trim().toUpperCase() : undefined;
  const agent = services.agents.get({
    protocol,
    acceptAnyCertificate: route.DangerousAcceptAnyServerCertificateValidator === true,
    maxSocketsPerHost: positiveOr(route.HttpHandlerOptions?.MaxConnectionsPerServer, Infinity),
  });
  const targets: DownstreamTarget[] = (route.DownstreamHostAndPorts ?? []).map(({ Host, Port }) => {
    const defaultPort = protocol === 'https:' ? 443 : 80;
    const hostHeader = Port === defaultPort ? Host : `${Host}:${Port}`;
    const proxy = services.forwarder.proxyFor({ protocol, host: Host, port: Port, agent, method: downstreamMethod });
    return { protocol, host: Host, port: Port, hostHeader, baseUrl: `${scheme}://${hostHeader}/`, agent, proxy, active: 0 };
  });
  const upstreamNames = upstreamPlaceholderNamesOf(route);
  const transforms = compileRouteTransforms(route, {
    upstreamHeaderTransform: effective.upstreamHeaderTransform,
    downstreamHeaderTransform: effective.downstreamHeaderTransform,
    baseUrl: config.GlobalConfiguration.BaseUrl?.trim() || DEFAULT_BASE_URL,
  });
  const methods = route.UpstreamHttpMethod?.length ? route.UpstreamHttpMethod.join(',').toUpperCase() : 'ANY';
  const rateLimit = effective.rateLimit ? compileRateLimit(effective.rateLimit) : null;
  const auth = compileRouteAuth(route, effective, providers);
  const transformStages = transformStagesFor(transforms);
  return Object.freeze({
    index,
    config: route,
    effective,
    label: `#${index} ${methods} ${route.UpstreamPathTemplate}`,
    downstreamPath: compileDownstreamPath(route.DownstreamPathTemplate, upstreamNames),
    balancer: createLoadBalancer(effective.loadBalancer, targets),
    downstreamMethod,
    timeoutMs: effective.timeoutMs,
    requestIdHeader: effective.requestIdKey ? effective.requestIdKey.toLowerCase() : globalRequestIdHeader,
    isWebSocket: scheme === 'ws' || scheme === 'wss',
    stateKey: `${methods}|${route.UpstreamHost ?? ''}|${route.UpstreamPathTemplate}`,
    rateLimit,
    circuitBreaker: effective.circuitBreaker,
    ipSecurity: effective.ipSecurity ? compileIpSecurity(effective.ipSecurity) : null,
    auth,
    transforms,
    transformStages,
    pipeline: pipelineFor({ rateLimit, auth, transforms, transformStages }),
  });
}

function compileRateLimit(limit: EffectiveRateLimit): CompiledRateLimit {
  // .NET format placeholders: {0} is the limit, {1} the period.
  const message = limit.quotaMessage.replaceAll('{0}', String(limit.limit)).replaceAll('{1}', limit.period);
  return { ...limit, clientIdHeaderName: limit.clientIdHeader.toLowerCase(), whitelist: new Set(limit.clientWhitelist), message };
}

function positiveOr(value: number | null | undefined, fallback: number): number {
  return typeof value === 'number' && value > 0 ? value : fallback;
}
