/**
 * The shape of `ocelot.json` as data: every object Ocelot binds, its keys in canonical casing and
 * export order, and the JSON type each key takes. `normalizeConfig` walks it to fix key casing and
 * check types; `exportConfig` walks it to order keys. Mirrors `model.ts`: a key added there is added
 * here too.
 */

/** How the value under one key is read. */
export type FieldSpec =
  | { readonly kind: 'string' }
  | { readonly kind: 'integer' }
  | { readonly kind: 'number' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'stringArray' }
  /** A dictionary of strings whose keys are user data (header names, claim types): never re-cased. */
  | { readonly kind: 'stringMap' }
  /** `RouteClaimsRequirement`: values are a string or an array of strings. */
  | { readonly kind: 'claimRequirementMap' }
  /** Any JSON object, kept verbatim (`Metadata`, `MetadataOptions`). */
  | { readonly kind: 'jsonObject' }
  /** Any JSON array, kept verbatim (`Aggregates`, `DynamicRoutes`: refused later, but kept). */
  | { readonly kind: 'jsonArray' }
  | { readonly kind: 'object'; readonly spec: ObjectSpec }
  | { readonly kind: 'objectArray'; readonly spec: ObjectSpec };

/** One object of the file. */
export interface ObjectSpec {
  /** For messages: "route", "GlobalConfiguration", ... */
  readonly name: string;
  /** Canonical key → spec, in export order. */
  readonly fields: Readonly<Record<string, FieldSpec>>;
  /**
   * Keys that take a default when missing: the collections Ocelot's File* constructors create
   * (`[]`/`{}`), and the required strings (`""`, so validation can say "cannot be empty").
   */
  readonly defaults: Readonly<Record<string, () => unknown>>;
  /** Other spellings accepted for a key (`ReRoutes` for `Routes`), lower-cased → canonical. */
  readonly aliases: ReadonlyMap<string, string>;
  /** Lower-cased key → canonical key, built once. */
  readonly lookup: ReadonlyMap<string, string>;
}

const string = { kind: 'string' } as const;
const integer = { kind: 'integer' } as const;
const number = { kind: 'number' } as const;
const boolean = { kind: 'boolean' } as const;
const stringArray = { kind: 'stringArray' } as const;
const stringMap = { kind: 'stringMap' } as const;
const jsonObject = { kind: 'jsonObject' } as const;
const jsonArray = { kind: 'jsonArray' } as const;
const object = (spec: ObjectSpec): FieldSpec => ({ kind: 'object', spec });
const objectArray = (spec: ObjectSpec): FieldSpec => ({ kind: 'objectArray', spec });
const emptyArray = (): unknown => [];
const emptyObject = (): unknown => ({});
const emptyString = (): unknown => '';

function defineObject(
  name: string,
  fields: Record<string, FieldSpec>,
  defaults: Record<string, () => unknown> = {},
  aliases: Record<string, string> = {},
): ObjectSpec {
  const lookup = new Map<string, string>();
  for (const key of Object.keys(fields)) lookup.set(key.toLowerCase(), key);
  return { name, fields, defaults, aliases: new Map(Object.entries(aliases)), lookup };
}

const hostAndPort = defineObject('DownstreamHostAndPorts entry', { Host: string, Port: integer }, { Host: emptyString });

const authenticationOptions = defineObject('AuthenticationOptions', {
  AuthenticationProviderKey: string,
  AuthenticationProviderKeys: stringArray,
  AllowedScopes: stringArray,
  AllowAnonymous: boolean,
  RouteKeys: stringArray,
});

const loadBalancerOptions = defineObject('LoadBalancerOptions', {
  Type: string,
  Key: string,
  Expiry: integer,
  RouteKeys: stringArray,
});

const qosOptions = defineObject('QoSOptions', {
  Timeout: integer,
  TimeoutValue: integer,
  ExceptionsAllowedBeforeBreaking: integer,
  DurationOfBreak: integer,
  MinimumThroughput: integer,
  BreakDuration: integer,
  FailureRatio: number,
  SamplingDuration: integer,
  RouteKeys: stringArray,
});

const rateLimitOptions = defineObject('RateLimitOptions', {
  EnableRateLimiting: boolean,
  ClientIdHeader: string,
  ClientWhitelist: stringArray,
  Limit: integer,
  Period: string,
  Wait: string,
  StatusCode: integer,
  QuotaMessage: string,
  KeyPrefix: string,
  EnableHeaders: boolean,
  PeriodTimespan: number,
  HttpStatusCode: integer,
  QuotaExceededMessage: string,
  RateLimitCounterPrefix: string,
  DisableRateLimitHeaders: boolean,
  RouteKeys: stringArray,
});

const cacheOptions = defineObject('CacheOptions', {
  TtlSeconds: integer,
  Region: string,
  Header: string,
  EnableContentHashing: boolean,
});

const httpHandlerOptions = defineObject('HttpHandlerOptions', {
  AllowAutoRedirect: boolean,
  UseCookieContainer: boolean,
  UseTracing: boolean,
  UseProxy: boolean,
  MaxConnectionsPerServer: integer,
  PooledConnectionLifetimeSeconds: integer,
});

const securityOptions = defineObject('SecurityOptions', {
  IPAllowedList: stringArray,
  IPBlockedList: stringArray,
  ExcludeAllowedFromBlocked: boolean,
});

/** A route (`FileRoute`). */
export const ROUTE_SPEC = defineObject(
  'route',
  {
    UpstreamPathTemplate: string,
    DownstreamPathTemplate: string,
    UpstreamHttpMethod: stringArray,
    UpstreamHost: string,
    UpstreamHeaderTemplates: stringMap,
    RouteIsCaseSensitive: boolean,
    Priority: integer,
    Key: string,
    DownstreamScheme: string,
    DownstreamHostAndPorts: objectArray(hostAndPort),
    DownstreamHttpMethod: string,
    DownstreamHttpVersion: string,
    DownstreamHttpVersionPolicy: string,
    DangerousAcceptAnyServerCertificateValidator: boolean,
    LoadBalancerOptions: object(loadBalancerOptions),
    Timeout: integer,
    QoSOptions: object(qosOptions),
    RequestIdKey: string,
    AuthenticationOptions: object(authenticationOptions),
    RouteClaimsRequirement: { kind: 'claimRequirementMap' },
    AddClaimsToRequest: stringMap,
    AddHeadersToRequest: stringMap,
    AddQueriesToRequest: stringMap,
    ChangeDownstreamPathTemplate: stringMap,
    UpstreamHeaderTransform: stringMap,
    DownstreamHeaderTransform: stringMap,
    HttpHandlerOptions: object(httpHandlerOptions),
    RateLimitOptions: object(rateLimitOptions),
    CacheOptions: object(cacheOptions),
    FileCacheOptions: object(cacheOptions),
    SecurityOptions: object(securityOptions),
    ServiceName: string,
    ServiceNamespace: string,
    DelegatingHandlers: stringArray,
    Metadata: jsonObject,
  },
  {
    UpstreamPathTemplate: emptyString,
    DownstreamPathTemplate: emptyString,
    UpstreamHttpMethod: emptyArray,
    UpstreamHeaderTemplates: emptyObject,
    DownstreamHostAndPorts: emptyArray,
    RouteClaimsRequirement: emptyObject,
    AddClaimsToRequest: emptyObject,
    AddHeadersToRequest: emptyObject,
    AddQueriesToRequest: emptyObject,
    ChangeDownstreamPathTemplate: emptyObject,
    UpstreamHeaderTransform: emptyObject,
    DownstreamHeaderTransform: emptyObject,
    DelegatingHandlers: emptyArray,
    Metadata: emptyObject,
  },
);

const serviceDiscoveryProvider = defineObject('ServiceDiscoveryProvider', {
  Scheme: string,
  Host: string,
  Port: integer,
  Type: string,
  Token: string,
  ConfigurationKey: string,
  PollingInterval: integer,
  Namespace: string,
});

/** `GlobalConfiguration` (`FileGlobalConfiguration`). */
export const GLOBAL_SPEC = defineObject(
  'GlobalConfiguration',
  {
    BaseUrl: string,
    RequestIdKey: string,
    DownstreamScheme: string,
    DownstreamHttpVersion: string,
    DownstreamHttpVersionPolicy: string,
    Timeout: integer,
    AuthenticationOptions: object(authenticationOptions),
    CacheOptions: object(cacheOptions),
    HttpHandlerOptions: object(httpHandlerOptions),
    LoadBalancerOptions: object(loadBalancerOptions),
    QoSOptions: object(qosOptions),
    RateLimitOptions: object(rateLimitOptions),
    SecurityOptions: object(securityOptions),
    ServiceDiscoveryProvider: object(serviceDiscoveryProvider),
    UpstreamHeaderTransform: stringMap,
    DownstreamHeaderTransform: stringMap,
    Metadata: jsonObject,
    MetadataOptions: jsonObject,
  },
  { UpstreamHeaderTransform: emptyObject, DownstreamHeaderTransform: emptyObject, Metadata: emptyObject },
);

/** An entry of `AuthenticationProviders` (Margay's addition). */
export const PROVIDER_SPEC = defineObject(
  'AuthenticationProviders entry',
  {
    Key: string,
    Type: string,
    Authority: string,
    Audience: string,
    ApiName: string,
    ApiSecret: string,
    SupportedTokens: string,
    JwksUri: string,
    Issuer: string,
    RequireHttpsMetadata: boolean,
    ClockSkewSeconds: integer,
  },
  { Key: emptyString, Type: emptyString },
);

/** The whole file. `ReRoutes` is the name Ocelot used before version 16. */
export const CONFIG_SPEC = defineObject(
  'configuration',
  {
    Routes: objectArray(ROUTE_SPEC),
    GlobalConfiguration: object(GLOBAL_SPEC),
    AuthenticationProviders: objectArray(PROVIDER_SPEC),
    Aggregates: jsonArray,
    DynamicRoutes: jsonArray,
  },
  {
    Routes: emptyArray,
    GlobalConfiguration: emptyObject,
    AuthenticationProviders: emptyArray,
    Aggregates: emptyArray,
    DynamicRoutes: emptyArray,
  },
  { reroutes: 'Routes' },
);
