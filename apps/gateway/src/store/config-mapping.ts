import type {
  AuthenticationProviderConfig,
  GatewayConfig,
  GlobalConfiguration,
  JsonValue,
  RouteConfig,
} from '@margay/config';
import type { AuthProviderEntity, GlobalConfigEntity, RouteEntity } from './entities/index.js';

/**
 * Row ↔ ocelot.json mapping. Each table lists once which ocelot.json key lives in which typed
 * column; every other key goes to (and comes back from) the row's `extra` jsonb, so nothing is lost.
 */
const ROUTE_COLUMNS = {
  Key: 'key',
  UpstreamPathTemplate: 'upstreamPathTemplate',
  UpstreamHttpMethod: 'upstreamHttpMethod',
  UpstreamHost: 'upstreamHost',
  UpstreamHeaderTemplates: 'upstreamHeaderTemplates',
  RouteIsCaseSensitive: 'routeIsCaseSensitive',
  Priority: 'priority',
  DownstreamPathTemplate: 'downstreamPathTemplate',
  DownstreamScheme: 'downstreamScheme',
  DownstreamHostAndPorts: 'downstreamHostAndPorts',
  DownstreamHttpMethod: 'downstreamHttpMethod',
  LoadBalancerOptions: 'loadBalancerOptions',
  Timeout: 'timeoutSeconds',
  QoSOptions: 'qosOptions',
  RequestIdKey: 'requestIdKey',
  AuthenticationOptions: 'authenticationOptions',
  RouteClaimsRequirement: 'routeClaimsRequirement',
  AddClaimsToRequest: 'addClaimsToRequest',
  AddHeadersToRequest: 'addHeadersToRequest',
  AddQueriesToRequest: 'addQueriesToRequest',
  ChangeDownstreamPathTemplate: 'changeDownstreamPathTemplate',
  UpstreamHeaderTransform: 'upstreamHeaderTransform',
  DownstreamHeaderTransform: 'downstreamHeaderTransform',
  RateLimitOptions: 'rateLimitOptions',
} as const satisfies Partial<Record<keyof RouteConfig, keyof RouteEntity>>;

const PROVIDER_COLUMNS = {
  Key: 'key',
  Type: 'type',
  Authority: 'authority',
  Audience: 'audience',
  ApiName: 'apiName',
  ApiSecret: 'apiSecret',
  SupportedTokens: 'supportedTokens',
  JwksUri: 'jwksUri',
  Issuer: 'issuer',
  RequireHttpsMetadata: 'requireHttpsMetadata',
  ClockSkewSeconds: 'clockSkewSeconds',
} as const satisfies Partial<Record<keyof AuthenticationProviderConfig, keyof AuthProviderEntity>>;

const GLOBAL_COLUMNS = {
  RequestIdKey: 'requestIdKey',
  BaseUrl: 'baseUrl',
} as const satisfies Partial<Record<keyof GlobalConfiguration, keyof GlobalConfigEntity>>;

/** Top-level keys stored in their own tables; any other top-level key is kept verbatim. */
const TOP_LEVEL_TABLES = new Set(['Routes', 'GlobalConfiguration', 'AuthenticationProviders']);

type Row = Record<string, unknown>;

function toRow(source: Record<string, unknown>, columns: Record<string, string>): { row: Row; extra: Record<string, JsonValue> } {
  const row: Row = {};
  const extra: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue;
    const column = columns[key];
    if (column === undefined) extra[key] = value as JsonValue;
    else row[column] = value;
  }
  for (const column of Object.values(columns)) if (!(column in row)) row[column] = null;
  return { row, extra };
}

function fromRow(row: Row, columns: Record<string, string>, extra: Record<string, JsonValue>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(columns)) {
    const value = row[column];
    if (value !== null && value !== undefined) result[key] = value;
  }
  return { ...result, ...extra };
}

export function routeToRow(route: RouteConfig, position: number): Partial<RouteEntity> {
  const { row, extra } = toRow(route as Record<string, unknown>, ROUTE_COLUMNS);
  if (row.upstreamHttpMethod === null) row.upstreamHttpMethod = [];
  return { ...row, position, extra } as Partial<RouteEntity>;
}

export function routeFromRow(entity: RouteEntity): RouteConfig {
  const route = fromRow(entity as unknown as Row, ROUTE_COLUMNS, (entity.extra ?? {}) as Record<string, JsonValue>);
  // An empty verb list is Ocelot's "any verb": the column is never null, but absent in the file.
  if (Array.isArray(route.UpstreamHttpMethod) && route.UpstreamHttpMethod.length === 0) delete route.UpstreamHttpMethod;
  return route as RouteConfig;
}

export function providerToRow(provider: AuthenticationProviderConfig, position: number): Partial<AuthProviderEntity> {
  const { row, extra } = toRow(provider as Record<string, unknown>, PROVIDER_COLUMNS);
  return { ...row, position, extra } as Partial<AuthProviderEntity>;
}

export function providerFromRow(entity: AuthProviderEntity): AuthenticationProviderConfig {
  return fromRow(entity as unknown as Row, PROVIDER_COLUMNS, (entity.extra ?? {}) as Record<string, JsonValue>) as AuthenticationProviderConfig;
}

export function globalToRow(config: GatewayConfig): Partial<GlobalConfigEntity> {
  const { row, extra } = toRow(config.GlobalConfiguration as Record<string, unknown>, GLOBAL_COLUMNS);
  const topLevelExtra: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(config)) {
    if (!TOP_LEVEL_TABLES.has(key) && value !== undefined) topLevelExtra[key] = value as JsonValue;
  }
  return { ...row, id: 1, definition: extra, topLevelExtra } as Partial<GlobalConfigEntity>;
}

export function configFromRows(
  global: GlobalConfigEntity | null,
  routes: readonly RouteEntity[],
  providers: readonly AuthProviderEntity[],
): GatewayConfig {
  const globalConfiguration = global
    ? (fromRow(global as unknown as Row, GLOBAL_COLUMNS, (global.definition ?? {}) as Record<string, JsonValue>) as GlobalConfiguration)
    : {};
  return {
    ...((global?.topLevelExtra ?? {}) as Record<string, JsonValue>),
    Routes: routes.map(routeFromRow),
    GlobalConfiguration: globalConfiguration,
    AuthenticationProviders: providers.map(providerFromRow),
  };
}
