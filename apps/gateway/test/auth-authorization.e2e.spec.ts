import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUEST_CLIENT, REGISTERED_CLIENT, RESOURCES, startIdentityProvider, type IdentityProvider } from './support/identity-provider.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { route, startTestGateway, type TestGateway } from './support/test-gateway.js';
import {
  expectClaimRequirementFailed,
  expectForwarded,
  expectInsufficientScope,
  expectInvalidToken,
  expectUnauthenticated,
  send,
  type Answer,
} from './support/tokens.js';
import { startUpstream, type TestUpstream } from './support/upstream.js';

/**
 * Authorization after authentication, through a real gateway: AllowedScopes (`scope` string or
 * array, and `scp`), RouteClaimsRequirement (exact, any-of arrays, {placeholders}, missing claims),
 * global AuthenticationOptions with AllowAnonymous, OPTIONS, and the ApiSecret never read back.
 */
describe('authorization', () => {
  let db: TestDatabase;
  let upstream: TestUpstream;
  let idp: IdentityProvider;
  let gateway: TestGateway;
  /** A real token of the registered client: UserType registered, CustomerId 42, role [admin, editor]. */
  let registered: string;
  /** A real token of the guest client: UserType guest, CustomerId 7, role [viewer], scope other only. */
  let guest: string;

  const get = (path: string, token?: string, method = 'GET'): Promise<Answer> => send(`${gateway.proxyUrl}${path}`, { token, method });
  const mint = (claims: Record<string, unknown>) => idp.mintToken({ aud: 'api1', sub: 'someone|1', ...claims });
  const provider = () => ({
    Key: 'TestKey', Type: 'IdentityServer', Authority: idp.issuer, ApiName: 'api1', ApiSecret: 'secret',
    SupportedTokens: 'Both', RequireHttpsMetadata: false, ClockSkewSeconds: 0,
  });
  const authenticated = (extra: Record<string, unknown> = {}) => ({ AuthenticationOptions: { AuthenticationProviderKeys: ['TestKey'] }, ...extra });

  beforeAll(async () => {
    db = await createTestDatabase();
    upstream = await startUpstream();
    idp = await startIdentityProvider();
    gateway = await startTestGateway(db.url);
    await gateway.putConfig({
      Routes: [
        route('/values', '/api/values', upstream.port, { AuthenticationOptions: { AuthenticationProviderKey: 'TestKey', AllowedScopes: ['api1'] } }),
        route('/scoped', '/api/scoped', upstream.port, { AuthenticationOptions: { AuthenticationProviderKeys: ['TestKey'], AllowedScopes: ['api1.read', 'api1.write'] } }),
        route('/claims/exact', '/api/exact', upstream.port, authenticated({ RouteClaimsRequirement: { UserType: 'registered' } })),
        route('/claims/any-of', '/api/any-of', upstream.port, authenticated({ RouteClaimsRequirement: { role: ['admin', 'editor'] } })),
        route('/claims/all', '/api/all', upstream.port, authenticated({ RouteClaimsRequirement: { UserType: 'registered', role: ['admin', 'editor'] } })),
        route('/claims/missing', '/api/missing', upstream.port, authenticated({ RouteClaimsRequirement: { Department: 'sales' } })),
        route('/customers/{customerId}/orders', '/api/customers/{customerId}/orders', upstream.port, authenticated({ RouteClaimsRequirement: { CustomerId: '{customerId}' } })),
        route('/anonymous-with-claims', '/api/anonymous-with-claims', upstream.port, { RouteClaimsRequirement: { role: 'admin' } }),
      ],
      GlobalConfiguration: {},
      AuthenticationProviders: [provider()],
    });
    registered = await idp.getToken(REGISTERED_CLIENT.clientId, { scope: 'api1 api1.read', resource: RESOURCES.api1Jwt });
    guest = await idp.getToken(GUEST_CLIENT.clientId, { scope: 'other', resource: RESOURCES.api1Jwt });
  });

  afterAll(async () => {
    await gateway?.stop();
    await idp?.close();
    await upstream?.close();
    await db?.drop();
  });

  describe('AllowedScopes [api1.read, api1.write]: any overlap passes; scopes from `scope` (string or array) and `scp`', () => {
    const accepted: [string, Record<string, unknown>][] = [
      ['scope string, space-separated', { scope: 'other api1.read' }],
      ['scope string with extra spaces', { scope: '  other   api1.write  ' }],
      ['scope array', { scope: ['other', 'api1.write'] }],
      ['scp string (Azure AD), space-separated', { scope: undefined, scp: 'User.Read api1.read' }],
      ['scp array', { scope: undefined, scp: ['api1.write'] }],
      ['scope without a match but scp with one', { scope: 'other', scp: 'api1.read' }],
    ];
    it.each(accepted)('200 with %s', async (_name, claims) => {
      expectForwarded(await get('/scoped', await mint({ scope: 'api1', ...claims })));
    });

    const refused: [string, Record<string, unknown>][] = [
      ['no scope claim at all', { scope: undefined }],
      ['a scope outside the list (api1)', { scope: 'api1' }],
      ['a scope differing only in case (API1.READ)', { scope: 'API1.READ' }],
      ['a scope that merely starts with an allowed one (api1.readwrite)', { scope: 'api1.readwrite' }],
      ['an array of scopes none of which is allowed', { scope: ['api1', 'other'] }],
      ['scp without a match', { scope: undefined, scp: 'User.Read' }],
    ];
    it.each(refused)('403 scope_not_allowed with insufficient_scope and the allowed scopes for %s', async (_name, claims) => {
      expectInsufficientScope(await get('/scoped', await mint({ scope: 'api1', ...claims })), ['api1.read', 'api1.write']);
    });

    it('a real token: api1 scope passes /values, the guest (scope other) does not', async () => {
      expectForwarded(await get('/values', registered));
      expectInsufficientScope(await get('/values', guest), ['api1']);
    });
  });

  describe('RouteClaimsRequirement → 403 claim_requirement_failed when not met', () => {
    it('exact value: the registered user passes; guest, a different case and a missing claim do not', async () => {
      expectForwarded(await get('/claims/exact', registered));
      expectClaimRequirementFailed(await get('/claims/exact', guest));
      expectClaimRequirementFailed(await get('/claims/exact', await mint({ UserType: 'Registered' })));
      expectClaimRequirementFailed(await get('/claims/exact', await mint({})));
    });

    it('exact value: a claim array passes when one of its values is equal', async () => {
      expectForwarded(await get('/claims/exact', await mint({ UserType: ['guest', 'registered'] })));
    });

    it('array requirement (Margay): any one of its values passes', async () => {
      expectForwarded(await get('/claims/any-of', await mint({ role: 'editor' })));
      expectForwarded(await get('/claims/any-of', await mint({ role: ['viewer', 'admin'] })));
      expectForwarded(await get('/claims/any-of', registered));
    });

    it('array requirement: none of its values, or a comma list, does not pass', async () => {
      expectClaimRequirementFailed(await get('/claims/any-of', guest));
      expectClaimRequirementFailed(await get('/claims/any-of', await mint({ role: 'admin,editor' })));
      expectClaimRequirementFailed(await get('/claims/any-of', await mint({ role: 'admin editor' })));
      expectClaimRequirementFailed(await get('/claims/any-of', await mint({ role: ['Admin'] })));
    });

    it('every entry must hold (AND across claim types)', async () => {
      expectForwarded(await get('/claims/all', await mint({ UserType: 'registered', role: 'editor' })));
      expectClaimRequirementFailed(await get('/claims/all', await mint({ UserType: 'registered', role: 'viewer' })));
      expectClaimRequirementFailed(await get('/claims/all', await mint({ UserType: 'guest', role: 'admin' })));
    });

    it('a missing claim type fails', async () => {
      expectClaimRequirementFailed(await get('/claims/missing', registered));
    });

    it('{placeholder}: the claim must equal the value matched in the upstream path', async () => {
      const body = expectForwarded(await get('/customers/42/orders', registered));
      expect(body.url).toBe('/api/customers/42/orders');
      expectClaimRequirementFailed(await get('/customers/43/orders', registered));
      expectClaimRequirementFailed(await get('/customers/42/orders', guest));
      expectForwarded(await get('/customers/7/orders', await mint({ CustomerId: '7' })));
    });

    it('on a route without authentication it always fails (no token, or even a valid one)', async () => {
      expectClaimRequirementFailed(await get('/anonymous-with-claims'));
      expectClaimRequirementFailed(await get('/anonymous-with-claims', await mint({ role: 'admin' })));
    });

    it('authentication comes first: no token on a route with claims → 401, not 403', async () => {
      expectUnauthenticated(await get('/claims/exact'));
      expectInvalidToken(await get('/claims/exact', 'garbage'));
    });
  });

  describe('OPTIONS skips authentication and authorization and reaches the downstream', () => {
    it.each(['/values', '/scoped', '/claims/exact', '/customers/42/orders', '/anonymous-with-claims'])('OPTIONS %s without a token → 200 from the downstream', async (path) => {
      const body = expectForwarded(await get(path, undefined, 'OPTIONS'));
      expect(body.method).toBe('OPTIONS');
    });

    it('OPTIONS with an invalid token is not checked either', async () => {
      expectForwarded(await get('/values', 'garbage', 'OPTIONS'));
    });

    it('GET on the same route still needs the token', async () => {
      expectUnauthenticated(await get('/values'));
    });
  });

  it('GET /api/v1/config/ocelot never returns ApiSecret', async () => {
    const response = await gateway.admin('GET', '/api/v1/config/ocelot');
    expect(response.status).toBe(200);
    const text = await response.text();
    const document = JSON.parse(text) as { AuthenticationProviders: Record<string, unknown>[] };
    expect(document.AuthenticationProviders).toHaveLength(1);
    expect(document.AuthenticationProviders[0]).toMatchObject({ Key: 'TestKey', ApiName: 'api1' });
    expect(document.AuthenticationProviders[0]).not.toHaveProperty('ApiSecret');
    expect(text).not.toContain('ApiSecret');
    expect(text).not.toContain('"secret"');
  });

  describe('global AuthenticationOptions (keys TestKey, AllowedScopes api1) and AllowAnonymous', () => {
    beforeAll(async () => {
      await gateway.putConfig({
        Routes: [
          route('/global', '/api/global', upstream.port),
          route('/global-anonymous', '/api/global-anonymous', upstream.port, { AuthenticationOptions: { AllowAnonymous: true } }),
          route('/global-own-scopes', '/api/global-own-scopes', upstream.port, { AuthenticationOptions: { AllowedScopes: ['other'] } }),
          route('/global-own-keys', '/api/global-own-keys', upstream.port, { AuthenticationOptions: { AuthenticationProviderKeys: ['Api2Bearer'], AllowedScopes: ['api2'] } }),
        ],
        GlobalConfiguration: { AuthenticationOptions: { AuthenticationProviderKeys: ['TestKey'], AllowedScopes: ['api1'] } },
        AuthenticationProviders: [
          provider(),
          { Key: 'Api2Bearer', Type: 'JwtBearer', Authority: idp.issuer, Audience: 'api2', RequireHttpsMetadata: false },
        ],
      });
    });

    it('a route without options is authenticated by the global ones, scopes included', async () => {
      expectUnauthenticated(await get('/global'));
      expectForwarded(await get('/global', registered));
      expectInsufficientScope(await get('/global', guest), ['api1']);
    });

    it('AllowAnonymous: true on a route opts it out', async () => {
      expectForwarded(await get('/global-anonymous'));
      expectForwarded(await get('/global-anonymous', 'garbage'));
    });

    it('a route with its own AllowedScopes keeps the global keys and uses its scopes', async () => {
      expectUnauthenticated(await get('/global-own-scopes'));
      expectForwarded(await get('/global-own-scopes', guest));
      expectInsufficientScope(await get('/global-own-scopes', registered), ['other']);
    });

    it('a route with its own keys uses them, not the global ones', async () => {
      const api2 = await idp.getToken(REGISTERED_CLIENT.clientId, { scope: 'api2', resource: RESOURCES.api2Jwt });
      expectForwarded(await get('/global-own-keys', api2));
      expectInvalidToken(await get('/global-own-keys', registered));
    });
  });
});
