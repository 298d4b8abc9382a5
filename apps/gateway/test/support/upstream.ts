import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the upstream saw of one request. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A real HTTP server on loopback that answers every request with JSON describing it
 * (`{ name, method, url, headers, bodyLength }`), so tests can check what the gateway sent.
 * `/delay/<ms>` waits before answering; `/status/<code>` answers that status; `/hop-by-hop` answers
 * with a `Connection` header naming `X-Hop-Response`, which a proxy must not forward.
 */
export interface TestUpstream {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  readonly seen: SeenRequest[];
  close(): Promise<void>;
}

export async function startUpstream(name = 'upstream'): Promise<TestUpstream> {
  const seen: SeenRequest[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = request.url ?? '/';
      seen.push({ method: request.method ?? '', url, headers: request.headers, body: body.length > 1000 ? body.slice(0, 1000) : body });
      const delay = /\/delay\/(\d+)/.exec(url);
      const status = /\/status\/(\d{3})/.exec(url);
      const answer = () => {
        const payload = JSON.stringify({ name, method: request.method, url, headers: request.headers, bodyLength: Buffer.byteLength(body) });
        const hop = url.includes('/hop-by-hop') ? { connection: 'keep-alive, x-hop-response', 'x-hop-response': 'must-not-pass' } : {};
        response.writeHead(status ? Number(status[1]) : 200, { 'content-type': 'application/json', 'x-upstream': name, ...hop });
        response.end(payload);
      };
      if (delay) setTimeout(answer, Number(delay[1]));
      else answer();
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
