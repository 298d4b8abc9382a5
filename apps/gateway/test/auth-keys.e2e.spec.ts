import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTERED_CLIENT, RESOURCES, newSigningKey, startIdentityProvider, type IdentityProvider } from './support/identity-provider.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { route, startTestGateway, type TestGateway } from './support/test-gateway.js';
import { expectForwarded, expectInvalidToken, expectProviderUnavailable, expectUnauthenticated, send, type Answer } from './support/tokens.js';
import { startUpstream, type TestUpstream } from './support/upstream.js';
import { eventually } from './support/eventually.js';

/**
 * Signing keys and caches against real identity providers: an unknown kid, key rotation without a
 * restart, one JWKS fetch for a burst of requests, and an authority that goes down with a warm cache
 * (keys and introspection results keep working) or a cold one (503 auth_provider_unavailable).
 * Each scenario has its own identity provider so that their fetch counters and caches do not mix.
 */
describe('signing keys, caches and unreachable authorities', () => {
  let db: TestDatabase;
  let upstream: TestUpstream;
  let gateway: TestGateway;
  let rotating: IdentityProvider;
  let burst: IdentityProvider;
  let warm: IdentityProvider;
  let cold: IdentityProvider;
  /** Tokens of the cold provider, obtained before it went down (the gateway never saw it up). */
  let coldJwt: string;
  let coldReference: string;

  const get = (path: string, token?: string): Promise<Answer> => send(`${gateway.proxyUrl}${path}`, { token });
  const realJwt = (idp: IdentityProvider) => idp.getToken(REGISTERED_CLIENT.clientId, { scope: 'api1', resource: RESOURCES.api1Jwt });
  const realReference = (idp: IdentityProvider) => idp.getToken(REGISTERED_CLIENT.clientId, { scope: 'api1', resource: RESOURCES.api1Reference });
  const mint = (idp: IdentityProvider, options?: Parameters<IdentityProvider['mintToken']>[1]) =>
    idp.mintToken({ aud: 'api1', sub: 'registered|1234', scope: 'api1' }, options);

  beforeAll(async () => {
    db = await createTestDatabase();
    upstream = await startUpstream();
    [rotating, burst, warm, cold] = await Promise.all([startIdentityProvider(), startIdentityProvider(), startIdentityProvider(), startIdentityProvider()]);
    coldJwt = await realJwt(cold);
    coldReference = await realReference(cold);
    await cold.stop();
    gateway = await startTestGateway(db.url);
    const provider = (Key: string, idp: IdentityProvider) => ({
      Key, Type: 'IdentityServer', Authority: idp.issuer, ApiName: 'api1', ApiSecret: 'secret',
      SupportedTokens: 'Both', RequireHttpsMetadata: false, ClockSkewSeconds: 0,
    });
    const auth = (key: string) => ({ AuthenticationOptions: { AuthenticationProviderKeys: [key] } });
    await gateway.putConfig({
      Routes: [
        route('/rotating', '/api/rotating', upstream.port, auth('Rotating')),
        route('/burst', '/api/burst', upstream.port, auth('Burst')),
        route('/warm', '/api/warm', upstream.port, auth('Warm')),
        route('/cold', '/api/cold', upstream.port, auth('Cold')),
      ],
      GlobalConfiguration: {},
      AuthenticationProviders: [provider('Rotating', rotating), provider('Burst', burst), provider('Warm', warm), provider('Cold', cold)],
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await Promise.all([rotating?.close(), burst?.close(), warm?.close(), cold?.close()]);
    await upstream?.close();
    await db?.drop();
  });

  describe('unknown kid and key rotation', () => {
    it('warm-up: a real token is accepted', async () => {
      expectForwarded(await get('/rotating', await realJwt(rotating)));
      expect(rotating.counts.jwks).toBeGreaterThanOrEqual(1);
    });

    it('a token with an unknown kid → 401 invalid_token, after one JWKS refetch', async () => {
      rotating.resetCounts();
      expectInvalidToken(await get('/rotating', await mint(rotating, { kid: 'unknown-kid' })));
      expect(rotating.counts.jwks).toBe(1);
    });

    it('keys rotated at the provider: a real token with the new kid is accepted without a restart (one refetch)', async () => {
      const kid = await rotating.rotateKeys();
      rotating.resetCounts();
      const token = await realJwt(rotating);
      expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kid).toBe(kid);
      expectForwarded(await get('/rotating', token));
      expect(rotating.counts.jwks).toBe(1);
    });

    it('once the new key is known, more tokens with it need no fetch', async () => {
      rotating.resetCounts();
      expectForwarded(await get('/rotating', await mint(rotating)));
      expectForwarded(await get('/rotating', await mint(rotating)));
      expect(rotating.counts.jwks).toBe(0);
    });
  });

  describe('concurrency', () => {
    const concurrently = (tokens: string[]) => Promise.all(tokens.map((token) => get('/burst', token)));

    it('a provider never used: 100 concurrent requests → at most one discovery and one JWKS fetch, all accepted', async () => {
      burst.resetCounts();
      const answers = await concurrently(await Promise.all(Array.from({ length: 100 }, () => mint(burst))));
      expect(answers.map((answer) => answer.status)).toEqual(Array(100).fill(200));
      expect(burst.counts.discovery).toBeLessThanOrEqual(1);
      expect(burst.counts.jwks).toBeLessThanOrEqual(1);
    });

    it('after a rotation: 100 concurrent requests with the same new kid → exactly one JWKS fetch, all accepted', async () => {
      await burst.rotateKeys();
      burst.resetCounts();
      // 100 different tokens, so that no verified-token cache hides the key lookup.
      const answers = await concurrently(await Promise.all(Array.from({ length: 100 }, () => mint(burst))));
      expect(answers.map((answer) => answer.status)).toEqual(Array(100).fill(200));
      expect(burst.counts.jwks).toBe(1);
    });
  });

  describe('authority down with a warm cache', () => {
    let seenJwt: string;
    let seenReference: string;
    let unseenReference: string;

    beforeAll(async () => {
      seenJwt = await realJwt(warm);
      seenReference = await realReference(warm);
      unseenReference = await realReference(warm);
      expectForwarded(await get('/warm', seenJwt));
      expectForwarded(await get('/warm', seenReference));
      await warm.stop();
    });

    it('a JWT seen before is still accepted', async () => {
      expectForwarded(await get('/warm', seenJwt));
    });

    it('a JWT never seen, signed by a cached key, is accepted (keys are cached)', async () => {
      expectForwarded(await get('/warm', await mint(warm)));
    });

    it('a reference token introspected before is accepted (introspection results are cached)', async () => {
      expectForwarded(await get('/warm', seenReference));
    });

    it('an invalid JWT is still 401: refusing it does not need the authority', async () => {
      expectInvalidToken(await get('/warm', await mint(warm, { key: (await newSigningKey()).privateKey })));
    });

    it('a reference token never introspected → 503 auth_provider_unavailable with Retry-After, quickly', async () => {
      const started = Date.now();
      expectProviderUnavailable(await get('/warm', unseenReference));
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('when the authority is back, that reference token is accepted (no restart)', async () => {
      await warm.start();
      await eventually(async () => expectForwarded(await get('/warm', unseenReference)), 15_000, 250);
    }, 25_000);
  });

  describe('authority down with a cold cache (a provider never reached)', () => {
    it('a JWT → 503 auth_provider_unavailable with Retry-After, quickly', async () => {
      const started = Date.now();
      expectProviderUnavailable(await get('/cold', coldJwt));
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('a reference token → 503 auth_provider_unavailable with Retry-After', async () => {
      expectProviderUnavailable(await get('/cold', coldReference));
    });

    it('no token is still 401 unauthenticated (nothing to check)', async () => {
      expectUnauthenticated(await get('/cold'));
    });

    it('when the authority comes up, the same tokens are accepted (no restart)', async () => {
      await cold.start();
      await eventually(async () => expectForwarded(await get('/cold', coldJwt)), 15_000, 250);
      await eventually(async () => expectForwarded(await get('/cold', coldReference)), 15_000, 250);
    }, 35_000);
  });
});

