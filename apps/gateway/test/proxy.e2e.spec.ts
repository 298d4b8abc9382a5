import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Forwarder } from '../src/proxy/forwarder.js';
import { eventually } from './support/eventually.js';
import { proxyErrorCount } from './support/metric-sample.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { route, startTestGateway, type TestGateway } from './support/test-gateway.js';
import { startUpstream, type TestUpstream } from './support/upstream.js';

/** The data plane against a real upstream: routing, errors, headers, streaming, load balancing. */
describe('proxy', () => {
  let db: TestDatabase;
  let gateway: TestGateway;
  let upstream: TestUpstream;
  let second: TestUpstream;
  let closedPort: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    upstream = await startUpstream('one');
    second = await startUpstream('two');
    closedPort = await unusedPort();
    gateway = await startTestGateway(db.url);
    await gateway.putConfig({
      Routes: [
        route('/values', '/api/values', upstream.port, { UpstreamHttpMethod: ['Get', 'Post'] }),
        route('/items/{id}', '/api/items/{id}', upstream.port, { UpstreamHttpMethod: ['Get'] }),
        route('/items/{id}', '/api/items/{id}/deleted', upstream.port, { UpstreamHttpMethod: ['Delete'] }),
        route('/slow/{everything}', '/delay/{everything}', upstream.port, { Timeout: 1 }),
        route('/qos/{everything}', '/delay/{everything}', upstream.port, { QoSOptions: { TimeoutValue: 300 } }),
        route('/patient/{everything}', '/delay/{everything}', upstream.port, { Timeout: 60 }),
        route('/down', '/anything', closedPort),
        route('/upload', '/api/upload', upstream.port, { UpstreamHttpMethod: ['Post', 'Put'] }),
        route('/rr/{x}', '/rr/{x}', upstream.port, {
          DownstreamHostAndPorts: [{ Host: '127.0.0.1', Port: upstream.port }, { Host: '127.0.0.1', Port: second.port }],
          LoadBalancerOptions: { Type: 'RoundRobin' },
        }),
        route('/first/{x}', '/first/{x}', upstream.port, {
          DownstreamHostAndPorts: [{ Host: '127.0.0.1', Port: upstream.port }, { Host: '127.0.0.1', Port: second.port }],
        }),
        route('/verb', '/verb', upstream.port, { UpstreamHttpMethod: ['Get'], DownstreamHttpMethod: 'Post' }),
        route('/files/{everything}', '/api/files/{everything}', upstream.port),
      ],
      GlobalConfiguration: {},
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await upstream?.close();
    await second?.close();
    await db?.drop();
  });

  it('forwards a matching request to the downstream path', async () => {
    const response = await fetch(`${gateway.proxyUrl}/values?x=1`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ name: 'one', method: 'GET', url: '/api/values?x=1' });
  });

  it('substitutes placeholders', async () => {
    const body = await (await fetch(`${gateway.proxyUrl}/items/42`)).json();
    expect(body.url).toBe('/api/items/42');
  });

  it('sends the downstream path as built, without joining slashes or rewriting "http:/"', async () => {
    // http-proxy's urlJoin collapses "//" and turns "http:/" into "http://" inside any path.
    const body = await (await fetch(`${gateway.proxyUrl}/files/a//b/http:/x?q=1`)).json();
    expect(body.url).toBe('/api/files/a//b/http:/x?q=1');
    const posted = await (await fetch(`${gateway.proxyUrl}/files//c`, { method: 'POST', body: 'x'.repeat(100_000) })).json();
    expect(posted).toMatchObject({ url: '/api/files//c', bodyLength: 100_000 });
  });

  it('answers 404 with a JSON error when no route matches', async () => {
    const response = await fetch(`${gateway.proxyUrl}/nothing/here`);
    expect(response.status).toBe(404);
    const body = await response.json();
    expect(body).toMatchObject({ code: 'route_not_found' });
    expect(body.message).toContain('/nothing/here');
    expect(body.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('answers 405 with Allow when the path is known but the verb is not', async () => {
    const response = await fetch(`${gateway.proxyUrl}/items/42`, { method: 'PUT' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('DELETE, GET');
    expect(await response.json()).toMatchObject({ code: 'method_not_allowed' });
  });

  it('answers 502 when the downstream is unreachable', async () => {
    const response = await fetch(`${gateway.proxyUrl}/down`);
    expect(response.status).toBe(502);
    const body = await response.json();
    expect(body).toMatchObject({ code: 'downstream_unreachable' });
    expect(body.message).toContain(`127.0.0.1:${closedPort}`);
  });

  it('answers 504 when the downstream is slower than the route Timeout (seconds)', async () => {
    const started = Date.now();
    const response = await fetch(`${gateway.proxyUrl}/slow/3000`);
    expect(response.status).toBe(504);
    expect(await response.json()).toMatchObject({ code: 'downstream_timeout' });
    expect(Date.now() - started).toBeLessThan(2900);
    expect(gateway.core.get(Forwarder).awaitingResponse).toBe(0);
  });

  it('times out a request sent with Expect: 100-continue like any other', async () => {
    // http-proxy emits no proxyReq for a request that still carries Expect, which is where the
    // route's timeout starts: the gateway answers 100 itself and sends no expectation downstream.
    const started = Date.now();
    const answer = await postExpectingContinue(`${gateway.proxyUrl}/slow/3000`, 'hello');
    expect(answer.continued).toBe(true);
    expect(answer.status).toBe(504);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'downstream_timeout' });
    expect(Date.now() - started).toBeLessThan(2900);
    expect(gateway.core.get(Forwarder).awaitingResponse).toBe(0);
  });

  it('answers Expect: 100-continue itself and forwards the body without the expectation', async () => {
    const answer = await postExpectingContinue(`${gateway.proxyUrl}/upload`, 'a body sent after 100 Continue');
    expect(answer.status).toBe(200);
    const seen = JSON.parse(answer.body);
    expect(seen).toMatchObject({ method: 'POST', url: '/api/upload', bodyLength: 30 });
    expect(seen.headers.expect).toBeUndefined();
  });

  it('refuses an expectation other than 100-continue with a JSON 417', async () => {
    const answer = await rawExchange(gateway.proxyUrl, 'GET /values HTTP/1.1\r\nHost: margay.test\r\nExpect: tea\r\n\r\n');
    expect(answer.statusLine).toBe('HTTP/1.1 417 Expectation Failed');
    const body = JSON.parse(answer.body);
    expect(body).toMatchObject({ code: 'expectation_failed' });
    expect(body.message).toContain('"tea"');
    expect(body.requestId).toBe(answer.headers['x-request-id']);
  });

  it('answers a request whose headers are too large with a JSON 431, counted in the metrics', async () => {
    const before = await proxyErrorCount(gateway.adminUrl, 'request_header_too_large');
    const answer = await rawExchange(gateway.proxyUrl, `GET /values HTTP/1.1\r\nHost: margay.test\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(answer.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(answer.headers.connection).toBe('close');
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'request_header_too_large' });
    expect(await proxyErrorCount(gateway.adminUrl, 'request_header_too_large')).toBe(before + 1);
  });

  it('answers a request that is not HTTP with a JSON 400 and closes the connection', async () => {
    const answer = await rawExchange(gateway.proxyUrl, 'HELLO THERE\r\n\r\n');
    expect(answer.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'bad_request' });
    expect(answer.closed).toBe(true);
  });

  it('uses QoSOptions.TimeoutValue (milliseconds) over the default', async () => {
    expect((await fetch(`${gateway.proxyUrl}/qos/1000`)).status).toBe(504);
    expect((await fetch(`${gateway.proxyUrl}/qos/10`)).status).toBe(200);
  });

  it('lets go of the timeout of a request whose client went away once its downstream answers', async () => {
    const forwarder = gateway.core.get(Forwarder);
    const aborted = new AbortController();
    const call = fetch(`${gateway.proxyUrl}/patient/400`, { signal: aborted.signal }).catch((error: Error) => error);
    await eventually(async () => expect(forwarder.awaitingResponse).toBe(1), 2_000);
    aborted.abort();
    expect(await call).toBeInstanceOf(Error);
    // The route's Timeout is 60 s: the downstream's answer (after 400 ms) settled it, not its deadline.
    await eventually(async () => expect(forwarder.awaitingResponse).toBe(0), 3_000);
  });

  it('lets go of the timeout at once when a client goes away in the middle of its request body', async () => {
    const forwarder = gateway.core.get(Forwarder);
    const socket = connect(Number(new URL(gateway.proxyUrl).port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('POST /upload HTTP/1.1\r\nHost: margay.test\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nhalf a body');
    await eventually(async () => expect(forwarder.awaitingResponse).toBe(1), 2_000);
    socket.destroy();
    // http-proxy aborts the downstream request, which then neither errs nor answers: its 'close' settles it.
    await eventually(async () => expect(forwarder.awaitingResponse).toBe(0), 2_000);
  });

  it('generates a request id, sends it downstream and returns it', async () => {
    const response = await fetch(`${gateway.proxyUrl}/values`);
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await response.json()).headers['x-request-id']).toBe(id);
  });

  it('keeps a request id the client sent', async () => {
    const response = await fetch(`${gateway.proxyUrl}/values`, { headers: { 'x-request-id': 'client-id-1' } });
    expect(response.headers.get('x-request-id')).toBe('client-id-1');
    expect((await response.json()).headers['x-request-id']).toBe('client-id-1');
  });

  it('sets X-Forwarded-For/-Proto/-Host and the downstream Host', async () => {
    const body = await (await fetch(`${gateway.proxyUrl}/values`, { headers: { 'x-forwarded-for': '10.0.0.1' } })).json();
    const host = new URL(gateway.proxyUrl).host;
    expect(body.headers['x-forwarded-for']).toBe('10.0.0.1, 127.0.0.1');
    expect(body.headers['x-forwarded-proto']).toBe('http');
    expect(body.headers['x-forwarded-host']).toBe(host);
    expect(body.headers.host).toBe(`127.0.0.1:${upstream.port}`);
  });

  it('does not forward hop-by-hop headers, nor those the Connection header names', async () => {
    const seen = await rawGet(`${gateway.proxyUrl}/values`, {
      connection: 'keep-alive, x-secret-hop',
      'x-secret-hop': 'must-not-pass',
      'proxy-authorization': 'Basic abc',
      te: 'trailers',
    });
    expect(seen.headers['x-secret-hop']).toBeUndefined();
    expect(seen.headers['proxy-authorization']).toBeUndefined();
    expect(seen.headers.te).toBeUndefined();
  });

  it("does not return the downstream's hop-by-hop headers to the client", async () => {
    const response = await rawResponse(`${gateway.proxyUrl}/first/hop-by-hop`);
    expect(response.status).toBe(200);
    expect(response.headers['x-hop-response']).toBeUndefined();
    // The downstream's own Keep-Alive (timeout=10) is its connection's, not the client's.
    expect(response.headers['keep-alive']).not.toBe('timeout=10');
    expect(response.headers.connection).toBe('keep-alive');
    expect(response.headers['x-upstream']).toBe('one');
  });

  it('streams a large request body through without parsing it', async () => {
    const size = 8 * 1024 * 1024;
    const response = await fetch(`${gateway.proxyUrl}/upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.alloc(size, 'a'),
    });
    expect(response.status).toBe(200);
    expect((await response.json()).bodyLength).toBe(size);
  });

  it('streams a chunked request body (no content-length)', async () => {
    const chunks = ['{"a":', '1}'];
    const stream = new ReadableStream({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    });
    const response = await fetch(`${gateway.proxyUrl}/upload`, { method: 'PUT', body: stream, duplex: 'half' } as RequestInit);
    const body = await response.json();
    expect(body.method).toBe('PUT');
    expect(body.bodyLength).toBe(7);
  });

  it('streams the response: the first bytes arrive before the downstream finishes', async () => {
    let finish!: () => void;
    const slowStream: Server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('first-part;');
      finish = () => response.end('last-part');
    });
    await new Promise<void>((resolve) => slowStream.listen(0, '127.0.0.1', resolve));
    const port = (slowStream.address() as AddressInfo).port;
    const { revision } = await gateway.putConfig({
      Routes: [...(await currentRoutes(gateway)), route('/stream', '/stream', port)],
    });
    expect(revision).toBeGreaterThan(0);
    const response = await fetch(`${gateway.proxyUrl}/stream`);
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toBe('first-part;');
    finish();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += new TextDecoder().decode(chunk.value);
    expect(rest).toBe('last-part');
    slowStream.close();
  });

  it('RoundRobin alternates between downstreams', async () => {
    const names = [];
    for (let i = 0; i < 4; i++) names.push((await (await fetch(`${gateway.proxyUrl}/rr/${i}`)).json()).name);
    expect(names).toEqual(['one', 'two', 'one', 'two']);
  });

  it('NoLoadBalancer always uses the first downstream', async () => {
    const names = [];
    for (let i = 0; i < 3; i++) names.push((await (await fetch(`${gateway.proxyUrl}/first/${i}`)).json()).name);
    expect(names).toEqual(['one', 'one', 'one']);
  });

  it('DownstreamHttpMethod changes the verb sent downstream', async () => {
    const body = await (await fetch(`${gateway.proxyUrl}/verb`)).json();
    expect(body.method).toBe('POST');
  });

  it('adds a Server-Timing header with the time spent in the gateway', async () => {
    const response = await fetch(`${gateway.proxyUrl}/values`);
    expect(response.headers.get('server-timing')).toMatch(/^gateway;dur=\d+\.\d{3}$/);
  });
});

describe('proxy shutdown', () => {
  it('finishes the request in flight and answers 503 with Connection: close to one that arrives while closing', async () => {
    const db = await createTestDatabase();
    const upstream = await startUpstream('one');
    const gateway = await startTestGateway(db.url);
    await gateway.putConfig({ Routes: [route('/slow/{ms}', '/delay/{ms}', upstream.port)], GlobalConfiguration: {} });
    const socket = connect(Number(new URL(gateway.proxyUrl).port), '127.0.0.1');
    try {
      let received = '';
      socket.setEncoding('latin1');
      socket.on('data', (chunk: string) => (received += chunk));
      await once(socket, 'connect');
      socket.write('GET /slow/400 HTTP/1.1\r\nHost: test\r\n\r\n');
      await eventually(async () => expect(upstream.seen.map((seen) => seen.url)).toContain('/delay/400'), 5_000);
      // The connection is busy, so closing keeps it open; its next request arrives while the gateway closes.
      const stopped = gateway.stop();
      await new Promise((resolve) => setTimeout(resolve, 100));
      socket.write('GET /slow/1 HTTP/1.1\r\nHost: test\r\n\r\n');
      await once(socket, 'close');
      await stopped;
      const [first, second] = received.split(/(?=HTTP\/1\.1 )/);
      expect(first).toMatch(/^HTTP\/1\.1 200 /);
      expect(second).toMatch(/^HTTP\/1\.1 503 /);
      expect(second!.toLowerCase()).toContain('connection: close');
      expect(JSON.parse(second!.slice(second!.indexOf('\r\n\r\n') + 4))).toMatchObject({ code: 'shutting_down', requestId: expect.any(String) });
      expect(upstream.seen.map((seen) => seen.url)).not.toContain('/delay/1');
    } finally {
      socket.destroy();
      await gateway.stop();
      await upstream.close();
      await db.drop();
    }
  });
});

async function currentRoutes(gateway: TestGateway): Promise<unknown[]> {
  const document = await (await gateway.admin('GET', '/api/v1/config/ocelot')).json();
  return (document.Routes as { UpstreamPathTemplate: string }[]).filter((r) => r.UpstreamPathTemplate !== '/stream');
}

async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Status and headers of a GET as the client receives them (fetch hides hop-by-hop ones). */
/** Writes `bytes` on a new connection and reads until the server closes it or 2 s pass: one response. */
async function rawExchange(proxyUrl: string, bytes: string): Promise<{ statusLine: string; headers: Record<string, string>; body: string; closed: boolean }> {
  const socket = connect(Number(new URL(proxyUrl).port), '127.0.0.1');
  await once(socket, 'connect');
  socket.end(bytes);
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const closed = await Promise.race([once(socket, 'close').then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2_000))]);
  socket.destroy();
  const text = Buffer.concat(chunks).toString('utf8');
  const [head = '', body = ''] = text.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { statusLine, headers, body, closed };
}

/** A POST that sends its body only once the server answered `100 Continue`, as curl does for large bodies. */
function postExpectingContinue(url: string, body: string): Promise<{ continued: boolean; status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let continued = false;
    const headers = { expect: '100-continue', 'content-type': 'text/plain', 'content-length': String(Buffer.byteLength(body)) };
    const request = httpRequest(url, { method: 'POST', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ continued, status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('continue', () => {
      continued = true;
      request.end(body);
    });
    request.on('error', reject);
  });
}

function rawResponse(url: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** A GET with exactly these headers (fetch refuses to send hop-by-hop ones). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ headers: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve(JSON.parse(text)));
    });
    request.on('error', reject);
    request.end();
  });
}
