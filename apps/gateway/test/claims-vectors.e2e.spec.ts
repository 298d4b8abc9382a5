import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentityProvider, type IdentityProvider } from './support/identity-provider.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { route, startTestGateway, type TestGateway } from './support/test-gateway.js';
import {
  AUTHENTICATED,
  call,
  expectClaimTransformFailed,
  expectGatewayError,
  jwtBearerProvider,
  seenBy,
  type Answer,
} from './support/transform-fixtures.js';
import { startUpstream, type TestUpstream } from './support/upstream.js';

/**
 * Every `claims_apply` conformance vector, asserted through a real gateway: tokens signed by the test
 * identity provider carry the vector's claims, a route per vector carries its transforms, and the
 * echo upstream reports what arrived. Each route has its own `UpstreamHost` (`v<i>.vectors.test`), so
 * the vectors keep their own upstream templates and request paths.
 *
 * Two tables:
 * - vectors with an HTTP-level meaning (`target` or `route` in their input) — end-to-end and unit
 *   vectors of the four dictionaries, AddClaimsToRequest + RouteClaimsRequirement, the
 *   unauthenticated route, and the quirks (asserting Margay's behaviour);
 * - value-extraction vectors (`parsed` or `expressions`, no target), which libs/claims checks as
 *   functions, observed here through an `AddHeadersToRequest` entry so that the gateway's evaluation
 *   is the one tested.
 * A vector of neither shape fails (no vector is skipped silently).
 */

interface Claim {
  type: string;
  value: string;
}

interface Vector {
  group: string;
  name: string;
  input: Record<string, unknown>;
  expected: Record<string, unknown>;
  quirk?: boolean;
}

/** What one vector becomes: a route, a request, and what the gateway must answer. */
interface VectorCase {
  vector: Vector;
  /** Test name: the vector's, plus what Margay does instead for a quirk. */
  title: string;
  /** The route to configure (without UpstreamHost); undefined when the vector is about import. */
  route?: Record<string, unknown>;
  /** Path and query to request, as the vector gives it. */
  requestPath: string;
  /** Claims of the bearer token; undefined: no token. */
  claims?: Claim[];
  /** Asserts the gateway's answer. */
  check?: (answer: Answer) => void;
  /** A vector whose route must be refused at import: asserts the admin API's answer. */
  refusedAtImport?: (status: number, body: Record<string, unknown>, index: number) => void;
}

const ALL = (JSON.parse(readFileSync(new URL('../../../conformance/ocelot/vectors.json', import.meta.url), 'utf8')) as { vectors: Vector[] }).vectors.filter(
  (vector) => vector.group === 'claims_apply',
);
const HTTP_VECTORS = ALL.filter((vector) => 'target' in vector.input || 'route' in vector.input);
const EXTRACTION_VECTORS = ALL.filter((vector) => !HTTP_VECTORS.includes(vector));

/** `<userId>` in the vectors' token claims stands for the acceptance test's generated user id. */
const USER_ID = '1234567890';
const claimsOf = (raw: unknown): Claim[] => (raw as Claim[]).map((claim) => ({ type: claim.type, value: claim.value.replace('<userId>', USER_ID) }));

/** Margay's expected values for the `quirk: true` vectors (README: where Margay deliberately differs). */
const MARGAY_QUIRKS: Record<string, { title: string; downstreamQuery?: string }> = {
  'AddQueriesToRequest does not URL-encode claim values': { title: 'Margay percent-encodes the value', downstreamQuery: '?n=a%20b%26c' },
  'ChangeDownstreamPathTemplate key missing from downstream template': { title: 'Margay refuses the configuration (400 invalid_config)' },
};

const expectDownstream = (expected: Record<string, unknown>) => (answer: Answer) => {
  const seen = seenBy(answer);
  if (expected.downstreamHeaders) {
    const headers = expected.downstreamHeaders as Record<string, string>;
    const got = Object.fromEntries(Object.keys(headers).map((name) => [name, seen.headers[name.toLowerCase()]]));
    expect(got).toEqual(headers);
  }
  if (expected.downstreamQuery !== undefined) expect(seen.query).toBe(expected.downstreamQuery);
  if (expected.downstreamPath !== undefined) expect(seen.path).toBe(expected.downstreamPath);
};

/** Turns an HTTP-level vector into a route, a request and the expected answer. */
function httpCase(vector: Vector): VectorCase {
  const { input, expected } = vector;
  const quirk = vector.quirk ? MARGAY_QUIRKS[vector.name] : undefined;
  if (vector.quirk && !quirk) throw new Error(`quirk vector "${vector.name}" has no Margay expectation in MARGAY_QUIRKS`);
  const title = quirk ? `${vector.name} (quirk: ${quirk.title})` : vector.name;
  const base = { vector, title };

  if ('route' in input) {
    // A route with claims transforms and no authentication, called without a token.
    const extra = input.route as Record<string, unknown>;
    const [dictionary, entries] = Object.entries(extra).find(([, value]) => value !== null && typeof value === 'object')!;
    const key = Object.keys(entries as object)[0]!;
    return {
      ...base,
      route: route('/', '/', 0, extra),
      requestPath: '/',
      claims: input.token === null ? undefined : claimsOf(input.token),
      check: (answer) => {
        expect(answer.status).toBe(expected.status);
        expectClaimTransformFailed(answer, dictionary, key);
      },
    };
  }

  switch (input.target) {
    case 'AddHeadersToRequest':
    case 'AddQueriesToRequest': {
      const dictionary = input.target;
      let config = input.config as Record<string, string> | undefined;
      let claims = input.claims === undefined ? undefined : claimsOf(input.claims);
      let requestPath = (input.requestPath as string | undefined) ?? '/';
      if (config === undefined) {
        // Unit vector: one entry `parsed.key` whose claim value is `claimValue`, appended to `existingQuery`.
        const key = (input.parsed as { key: string }).key;
        config = { [key]: 'Claims[vectorClaim] > value' };
        claims = [{ type: 'vectorClaim', value: input.claimValue as string }];
        requestPath = `/${(input.existingQuery as string | undefined) ?? ''}`;
      }
      const outcome = quirk?.downstreamQuery !== undefined ? { ...expected, downstreamQuery: quirk.downstreamQuery } : expected;
      if (expected.status !== undefined && expected.status !== 200) throw new Error(`unexpected status in "${vector.name}"`);
      return { ...base, route: route('/', '/', 0, { ...AUTHENTICATED, [dictionary]: config }), requestPath, claims, check: expectDownstream(outcome) };
    }
    case 'ChangeDownstreamPathTemplate': {
      const downstream = input.downstreamPathTemplate as string;
      if (expected.error !== undefined) {
        // Quirk: Ocelot fails at run time (404); Margay refuses the key when the configuration is saved.
        const key = (input.parsed as { key: string }).key;
        return {
          ...base,
          route: route('/path-key-missing', downstream, 0, { ...AUTHENTICATED, ChangeDownstreamPathTemplate: { [key]: 'Claims[vectorClaim] > value' } }),
          requestPath: '/path-key-missing',
          refusedAtImport: (status, body, index) => {
            expect({ status, code: body.code }, JSON.stringify(body)).toEqual({ status: 400, code: 'invalid_config' });
            const errors = body.errors as { path: string; message: string }[];
            const error = errors.find((candidate) => candidate.path.startsWith(`Routes[${index}].ChangeDownstreamPathTemplate`));
            expect(error, JSON.stringify(errors)).toBeDefined();
            expect(error!.message).toContain(key);
          },
        };
      }
      if (input.config !== undefined) {
        return {
          ...base,
          route: route(input.upstreamPathTemplate as string, downstream, 0, { ...AUTHENTICATED, ChangeDownstreamPathTemplate: input.config }),
          requestPath: input.requestPath as string,
          claims: claimsOf(input.claims),
          check: expectDownstream(expected),
        };
      }
      // Unit vector: the template's placeholders already hold values (from the upstream path); the
      // claim replaces `parsed.key`'s.
      const key = (input.parsed as { key: string }).key;
      const fill = (values: Record<string, string>) => Object.entries(values).reduce((path, [name, value]) => path.replace(name, value), downstream);
      return {
        ...base,
        route: route(downstream, downstream, 0, { ...AUTHENTICATED, ChangeDownstreamPathTemplate: { [key]: 'Claims[vectorClaim] > value' } }),
        requestPath: fill(input.existingPlaceholders as Record<string, string>),
        claims: [{ type: 'vectorClaim', value: input.claimValue as string }],
        check: expectDownstream({ downstreamPath: fill(expected.placeholders as Record<string, string>) }),
      };
    }
    case 'AddClaimsToRequest+RouteClaimsRequirement':
    case 'RouteClaimsRequirement': {
      return {
        ...base,
        title: expected.status === 403 ? `${title} (Margay answers with its JSON error body)` : title,
        route: route('/', '/', 0, {
          ...AUTHENTICATED,
          AddClaimsToRequest: input.AddClaimsToRequest,
          RouteClaimsRequirement: input.RouteClaimsRequirement,
        }),
        requestPath: '/',
        claims: claimsOf(input.tokenClaims),
        check: (answer) => {
          if (expected.status === 200) seenBy(answer);
          else expectGatewayError(answer, expected.status as number, 'claim_requirement_failed');
        },
      };
    }
    default:
      throw new Error(`claims_apply vector "${vector.name}" has a target this suite does not know: ${String(input.target)}`);
  }
}

/** Turns a value-extraction vector into an AddHeadersToRequest route whose headers carry the values. */
function extractionCase(vector: Vector): VectorCase {
  const { input, expected } = vector;
  const claims = claimsOf(input.claims);
  let expressions: Record<string, string>;
  if (input.expressions !== undefined) {
    expressions = input.expressions as Record<string, string>;
  } else if (input.parsed !== undefined) {
    const { claim, delimiter, index } = input.parsed as { claim: string; delimiter: string; index: number };
    // A blank third part parses as the empty delimiter (index ignored), as the vector's `parsed` says.
    expressions = { 'X-Value': `Claims[${claim}] > value[${index}] > ${delimiter}` };
  } else {
    throw new Error(`claims_apply vector "${vector.name}" has neither target, route, parsed nor expressions`);
  }
  const headers = expected.error !== undefined ? undefined : expected.value !== undefined ? { 'X-Value': expected.value as string } : (expected as Record<string, string>);
  return {
    vector,
    title: `${vector.name} (through AddHeadersToRequest)`,
    route: route('/', '/', 0, { ...AUTHENTICATED, AddHeadersToRequest: expressions }),
    requestPath: '/',
    claims,
    check: (answer) => {
      if (headers === undefined) {
        expect(expected.httpStatus).toBe(403);
        expectClaimTransformFailed(answer, 'AddHeadersToRequest', 'X-Value');
      } else {
        expectDownstream({ downstreamHeaders: headers })(answer);
      }
    },
  };
}

describe('claims_apply vectors through the gateway', () => {
  const httpCases = HTTP_VECTORS.map(httpCase);
  const extractionCases = EXTRACTION_VECTORS.map(extractionCase);
  const served = [...httpCases, ...extractionCases].filter((vectorCase) => vectorCase.refusedAtImport === undefined);
  const hostOf = (vectorCase: VectorCase) => `v${served.indexOf(vectorCase)}.vectors.test`;
  let db: TestDatabase;
  let upstream: TestUpstream;
  let idp: IdentityProvider;
  let gateway: TestGateway;
  let routes: Record<string, unknown>[];
  let config: Record<string, unknown>;

  beforeAll(async () => {
    db = await createTestDatabase();
    upstream = await startUpstream('echo');
    idp = await startIdentityProvider();
    gateway = await startTestGateway(db.url);
    routes = served.map((vectorCase) => ({
      ...vectorCase.route,
      UpstreamHost: hostOf(vectorCase),
      DownstreamHostAndPorts: [{ Host: '127.0.0.1', Port: upstream.port }],
    }));
    config = { Routes: routes, GlobalConfiguration: {}, AuthenticationProviders: [jwtBearerProvider(idp.issuer)] };
    await gateway.putConfig(config);
  });

  afterAll(async () => {
    await gateway?.stop();
    await upstream?.close();
    await idp?.close();
    await db?.drop();
  });

  /** A token with the vector's claims (same-type claims as a JSON array, as ASP.NET reads them back). */
  const tokenFor = async (claims: Claim[] | undefined): Promise<string | undefined> => {
    if (claims === undefined) return undefined;
    const payload: Record<string, unknown> = { aud: 'api1' };
    for (const { type, value } of claims) {
      const existing = payload[type];
      payload[type] = existing === undefined ? value : [existing, value].flat();
    }
    return idp.mintToken(payload);
  };

  const run = async (vectorCase: VectorCase): Promise<void> => {
    if (vectorCase.refusedAtImport) {
      const at = routes.length;
      const response = await gateway.admin('PUT', '/api/v1/config/ocelot', {
        ...config,
        Routes: [...routes, { ...vectorCase.route, UpstreamHost: 'refused.vectors.test', DownstreamHostAndPorts: [{ Host: '127.0.0.1', Port: upstream.port }] }],
      });
      vectorCase.refusedAtImport(response.status, (await response.json()) as Record<string, unknown>, at);
      return;
    }
    const token = await tokenFor(vectorCase.claims);
    const answer = await call(`${gateway.proxyUrl}${vectorCase.requestPath}`, { token, headers: { host: hostOf(vectorCase) } });
    vectorCase.check!(answer);
  };

  it('finds the vectors (a missing or renamed file would otherwise pass silently)', () => {
    expect(HTTP_VECTORS.length).toBeGreaterThanOrEqual(11);
    expect(HTTP_VECTORS.length + EXTRACTION_VECTORS.length).toBe(ALL.length);
  });

  describe('with an HTTP-level meaning', () => {
    it.each(httpCases.map((vectorCase) => [vectorCase.title, vectorCase] as const))('%s', async (_title, vectorCase) => {
      await run(vectorCase);
    });
  });

  describe('value extraction', () => {
    it.each(extractionCases.map((vectorCase) => [vectorCase.title, vectorCase] as const))('%s', async (_title, vectorCase) => {
      await run(vectorCase);
    });
  });
});
