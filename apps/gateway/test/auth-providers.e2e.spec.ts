import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTERED_CLIENT, RESOURCES, newSigningKey, startIdentityProvider, type IdentityProvider } from './support/identity-provider.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { route, startTestGateway, type TestGateway } from './support/test-gateway.js';
import { bearer, expectForwarded, expectInvalidToken, send, type Answer } from './support/tokens.js';
import { startUpstream, type TestUpstream } from './support/upstream.js';
import { exchange, refusal, startEchoServer, type EchoServer } from './support/ws-echo.js';

/**
 * Several providers on one route (tried in order, the first that accepts wins), a provider edited
 * live through the admin API, and WebSocket upgrades on an authenticated route.
 */
describe('authentication providers', () => {
  let db: TestDatabase;
  let upstream: TestUpstream;
  let echo: EchoServer;
  let first: IdentityProvider;
  let second: IdentityProvider;
  let gateway: TestGateway;

  const get = (path: string, token?: string): Promise<Answer> => send(`${gateway.proxyUrl}${path}`, { token });
  const identityServer = (Key: string, idp: IdentityProvider, extra: Record<string, unknown> = {}) => ({
    Key, Type: 'IdentityServer', Authority: idp.issuer, ApiName: 'api1', ApiSecret: 'secret',
    SupportedTokens: 'Both', RequireHttpsMetadata: false, ClockSkewSeconds: 0, ...extra,
  });
  const jwtBearer = (Key: string, idp: IdentityProvider, Audience: string) => ({
    Key, Type: 'JwtBearer', Authority: idp.issuer, Audience, RequireHttpsMetadata: false, ClockSkewSeconds: 0,
  });
  const reference = (idp: IdentityProvider) => idp.getToken(REGISTERED_CLIENT.clientId, { scope: 'api1', resource: RESOURCES.api1Reference });
  const jwtFor = (idp: IdentityProvider, resource: string, scope: string) => idp.getToken(REGISTERED_CLIENT.clientId, { scope, resource });

  /** Routes and providers of this suite; `live` is the provider the live-edit tests change. */
  const config = (live: Record<string, unknown>) => ({
    Routes: [
      route('/first-or-second', '/api/first-or-second', upstream.port, { AuthenticationOptions: { AuthenticationProviderKeys: ['First', 'Second'] } }),
      route('/order/first-then-second', '/api/order', upstream.port, { AuthenticationOptions: { AuthenticationProviderKeys: ['FirstRef', 'SecondRef'] } }),
      route('/order/second-then-first', '/api/order', upstream.port, { AuthenticationOptions: { AuthenticationProviderKeys: ['SecondRef', 'FirstRef'] } }),
      route('/order/key-before-keys', '/api/order', upstream.port, { AuthenticationOptions: { AuthenticationProviderKey: 'SecondRef', AuthenticationProviderKeys: ['FirstRef'] } }),
      route('/live', '/api/live', upstream.port, { AuthenticationOptions: { AuthenticationProviderKeys: ['Live'] } }),
      route('/chat/{room}', '/ws/{room}', echo.port, { DownstreamScheme: 'ws', AuthenticationOptions: { AuthenticationProviderKeys: ['First'], AllowedScopes: ['api1'] } }),
    ],
    GlobalConfiguration: {},
    AuthenticationProviders: [
      identityServer('First', first, { SupportedTokens: 'Jwt', ApiSecret: undefined }),
      identityServer('Second', second, { SupportedTokens: 'Jwt', ApiSecret: undefined }),
      identityServer('FirstRef', first, { SupportedTokens: 'Reference' }),
      identityServer('SecondRef', second, { SupportedTokens: 'Reference' }),
      live,
    ],
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    upstream = await startUpstream();
    echo = await startEchoServer();
    [first, second] = await Promise.all([startIdentityProvider(), startIdentityProvider()]);
    gateway = await startTestGateway(db.url);
    await gateway.putConfig(config(jwtBearer('Live', first, 'api2')));
  });

  afterAll(async () => {
    await gateway?.stop();
    await Promise.all([first?.close(), second?.close()]);
    await echo?.close();
    await upstream?.close();
    await db?.drop();
  });

  describe('several providers on one route', () => {
    it('the first provider refuses, the second accepts → 200', async () => {
      expectForwarded(await get('/first-or-second', await jwtFor(second, RESOURCES.api1Jwt, 'api1')));
    });

    it('the first provider accepts → 200', async () => {
      expectForwarded(await get('/first-or-second', await jwtFor(first, RESOURCES.api1Jwt, 'api1')));
    });

    it('no provider accepts → 401 invalid_token', async () => {
      const foreign = await first.mintToken({ aud: 'api1' }, { key: (await newSigningKey()).privateKey });
      expectInvalidToken(await get('/first-or-second', foreign));
    });

    // Reference tokens make the order observable: each provider tried asks its own authority.
    it('AuthenticationProviderKeys are tried in order: when the first accepts, the second is never asked', async () => {
      const token = await reference(first);
      first.resetCounts();
      second.resetCounts();
      expectForwarded(await get('/order/first-then-second', token));
      expect({ first: first.counts.introspection, second: second.counts.introspection }).toEqual({ first: 1, second: 0 });
    });

    it('AuthenticationProviderKeys in the other order: the second is asked first, refuses, then the first accepts', async () => {
      const token = await reference(first);
      first.resetCounts();
      second.resetCounts();
      expectForwarded(await get('/order/second-then-first', token));
      expect({ first: first.counts.introspection, second: second.counts.introspection }).toEqual({ first: 1, second: 1 });
    });

    it('AuthenticationProviderKey is tried before AuthenticationProviderKeys', async () => {
      const token = await reference(second);
      first.resetCounts();
      second.resetCounts();
      expectForwarded(await get('/order/key-before-keys', token));
      expect({ first: first.counts.introspection, second: second.counts.introspection }).toEqual({ first: 0, second: 1 });
    });
  });

  describe('a provider edited live through the admin API takes effect on the next request, without a restart', () => {
    let api2: string;
    let api3: string;

    beforeAll(async () => {
      api2 = await jwtFor(first, RESOURCES.api2Jwt, 'api2');
      api3 = await jwtFor(first, RESOURCES.api3Jwt, 'api3');
    });

    it('Audience api2: a token for api2 → 200, for api3 → 401', async () => {
      expectForwarded(await get('/live', api2));
      expectInvalidToken(await get('/live', api3));
    });

    it('PUT Audience api3: the api2 token, accepted a moment ago, → 401; the api3 token → 200', async () => {
      await gateway.putConfig(config(jwtBearer('Live', first, 'api3')));
      expectInvalidToken(await get('/live', api2));
      expectForwarded(await get('/live', api3));
    });

    it('PUT another Authority: tokens of the old authority → 401, of the new one → 200', async () => {
      await gateway.putConfig(config(jwtBearer('Live', second, 'api3')));
      expectInvalidToken(await get('/live', api3));
      expectForwarded(await get('/live', await jwtFor(second, RESOURCES.api3Jwt, 'api3')));
    });
  });

  describe('WebSocket upgrade on an authenticated route', () => {
    const wsUrl = () => `${gateway.proxyUrl.replace('http://', 'ws://')}/chat/lobby`;

    it('without a token the upgrade is refused: 401 unauthenticated as JSON', async () => {
      const refused = await refusal(wsUrl(), {});
      expect(refused.status).toBe(401);
      expect(JSON.parse(refused.body)).toMatchObject({ code: 'unauthenticated' });
    });

    it('with an invalid token: 401 invalid_token', async () => {
      const refused = await refusal(wsUrl(), bearer('garbage'));
      expect(refused.status).toBe(401);
      expect(JSON.parse(refused.body)).toMatchObject({ code: 'invalid_token' });
    });

    it('with a valid token lacking the allowed scope: 403 scope_not_allowed', async () => {
      const refused = await refusal(wsUrl(), bearer(await first.mintToken({ aud: 'api1', scope: 'other' })));
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.body)).toMatchObject({ code: 'scope_not_allowed' });
    });

    it('with a valid token the upgrade is proxied both ways, Authorization forwarded', async () => {
      const token = await jwtFor(first, RESOURCES.api1Jwt, 'api1');
      expect(await exchange(wsUrl(), 'hello', bearer(token))).toBe('/ws/lobby hello');
      expect(echo.headers.at(-1)!.authorization).toBe(`Bearer ${token}`);
    });
  });
});



