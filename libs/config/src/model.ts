/**
 * Margay's configuration model: Ocelot's `ocelot.json` with its own key names (PascalCase), after
 * normalization (BOM and comments removed, key casing fixed, `ReRoutes` renamed to `Routes`).
 *
 * Every key Ocelot knows is typed here so that import → store → export is lossless. Keys that
 * neither Ocelot nor Margay know are kept too (`UnknownKeys`), and reported as warnings.
 */

/** A JSON value as stored and exported. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface HostAndPort {
  Host: string;
  Port: number;
}

export interface AuthenticationOptions {
  /** Deprecated in Ocelot in favour of `AuthenticationProviderKeys`; tried first when set. */
  AuthenticationProviderKey?: string | null;
  AuthenticationProviderKeys?: string[];
  AllowedScopes?: string[];
  AllowAnonymous?: boolean | null;
  /** Global options only: the route keys the options apply to (empty = all routes). */
  RouteKeys?: string[];
}

export interface LoadBalancerOptions {
  /** `NoLoadBalancer` (default), `RoundRobin`, `LeastConnection`, `CookieStickySessions`. */
  Type?: string | null;
  Key?: string | null;
  Expiry?: number | null;
  RouteKeys?: string[];
}

export interface QoSOptions {
  /** Milliseconds (Ocelot ≥ 24). */
  Timeout?: number | null;
  /** Milliseconds; deprecated name of `Timeout`. */
  TimeoutValue?: number | null;
  ExceptionsAllowedBeforeBreaking?: number | null;
  DurationOfBreak?: number | null;
  MinimumThroughput?: number | null;
  BreakDuration?: number | null;
  FailureRatio?: number | null;
  SamplingDuration?: number | null;
  RouteKeys?: string[];
}

export interface RateLimitOptions {
  EnableRateLimiting?: boolean | null;
  ClientIdHeader?: string | null;
  ClientWhitelist?: string[];
  Limit?: number | null;
  Period?: string | null;
  Wait?: string | null;
  StatusCode?: number | null;
  QuotaMessage?: string | null;
  KeyPrefix?: string | null;
  EnableHeaders?: boolean | null;
  PeriodTimespan?: number | null;
  HttpStatusCode?: number | null;
  QuotaExceededMessage?: string | null;
  RateLimitCounterPrefix?: string | null;
  DisableRateLimitHeaders?: boolean | null;
  RouteKeys?: string[];
}

export interface CacheOptions {
  TtlSeconds?: number | null;
  Region?: string | null;
  Header?: string | null;
  EnableContentHashing?: boolean | null;
}

export interface HttpHandlerOptions {
  AllowAutoRedirect?: boolean | null;
  UseCookieContainer?: boolean | null;
  UseTracing?: boolean | null;
  UseProxy?: boolean | null;
  MaxConnectionsPerServer?: number | null;
  PooledConnectionLifetimeSeconds?: number | null;
}

export interface SecurityOptions {
  IPAllowedList?: string[];
  IPBlockedList?: string[];
  ExcludeAllowedFromBlocked?: boolean | null;
}

/** One route of `ocelot.json` (Ocelot's `FileRoute`). */
export interface RouteConfig {
  UpstreamPathTemplate: string;
  DownstreamPathTemplate: string;
  UpstreamHttpMethod?: string[];
  UpstreamHost?: string | null;
  UpstreamHeaderTemplates?: Record<string, string>;
  RouteIsCaseSensitive?: boolean;
  Priority?: number;
  Key?: string | null;
  DownstreamScheme?: string | null;
  DownstreamHostAndPorts?: HostAndPort[];
  DownstreamHttpMethod?: string | null;
  DownstreamHttpVersion?: string | null;
  DownstreamHttpVersionPolicy?: string | null;
  DangerousAcceptAnyServerCertificateValidator?: boolean;
  LoadBalancerOptions?: LoadBalancerOptions | null;
  /** Seconds. */
  Timeout?: number | null;
  QoSOptions?: QoSOptions | null;
  RequestIdKey?: string | null;
  AuthenticationOptions?: AuthenticationOptions | null;
  RouteClaimsRequirement?: Record<string, string | string[]>;
  AddClaimsToRequest?: Record<string, string>;
  AddHeadersToRequest?: Record<string, string>;
  AddQueriesToRequest?: Record<string, string>;
  ChangeDownstreamPathTemplate?: Record<string, string>;
  UpstreamHeaderTransform?: Record<string, string>;
  DownstreamHeaderTransform?: Record<string, string>;
  HttpHandlerOptions?: HttpHandlerOptions | null;
  RateLimitOptions?: RateLimitOptions | null;
  CacheOptions?: CacheOptions | null;
  FileCacheOptions?: CacheOptions | null;
  SecurityOptions?: SecurityOptions | null;
  ServiceName?: string | null;
  ServiceNamespace?: string | null;
  DelegatingHandlers?: string[];
  /**
   * Free-form data for custom code; no runtime effect. Values are kept as written (Ocelot's own
   * samples use numbers, booleans and nested objects here, which .NET flattens into strings), so
   * that import → export is lossless.
   */
  Metadata?: Record<string, JsonValue>;
  /** Keys no version of Ocelot knows, kept verbatim for a lossless export. */
  [unknownKey: string]: JsonValue | undefined | object;
}

export interface ServiceDiscoveryProvider {
  Scheme?: string | null;
  Host?: string | null;
  Port?: number | null;
  Type?: string | null;
  Token?: string | null;
  ConfigurationKey?: string | null;
  PollingInterval?: number | null;
  Namespace?: string | null;
}

export interface GlobalConfiguration {
  BaseUrl?: string | null;
  RequestIdKey?: string | null;
  DownstreamScheme?: string | null;
  DownstreamHttpVersion?: string | null;
  DownstreamHttpVersionPolicy?: string | null;
  /** Seconds. */
  Timeout?: number | null;
  AuthenticationOptions?: AuthenticationOptions | null;
  CacheOptions?: CacheOptions | null;
  HttpHandlerOptions?: HttpHandlerOptions | null;
  LoadBalancerOptions?: LoadBalancerOptions | null;
  QoSOptions?: QoSOptions | null;
  RateLimitOptions?: RateLimitOptions | null;
  SecurityOptions?: SecurityOptions | null;
  ServiceDiscoveryProvider?: ServiceDiscoveryProvider | null;
  UpstreamHeaderTransform?: Record<string, string>;
  DownstreamHeaderTransform?: Record<string, string>;
  /** See `RouteConfig.Metadata`. */
  Metadata?: Record<string, JsonValue>;
  MetadataOptions?: { [key: string]: JsonValue };
  [unknownKey: string]: JsonValue | undefined | object;
}

/** `SupportedTokens` of an IdentityServer provider. */
export type SupportedTokens = 'Jwt' | 'Reference' | 'Both';

/** Margay's addition to `ocelot.json`: the authentication providers Ocelot registers in C#. */
export interface AuthenticationProviderConfig {
  Key: string;
  /** `IdentityServer` or `JwtBearer`. */
  Type: string;
  Authority?: string | null;
  Audience?: string | null;
  ApiName?: string | null;
  /** Write-only: stored and used, never returned by a read (see `redactSecrets`). */
  ApiSecret?: string | null;
  SupportedTokens?: SupportedTokens | null;
  JwksUri?: string | null;
  Issuer?: string | null;
  RequireHttpsMetadata?: boolean | null;
  /** Integer 0–600; default 30 when absent (ASP.NET's default is 300; Margay is stricter). */
  ClockSkewSeconds?: number | null;
  [unknownKey: string]: JsonValue | undefined | object;
}

/** The whole configuration, as `ocelot.json` holds it. */
export interface GatewayConfig {
  Routes: RouteConfig[];
  GlobalConfiguration: GlobalConfiguration;
  AuthenticationProviders: AuthenticationProviderConfig[];
  Aggregates?: JsonValue[];
  DynamicRoutes?: JsonValue[];
  [unknownKey: string]: JsonValue | undefined | object;
}

/** A problem found in a configuration, with the JSON path of the offending value. */
export interface ConfigIssue {
  /** e.g. `Routes[3].DownstreamPathTemplate` */
  path: string;
  /** Says what is wrong and what to do about it. */
  message: string;
  /** Stable machine-readable code, e.g. `template_double_slash`. */
  code: string;
}
