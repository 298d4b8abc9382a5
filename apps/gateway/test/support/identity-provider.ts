import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
// @ts-expect-error oidc-provider ships no type declarations and no @types package is installed.
import ProviderModule from 'oidc-provider';

/** The part of oidc-provider's `Provider` (a Koa application) used here. */
interface OidcProvider {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  on(event: string, listener: (...args: never[]) => void): void;
}
const Provider = ProviderModule as {
  new (issuer: string, configuration: Record<string, unknown>): OidcProvider;
  errors: { InvalidTarget: new (description?: string) => Error };
};

/**
 * A real OpenID provider (oidc-provider 9) on loopback for the authentication tests, standing in for
 * IdentityServer: client_credentials tokens as JWT (RS256, `typ: at+jwt`) or opaque (reference,
 * checked by RFC 7662 introspection), with per-client claims, and the provider's own signing keys in
 * the test's hands so that tests can also forge tokens it never issued.
 *
 * One node HTTP server is owned here for the whole life of the helper; its handler delegates to the
 * current `Provider`. Swapping the Provider rotates keys on the same issuer, and stopping/starting the
 * server takes the authority down and back on the same port.
 */
export interface IdentityProvider {
  /** `http://127.0.0.1:<port>`: the `iss` of every token and the `issuer` of the discovery document. */
  readonly issuer: string;
  readonly port: number;
  /** The `kid` of the key that signs new tokens. */
  readonly currentKid: string;
  /** The signing key's public half as SPKI PEM (what an `HS256` confusion attack uses as its secret). */
  readonly publicKeyPem: string;
  /** Requests served per endpoint since the start or the last `resetCounts()`. */
  readonly counts: Readonly<Record<Endpoint, number>>;
  readonly running: boolean;
  resetCounts(): void;
  /** An access token from the real token endpoint (client_credentials, HTTP Basic). Throws unless 200. */
  getToken(clientId: string, request?: { scope?: string; resource?: string }): Promise<string>;
  /** Revokes a token at the real revocation endpoint, as the client it was issued to. */
  revoke(clientId: string, token: string): Promise<void>;
  /**
   * A JWT signed by the provider's current private key (or `options.key`) that the provider never
   * issued. Defaults: `iss` = issuer, `iat` now, `exp` in 5 minutes, a fresh `jti`; `claims` override
   * them, and a claim set to `undefined` is left out.
   */
  mintToken(claims: Record<string, unknown>, options?: MintOptions): Promise<string>;
  /**
   * Generates a new signing key and swaps the Provider (same issuer, port and stored tokens): new
   * tokens carry the new `kid`. The previous key stays published unless `keepPrevious` is false.
   * Returns the new `kid`.
   */
  rotateKeys(options?: { keepPrevious?: boolean }): Promise<string>;
  /** Authority down: every connection cut, new ones refused. */
  stop(): Promise<void>;
  /** Authority back on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export type Endpoint = 'discovery' | 'jwks' | 'token' | 'introspection' | 'revocation' | 'other';

export interface MintOptions {
  /** `null` leaves the `kid` header out; default the current key's. */
  kid?: string | null;
  /** Default RS256. */
  alg?: string;
  /** Another private key (a bad signature when `kid` still names the provider's key). */
  key?: CryptoKey;
  /** Extra protected-header fields (`typ` defaults to `at+jwt`, as the provider's own tokens). */
  header?: Record<string, unknown>;
}

/** A resource server (RFC 8707 resource indicator) that tokens can be asked for. */
export interface ResourceSpec {
  /** The `aud` of its tokens. */
  audience: string;
  /** Space-separated scopes a token for it may carry (others requested are dropped). */
  scope: string;
  /** `jwt` (validated locally) or `opaque` (a reference token, introspected). */
  format: 'jwt' | 'opaque';
  ttlSeconds?: number;
}

/** A client_credentials client, with the claims its tokens carry (`sub` included). */
export interface ClientSpec {
  clientId: string;
  secret: string;
  /** Space-separated scopes it may ask for. */
  scope: string;
  claims?: Record<string, unknown>;
}

/** An API allowed to introspect tokens whose `aud` names it: IdentityServer's ApiName/ApiSecret. */
export interface IntrospectorSpec {
  clientId: string;
  secret: string;
}

export interface IdentityProviderOptions {
  clients?: ClientSpec[];
  resources?: Record<string, ResourceSpec>;
  introspectors?: IntrospectorSpec[];
}

/** Resource indicators of the default resources. */
export const RESOURCES = {
  /** JWT, `aud: api1`. */
  api1Jwt: 'urn:margay:api1',
  /** Opaque (reference), `aud: api1`. */
  api1Reference: 'urn:margay:api1-reference',
  /** JWT, `aud: api2`. */
  api2Jwt: 'urn:margay:api2',
  /** Opaque (reference), `aud: api2`: api1 may not introspect it. */
  api2Reference: 'urn:margay:api2-reference',
  /** Opaque (reference), `aud: api1`, valid for 2 seconds only. */
  api1ShortReference: 'urn:margay:api1-reference-short',
  /** JWT, `aud: api3`. */
  api3Jwt: 'urn:margay:api3',
} as const;

/** The default introspecting API: the seed scenario's `ApiName` / `ApiSecret`. */
export const API1 = { clientId: 'api1', secret: 'secret' } as const;

/** A user of type `registered`, customer 42, roles admin and editor, allowed every scope. */
export const REGISTERED_CLIENT: ClientSpec = {
  clientId: 'registered-client',
  secret: 'registered-secret',
  scope: 'api1 api1.read api2 api3 other',
  claims: { sub: 'registered|1234', UserType: 'registered', CustomerId: '42', role: ['admin', 'editor'] },
};

/** A guest, customer 7, role viewer, allowed only the `other` scope. */
export const GUEST_CLIENT: ClientSpec = {
  clientId: 'guest-client',
  secret: 'guest-secret',
  scope: 'other',
  claims: { sub: 'guest|5678', UserType: 'guest', CustomerId: '7', role: ['viewer'] },
};

const API1_SCOPES = 'api1 api1.read other';
const DEFAULT_RESOURCES: Record<string, ResourceSpec> = {
  [RESOURCES.api1Jwt]: { audience: 'api1', scope: API1_SCOPES, format: 'jwt' },
  [RESOURCES.api1Reference]: { audience: 'api1', scope: API1_SCOPES, format: 'opaque' },
  [RESOURCES.api1ShortReference]: { audience: 'api1', scope: API1_SCOPES, format: 'opaque', ttlSeconds: 2 },
  [RESOURCES.api2Jwt]: { audience: 'api2', scope: 'api2 other', format: 'jwt' },
  [RESOURCES.api2Reference]: { audience: 'api2', scope: 'api2 other', format: 'opaque' },
  [RESOURCES.api3Jwt]: { audience: 'api3', scope: 'api3 other', format: 'jwt' },
};

const DEFAULT_TTL_SECONDS = 300;

const ENDPOINTS: Record<string, Endpoint> = {
  '/.well-known/openid-configuration': 'discovery',
  '/jwks': 'jwks',
  '/token': 'token',
  '/token/introspection': 'introspection',
  '/token/revocation': 'revocation',
};

/** A key of the provider's key set (private), with the public half as PEM. */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  privateJwk: JWK;
  publicKeyPem: string;
}

/** Starts the provider on 127.0.0.1 (a port chosen by the OS). */
export async function startIdentityProvider(options: IdentityProviderOptions = {}): Promise<IdentityProvider> {
  const clients = options.clients ?? [REGISTERED_CLIENT, GUEST_CLIENT];
  const resources = options.resources ?? DEFAULT_RESOURCES;
  const introspectors = options.introspectors ?? [API1];
  const counts = emptyCounts();
  const store = new Map<string, { payload: Record<string, unknown>; expiresAt: number | undefined }>();

  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server: Server = createServer((req, res) => {
    counts[ENDPOINTS[(req.url ?? '/').split('?')[0]!] ?? 'other']++;
    if (handler) handler(req, res);
    else res.writeHead(503).end();
  });
  server.keepAliveTimeout = 2_000;
  let running = false;
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        running = true;
        resolve();
      });
    });
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;

  let keys: SigningKey[] = [await newSigningKey()];
  const install = () => {
    const provider = buildProvider(issuer, keys, clients, resources, introspectors, adapterOver(store));
    handler = provider.callback();
  };
  install();

  const basic = (clientId: string): string => {
    const client = clients.find((c) => c.clientId === clientId) ?? introspectors.find((c) => c.clientId === clientId);
    if (!client) throw new Error(`no client ${clientId} in this identity provider`);
    return `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.secret)}`).toString('base64')}`;
  };

  const stop = async (): Promise<void> => {
    if (!running) return;
    running = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  };

  return {
    issuer,
    port,
    get currentKid() {
      return keys[0]!.kid;
    },
    get publicKeyPem() {
      return keys[0]!.publicKeyPem;
    },
    counts,
    get running() {
      return running;
    },
    resetCounts() {
      for (const name of Object.keys(counts) as Endpoint[]) counts[name] = 0;
    },
    async getToken(clientId, request = {}) {
      const form = new URLSearchParams({ grant_type: 'client_credentials' });
      if (request.scope !== undefined) form.set('scope', request.scope);
      if (request.resource !== undefined) form.set('resource', request.resource);
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { authorization: basic(clientId), 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
        signal: AbortSignal.timeout(5_000),
      });
      const answer = (await response.json()) as { access_token?: string };
      if (response.status !== 200 || typeof answer.access_token !== 'string') {
        throw new Error(`token endpoint answered ${response.status}: ${JSON.stringify(answer)}`);
      }
      return answer.access_token;
    },
    async revoke(clientId, token) {
      const response = await fetch(`${issuer}/token/revocation`, {
        method: 'POST',
        headers: { authorization: basic(clientId), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token, token_type_hint: 'access_token' }),
        signal: AbortSignal.timeout(5_000),
      });
      if (response.status !== 200) throw new Error(`revocation endpoint answered ${response.status}: ${await response.text()}`);
    },
    async mintToken(claims, mint = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload: Record<string, unknown> = { iss: issuer, iat: now, exp: now + DEFAULT_TTL_SECONDS, jti: crypto.randomUUID(), ...claims };
      for (const [name, value] of Object.entries(payload)) if (value === undefined) delete payload[name];
      const kid = mint.kid === undefined ? keys[0]!.kid : mint.kid;
      const header = { alg: mint.alg ?? 'RS256', typ: 'at+jwt', ...(kid === null ? {} : { kid }), ...mint.header };
      return new SignJWT(payload as JWTPayload).setProtectedHeader(header as { alg: string }).sign(mint.key ?? keys[0]!.privateKey);
    },
    async rotateKeys({ keepPrevious = true } = {}) {
      const next = await newSigningKey();
      keys = keepPrevious ? [next, ...keys] : [next];
      install();
      return next.kid;
    },
    stop,
    async start() {
      if (!running) await listen(port);
    },
    close: stop,
  };
}

/** A fresh signing key (RS256 unless `alg` says otherwise) with a random `kid`, as a private JWK and as a key object. */
export async function newSigningKey(alg = 'RS256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const kid = `key-${crypto.randomUUID().slice(0, 8)}`;
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg, use: 'sig' };
  const spki = Buffer.from(await crypto.subtle.exportKey('spki', publicKey)).toString('base64');
  const publicKeyPem = `-----BEGIN PUBLIC KEY-----\n${spki.match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----\n`;
  return { kid, privateKey, privateJwk, publicKeyPem };
}

function emptyCounts(): Record<Endpoint, number> {
  return { discovery: 0, jwks: 0, token: 0, introspection: 0, revocation: 0, other: 0 };
}

function buildProvider(
  issuer: string,
  keys: SigningKey[],
  clients: ClientSpec[],
  resources: Record<string, ResourceSpec>,
  introspectors: IntrospectorSpec[],
  adapter: unknown,
): OidcProvider {
  const claimsOf = new Map(clients.map((client) => [client.clientId, client.claims ?? {}]));
  const scopes = new Set<string>();
  for (const client of clients) for (const scope of client.scope.split(' ')) if (scope) scopes.add(scope);
  for (const resource of Object.values(resources)) for (const scope of resource.scope.split(' ')) if (scope) scopes.add(scope);

  const provider = new Provider(issuer, {
    adapter,
    jwks: { keys: keys.map((key) => key.privateJwk) },
    clients: [
      ...clients.map((client) => ({
        client_id: client.clientId,
        client_secret: client.secret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
        scope: client.scope,
      })),
      ...introspectors.map((api) => ({
        client_id: api.clientId,
        client_secret: api.secret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
      })),
    ],
    scopes: [...scopes],
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx: unknown, client: { clientId: string }, token: { clientId?: string }) => token.clientId === client.clientId,
      },
      introspection: {
        enabled: true,
        // As IdentityServer: an API learns about a token only if the token is meant for it.
        allowedPolicy: async (_ctx: unknown, client: { clientId: string }, token: { aud?: string | string[] }) =>
          introspectors.some((api) => api.clientId === client.clientId) && [token.aud ?? []].flat().includes(client.clientId),
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => undefined,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx: unknown, indicator: string) => {
          const resource = resources[indicator];
          if (!resource) throw new Provider.errors.InvalidTarget(`unknown resource ${indicator}`);
          return {
            audience: resource.audience,
            scope: resource.scope,
            accessTokenFormat: resource.format,
            accessTokenTTL: resource.ttlSeconds ?? DEFAULT_TTL_SECONDS,
            ...(resource.format === 'jwt' ? { jwt: { sign: { alg: 'RS256' } } } : {}),
          };
        },
      },
    },
    extraTokenClaims: async (_ctx: unknown, token: { clientId?: string }) => ({ ...claimsOf.get(token.clientId ?? '') }),
    formats: {
      customizers: {
        // The JWT format puts the client id in `sub`; a client's own `sub` claim wins, as IdentityServer's profile service would.
        jwt: async (_ctx: unknown, token: { clientId?: string }, jwt: { payload: Record<string, unknown> }) => {
          const sub = claimsOf.get(token.clientId ?? '')?.sub;
          if (sub !== undefined) jwt.payload.sub = sub;
        },
      },
    },
    ttl: {
      ClientCredentials: (_ctx: unknown, token: { resourceServer?: { accessTokenTTL?: number } }) => token.resourceServer?.accessTokenTTL ?? DEFAULT_TTL_SECONDS,
    },
  });
  // A 500 from the provider is a bug in this helper, not a test outcome: make it visible.
  provider.on('server_error', (_ctx: unknown, error: Error) => console.error('identity provider:', error));
  return provider;
}

/**
 * oidc-provider's adapter over this helper's own map: tokens survive a key rotation (a new Provider)
 * and are never visible to another test provider in the same process (the built-in memory adapter
 * is one store per process).
 */
function adapterOver(store: Map<string, { payload: Record<string, unknown>; expiresAt: number | undefined }>): unknown {
  return class {
    constructor(private readonly name: string) {}
    private key(id: string): string {
      return `${this.name}:${id}`;
    }
    async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number): Promise<void> {
      store.set(this.key(id), { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : undefined });
    }
    async find(id: string): Promise<Record<string, unknown> | undefined> {
      const entry = store.get(this.key(id));
      if (!entry) return undefined;
      if (entry.expiresAt !== undefined && entry.expiresAt < Date.now()) {
        store.delete(this.key(id));
        return undefined;
      }
      return entry.payload;
    }
    async findByUserCode(): Promise<undefined> {
      return undefined;
    }
    async findByUid(): Promise<undefined> {
      return undefined;
    }
    async consume(id: string): Promise<void> {
      const entry = store.get(this.key(id));
      if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string): Promise<void> {
      store.delete(this.key(id));
    }
    async revokeByGrantId(grantId: string): Promise<void> {
      for (const [key, entry] of store) if (entry.payload.grantId === grantId) store.delete(key);
    }
  };
}
