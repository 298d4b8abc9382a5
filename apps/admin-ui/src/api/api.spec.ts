import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAdminClient, getOcelotConfig, getStatus, isUnauthorized, listRoutes, putOcelotConfig, type FetchLike } from './index.js';

interface Call {
  readonly url: string;
  readonly init: RequestInit;
}

/** A fetch that records its calls and answers with `respond()`. */
function fakeFetch(respond: () => Response | Promise<Response>): { fetch: FetchLike; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    fetch: async (url, init) => {
      calls.push({ url, init });
      return respond();
    },
  };
}

function json(status: number, body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), { status, ...init, headers: { 'content-type': 'application/json', ...init.headers } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const STATUS = {
  revision: 3,
  source: 'database',
  compiledAt: '2026-11-24T16:00:00.000Z',
  databaseConnected: true,
  reloads: { applied: 3, failed: 0 },
  lastFailure: null,
};

describe('requests', () => {
  it('calls the relative admin URL with the bearer token and no body', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, STATUS));
    const result = await getStatus(createAdminClient('s3cret', { fetch }));
    expect(result).toEqual({ ok: true, value: STATUS });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('api/v1/status');
    expect(calls[0]!.init.method).toBe('GET');
    expect(calls[0]!.init.body).toBeUndefined();
    expect(calls[0]!.init.headers).toMatchObject({ authorization: 'Bearer s3cret', accept: 'application/json' });
  });

  it('joins a base URL with exactly one slash', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { revision: 1, data: [] }));
    await listRoutes(createAdminClient('t', { fetch, baseUrl: 'http://127.0.0.1:8081' }));
    await listRoutes(createAdminClient('t', { fetch, baseUrl: 'http://127.0.0.1:8081/' }));
    expect(calls.map((call) => call.url)).toEqual(['http://127.0.0.1:8081/api/v1/routes', 'http://127.0.0.1:8081/api/v1/routes']);
  });

  it('calls the global fetch as a plain function (browsers refuse fetch called as a method of another object)', async () => {
    let receiver: unknown = 'not called';
    vi.stubGlobal('fetch', function (this: unknown) {
      receiver = this;
      return Promise.resolve(json(200, STATUS));
    });
    const result = await getStatus(createAdminClient('t'));
    expect(result.ok).toBe(true);
    expect(receiver).toBe(globalThis);
  });

  it('PUTs the ocelot.json text verbatim as application/json, with ?dryRun=true for a validation', async () => {
    const answer = { revision: 7, dryRun: true, routes: 2, authenticationProviders: 1, warnings: [] };
    const { fetch, calls } = fakeFetch(() => json(200, answer));
    const text = '// comments are allowed\n{ "Routes": [] }';
    const result = await putOcelotConfig(createAdminClient('t', { fetch }), text, { dryRun: true });
    expect(result).toEqual({ ok: true, value: answer });
    expect(calls[0]!.url).toBe('api/v1/config/ocelot?dryRun=true');
    expect(calls[0]!.init.method).toBe('PUT');
    expect(calls[0]!.init.body).toBe(text);
    expect(calls[0]!.init.headers).toMatchObject({ 'content-type': 'application/json', authorization: 'Bearer t' });
  });

  it('saves without the dryRun parameter', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { revision: 8, dryRun: false, routes: 0, authenticationProviders: 0, warnings: [] }));
    await putOcelotConfig(createAdminClient('t', { fetch }), '{}');
    expect(calls[0]!.url).toBe('api/v1/config/ocelot');
  });

  it('reads the revision of the exported document from x-margay-revision', async () => {
    const document = { Routes: [], GlobalConfiguration: { BaseUrl: 'http://gw' } };
    const withHeader = fakeFetch(() => json(200, document, { headers: { 'x-margay-revision': '12' } }));
    expect(await getOcelotConfig(createAdminClient('t', { fetch: withHeader.fetch }))).toEqual({ ok: true, value: { revision: 12, document } });
    const without = fakeFetch(() => json(200, document));
    expect(await getOcelotConfig(createAdminClient('t', { fetch: without.fetch }))).toEqual({ ok: true, value: { revision: null, document } });
  });
});

describe('error mapping', () => {
  it('keeps the gateway’s code and message of a 401, which ends the session', async () => {
    const { fetch } = fakeFetch(() => json(401, { code: 'unauthorized', message: 'The admin token is not valid.' }));
    const result = await getStatus(createAdminClient('wrong', { fetch }));
    expect(result).toEqual({
      ok: false,
      error: { status: 401, code: 'unauthorized', message: 'The admin token is not valid.', errors: [], warnings: [] },
    });
    expect(!result.ok && isUnauthorized(result.error)).toBe(true);
  });

  it('carries every issue and warning of a refused configuration, dropping malformed ones', async () => {
    const errors = [
      { path: 'Routes[0].DownstreamPathTemplate', message: 'must start with /', code: 'template_no_slash' },
      { path: '', message: 'Unexpected token at line 3, column 5', code: 'json_syntax' },
    ];
    const warnings = [{ path: 'Routes[0].Foo', message: 'unknown key', code: 'unknown_key' }];
    const { fetch } = fakeFetch(() =>
      json(400, { code: 'invalid_config', message: 'The configuration has 2 errors; nothing was saved.', errors: [...errors, { path: 3 }, 'x'], warnings }),
    );
    const result = await putOcelotConfig(createAdminClient('t', { fetch }), '{}', { dryRun: true });
    expect(result).toEqual({
      ok: false,
      error: { status: 400, code: 'invalid_config', message: 'The configuration has 2 errors; nothing was saved.', errors, warnings },
    });
    expect(!result.ok && isUnauthorized(result.error)).toBe(false);
  });

  it('keeps the issues of a saved revision that could not be put into service (500 reload_failed)', async () => {
    const errors = [{ path: 'Routes[1]', message: 'cannot compile', code: 'compile_failed' }];
    const { fetch } = fakeFetch(() => json(500, { code: 'reload_failed', message: 'Revision 9 was saved but …', revision: 9, errors }));
    const result = await putOcelotConfig(createAdminClient('t', { fetch }), '{}');
    expect(result.ok === false && result.error).toMatchObject({ status: 500, code: 'reload_failed', errors });
  });

  it('maps an answer without a JSON error body (a proxy’s HTML page) to http_<status>', async () => {
    const { fetch } = fakeFetch(() => new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const result = await getStatus(createAdminClient('t', { fetch }));
    expect(result.ok === false && result.error).toEqual({
      status: 502,
      code: 'http_502',
      message: 'The admin API answered 502 Bad Gateway without an error description.',
      errors: [],
      warnings: [],
    });
  });

  it('still recognises a 401 without a JSON body as unauthorized', async () => {
    const { fetch } = fakeFetch(() => new Response('', { status: 401 }));
    const result = await getStatus(createAdminClient('t', { fetch }));
    expect(result.ok === false && result.error.code).toBe('http_401');
    expect(result.ok === false && isUnauthorized(result.error)).toBe(true);
  });

  it('treats a JSON body without a string code as no error description', async () => {
    const { fetch } = fakeFetch(() => json(500, { error: 'boom' }));
    const result = await getStatus(createAdminClient('t', { fetch }));
    expect(result.ok === false && result.error.code).toBe('http_500');
  });

  it('reports a 2xx body that is not JSON as invalid_response', async () => {
    const { fetch } = fakeFetch(() => new Response('<!doctype html><title>index</title>', { status: 200 }));
    const result = await listRoutes(createAdminClient('t', { fetch }));
    expect(result.ok === false && result.error).toMatchObject({ status: 200, code: 'invalid_response' });
  });

  it('reports an exported document that is not a JSON object as invalid_response', async () => {
    const { fetch } = fakeFetch(() => json(200, []));
    const result = await getOcelotConfig(createAdminClient('t', { fetch }));
    expect(result.ok === false && result.error.code).toBe('invalid_response');
  });

  it('maps a fetch that rejects (gateway down) to network_error with status 0', async () => {
    const { fetch } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const result = await getStatus(createAdminClient('t', { fetch }));
    expect(result.ok === false && result.error).toEqual({
      status: 0,
      code: 'network_error',
      message: 'The admin API could not be reached (Failed to fetch). Check that the gateway is running.',
      errors: [],
      warnings: [],
    });
  });

  it('maps a body that breaks off mid-read to network_error', async () => {
    const broken = new Response('{"revision":');
    vi.spyOn(broken, 'text').mockRejectedValue(new TypeError('terminated'));
    const { fetch } = fakeFetch(() => broken);
    const result = await getStatus(createAdminClient('t', { fetch }));
    expect(result.ok === false && result.error.code).toBe('network_error');
  });

  it('maps a cancelled request to aborted', async () => {
    const controller = new AbortController();
    const fetch: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError'))));
    const pending = getStatus(createAdminClient('t', { fetch }), controller.signal);
    controller.abort();
    const result = await pending;
    expect(result.ok === false && result.error).toMatchObject({ status: 0, code: 'aborted' });
  });
});
