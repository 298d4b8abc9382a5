// A minimal OpenID provider for scenario 3, run inside the harness: an RS256 key made at start,
// `/.well-known/openid-configuration` ({ issuer, jwks_uri }) and the JWKS, and one token minted with
// the claims the route's policies read. It only answers key fetches (rare: gateways cache keys), so
// sharing the harness's event loop costs the measurement nothing.
import { createServer } from 'node:http';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';

export const AUDIENCE = 'margay-bench';
const KEY_ID = 'margay-bench-1';

/**
 * Starts the provider on 127.0.0.1:`port` and mints the bench token (expires in 1 h: longer than a run).
 * @returns {Promise<{ issuer: string, token: string, fetches: Record<string, number>, close: () => Promise<void> }>}
 * @example const provider = await startJwksProvider(40123); // provider.issuer === 'http://127.0.0.1:40123'
 */
export async function startJwksProvider(port) {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
  const jwk = { ...(await exportJWK(publicKey)), kid: KEY_ID, alg: 'RS256', use: 'sig' };
  const issuer = `http://127.0.0.1:${port}`;
  const documents = {
    '/.well-known/openid-configuration': {
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      id_token_signing_alg_values_supported: ['RS256'],
    },
    '/.well-known/jwks.json': { keys: [jwk] },
  };
  const fetches = {};
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    fetches[path] = (fetches[path] ?? 0) + 1;
    const document = documents[path];
    const body = JSON.stringify(document ?? { error: 'not_found' });
    response.writeHead(document ? 200 : 404, { 'content-type': 'application/json', 'cache-control': 'max-age=3600' });
    response.end(body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const token = await new SignJWT({ scope: 'api1', CustomerId: 'cust-42', UserType: 'registered' })
    .setProtectedHeader({ alg: 'RS256', kid: KEY_ID, typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience(AUDIENCE)
    .setSubject('usertypevalue|useridvalue')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
  return {
    issuer,
    token,
    fetches,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
