import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { ClientSpec } from './identity-provider.js';
import { expectGatewayError, type Answer } from './http-call.js';

/**
 * Shared pieces of the claims-transformation suites (transforms, preview, claims vectors): the
 * provider and route options they authenticate with, a raw HTTP client that can send repeated
 * headers and an untouched path, what the echo upstream saw, the transform error assertions, and a
 * downstream that answers redirects (for DownstreamHeaderTransform).
 */

/** The `AuthenticationProviders` key every transforms suite uses. */
export const PROVIDER_KEY = 'Idp';

/** `AuthenticationProviders` entry: JwtBearer against the test identity provider (discovery on loopback http). */
export function jwtBearerProvider(issuer: string): Record<string, unknown> {
  return { Key: PROVIDER_KEY, Type: 'JwtBearer', Authority: issuer, Audience: 'api1', RequireHttpsMetadata: false, ClockSkewSeconds: 0 };
}

/** Route options that make a route authenticated with {@link PROVIDER_KEY}. */
export const AUTHENTICATED = { AuthenticationOptions: { AuthenticationProviderKeys: [PROVIDER_KEY] } } as const;

/**
 * The seed scenario's user: `sub` = `usertypevalue|useridvalue`, customer 42, location 7, and a
 * `UserType` claim of its own that AddClaimsToRequest must replace.
 */
export const SEED_CLIENT: ClientSpec = {
  clientId: 'seed-client',
  secret: 'seed-secret',
  scope: 'api1',
  claims: { sub: 'usertypevalue|useridvalue', CustomerId: '42', LocationId: '7', UserType: 'registered' },
};

export { call, expectGatewayError, type Answer, type CallOptions } from './http-call.js';

/** What the echo upstream received, as it reports it. */
export interface Seen {
  /** Raw request target: path and query exactly as received. */
  url: string;
  /** The part before `?`. */
  path: string;
  /** `''` or the part from `?` on. */
  query: string;
  method: string;
  headers: IncomingHttpHeaders;
}

/** Asserts the request reached the echo upstream (200 from it) and returns what it saw. */
export function seenBy(answer: Answer): Seen {
  expect({ status: answer.status, echoed: typeof answer.json?.url === 'string' }, answer.text).toEqual({ status: 200, echoed: true });
  const url = answer.json!.url as string;
  const cut = url.indexOf('?');
  return {
    url,
    path: cut < 0 ? url : url.slice(0, cut),
    query: cut < 0 ? '' : url.slice(cut),
    method: answer.json!.method as string,
    headers: answer.json!.headers as IncomingHttpHeaders,
  };
}

/** The value of a header in a plain object whose names may be in any case (undefined when absent). */
export function headerOf(headers: Readonly<Record<string, unknown>> | undefined, name: string): unknown {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** 403 `claim_transform_failed` naming the dictionary (`transform`) and the entry (`key`) that failed. */
export function expectClaimTransformFailed(answer: Answer, transform: string, key: string): Record<string, unknown> {
  const body = expectGatewayError(answer, 403, 'claim_transform_failed');
  expect({ transform: body.transform, key: body.key }).toEqual({ transform, key });
  return body;
}

/**
 * Splits a raw query (`?a=1&b=2`) into its raw `name=value` pairs, in order, without decoding, so that
 * encoding, order and duplicates can all be checked.
 */
export function rawQueryPairs(query: string): string[] {
  const text = query.startsWith('?') ? query.slice(1) : query;
  return text === '' ? [] : text.split('&');
}

/** The request id a route's `{TraceId}` must resolve to: the one the gateway returned. */
export function requestIdOf(answer: Answer): string {
  const id = answer.headers['x-request-id'];
  expect(typeof id).toBe('string');
  return id as string;
}

/** A downstream that answers redirects, for DownstreamHeaderTransform on `Location`. */
export interface RedirectUpstream {
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * On loopback: `GET /redirect/away` answers 302 to `http://elsewhere.example/landing`; any other
 * `/redirect/<rest>` answers 302 with `Location: http://127.0.0.1:<port>/landing/<rest>?q=1` (its own
 * base URL, as a backend that does not know it sits behind a gateway). Every answer carries
 * `X-Existing: downstream`; the body is a small JSON echo of the path.
 */
export async function startRedirectUpstream(): Promise<RedirectUpstream> {
  let port = 0;
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const url = request.url ?? '/';
      const body = JSON.stringify({ name: 'redirector', url });
      const headers = { 'content-type': 'application/json', 'x-existing': 'downstream' };
      if (url === '/redirect/away') {
        response.writeHead(302, { ...headers, location: 'http://elsewhere.example/landing' });
      } else if (url.startsWith('/redirect/')) {
        response.writeHead(302, { ...headers, location: `http://127.0.0.1:${port}/landing/${url.slice('/redirect/'.length)}?q=1` });
      } else {
        response.writeHead(200, headers);
      }
      response.end(body);
    });
  });
  server.keepAliveTimeout = 2_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** RFC 3986 `pchar`s: what a path segment may hold without percent-encoding (`%` only as an escape). */
export const PATH_SEGMENT = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})*$/;
