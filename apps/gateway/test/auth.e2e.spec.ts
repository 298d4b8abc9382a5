import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUEST_CLIENT, REGISTERED_CLIENT, RESOURCES, newSigningKey, startIdentityProvider, type IdentityProvider } from './support/identity-provider.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { route, startTestGateway, type TestGateway } from './support/test-gateway.js';
import {
  epochSeconds,
  expectForwarded,
  expectInsufficientScope,
  expectInvalidToken,
  expectUnauthenticated,
  hmacToken,
  send,
  tamperedToken,
  unsignedToken,
  type Answer,
} from './support/tokens.js';
import { startUpstream, type TestUpstream } from './support/upstream.js';

/**
 * Authentication against a real OpenID provider (oidc-provider), through a real gateway and
 * upstream: the seed scenario, JWT vs reference tokens, and every way a token can be invalid.
 * Scopes and claims: auth-authorization.e2e.spec.ts; keys, caches, outages: auth-keys.e2e.spec.ts;
 * several providers, live edits, WebSockets: auth-providers.e2e.spec.ts.
 */
describe('authentication', () => {
  let db: TestDatabase;
  let upstream: TestUpstream;
  let idp: IdentityProvider;
  let gateway: TestGateway;
  /** Real tokens from the provider's token endpoint. */
  let jwt: string;
  let reference: string;
  let guestJwt: string;
  let api2Jwt: string;
  let api3Jwt: string;

  const get = (path: string, token?: string, method = 'GET'): Promise<Answer> => send(`${gateway.proxyUrl}${path}`, { token, method });
  /** A token the provider's key signs but the provider never issued; `aud: api1` unless overridden. */
  const mint = (claims: Record<string, unknown> = {}, options?: Parameters<IdentityProvider['mintToken']>[1]) =>
    idp.mintToken({ aud: 'api1', sub: 'registered|1234', scope: 'api1', ...claims }, options);

  beforeAll(async () => {
    db = await createTestDatabase();
    upstream = await startUpstream();
    idp = await startIdentityProvider();
    gateway = await startTestGateway(db.url);
    const identityServer = (Key: string, extra: Record<string, unknown> = {}) => ({
      Key, Type: 'IdentityServer', Authority: idp.issuer, ApiName: 'api1', ApiSecret: 'secret',
      SupportedTokens: 'Both', RequireHttpsMetadata: false, ClockSkewSeconds: 0, ...extra,
    });
    const auth = (key: string) => ({ AuthenticationOptions: { AuthenticationProviderKeys: [key] } });
    await gateway.putConfig({
      Routes: [
        route('/values', '/api/values', upstream.port, { AuthenticationOptions: { AuthenticationProviderKey: 'TestKey', AllowedScopes: ['api1'] } }),
        route('/both', '/api/both', upstream.port, auth('TestKey')),
        route('/jwt-only', '/api/jwt-only', upstream.port, auth('JwtOnly')),
        route('/reference-only', '/api/reference-only', upstream.port, auth('ReferenceOnly')),
        route('/default-skew', '/api/default-skew', upstream.port, auth('DefaultSkew')),
        route('/jwt-bearer', '/api/jwt-bearer', upstream.port, auth('Api2Bearer')),
        route('/static-keys', '/api/static-keys', upstream.port, auth('StaticKeys')),
      ],
      GlobalConfiguration: {},
      AuthenticationProviders: [
        identityServer('TestKey'),
        identityServer('JwtOnly', { SupportedTokens: 'Jwt', ApiSecret: undefined }),
        identityServer('ReferenceOnly', { SupportedTokens: 'Reference' }),
        identityServer('DefaultSkew', { SupportedTokens: 'Jwt', ApiSecret: undefined, ClockSkewSeconds: undefined }),
        { Key: 'Api2Bearer', Type: 'JwtBearer', Authority: idp.issuer, Audience: 'api2', RequireHttpsMetadata: false, ClockSkewSeconds: 0 },
        { Key: 'StaticKeys', Type: 'JwtBearer', JwksUri: `${idp.issuer}/jwks`, Issuer: idp.issuer, Audience: 'api3', RequireHttpsMetadata: false },
      ],
    });
    const registered = REGISTERED_CLIENT.clientId;
    jwt = await idp.getToken(registered, { scope: 'api1 api1.read', resource: RESOURCES.api1Jwt });
    reference = await idp.getToken(registered, { scope: 'api1 api1.read', resource: RESOURCES.api1Reference });
    guestJwt = await idp.getToken(GUEST_CLIENT.clientId, { scope: 'other', resource: RESOURCES.api1Jwt });
    api2Jwt = await idp.getToken(registered, { scope: 'api2', resource: RESOURCES.api2Jwt });
    api3Jwt = await idp.getToken(registered, { scope: 'api3', resource: RESOURCES.api3Jwt });
  });

  afterAll(async () => {
    await gateway?.stop();
    await idp?.close();
    await upstream?.close();
    await db?.drop();
  });

  describe('the seed scenario: /values → /api/values, TestKey (IdentityServer, Both), AllowedScopes api1', () => {
    it('401 unauthenticated with WWW-Authenticate: Bearer realm="margay" without a token; the upstream is not called', async () => {
      const before = upstream.seen.length;
      expectUnauthenticated(await get('/values'));
      expect(upstream.seen.length).toBe(before);
    });

    it('401 unauthenticated when the Authorization header is not a Bearer token', async () => {
      const answer = await send(`${gateway.proxyUrl}/values`, { headers: { authorization: `Basic ${Buffer.from('api1:secret').toString('base64')}` } });
      expectUnauthenticated(answer);
    });

    it('200 with a real JWT access token; the downstream gets the request and the Authorization header unchanged', async () => {
      const body = expectForwarded(await get('/values?x=1', jwt));
      expect(body.url).toBe('/api/values?x=1');
      expect((body.headers as Record<string, string>).authorization).toBe(`Bearer ${jwt}`);
    });

    it('200 with a real reference token (introspected with ApiName/ApiSecret)', async () => {
      const body = expectForwarded(await get('/values', reference));
      expect((body.headers as Record<string, string>).authorization).toBe(`Bearer ${reference}`);
    });

    it('403 scope_not_allowed, WWW-Authenticate insufficient_scope scope="api1", for a real token without api1', async () => {
      const before = upstream.seen.length;
      expectInsufficientScope(await get('/values', guestJwt), ['api1']);
      expect(upstream.seen.length).toBe(before);
    });
  });

  describe('token formats: SupportedTokens Jwt, Reference, Both; JwtBearer with Authority or JwksUri + Issuer', () => {
    it('Jwt: a JWT is validated locally, without introspection', async () => {
      const before = idp.counts.introspection;
      expectForwarded(await get('/jwt-only', jwt));
      expect(idp.counts.introspection).toBe(before);
    });

    it('Jwt: a reference token is invalid, and the authority is not asked about it', async () => {
      const fresh = await idp.getToken(REGISTERED_CLIENT.clientId, { scope: 'api1', resource: RESOURCES.api1Reference });
      const before = idp.counts.introspection;
      expectInvalidToken(await get('/jwt-only', fresh));
      expect(idp.counts.introspection).toBe(before);
    });

    it('Reference: a reference token is accepted by introspection', async () => {
      const fresh = await idp.getToken(REGISTERED_CLIENT.clientId, { scope: 'api1', resource: RESOURCES.api1Reference });
      const before = idp.counts.introspection;
      expectForwarded(await get('/reference-only', fresh));
      expect(idp.counts.introspection).toBe(before + 1);
    });

    it('Reference: a reference token issued for another API (aud api2) is inactive for ApiName api1 → 401', async () => {
      const other = await idp.getToken(REGISTERED_CLIENT.clientId, { scope: 'api2', resource: RESOURCES.api2Reference });
      expectInvalidToken(await get('/reference-only', other));
    });

    it('Both: a JWT is validated locally, a reference token is introspected', async () => {
      const fresh = await idp.getToken(REGISTERED_CLIENT.clientId, { scope: 'api1', resource: RESOURCES.api1Reference });
      const before = idp.counts.introspection;
      expectForwarded(await get('/both', await mint()));
      expect(idp.counts.introspection).toBe(before);
      expectForwarded(await get('/both', fresh));
      expect(idp.counts.introspection).toBe(before + 1);
    });

    it('Both: three dot-separated base64url parts are validated as a JWT (401), never sent to introspection', async () => {
      const before = idp.counts.introspection;
      expectInvalidToken(await get('/both', 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln'));
      expect(idp.counts.introspection).toBe(before);
    });

    it('a reference token revoked at the provider → 401 invalid_token', async () => {
      const revoked = await idp.getToken(REGISTERED_CLIENT.clientId, { scope: 'api1', resource: RESOURCES.api1Reference });
      await idp.revoke(REGISTERED_CLIENT.clientId, revoked);
      expectInvalidToken(await get('/both', revoked));
    });

    it('a bogus opaque token → 401 invalid_token', async () => {
      expectInvalidToken(await get('/reference-only', 'bogus-reference-token-0123456789'));
    });

    it('introspection results are cached: the same reference token twice → one introspection', async () => {
      const fresh = await idp.getToken(REGISTERED_CLIENT.clientId, { scope: 'api1', resource: RESOURCES.api1Reference });
      const before = idp.counts.introspection;
      expectForwarded(await get('/reference-only', fresh));
      expectForwarded(await get('/reference-only', fresh));
      expect(idp.counts.introspection).toBe(before + 1);
    });

    it('an inactive introspection result is cached too (for ~10 s): a bogus token twice → one introspection', async () => {
      const before = idp.counts.introspection;
      expectInvalidToken(await get('/reference-only', 'bogus-twice-0123456789abcdef'));
      expectInvalidToken(await get('/reference-only', 'bogus-twice-0123456789abcdef'));
      expect(idp.counts.introspection).toBe(before + 1);
    });

    it('a cached introspection result does not outlive the token: a 2-second reference token is refused once expired', async () => {
      const short = await idp.getToken(REGISTERED_CLIENT.clientId, { scope: 'api1', resource: RESOURCES.api1ShortReference });
      const expiresAt = epochSeconds(2);
      expectForwarded(await get('/reference-only', short));
      await sleepUntilEpoch(expiresAt + 1.2);
      expectInvalidToken(await get('/reference-only', short));
    });

    it('JwtBearer with Authority: a token for its Audience (api2) → 200; one for api1 → 401', async () => {
      expectForwarded(await get('/jwt-bearer', api2Jwt));
      expectInvalidToken(await get('/jwt-bearer', jwt));
    });

    it('JwtBearer with JwksUri + Issuer: a token for api3 → 200; one for api2 → 401', async () => {
      expectForwarded(await get('/static-keys', api3Jwt));
      expectInvalidToken(await get('/static-keys', api2Jwt));
    });
  });

  describe('invalid JWTs → 401 invalid_token with error="invalid_token" and an error_description', () => {
    it('control: a token minted with the provider key and valid claims is accepted (so each refusal below has one cause)', async () => {
      expectForwarded(await get('/jwt-only', await mint()));
    });

    const forged: [string, () => Promise<string>][] = [
      ['expired 2 minutes ago', () => mint({ iat: epochSeconds(-420), exp: epochSeconds(-120) })],
      ['expired 10 s ago (ClockSkewSeconds 0)', () => mint({ iat: epochSeconds(-310), exp: epochSeconds(-10) })],
      ['not valid before 2 minutes from now (nbf)', () => mint({ nbf: epochSeconds(120) })],
      ['not valid before 10 s from now (nbf, ClockSkewSeconds 0)', () => mint({ nbf: epochSeconds(10) })],
      ['wrong issuer: localhost instead of 127.0.0.1', () => mint({ iss: idp.issuer.replace('127.0.0.1', 'localhost') })],
      ['wrong issuer: a trailing slash', () => mint({ iss: `${idp.issuer}/` })],
      ['wrong issuer: another authority', () => mint({ iss: 'http://issuer.example' })],
      ['no issuer', () => mint({ iss: undefined })],
      ['wrong audience (api2)', () => mint({ aud: 'api2' })],
      ['no audience', () => mint({ aud: undefined })],
      ['no exp', () => mint({ exp: undefined })],
      ['bad signature: signed by another key under the provider kid', async () => mint({}, { key: (await newSigningKey()).privateKey })],
      ['bad signature: signed by another key, no kid', async () => mint({}, { key: (await newSigningKey()).privateKey, kid: null })],
      ['bad signature: claims changed after signing', async () => tamperedToken(await mint(), { sub: 'admin|1', scope: 'api1 admin' })],
      ['bad signature: signature of another token', async () => {
        const [header, payload] = (await mint({ sub: 'admin|1' })).split('.');
        return `${header}.${payload}.${(await mint()).split('.')[2]}`;
      }],
      ['alg none', async () => unsignedToken({ iss: idp.issuer, aud: 'api1', scope: 'api1', exp: epochSeconds(300) }, { kid: idp.currentKid })],
      ['alg none: a real token with its signature stripped', async () => {
        const [, payload] = jwt.split('.');
        return `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt', kid: idp.currentKid })).toString('base64url')}.${payload}.`;
      }],
      ['HS256 signed with the provider public key (PEM) as the HMAC secret', async () =>
        hmacToken({ iss: idp.issuer, aud: 'api1', scope: 'api1', exp: epochSeconds(300) }, idp.publicKeyPem, { kid: idp.currentKid })],
      ['garbage', async () => 'garbage'],
      ['three dot-separated parts that are not base64url JSON', async () => 'a.b.c'],
    ];

    it.each(forged)('%s', async (_name, makeToken) => {
      const before = upstream.seen.length;
      expectInvalidToken(await get('/jwt-only', await makeToken()));
      expect(upstream.seen.length).toBe(before);
    });

    it('exp 10 s ago is accepted within the default 30 s clock skew (ClockSkewSeconds absent); 2 minutes ago is not', async () => {
      expectForwarded(await get('/default-skew', await mint({ iat: epochSeconds(-310), exp: epochSeconds(-10) })));
      expectInvalidToken(await get('/default-skew', await mint({ iat: epochSeconds(-420), exp: epochSeconds(-120) })));
    });

    it('aud may be an array: it must contain the ApiName', async () => {
      expectForwarded(await get('/jwt-only', await mint({ aud: ['api2', 'api1'] })));
      expectInvalidToken(await get('/jwt-only', await mint({ aud: ['api2', 'api3'] })));
    });

    it('a verified token is not accepted after its exp: the verified-token cache is bounded by exp', async () => {
      const exp = epochSeconds(2);
      const token = await mint({ exp });
      expectForwarded(await get('/jwt-only', token));
      await sleepUntilEpoch(exp + 1.2);
      expectInvalidToken(await get('/jwt-only', token));
    });
  });
});

/** Waits until the clock passes `epoch` (seconds); never more than 5 s. */
async function sleepUntilEpoch(epoch: number): Promise<void> {
  const ms = Math.min(5_000, Math.max(0, epoch * 1000 - Date.now()));
  await new Promise((resolve) => setTimeout(resolve, ms));
}
