import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESOURCES, startIdentityProvider, type IdentityProvider } from './support/identity-provider.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { route, startTestGateway, TEST_ADMIN_TOKEN, type TestGateway } from './support/test-gateway.js';
import {
  AUTHENTICATED,
  SEED_CLIENT,
  call,
  expectClaimTransformFailed,
  expectGatewayError,
  headerOf,
  jwtBearerProvider,
  seenBy,
  type Answer,
} from './support/transform-fixtures.js';
import { startUpstream, type TestUpstream } from './support/upstream.js';

/** What `POST /api/v1/preview/transforms` answered. */
interface PreviewAnswer {
  status: number;
  body: Record<string, unknown>;
}

interface Forwarded {
  outcome: 'forwarded';
  claims: { type: string; value: string }[];
  headers: Record<string, string | string[]>;
  query: string;
  downstreamPath: string;
  downstreamUrl: string;
}

interface Refused {
  outcome: 'refused';
  status: number;
  error: { code: string; message: string; transform?: string; key?: string };
}

/** Headers that depend on the connection (who called, when), which a preview cannot know. */
const CONNECTION_HEADERS = new Set(['host', 'x-request-id', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'connection', 'content-length', 'traceparent']);

const SEED_CLAIMS = [
  { type: 'sub', value: 'usertypevalue|useridvalue' },
  { type: 'CustomerId', value: '42' },
  { type: 'LocationId', value: '7' },
  { type: 'UserType', value: 'registered' },
];

/** The token's payload re-encoded with changed claims and the original signature (so it no longer verifies). */
function tampered(token: string, changes: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const claims = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')), ...changes };
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

/**
 * The claims-transformation preview of the admin API: by route id and inline route, with claims or
 * a token, and proof that it runs the gateway's own pipeline: for the same token and request, the
 * preview's headers, query and downstream path are what the echo upstream receives, and its refusals
 * are the gateway's answers.
 */
describe('POST /api/v1/preview/transforms', () => {
  let db: TestDatabase;
  let upstream: TestUpstream;
  let idp: IdentityProvider;
  let gateway: TestGateway;
  let seedToken: string;
  const ids: Record<string, string> = {};

  const preview = async (body: unknown, headers?: Record<string, string>): Promise<PreviewAnswer> => {
    const response = await gateway.admin('POST', '/api/v1/preview/transforms', body, headers);
    const text = await response.text();
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      parsed = { unparsable: text };
    }
    return { status: response.status, body: parsed };
  };
  const forwarded = (answer: PreviewAnswer): Forwarded => {
    expect({ status: answer.status, outcome: answer.body.outcome }, JSON.stringify(answer.body)).toEqual({ status: 200, outcome: 'forwarded' });
    return answer.body as unknown as Forwarded;
  };
  const refused = (answer: PreviewAnswer): Refused => {
    expect({ status: answer.status, outcome: answer.body.outcome }, JSON.stringify(answer.body)).toEqual({ status: 200, outcome: 'refused' });
    return answer.body as unknown as Refused;
  };
  const mint = (claims: Record<string, unknown>): Promise<string> => idp.mintToken({ aud: 'api1', scope: 'api1', ...claims });
  const through = (path: string, token?: string, headers?: Record<string, string>): Promise<Answer> =>
    call(`${gateway.proxyUrl}${path}`, { token, headers });

  /** The preview and the gateway agree on a refusal: same status, code, transform and key. */
  const expectSameRefusal = (result: Refused, answer: Answer): void => {
    expect(answer.status).toBe(result.status);
    expect(typeof result.error.message).toBe('string');
    const gatewayError = answer.json ?? {};
    expect({ code: result.error.code, transform: result.error.transform, key: result.error.key }).toEqual({
      code: gatewayError.code,
      transform: gatewayError.transform,
      key: gatewayError.key,
    });
  };

  const inlineRoute = (extra: Record<string, unknown> = {}): Record<string, unknown> =>
    route('/api/users/me/{everything}', '/api/users/{userId}/{everything}', 9, {
      ...AUTHENTICATED,
      ChangeDownstreamPathTemplate: { userId: 'Claims[sub] > value[1] > |' },
      AddHeadersToRequest: { CustomerId: 'Claims[CustomerId] > value' },
      AddQueriesToRequest: { LocationId: 'Claims[LocationId] > value' },
      ...extra,
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    upstream = await startUpstream('echo');
    idp = await startIdentityProvider({ clients: [SEED_CLIENT] });
    gateway = await startTestGateway(db.url);
    const up = upstream.port;
    await gateway.putConfig({
      Routes: [
        route('/api/users/me/{everything}', '/api/users/{userId}/{everything}', up, {
          ...AUTHENTICATED,
          AddClaimsToRequest: { UserType: 'Claims[sub] > value[0] > |' },
          RouteClaimsRequirement: { UserType: 'usertypevalue' },
          AddHeadersToRequest: { CustomerId: 'Claims[CustomerId] > value', 'X-User-Type': 'Claims[UserType] > value' },
          AddQueriesToRequest: { LocationId: 'Claims[LocationId] > value' },
          ChangeDownstreamPathTemplate: { userId: 'Claims[sub] > value[1] > |' },
        }),
        route('/static', '/api/static', up, {
          ...AUTHENTICATED,
          AddHeadersToRequest: { CustomerId: 'Claims[CustomerId] > value' },
          UpstreamHeaderTransform: { 'X-Static': 'fixed' },
        }),
        route('/requires-admin', '/api/requires-admin', up, {
          ...AUTHENTICATED,
          RouteClaimsRequirement: { role: 'admin' },
          AddHeadersToRequest: { CustomerId: 'Claims[CustomerId] > value' },
        }),
      ],
      GlobalConfiguration: {},
      AuthenticationProviders: [jwtBearerProvider(idp.issuer)],
    });
    const response = await gateway.admin('GET', '/api/v1/routes');
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as { data: { id: string; route: { UpstreamPathTemplate: string } }[] };
    for (const stored of data) ids[stored.route.UpstreamPathTemplate] = stored.id;
    expect(Object.keys(ids)).toHaveLength(3);
    seedToken = await idp.getToken(SEED_CLIENT.clientId, { scope: 'api1', resource: RESOURCES.api1Jwt });
  });

  afterAll(async () => {
    await gateway?.stop();
    await upstream?.close();
    await idp?.close();
    await db?.drop();
  });

  describe('forwarded', () => {
    it('by routeId with claims: headers, query, downstream path and URL; the default path is the template with {name} → name; nothing is sent downstream', async () => {
      const before = upstream.seen.length;
      const result = forwarded(await preview({ routeId: ids['/api/users/me/{everything}'], claims: SEED_CLAIMS }));
      expect({ customerId: headerOf(result.headers, 'CustomerId'), userType: headerOf(result.headers, 'X-User-Type') }).toEqual({
        customerId: '42',
        userType: 'usertypevalue',
      });
      expect(result.query).toBe('?LocationId=7');
      expect(result.downstreamPath).toBe('/api/users/useridvalue/everything');
      expect(result.downstreamUrl).toBe(`http://127.0.0.1:${upstream.port}/api/users/useridvalue/everything?LocationId=7`);
      expect(Array.isArray(result.claims)).toBe(true);
      expect(result.claims).toContainEqual({ type: 'CustomerId', value: '42' });
      expect(upstream.seen.length).toBe(before);
    });

    it('by routeId with a token: the answer is what the downstream receives for the same request through the gateway', async () => {
      const request = {
        method: 'GET',
        path: '/api/users/me/orders/5',
        query: 'a=1&LocationId=evil&a=2',
        headers: { CustomerId: 'evil', 'X-Client': 'kept' },
      };
      const result = forwarded(await preview({ routeId: ids['/api/users/me/{everything}'], token: seedToken, request }));
      const seen = seenBy(await through(`${request.path}?${request.query}`, seedToken, request.headers));
      expect(seen.url).toBe('/api/users/useridvalue/orders/5?a=1&a=2&LocationId=7');
      expect({ customerId: seen.headers.customerid, userType: seen.headers['x-user-type'], client: seen.headers['x-client'] }).toEqual({
        customerId: '42',
        userType: 'usertypevalue',
        client: 'kept',
      });
      expect({ path: result.downstreamPath, query: result.query }).toEqual({ path: seen.path, query: seen.query });
      expect(result.downstreamUrl).toBe(`http://127.0.0.1:${upstream.port}${seen.url}`);
      expect({ customerId: headerOf(result.headers, 'CustomerId'), userType: headerOf(result.headers, 'X-User-Type'), client: headerOf(result.headers, 'X-Client') }).toEqual({
        customerId: seen.headers.customerid,
        userType: seen.headers['x-user-type'],
        client: seen.headers['x-client'],
      });
      for (const [name, value] of Object.entries(result.headers)) {
        if (CONNECTION_HEADERS.has(name.toLowerCase())) continue;
        expect(seen.headers[name.toLowerCase()], `header ${name}`).toBe(Array.isArray(value) ? value.join(', ') : value);
      }
      // The token was decoded: its claims are listed.
      expect(result.claims).toContainEqual({ type: 'CustomerId', value: '42' });
    });

    it('verify: true with a real token gives the same answer', async () => {
      const request = { path: '/api/users/me/orders', query: 'x=1' };
      const unverified = forwarded(await preview({ routeId: ids['/api/users/me/{everything}'], token: seedToken, request }));
      const verified = forwarded(await preview({ routeId: ids['/api/users/me/{everything}'], token: seedToken, verify: true, request }));
      expect({ headers: verified.headers, query: verified.query, path: verified.downstreamPath }).toEqual({
        headers: unverified.headers,
        query: unverified.query,
        path: unverified.downstreamPath,
      });
      expect(verified.downstreamUrl).toBe(`http://127.0.0.1:${upstream.port}/api/users/useridvalue/orders?x=1&LocationId=7`);
    });

    it('without verify a token is only decoded: a tampered token\'s claims are used', async () => {
      const token = tampered(seedToken, { CustomerId: '999' });
      const result = forwarded(await preview({ routeId: ids['/api/users/me/{everything}'], token }));
      expect(headerOf(result.headers, 'CustomerId')).toBe('999');
    });

    it('UpstreamHeaderTransform is applied as the gateway applies it', async () => {
      const result = forwarded(await preview({ routeId: ids['/static'], token: seedToken, request: { headers: { 'X-Static': 'client' } } }));
      const seen = seenBy(await through('/static', seedToken, { 'X-Static': 'client' }));
      expect(seen.headers['x-static']).toBe('fixed');
      expect(headerOf(result.headers, 'X-Static')).toBe('fixed');
      expect(result.downstreamPath).toBe(seen.path);
    });

    it('an inline route with claims: its own downstream, nothing contacted', async () => {
      const result = forwarded(await preview({ route: inlineRoute(), claims: SEED_CLAIMS, request: { path: '/api/users/me/a/b', query: 'LocationId=evil&z=1' } }));
      expect(result.downstreamPath).toBe('/api/users/useridvalue/a/b');
      expect(result.query).toBe('?z=1&LocationId=7');
      expect(result.downstreamUrl).toBe('http://127.0.0.1:9/api/users/useridvalue/a/b?z=1&LocationId=7');
      expect(headerOf(result.headers, 'CustomerId')).toBe('42');
    });

    it('an inline route takes the default path from its UpstreamPathTemplate', async () => {
      const result = forwarded(await preview({ route: inlineRoute(), claims: SEED_CLAIMS }));
      expect(result.downstreamPath).toBe('/api/users/useridvalue/everything');
    });

    it('a claim headed to the path is encoded as one segment, as the gateway does', async () => {
      const claims = [{ type: 'sub', value: 'usertypevalue|a/b' }, ...SEED_CLAIMS.filter((claim) => claim.type !== 'sub')];
      const result = forwarded(await preview({ route: inlineRoute(), claims, request: { path: '/api/users/me/orders' } }));
      expect(result.downstreamPath).toBe('/api/users/a%2Fb/orders');
    });
  });

  describe('refused, exactly as the gateway answers', () => {
    it('verify: true with a token whose signature does not verify: 401 invalid_token', async () => {
      const token = tampered(seedToken, { CustomerId: '999' });
      const result = refused(await preview({ routeId: ids['/api/users/me/{everything}'], token, verify: true }));
      expect({ status: result.status, code: result.error.code }).toEqual({ status: 401, code: 'invalid_token' });
      expectGatewayError(await through('/api/users/me/everything', token), 401, 'invalid_token');
    });

    it('verify: true with a token for another audience: 401 invalid_token', async () => {
      const token = await idp.mintToken({ aud: 'someone-else', sub: 'usertypevalue|useridvalue', CustomerId: '42', LocationId: '7' });
      const result = refused(await preview({ routeId: ids['/api/users/me/{everything}'], token, verify: true }));
      expect({ status: result.status, code: result.error.code }).toEqual({ status: 401, code: 'invalid_token' });
      expectGatewayError(await through('/api/users/me/everything', token), 401, 'invalid_token');
    });

    it('a missing claim: 403 claim_transform_failed naming AddHeadersToRequest and CustomerId', async () => {
      const token = await mint({ sub: 'usertypevalue|useridvalue', LocationId: '7' });
      const result = refused(await preview({ routeId: ids['/api/users/me/{everything}'], token }));
      expect(result.status).toBe(403);
      expect(result.error).toMatchObject({ code: 'claim_transform_failed', transform: 'AddHeadersToRequest', key: 'CustomerId' });
      const answer = await through('/api/users/me/everything', token);
      expectClaimTransformFailed(answer, 'AddHeadersToRequest', 'CustomerId');
      expectSameRefusal(result, answer);
    });

    it('a missing claim given as claims (no token) is refused the same way', async () => {
      const result = refused(await preview({ routeId: ids['/api/users/me/{everything}'], claims: SEED_CLAIMS.filter((claim) => claim.type !== 'LocationId') }));
      expect(result.status).toBe(403);
      expect(result.error).toMatchObject({ code: 'claim_transform_failed', transform: 'AddQueriesToRequest', key: 'LocationId' });
    });

    it('an index out of range: the preview agrees with the gateway, and names ChangeDownstreamPathTemplate and userId where the path step is reached', async () => {
      const token = await mint({ sub: 'nodelimiter', CustomerId: '42', LocationId: '7' });
      // sub "nodelimiter" gives UserType "nodelimiter": authorization refuses before the path step.
      const result = refused(await preview({ routeId: ids['/api/users/me/{everything}'], token }));
      const answer = await through('/api/users/me/everything', token);
      expectGatewayError(answer, 403, 'claim_requirement_failed');
      expectSameRefusal(result, answer);
      const inline = refused(await preview({ route: inlineRoute(), token }));
      expect(inline.status).toBe(403);
      expect(inline.error).toMatchObject({ code: 'claim_transform_failed', transform: 'ChangeDownstreamPathTemplate', key: 'userId' });
    });

    it('RouteClaimsRequirement not met: 403 claim_requirement_failed', async () => {
      const result = refused(await preview({ routeId: ids['/requires-admin'], token: seedToken }));
      const answer = await through('/requires-admin', seedToken);
      expectGatewayError(answer, 403, 'claim_requirement_failed');
      expectSameRefusal(result, answer);
    });

    it('a claim value with CR LF headed to a header: 403 invalid_claim_value', async () => {
      const token = await mint({ sub: 'usertypevalue|useridvalue', CustomerId: '42\r\nX-Injected: 1', LocationId: '7' });
      const result = refused(await preview({ routeId: ids['/api/users/me/{everything}'], token }));
      const answer = await through('/api/users/me/everything', token);
      expectGatewayError(answer, 403, 'invalid_claim_value');
      expectSameRefusal(result, answer);
    });
  });

  describe('errors of the preview itself', () => {
    it.each<[string, (routeId: string) => unknown, RegExp]>([
      ['neither routeId nor route', () => ({ claims: SEED_CLAIMS }), /route/i],
      ['both routeId and route', (routeId) => ({ routeId, route: inlineRoute(), claims: SEED_CLAIMS }), /route/i],
      ['routeId that is not a string', () => ({ routeId: 42, claims: SEED_CLAIMS }), /routeId/],
      ['route that is not an object', () => ({ route: '/api/users', claims: SEED_CLAIMS }), /route/],
      ['claims that is not an array', (routeId) => ({ routeId, claims: 'sub=1' }), /claims/],
      ['a claim without a value', (routeId) => ({ routeId, claims: [{ type: 'sub' }] }), /claim|value/i],
      ['a claim whose type is not a string', (routeId) => ({ routeId, claims: [{ type: 1, value: 'x' }] }), /claim|type/i],
      ['token that is not a string', (routeId) => ({ routeId, token: 42 }), /token/],
      ['verify that is not a boolean', (routeId) => ({ routeId, claims: SEED_CLAIMS, verify: 'yes' }), /verify/],
      ['request.path that is not a string', (routeId) => ({ routeId, claims: SEED_CLAIMS, request: { path: 42 } }), /path/],
      ['request.method that is not a string', (routeId) => ({ routeId, claims: SEED_CLAIMS, request: { method: 7 } }), /method/],
      ['request.headers that is not an object', (routeId) => ({ routeId, claims: SEED_CLAIMS, request: { headers: ['x'] } }), /headers/],
      ['a body that is an array', () => [], /body|object/i],
      ['a body that is not JSON', () => '{"routeId":', /JSON/i],
    ])('400 invalid_preview: %s', async (_name, body, mentions) => {
      const answer = await preview(body(ids['/api/users/me/{everything}']!));
      expect({ status: answer.status, code: answer.body.code }, JSON.stringify(answer.body)).toEqual({ status: 400, code: 'invalid_preview' });
      expect(answer.body.message).toMatch(mentions);
    });

    it('404 route_not_found for an unknown routeId', async () => {
      const answer = await preview({ routeId: '00000000-0000-4000-8000-000000000000', claims: SEED_CLAIMS });
      expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 404, code: 'route_not_found' });
    });

    it('400 invalid_config with errors for an invalid inline route', async () => {
      const answer = await preview({ route: inlineRoute({ AddHeadersToRequest: { CustomerId: 'Claims[CustomerId]' } }), claims: SEED_CLAIMS });
      expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 400, code: 'invalid_config' });
      const errors = answer.body.errors as { path: string; message: string }[];
      expect(errors.some((error) => error.path.endsWith('AddHeadersToRequest.CustomerId')), JSON.stringify(errors)).toBe(true);
    });

    it('400 invalid_config for an inline ChangeDownstreamPathTemplate key that is not a downstream placeholder', async () => {
      const answer = await preview({ route: inlineRoute({ ChangeDownstreamPathTemplate: { userId: 'Claims[sub] > value[1] > |', tenant: 'Claims[sub] > value' } }), claims: SEED_CLAIMS });
      expect({ status: answer.status, code: answer.body.code }).toEqual({ status: 400, code: 'invalid_config' });
      const errors = answer.body.errors as { path: string; message: string }[];
      expect(errors.some((error) => error.path.endsWith('ChangeDownstreamPathTemplate.tenant')), JSON.stringify(errors)).toBe(true);
    });

    it('401 without the admin token, and with a wrong one', async () => {
      const body = JSON.stringify({ routeId: ids['/api/users/me/{everything}'], claims: SEED_CLAIMS });
      const url = `${gateway.adminUrl}/api/v1/preview/transforms`;
      const anonymous = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(10_000) });
      expect(anonymous.status).toBe(401);
      expect(((await anonymous.json()) as { outcome?: string }).outcome).toBeUndefined();
      const wrong = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}-not` },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      expect(wrong.status).toBe(401);
    });
  });
});
