import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESOURCES, startIdentityProvider, type IdentityProvider } from './support/identity-provider.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { route, startTestGateway, type TestGateway } from './support/test-gateway.js';
import {
  AUTHENTICATED,
  PATH_SEGMENT,
  SEED_CLIENT,
  call,
  expectClaimTransformFailed,
  expectGatewayError,
  jwtBearerProvider,
  rawQueryPairs,
  requestIdOf,
  seenBy,
  startRedirectUpstream,
  type Answer,
  type CallOptions,
  type RedirectUpstream,
} from './support/transform-fixtures.js';
import { startUpstream, type TestUpstream } from './support/upstream.js';

/**
 * Claims transformation (issue 4) end to end: tokens from a real OpenID provider (or signed by its
 * key), a real gateway, and an echo upstream that reports exactly what it received. Covers the four
 * claims dictionaries with the seed's examples, forging attempts (headers, query), path traversal
 * through ChangeDownstreamPathTemplate, header-unsafe claim values, failures, OPTIONS preflights,
 * Upstream/DownstreamHeaderTransform, and what the configuration import refuses.
 */
describe('claims transforms', () => {
  const BASE_URL = 'http://gateway.example:8080';
  let db: TestDatabase;
  let upstream: TestUpstream;
  let redirector: RedirectUpstream;
  let idp: IdentityProvider;
  let gateway: TestGateway;
  let config: { Routes: Record<string, unknown>[]; GlobalConfiguration: Record<string, unknown>; AuthenticationProviders: unknown[] };
  let revision: number;
  /** A real token from the provider's token endpoint for the seed user (sub `usertypevalue|useridvalue`). */
  let seedToken: string;

  /** A token signed by the provider's key that it never issued: `aud: api1`, claims as given. */
  const mint = (claims: Record<string, unknown>): Promise<string> => idp.mintToken({ aud: 'api1', scope: 'api1', ...claims });
  const get = (path: string, options: CallOptions = {}): Promise<Answer> => call(`${gateway.proxyUrl}${path}`, options);

  beforeAll(async () => {
    db = await createTestDatabase();
    upstream = await startUpstream('echo');
    redirector = await startRedirectUpstream();
    idp = await startIdentityProvider({ clients: [SEED_CLIENT] });
    gateway = await startTestGateway(db.url);
    const up = upstream.port;
    config = {
      Routes: [
        // The seed's examples.
        route('/api/users/me/{everything}', '/api/users/{userId}/{everything}', up, {
          ...AUTHENTICATED,
          ChangeDownstreamPathTemplate: { userId: 'Claims[sub] > value[1] > |' },
        }),
        route('/headers', '/api/headers', up, {
          ...AUTHENTICATED,
          AddHeadersToRequest: {
            CustomerId: 'Claims[CustomerId] > value',
            UserType: 'Claims[sub] > value[0] > |',
            UserId: 'Claims[sub] > value[1] > |',
          },
        }),
        route('/queries', '/api/queries', up, { ...AUTHENTICATED, AddQueriesToRequest: { LocationId: 'Claims[LocationId] > value' } }),
        // Insertion order B, a, 10, 9; ASP.NET key order: numbers (numerically) first, then case-insensitive.
        route('/query-order', '/api/query-order', up, {
          ...AUTHENTICATED,
          AddQueriesToRequest: {
            B: 'Claims[CustomerId] > value',
            a: 'Claims[LocationId] > value',
            '10': 'Claims[sub] > value[1] > |',
            '9': 'Claims[sub] > value[0] > |',
          },
        }),
        // AddClaimsToRequest derives UserType before RouteClaimsRequirement is checked.
        route('/registered', '/api/registered', up, {
          ...AUTHENTICATED,
          AddClaimsToRequest: { UserType: 'Claims[sub] > value[0] > |' },
          RouteClaimsRequirement: { UserType: 'usertypevalue' },
        }),
        route('/registered-forwarded', '/api/registered-forwarded', up, {
          ...AUTHENTICATED,
          AddClaimsToRequest: { UserType: 'Claims[sub] > value[0] > |' },
          RouteClaimsRequirement: { UserType: 'usertypevalue' },
          AddHeadersToRequest: { 'X-User-Type': 'Claims[UserType] > value' },
        }),
        route('/registered-untransformed', '/api/registered-untransformed', up, {
          ...AUTHENTICATED,
          RouteClaimsRequirement: { UserType: 'usertypevalue' },
        }),
        // Any claim value, into each of the three places it can go downstream.
        route('/claim-path/me/{everything}', '/api/users/{userId}/{everything}', up, {
          ...AUTHENTICATED,
          ChangeDownstreamPathTemplate: { userId: 'Claims[uid] > value' },
        }),
        route('/claim-override/{userId}/x', '/api/users/{userId}/x', up, {
          ...AUTHENTICATED,
          ChangeDownstreamPathTemplate: { userId: 'Claims[uid] > value' },
        }),
        route('/claim-header', '/api/claim-header', up, { ...AUTHENTICATED, AddHeadersToRequest: { 'X-Claim': 'Claims[uid] > value' } }),
        route('/claim-query', '/api/claim-query', up, { ...AUTHENTICATED, AddQueriesToRequest: { n: 'Claims[uid] > value' } }),
        // Failures.
        route('/anonymous-claims', '/api/anonymous-claims', up, { AddHeadersToRequest: { X: 'Claims[sub] > value' } }),
        route('/stage-order/claims', '/api/stage-order/claims', up, {
          ...AUTHENTICATED,
          AddClaimsToRequest: { Derived: 'Claims[nope] > value' },
          AddHeadersToRequest: { 'X-Missing': 'Claims[nope] > value' },
        }),
        route('/stage-order/authorization', '/api/stage-order/authorization', up, {
          ...AUTHENTICATED,
          RouteClaimsRequirement: { UserType: 'nobody' },
          AddHeadersToRequest: { 'X-Missing': 'Claims[nope] > value' },
        }),
        route('/stage-order/downstream/{rest}', '/api/{p}/{rest}', up, {
          ...AUTHENTICATED,
          AddHeadersToRequest: { 'X-Missing': 'Claims[nope] > value' },
          AddQueriesToRequest: { q: 'Claims[nope] > value' },
          ChangeDownstreamPathTemplate: { p: 'Claims[nope] > value' },
        }),
        route('/stage-order/queries/{rest}', '/api/{p}/{rest}', up, {
          ...AUTHENTICATED,
          AddQueriesToRequest: { q: 'Claims[nope] > value' },
          ChangeDownstreamPathTemplate: { p: 'Claims[nope] > value' },
        }),
        // Header transforms.
        route('/upstream-transform', '/api/upstream-transform', up, {
          UpstreamHeaderTransform: {
            'X-Env': 'staging, production',
            'X-Spaced': 'a , b',
            'X-Set': 'fixed',
            'X-Client-Ip': '{RemoteIpAddress}',
            'X-Upstream-Host': '{UpstreamHost}',
            'X-Trace': '{TraceId}',
            'X-Base': '{BaseUrl}',
            Referer: 'http://internal.example, {BaseUrl}',
            'X-Global-Override': 'route',
          },
        }),
        route('/transform-after-auth', '/api/transform-after-auth', up, {
          ...AUTHENTICATED,
          UpstreamHeaderTransform: { Authorization: 'Bearer set-by-the-gateway' },
        }),
        route('/redirect/{everything}', '/redirect/{everything}', redirector.port, {
          DownstreamHeaderTransform: {
            Location: '{DownstreamBaseUrl}, {BaseUrl}',
            'X-Gateway': 'margay',
            'X-Existing': 'gateway',
            'X-Trace-Back': '{TraceId}',
          },
        }),
      ],
      GlobalConfiguration: {
        BaseUrl: BASE_URL,
        UpstreamHeaderTransform: { 'X-Global': 'global', 'X-Global-Override': 'global' },
      },
      AuthenticationProviders: [jwtBearerProvider(idp.issuer)],
    };
    ({ revision } = await gateway.putConfig(config));
    seedToken = await idp.getToken(SEED_CLIENT.clientId, { scope: 'api1', resource: RESOURCES.api1Jwt });
  });

  afterAll(async () => {
    await gateway?.stop();
    await upstream?.close();
    await redirector?.close();
    await idp?.close();
    await db?.drop();
  });

  describe('AddClaimsToRequest', () => {
    it('derives UserType from sub before authorization, so RouteClaimsRequirement is met (the token says "registered")', async () => {
      const seen = seenBy(await get('/registered', { token: seedToken }));
      expect(seen.path).toBe('/api/registered');
    });

    it('counter-case: without the transform the token claim "registered" fails RouteClaimsRequirement', async () => {
      expectGatewayError(await get('/registered-untransformed', { token: seedToken }), 403, 'claim_requirement_failed');
    });

    it('changes only what the gateway checks: the downstream gets no UserType header', async () => {
      const seen = seenBy(await get('/registered', { token: seedToken }));
      expect(seen.headers.usertype).toBeUndefined();
    });

    it('a later transform forwards the derived claim, not the token value', async () => {
      const seen = seenBy(await get('/registered-forwarded', { token: seedToken }));
      expect(seen.headers['x-user-type']).toBe('usertypevalue');
    });

    it('replaces the claim: a token whose sub yields another type is refused even though it also says "registered"', async () => {
      const token = await mint({ sub: 'guest|1', UserType: 'usertypevalue' });
      expectGatewayError(await get('/registered', { token }), 403, 'claim_requirement_failed');
    });
  });

  describe('AddHeadersToRequest', () => {
    it('sends CustomerId, UserType and UserId from the token (the seed example)', async () => {
      const seen = seenBy(await get('/headers', { token: seedToken }));
      expect({ customerid: seen.headers.customerid, usertype: seen.headers.usertype, userid: seen.headers.userid }).toEqual({
        customerid: '42',
        usertype: 'usertypevalue',
        userid: 'useridvalue',
      });
    });

    it.each<[string, Record<string, string | string[]>]>([
      ['CustomerId: evil', { CustomerId: 'evil' }],
      ['customerid: evil (lower case)', { customerid: 'evil' }],
      ['CUSTOMERID: evil (upper case)', { CUSTOMERID: 'evil' }],
      ['CustomerId sent twice', { CustomerId: ['evil', 'evil2'] }],
      ['every transformed header forged at once', { CustomerId: 'evil', UserType: 'admin', userid: ['0', '1'] }],
    ])('a client cannot forge the header: %s', async (_name, headers) => {
      const seen = seenBy(await get('/headers', { token: seedToken, headers }));
      expect({ customerid: seen.headers.customerid, usertype: seen.headers.usertype, userid: seen.headers.userid }).toEqual({
        customerid: '42',
        usertype: 'usertypevalue',
        userid: 'useridvalue',
      });
    });

    it('other client headers still pass', async () => {
      const seen = seenBy(await get('/headers', { token: seedToken, headers: { 'X-Other': 'kept' } }));
      expect(seen.headers['x-other']).toBe('kept');
    });

    it('passes a value with spaces and tabs (visible ASCII, space and tab are allowed)', async () => {
      const value = 'a b\tc ~!"#$%&()*+,;<=>?@[]^`{|}';
      const seen = seenBy(await get('/claim-header', { token: await mint({ sub: 'x', uid: value }) }));
      expect(seen.headers['x-claim']).toBe(value);
    });

    it.each<[string, string]>([
      ['CR LF (header injection)', 'a\r\nX-Injected: 1'],
      ['LF', 'a\nb'],
      ['CR', 'a\rb'],
      ['NUL', 'a\u0000b'],
      ['ESC (a control character)', 'a\u001bb'],
      ['DEL', 'a\u007fb'],
      ['é (non-ASCII that latin-1 would carry)', 'café'],
      ['a CJK character', 'a\u4e2db'],
      ['U+2028 line separator', 'a\u2028b'],
      ['an emoji', 'a\u{1F600}b'],
    ])('refuses a claim value with %s headed to a header: 403 invalid_claim_value, nothing sent downstream', async (_name, value) => {
      const token = await mint({ sub: 'x', uid: value });
      const before = upstream.seen.length;
      const answer = await get('/claim-header', { token });
      expectGatewayError(answer, 403, 'invalid_claim_value');
      expect(answer.headers['x-injected']).toBeUndefined();
      expect(upstream.seen.length).toBe(before);
    });
  });

  describe('AddQueriesToRequest', () => {
    it('appends LocationId from the token (the seed example)', async () => {
      const seen = seenBy(await get('/queries', { token: seedToken }));
      expect(seen.query).toBe('?LocationId=7');
    });

    it('keeps the client parameters in order with their duplicates, then appends the claim', async () => {
      const seen = seenBy(await get('/queries?a=1&b=2&b=3&a=4', { token: seedToken }));
      expect(seen.query).toBe('?a=1&b=2&b=3&a=4&LocationId=7');
    });

    it.each([
      ['?LocationId=evil', '?LocationId=7'],
      ['?LocationId=evil&LocationId=evil2', '?LocationId=7'],
      ['?x=1&LocationId=evil&y=2&LocationId=evil2', '?x=1&y=2&LocationId=7'],
      ['?LocationId=evil&x=1', '?x=1&LocationId=7'],
    ])('a client cannot forge the parameter: %s → %s', async (clientQuery, expected) => {
      const seen = seenBy(await get(`/queries${clientQuery}`, { token: seedToken }));
      expect(seen.query).toBe(expected);
    });

    it('appends entries in ASP.NET key order: numbers numerically first, then case-insensitive names', async () => {
      const seen = seenBy(await get('/query-order', { token: seedToken }));
      expect(seen.query).toBe('?9=usertypevalue&10=useridvalue&a=7&B=42');
    });

    it('percent-encodes the value (Margay; Ocelot does not): "a b&c" → a%20b%26c', async () => {
      const seen = seenBy(await get('/claim-query', { token: await mint({ sub: 'x', uid: 'a b&c' }) }));
      expect(seen.query).toBe('?n=a%20b%26c');
    });

    it.each<[string, string]>([
      ['parameter injection', 'x&admin=true'],
      ['= and #', 'k=v#frag'],
      ['a +, which form decoding reads as a space', '1+1'],
      ['CR LF', 'a\r\nb'],
      ['non-ASCII', 'café 中'],
      ['%, which must not be read as an escape', '100%25'],
    ])('%s: the value stays one parameter and decodes to exactly the claim', async (_name, value) => {
      const seen = seenBy(await get('/claim-query?keep=1', { token: await mint({ sub: 'x', uid: value }) }));
      const pairs = rawQueryPairs(seen.query);
      expect(pairs).toHaveLength(2);
      expect(pairs[0]).toBe('keep=1');
      expect(pairs[1]!.startsWith('n=')).toBe(true);
      const encoded = pairs[1]!.slice(2);
      expect(encoded).not.toMatch(/[=&#+ \s]|[^\x21-\x7e]/);
      expect(decodeURIComponent(encoded)).toBe(value);
      expect(new URLSearchParams(seen.query).getAll('n')).toEqual([value]);
    });
  });

  describe('ChangeDownstreamPathTemplate', () => {
    it('/api/users/me/{everything} → /api/users/{userId}/{everything} with userId from sub (the seed example)', async () => {
      const seen = seenBy(await get('/api/users/me/orders/5?x=1', { token: seedToken }));
      expect(seen.url).toBe('/api/users/useridvalue/orders/5?x=1');
    });

    it('overrides the value the client put in the upstream path', async () => {
      const seen = seenBy(await get('/claim-override/999/x', { token: await mint({ sub: 'x', uid: '123' }) }));
      expect(seen.url).toBe('/api/users/123/x');
    });

    it.each([['..'], ['.']])('claim %s (a dot segment) is refused: 403 invalid_claim_value, nothing sent downstream', async (value) => {
      const before = upstream.seen.length;
      const response = await get('/claim-path/me/orders', { token: await mint({ sub: 'x', uid: value }) });
      expect(response.status).toBe(403);
      expect(response.json).toMatchObject({ code: 'invalid_claim_value', transform: 'ChangeDownstreamPathTemplate', key: 'userId' });
      expect(upstream.seen.length).toBe(before);
    });

    it.each<[string, string, string | undefined]>([
      ['../admin', '../admin', undefined],
      ['../../etc/passwd', '../../etc/passwd', undefined],
      ['a/b', 'a/b', 'a%2Fb'],
      ['/admin (leading slash)', '/admin', '%2Fadmin'],
      ['%2F (already escaped slash)', '%2F', undefined],
      ['%2e%2e (escaped dots)', '%2e%2e', undefined],
      ['..%2F..%2Fadmin', '..%2F..%2Fadmin', undefined],
      ['?x=1', '?x=1', undefined],
      ['#frag', '#frag', undefined],
      ['..\\admin (backslash)', '..\\admin', undefined],
      ['a space', 'a b', undefined],
      ['non-ASCII', 'café', undefined],
      ['CR LF', 'a\r\nb', undefined],
    ])('claim %s stays inside one segment, never above /api/users/', async (_name, value, exact) => {
      const seen = seenBy(await get('/claim-path/me/orders', { token: await mint({ sub: 'x', uid: value }) }));
      expect(seen.query).toBe('');
      expect(seen.url).not.toMatch(/[#\\\s]/);
      const segments = seen.path.split('/');
      expect(segments.slice(0, 3)).toEqual(['', 'api', 'users']);
      expect(segments).toHaveLength(5);
      expect(segments[4]).toBe('orders');
      const segment = segments[3]!;
      expect(segment).toMatch(PATH_SEGMENT);
      expect(['.', '..']).not.toContain(segment);
      expect(decodeURIComponent(segment)).toBe(value);
      if (exact !== undefined) expect(segment.toUpperCase()).toBe(exact.toUpperCase());
    });
  });

  describe('failures', () => {
    it('a missing claim: 403 claim_transform_failed naming AddHeadersToRequest and CustomerId', async () => {
      const token = await mint({ sub: 'usertypevalue|useridvalue' });
      const before = upstream.seen.length;
      expectClaimTransformFailed(await get('/headers', { token }), 'AddHeadersToRequest', 'CustomerId');
      expect(upstream.seen.length).toBe(before);
    });

    it('an index out of range: 403 claim_transform_failed naming AddHeadersToRequest and UserId', async () => {
      const token = await mint({ sub: 'no-delimiter', CustomerId: '42' });
      expectClaimTransformFailed(await get('/headers', { token }), 'AddHeadersToRequest', 'UserId');
    });

    it('a missing claim for a query parameter names AddQueriesToRequest and LocationId', async () => {
      const token = await mint({ sub: 'usertypevalue|useridvalue', CustomerId: '42' });
      expectClaimTransformFailed(await get('/queries', { token }), 'AddQueriesToRequest', 'LocationId');
    });

    it('an index out of range for a path placeholder names ChangeDownstreamPathTemplate and userId', async () => {
      const token = await mint({ sub: 'no-delimiter' });
      expectClaimTransformFailed(await get('/api/users/me/orders', { token }), 'ChangeDownstreamPathTemplate', 'userId');
    });

    it('a missing claim for AddClaimsToRequest names AddClaimsToRequest and UserType', async () => {
      const token = await mint({ sub: undefined, UserType: 'usertypevalue' });
      expectClaimTransformFailed(await get('/registered', { token }), 'AddClaimsToRequest', 'UserType');
    });

    it('claims transforms on a route without authentication: 403 claim_transform_failed (no claims)', async () => {
      const before = upstream.seen.length;
      expectClaimTransformFailed(await get('/anonymous-claims'), 'AddHeadersToRequest', 'X');
      expect(upstream.seen.length).toBe(before);
    });

    it('... even when the client sends a valid token the route does not ask for', async () => {
      expectClaimTransformFailed(await get('/anonymous-claims', { token: seedToken }), 'AddHeadersToRequest', 'X');
    });

    it('authentication still comes first: no token → 401, not a transform failure', async () => {
      expectGatewayError(await get('/headers'), 401, 'unauthenticated');
    });

    it('stage order: AddClaimsToRequest fails before AddHeadersToRequest is tried', async () => {
      expectClaimTransformFailed(await get('/stage-order/claims', { token: seedToken }), 'AddClaimsToRequest', 'Derived');
    });

    it('stage order: RouteClaimsRequirement is checked before AddHeadersToRequest', async () => {
      expectGatewayError(await get('/stage-order/authorization', { token: seedToken }), 403, 'claim_requirement_failed');
    });

    it("stage order (Ocelot's): headers, then queries, then the path", async () => {
      expectClaimTransformFailed(await get('/stage-order/downstream/r', { token: seedToken }), 'AddHeadersToRequest', 'X-Missing');
      expectClaimTransformFailed(await get('/stage-order/queries/r', { token: seedToken }), 'AddQueriesToRequest', 'q');
    });
  });

  describe('OPTIONS preflight', () => {
    it('an unauthenticated OPTIONS skips AddHeadersToRequest and reaches the downstream (Margay; Ocelot answers 403)', async () => {
      const seen = seenBy(await get('/headers', { method: 'OPTIONS', headers: { origin: 'http://app.example', 'access-control-request-method': 'GET' } }));
      expect(seen.method).toBe('OPTIONS');
      expect(seen.headers.customerid).toBeUndefined();
      expect(seen.headers.userid).toBeUndefined();
    });

    it('skips AddQueriesToRequest too', async () => {
      const seen = seenBy(await get('/queries?x=1', { method: 'OPTIONS' }));
      expect(seen.url).toBe('/api/queries?x=1');
    });

    it('skips AddClaimsToRequest together with authorization', async () => {
      expect(seenBy(await get('/registered', { method: 'OPTIONS' })).method).toBe('OPTIONS');
    });

    it('on a route without authentication, OPTIONS is not refused for missing claims', async () => {
      expect(seenBy(await get('/anonymous-claims', { method: 'OPTIONS' })).method).toBe('OPTIONS');
    });

    it('GET on the same routes still runs the transforms (the preflight exemption is only for OPTIONS)', async () => {
      expectClaimTransformFailed(await get('/anonymous-claims'), 'AddHeadersToRequest', 'X');
    });
  });

  describe('UpstreamHeaderTransform', () => {
    it('find, replace: every occurrence replaced; the replacement is left-trimmed', async () => {
      const seen = seenBy(await get('/upstream-transform', { headers: { 'X-Env': 'staging-staging.example' } }));
      expect(seen.headers['x-env']).toBe('production-production.example');
    });

    it('find is not trimmed: "a , b" finds "a " only', async () => {
      const withSpace = seenBy(await get('/upstream-transform', { headers: { 'X-Spaced': 'a x' } }));
      expect(withSpace.headers['x-spaced']).toBe('bx');
      const without = seenBy(await get('/upstream-transform', { headers: { 'X-Spaced': 'ax' } }));
      expect(without.headers['x-spaced']).toBe('ax');
    });

    it('find, replace leaves a header the client did not send absent', async () => {
      const seen = seenBy(await get('/upstream-transform'));
      expect(seen.headers['x-env']).toBeUndefined();
    });

    it('find, replace with {BaseUrl} in the replacement', async () => {
      const seen = seenBy(await get('/upstream-transform', { headers: { Referer: 'http://internal.example/page' } }));
      expect(seen.headers.referer).toBe(`${BASE_URL}/page`);
    });

    it('a value without a comma sets the header, replacing what the client sent', async () => {
      expect(seenBy(await get('/upstream-transform')).headers['x-set']).toBe('fixed');
      expect(seenBy(await get('/upstream-transform', { headers: { 'X-Set': ['client', 'client2'] } })).headers['x-set']).toBe('fixed');
    });

    it('placeholders: {RemoteIpAddress}, {UpstreamHost}, {TraceId}, {BaseUrl}', async () => {
      const answer = await get('/upstream-transform', { headers: { host: 'api.example.test', 'x-request-id': 'trace-4242' } });
      const seen = seenBy(answer);
      expect({
        ip: seen.headers['x-client-ip'],
        host: seen.headers['x-upstream-host'],
        trace: seen.headers['x-trace'],
        base: seen.headers['x-base'],
      }).toEqual({ ip: '127.0.0.1', host: 'api.example.test', trace: 'trace-4242', base: BASE_URL });
    });

    it('{TraceId} is the generated request id when the client sends none', async () => {
      const answer = await get('/upstream-transform');
      expect(seenBy(answer).headers['x-trace']).toBe(requestIdOf(answer));
    });

    it('GlobalConfiguration transforms apply unless the route sets the same header', async () => {
      const seen = seenBy(await get('/upstream-transform'));
      expect({ global: seen.headers['x-global'], override: seen.headers['x-global-override'] }).toEqual({ global: 'global', override: 'route' });
      expect(seenBy(await get('/headers', { token: seedToken })).headers['x-global']).toBe('global');
    });

    it('authentication checks what the client sent; the transformed Authorization goes downstream', async () => {
      const seen = seenBy(await get('/transform-after-auth', { token: seedToken }));
      expect(seen.headers.authorization).toBe('Bearer set-by-the-gateway');
      expectGatewayError(await get('/transform-after-auth'), 401, 'unauthenticated');
    });
  });

  describe('DownstreamHeaderTransform', () => {
    it('"{DownstreamBaseUrl}, {BaseUrl}" rewrites a redirect to the gateway\'s base URL', async () => {
      const answer = await get('/redirect/next/step');
      expect(answer.status).toBe(302);
      expect(answer.headers.location).toBe(`${BASE_URL}/landing/next/step?q=1`);
    });

    it('leaves a Location that points elsewhere alone', async () => {
      const answer = await get('/redirect/away');
      expect(answer.status).toBe(302);
      expect(answer.headers.location).toBe('http://elsewhere.example/landing');
    });

    it('adds a header to the response; a header the downstream sent keeps its value', async () => {
      const answer = await get('/redirect/x');
      expect({ gateway: answer.headers['x-gateway'], existing: answer.headers['x-existing'] }).toEqual({ gateway: 'margay', existing: 'downstream' });
    });

    it('{TraceId} in a response header is the request id', async () => {
      const answer = await get('/redirect/x');
      expect(answer.headers['x-trace-back']).toBe(requestIdOf(answer));
    });
  });

  describe('configuration import', () => {
    const badRoute = (dictionary: string, key: string, expression: string, downstream = '/api/bad'): Record<string, unknown> =>
      route('/bad-route', downstream, upstream.port, { ...AUTHENTICATED, [dictionary]: { [key]: expression } });

    /** PUTs the live configuration with `bad` inserted at Routes[1]: the answer, and nothing else may change. */
    const importWith = async (bad: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> => {
      const response = await gateway.admin('PUT', '/api/v1/config/ocelot', { ...config, Routes: [config.Routes[0], bad, ...config.Routes.slice(1)] });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };

    const expectRefused = (answer: { status: number; body: Record<string, unknown> }, path: string, key: string): void => {
      expect({ status: answer.status, code: answer.body.code }, JSON.stringify(answer.body)).toEqual({ status: 400, code: 'invalid_config' });
      const errors = answer.body.errors as { path: string; message: string }[];
      expect(Array.isArray(errors)).toBe(true);
      const error = errors.find((candidate) => candidate.path === path);
      expect(error, JSON.stringify(errors)).toBeDefined();
      expect(error!.message).toContain(key);
      // Only the bad route is at fault.
      for (const other of errors) expect(other.path.startsWith('Routes[1]'), other.path).toBe(true);
    };

    it.each([
      ['AddClaimsToRequest', 'UserType'],
      ['AddHeadersToRequest', 'CustomerId'],
      ['AddQueriesToRequest', 'LocationId'],
      ['ChangeDownstreamPathTemplate', 'userId'],
    ])('refuses an invalid expression in %s with a path naming route, dictionary and key', async (dictionary, key) => {
      const downstream = dictionary === 'ChangeDownstreamPathTemplate' ? '/api/bad/{userId}' : '/api/bad';
      expectRefused(await importWith(badRoute(dictionary, key, 'Claims[CustomerId]', downstream)), `Routes[1].${dictionary}.${key}`, key);
    });

    it.each([
      ['empty', ''],
      ['no ">" (no instructions)', 'Claims[CustomerId]'],
      ['not for claims ("claims" in lower case)', 'claims[CustomerId] > value'],
      ['an index that is not a number', 'Claims[sub] > value[x] > |'],
    ])('refuses the expression %s', async (_name, expression) => {
      expectRefused(await importWith(badRoute('AddHeadersToRequest', 'CustomerId', expression)), 'Routes[1].AddHeadersToRequest.CustomerId', 'CustomerId');
    });

    it.each([
      ['not in the downstream template', '/api/bad', 'userId'],
      ['a case mismatch ({userId} vs UserId)', '/api/bad/{userId}', 'UserId'],
    ])('refuses a ChangeDownstreamPathTemplate key that is %s', async (_name, downstream, key) => {
      // (With a case mismatch {userId} is also left unfilled: a second error, on the same route.)
      const bad = badRoute('ChangeDownstreamPathTemplate', key, 'Claims[sub] > value', downstream);
      expectRefused(await importWith(bad), `Routes[1].ChangeDownstreamPathTemplate.${key}`, key);
    });

    it('saved nothing: the revision is unchanged and the routes still serve', async () => {
      const response = await gateway.admin('GET', '/api/v1/config/ocelot');
      expect(response.status).toBe(200);
      expect(response.headers.get('x-margay-revision')).toBe(String(revision));
      expect(seenBy(await get('/api/users/me/orders', { token: seedToken })).path).toBe('/api/users/useridvalue/orders');
    });
  });
});
