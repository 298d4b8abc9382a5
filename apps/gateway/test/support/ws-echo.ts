import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

/** A WebSocket echo server on loopback that prefixes what it echoes with the path it was opened on. */
export interface EchoServer {
  readonly port: number;
  /** The headers of every upgrade it accepted, in order. */
  readonly headers: IncomingHttpHeaders[];
  close(): Promise<void>;
}

export async function startEchoServer(): Promise<EchoServer> {
  const server: Server = createServer();
  const wss = new WebSocketServer({ server });
  const headers: IncomingHttpHeaders[] = [];
  wss.on('connection', (socket, request) => {
    headers.push(request.headers);
    socket.on('message', (data) => socket.send(`${request.url} ${data.toString()}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    headers,
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
      }),
  };
}

/** Opens a WebSocket, sends one message and resolves with the first message back (bounded to 5 s). */
export function exchange(url: string, message: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers, handshakeTimeout: 5_000 });
    const timer = setTimeout(() => reject(new Error('no echo within 5 s')), 5_000);
    socket.on('open', () => socket.send(message));
    socket.on('message', (data) => {
      clearTimeout(timer);
      resolve(data.toString());
      socket.close();
    });
    socket.on('unexpected-response', (_request, response) => reject(new Error(`upgrade refused with ${response.statusCode}`)));
    socket.on('error', reject);
  });
}

/** An upgrade the gateway is expected to refuse: its status and body. */
export function refusal(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers, handshakeTimeout: 5_000 });
    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    socket.on('open', () => {
      socket.close();
      reject(new Error('the upgrade was accepted'));
    });
    socket.on('error', (error) => reject(error));
  });
}
