import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportConfig } from './export-config.js';
import { loadConfig } from './load-config.js';
import type { JsonValue } from './model.js';

/**
 * Property: for any valid configuration, `exportConfig` → `loadConfig` gives back an equal
 * configuration (lossless, unknown keys and Metadata included), and exporting again gives the
 * same file.
 */

const segment = fc.stringMatching(/^[a-z][a-z0-9-]{0,7}$/);
const placeholderName = fc.stringMatching(/^[a-z][A-Za-z0-9]{0,6}$/);
const headerName = fc.stringMatching(/^X-[A-Za-z][A-Za-z0-9-]{0,8}$/);
/** Keys no Ocelot object has, whatever the case. */
const unknownKey = fc.stringMatching(/^x_[a-z]{1,6}$/);
const plainKey = fc.string({ maxLength: 8 }).filter((key) => key !== '__proto__');

/**
 * Like fc.dictionary, but no two keys differ only in case: .NET configuration keys are
 * case-insensitive, so such a file is invalid (duplicate_key) and not a round-trip case.
 */
function caseUniqueDictionary<T>(key: fc.Arbitrary<string>, value: fc.Arbitrary<T>, options: { maxKeys: number }): fc.Arbitrary<Record<string, T>> {
  return fc
    .uniqueArray(fc.tuple(key, value), { selector: ([name]) => name.toLowerCase(), maxLength: options.maxKeys })
    .map((entries) => Object.fromEntries(entries));
}

const json: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ maxLength: 10 }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    caseUniqueDictionary(plainKey, tie('value'), { maxKeys: 3 }),
  ),
})).value;

const optional = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arbitrary, { nil: undefined });

/** Drops undefined members, as JSON would. */
function compact<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

/** Also drops the listed members when they are empty collections, which export omits as defaults. */
function withoutEmpty<T extends Record<string, unknown>>(record: T, keys: readonly string[]): T {
  const isEmpty = (value: unknown): boolean =>
    Array.isArray(value) ? value.length === 0 : typeof value === 'object' && value !== null && Object.keys(value).length === 0;
  return Object.fromEntries(Object.entries(compact(record)).filter(([key, value]) => !(keys.includes(key) && isEmpty(value)))) as T;
}

const ROUTE_DEFAULTED = ['UpstreamHttpMethod', 'RouteClaimsRequirement', 'AddHeadersToRequest', 'UpstreamHeaderTransform', 'Metadata'];

const routeParts = fc.record({
  segments: fc.array(segment, { minLength: 1, maxLength: 3 }),
  placeholders: fc.uniqueArray(placeholderName, { maxLength: 3 }),
  methods: fc.subarray(['Get', 'Post', 'PUT', 'delete', 'Patch']),
  host: optional(fc.constantFrom('api.example.com', 'api.example.com:8443', '10.0.0.7')),
  scheme: optional(fc.constantFrom('http', 'https', 'ws', 'wss')),
  hosts: fc.array(fc.record({ Host: fc.constantFrom('orders', 'orders.internal', '10.1.2.3'), Port: fc.integer({ min: 1, max: 65535 }) }), { minLength: 1, maxLength: 3 }),
  priority: optional(fc.integer({ min: -3, max: 9 })),
  caseSensitive: optional(fc.boolean()),
  timeout: optional(fc.integer({ min: 0, max: 600 })),
  headers: caseUniqueDictionary(headerName, fc.constantFrom('Claims[sub] > value', 'Claims[role] > value[1] > |'), { maxKeys: 2 }),
  transforms: caseUniqueDictionary(headerName, fc.constantFrom('v', 'a, b', '{BaseUrl}'), { maxKeys: 2 }),
  claims: caseUniqueDictionary(fc.constantFrom('role', 'tier', 'http://schemas.example.com/role'), fc.oneof(fc.string({ maxLength: 5 }), fc.array(fc.string({ maxLength: 5 }), { minLength: 1, maxLength: 2 })), { maxKeys: 2 }),
  qos: optional(fc.record({ ExceptionsAllowedBeforeBreaking: fc.integer({ min: 1, max: 10 }), DurationOfBreak: fc.integer({ min: 1, max: 60_000 }), TimeoutValue: optional(fc.integer({ min: 1, max: 60_000 })) }).map(compact)),
  rateLimit: optional(fc.record({ Limit: fc.integer({ min: 1, max: 1000 }), Period: fc.constantFrom('1s', '1m', '500ms', '2h', '1.5d') })),
  loadBalancer: optional(fc.constantFrom('NoLoadBalancer', 'RoundRobin', 'LeastConnection')),
  authenticated: fc.boolean(),
  scopes: optional(fc.array(fc.constantFrom('orders', 'admin'), { maxLength: 2 })),
  metadata: optional(caseUniqueDictionary(plainKey, json, { maxKeys: 3 })),
  unknown: caseUniqueDictionary(unknownKey, json, { maxKeys: 2 }),
});

type RouteParts = typeof routeParts extends fc.Arbitrary<infer T> ? T : never;

function toRoute(parts: RouteParts, index: number): Record<string, unknown> {
  const holes = parts.placeholders.map((name) => `{${name}}`);
  return withoutEmpty({
    UpstreamPathTemplate: `/r${index}/${parts.segments.join('/')}${holes.length > 0 ? `/${holes.join('/')}` : ''}`,
    DownstreamPathTemplate: `/svc/${[...holes].reverse().join('/')}`,
    UpstreamHttpMethod: parts.methods,
    UpstreamHost: parts.host,
    RouteIsCaseSensitive: parts.caseSensitive,
    Priority: parts.priority,
    Key: `route-${index}`,
    DownstreamScheme: parts.scheme,
    DownstreamHostAndPorts: parts.hosts,
    LoadBalancerOptions: parts.loadBalancer === undefined ? undefined : { Type: parts.loadBalancer },
    Timeout: parts.timeout,
    QoSOptions: parts.qos,
    AuthenticationOptions: parts.authenticated ? compact({ AuthenticationProviderKeys: ['jwt'], AllowedScopes: parts.scopes }) : undefined,
    RouteClaimsRequirement: parts.claims,
    AddHeadersToRequest: parts.headers,
    UpstreamHeaderTransform: parts.transforms,
    RateLimitOptions: parts.rateLimit,
    Metadata: parts.metadata,
    ...parts.unknown,
  }, ROUTE_DEFAULTED);
}

const configuration = fc
  .record({
    routes: fc.array(routeParts, { maxLength: 4 }),
    requestIdKey: optional(fc.constantFrom('X-Request-Id', 'OcRequestId')),
    baseUrl: optional(fc.constantFrom('http://localhost:5000', 'https://gw.example.com')),
    globalMetadata: optional(caseUniqueDictionary(plainKey, json, { maxKeys: 2 })),
    globalUnknown: caseUniqueDictionary(unknownKey, json, { maxKeys: 2 }),
    topUnknown: caseUniqueDictionary(unknownKey, json, { maxKeys: 2 }),
    provider: fc.constantFrom(
      { Key: 'jwt', Type: 'JwtBearer', Authority: 'https://idp.example.com', Audience: 'api' },
      { Key: 'jwt', Type: 'IdentityServer', Authority: 'https://idp.example.com', ApiName: 'api', ApiSecret: 's', ClockSkewSeconds: 30 },
    ),
  })
  .map((parts) =>
    withoutEmpty(
      {
        Routes: parts.routes.map(toRoute),
        GlobalConfiguration: withoutEmpty({ RequestIdKey: parts.requestIdKey, BaseUrl: parts.baseUrl, Metadata: parts.globalMetadata, ...parts.globalUnknown }, ['Metadata']),
        AuthenticationProviders: [parts.provider],
        ...parts.topUnknown,
      },
      ['GlobalConfiguration'],
    ),
  );

describe('exportConfig / loadConfig round trip (property)', () => {
  it('is lossless for generated valid configurations', () => {
    fc.assert(
      fc.property(configuration, (raw) => {
        const first = loadConfig(raw);
        expect(first.issues).toEqual([]);
        const exported = exportConfig(first.config);
        const second = loadConfig(JSON.stringify(exported, null, 2));
        expect(second.issues).toEqual([]);
        expect(second.config).toEqual(first.config);
        expect(second.warnings).toEqual(first.warnings);
        expect(exportConfig(second.config)).toEqual(exported);
      }),
      { numRuns: 200 },
    );
  });

  it('exports the same members the generator wrote (nothing lost, nothing invented)', () => {
    fc.assert(
      fc.property(configuration, (raw) => {
        expect(exportConfig(loadConfig(raw).config)).toEqual(JSON.parse(JSON.stringify(raw)));
      }),
      { numRuns: 200 },
    );
  });
});
