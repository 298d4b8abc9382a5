// Raw http-proxy: node:http + http-proxy 1.18.1 and nothing else — the floor of Margay's stack.
// The keep-alive agent has the options Margay's AgentPool uses, so the two differ only in what Margay
// adds on top (Nest/Fastify, routing, headers, policies). No routing: every request goes to the upstream
// as it came. No X-Forwarded-* headers (xfwd off), like the http-proxy row of /work/shared/bench.
// Usage: node http-proxy.mjs <port> <upstream-url>
import { Agent, createServer } from 'node:http';
import httpProxy from 'http-proxy';

const port = Number(process.argv[2]);
const target = process.argv[3];
const agent = new Agent({ keepAlive: true, keepAliveMsecs: 1000, maxFreeSockets: 256, scheduling: 'lifo' });
const proxy = httpProxy.createProxyServer({ target, agent, xfwd: false });
proxy.on('error', (_error, _request, response) => {
  // On a socket-level error `response` is a net.Socket (upgrade path), which has no writeHead.
  if (typeof response.writeHead === 'function' && !response.headersSent) {
    response.writeHead(502, { 'content-type': 'application/json' });
  }
  response.end('{"code":"bad_gateway"}');
});
const server = createServer((request, response) => proxy.web(request, response));
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => console.log(`http-proxy listening on http://127.0.0.1:${port} -> ${target}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));
