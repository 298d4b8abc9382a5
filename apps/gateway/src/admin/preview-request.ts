import { parseConfigText } from '@margay/config';
import type { Claim } from '@margay/claims';
import { AdminError } from './admin-error.js';

/** `POST /api/v1/preview/transforms`, as sent. */
export interface PreviewRequest {
  readonly routeId: string | undefined;
  readonly route: Record<string, unknown> | undefined;
  readonly claims: readonly Claim[] | undefined;
  readonly token: string | undefined;
  readonly verify: boolean;
  readonly request: {
    readonly method: string;
    readonly path: string | undefined;
    readonly query: string;
    readonly headers: Readonly<Record<string, string>>;
  };
}

const KEYS = new Set(['routeId', 'route', 'claims', 'token', 'verify', 'request']);
const REQUEST_KEYS = new Set(['method', 'path', 'query', 'headers']);

/** Reads and checks the body; every problem is a 400 `invalid_preview` saying what to send instead. */
export function readPreviewRequest(body: string): PreviewRequest {
  const parsed = parseConfigText(body);
  if (!parsed.ok) throw invalid(`the body is not JSON: ${parsed.issues[0]?.message ?? 'unreadable'}`);
  const value = parsed.value;
  if (!isObject(value)) throw invalid('the body must be a JSON object');
  for (const key of Object.keys(value)) if (!KEYS.has(key)) throw invalid(`unknown field "${key}" (expected ${[...KEYS].join(', ')})`);
  const { routeId, route, claims, token, verify, request } = value;
  if ((routeId === undefined) === (route === undefined)) throw invalid('send exactly one of "routeId" (from GET /api/v1/routes) and "route" (an inline route)');
  if (routeId !== undefined && typeof routeId !== 'string') throw invalid('"routeId" must be a string');
  if (route !== undefined && !isObject(route)) throw invalid('"route" must be an ocelot.json route object');
  if (claims !== undefined && token !== undefined) throw invalid('send "claims" or "token", not both');
  if (claims !== undefined && !(Array.isArray(claims) && claims.every(isClaim))) throw invalid('"claims" must be an array of { "type": string, "value": string }');
  if (token !== undefined && (typeof token !== 'string' || token.trim() === '')) throw invalid('"token" must be a non-empty string');
  if (verify !== undefined && typeof verify !== 'boolean') throw invalid('"verify" must be true or false');
  if (verify === true && token === undefined) throw invalid('"verify": true needs a "token" to verify');
  return {
    routeId: routeId as string | undefined,
    route: route as Record<string, unknown> | undefined,
    claims: claims as Claim[] | undefined,
    token: (token as string | undefined)?.trim(),
    verify: verify === true,
    request: readRequest(request),
  };
}

function readRequest(request: unknown): PreviewRequest['request'] {
  if (request === undefined) return { method: 'GET', path: undefined, query: '', headers: {} };
  if (!isObject(request)) throw invalid('"request" must be an object { method?, path?, query?, headers? }');
  for (const key of Object.keys(request)) if (!REQUEST_KEYS.has(key)) throw invalid(`unknown field "request.${key}"`);
  const { method = 'GET', path, query = '', headers = {} } = request;
  if (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method)) throw invalid('"request.method" must be an HTTP method such as GET');
  if (path !== undefined && (typeof path !== 'string' || !path.startsWith('/') || /[\s?#]/.test(path))) {
    throw invalid('"request.path" must be a path starting with "/", without spaces, query or fragment');
  }
  if (typeof query !== 'string' || /[\s#]/.test(query)) throw invalid('"request.query" must be a raw query string without spaces, e.g. "a=1&b=2"');
  if (!isObject(headers) || !Object.values(headers).every((header) => typeof header === 'string')) {
    throw invalid('"request.headers" must be an object of header names to string values');
  }
  const lower: Record<string, string> = {};
  for (const [name, header] of Object.entries(headers)) lower[name.toLowerCase()] = header as string;
  return { method: method.toUpperCase(), path, query: query.startsWith('?') ? query.slice(1) : query, headers: lower };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isClaim(value: unknown): value is Claim {
  return isObject(value) && typeof value.type === 'string' && typeof value.value === 'string';
}

function invalid(problem: string): AdminError {
  return new AdminError(400, 'invalid_preview', `The preview request is not valid: ${problem}.`);
}
