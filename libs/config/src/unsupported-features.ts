import { routePath } from './internal/json-path.js';
import { routeLabel } from './internal/route-label.js';
import type { CacheOptions, GatewayConfig, GlobalConfiguration, RouteConfig } from './model.js';

/** One place where a configuration uses a feature Margay does not implement. */
export interface UnsupportedFeatureHit {
  /** JSON path of the value that turns the feature on, e.g. `Routes[0].ServiceName`. */
  readonly path: string;
  /** Names the key exactly and says what to do instead. */
  readonly message: string;
}

/** A row of {@link UNSUPPORTED_FEATURES}. */
export interface UnsupportedFeature {
  /** What the feature is, for docs and logs. */
  readonly feature: string;
  /** The keys that turn it on. */
  readonly keys: readonly string[];
  /** Every place in `config` that uses it. */
  find(config: GatewayConfig): UnsupportedFeatureHit[];
}

const q = (value: unknown): string => JSON.stringify(value);

/** Runs `check` on every route and on GlobalConfiguration (as "the owner"), collecting hits. */
function routesAndGlobal(
  config: GatewayConfig,
  check: (owner: RouteConfig | GlobalConfiguration, base: string, label: string, route: RouteConfig | null) => UnsupportedFeatureHit[],
): UnsupportedFeatureHit[] {
  const hits = config.Routes.flatMap((route, index) => check(route, routePath(index), routeLabel(index, route), route));
  return hits.concat(check(config.GlobalConfiguration, 'GlobalConfiguration', 'GlobalConfiguration', null));
}

const isSet = (value: unknown): value is string => typeof value === 'string' && value !== '';
const cacheOn = (options: CacheOptions | null | undefined): boolean => typeof options?.TtlSeconds === 'number' && options.TtlSeconds > 0;
const HTTP2_OR_3 = new Set(['2', '2.0', '2,0', '3', '3.0', '3,0']);

/**
 * The Ocelot features Margay refuses (code `unsupported_feature`), in ONE table so the gateway can
 * grow a feature by deleting its row. (RateLimitOptions and QoSOptions ARE supported; unknown
 * `LoadBalancerOptions.Type` values are refused by the load-balancer rule.)
 */
export const UNSUPPORTED_FEATURES: readonly UnsupportedFeature[] = [
  {
    feature: 'Service discovery (Consul, Eureka, Kubernetes, Service Fabric, custom providers)',
    keys: ['Routes[].ServiceName', 'Routes[].ServiceNamespace', 'GlobalConfiguration.ServiceDiscoveryProvider.Type'],
    find: (config) => {
      const hits: UnsupportedFeatureHit[] = [];
      config.Routes.forEach((route, index) => {
        for (const key of ['ServiceName', 'ServiceNamespace'] as const) {
          if (!isSet(route[key])) continue;
          hits.push({
            path: routePath(index, key),
            message: `${routeLabel(index, route)}: ${key} ${q(route[key])} needs service discovery, which Margay does not support. Remove ${key} and list the service's instances in DownstreamHostAndPorts.`,
          });
        }
      });
      const type = config.GlobalConfiguration.ServiceDiscoveryProvider?.Type;
      if (isSet(type)) {
        hits.push({
          path: 'GlobalConfiguration.ServiceDiscoveryProvider.Type',
          message: `GlobalConfiguration.ServiceDiscoveryProvider.Type ${q(type)}: service discovery is not supported by Margay. Remove GlobalConfiguration.ServiceDiscoveryProvider and give each route its DownstreamHostAndPorts.`,
        });
      }
      return hits;
    },
  },
  {
    feature: 'Request aggregation',
    keys: ['Aggregates'],
    find: (config) =>
      (config.Aggregates ?? []).length === 0
        ? []
        : [{ path: 'Aggregates', message: `Aggregates (${config.Aggregates!.length} entries): request aggregation is not supported by Margay. Remove Aggregates and call the routes one by one (or aggregate in a backend-for-frontend service).` }],
  },
  {
    feature: 'Dynamic routing through service discovery',
    keys: ['DynamicRoutes'],
    find: (config) =>
      (config.DynamicRoutes ?? []).length === 0
        ? []
        : [{ path: 'DynamicRoutes', message: 'DynamicRoutes: dynamic routing needs service discovery, which Margay does not support. Remove DynamicRoutes and define static Routes.' }],
  },
  {
    feature: '.NET delegating handlers (code hooks)',
    keys: ['Routes[].DelegatingHandlers'],
    find: (config) =>
      config.Routes.flatMap((route, index) =>
        (route.DelegatingHandlers ?? []).length === 0
          ? []
          : [
              {
                path: routePath(index, 'DelegatingHandlers'),
                message: `${routeLabel(index, route)}: DelegatingHandlers ${q(route.DelegatingHandlers)} name .NET classes, which Margay cannot run. Remove DelegatingHandlers; header changes can be made with UpstreamHeaderTransform / DownstreamHeaderTransform.`,
              },
            ],
      ),
  },
  {
    feature: 'Output caching',
    keys: ['Routes[].CacheOptions.TtlSeconds', 'Routes[].FileCacheOptions.TtlSeconds', 'GlobalConfiguration.CacheOptions.TtlSeconds'],
    find: (config) =>
      routesAndGlobal(config, (owner, base, label, route) => {
        const sections: [string, CacheOptions | null | undefined][] = [['CacheOptions', owner.CacheOptions]];
        if (route !== null) sections.push(['FileCacheOptions', route.FileCacheOptions]);
        return sections
          .filter(([, options]) => cacheOn(options))
          .map(([key, options]) => ({
            path: `${base}.${key}.TtlSeconds`,
            message: `${label}: ${key}.TtlSeconds ${options!.TtlSeconds} turns on response caching, which Margay does not support. Remove ${key} (or set TtlSeconds to 0) and cache in front of the gateway (CDN or reverse proxy) or in the service.`,
          }));
      }),
  },
  {
    feature: 'HTTP/2 and HTTP/3 to downstream services',
    keys: ['DownstreamHttpVersion', 'DownstreamHttpVersionPolicy'],
    find: (config) =>
      routesAndGlobal(config, (owner, base, label) => {
        const version = owner.DownstreamHttpVersion;
        if (!isSet(version) || !HTTP2_OR_3.has(version)) return [];
        const policy = isSet(owner.DownstreamHttpVersionPolicy) ? owner.DownstreamHttpVersionPolicy : config.GlobalConfiguration.DownstreamHttpVersionPolicy;
        if (policy === 'RequestVersionOrLower') return [];
        return [
          {
            path: `${base}.DownstreamHttpVersion`,
            message: `${label}: DownstreamHttpVersion ${q(version)} asks for HTTP/${version.charAt(0)}, but Margay speaks HTTP/1.1 to downstream services. Remove DownstreamHttpVersion (or set "1.1"), or set DownstreamHttpVersionPolicy to "RequestVersionOrLower" to allow the fallback.`,
          },
        ];
      }),
  },
  {
    feature: 'Outgoing HTTP proxy',
    keys: ['HttpHandlerOptions.UseProxy'],
    find: (config) =>
      routesAndGlobal(config, (owner, base, label) =>
        owner.HttpHandlerOptions?.UseProxy !== true
          ? []
          : [
              {
                path: `${base}.HttpHandlerOptions.UseProxy`,
                message: `${label}: HttpHandlerOptions.UseProxy true sends downstream calls through the system proxy, which Margay does not support. Remove UseProxy or set it to false.`,
              },
            ],
      ),
  },
  {
    feature: 'Sticky sessions load balancer',
    keys: ['LoadBalancerOptions.Type: CookieStickySessions'],
    find: (config) =>
      routesAndGlobal(config, (owner, base, label) =>
        owner.LoadBalancerOptions?.Type !== 'CookieStickySessions'
          ? []
          : [
              {
                path: `${base}.LoadBalancerOptions.Type`,
                message: `${label}: LoadBalancerOptions.Type "CookieStickySessions" is not supported by Margay. Use "RoundRobin" or "LeastConnection", or remove LoadBalancerOptions.`,
              },
            ],
      ),
  },
];
