// The upstream every candidate forwards to: answers any request with a small JSON body that echoes
// what arrived (path with query, the `CustomerId` header a claims transform adds, whether a bearer
// token came through), so one request tells the harness whether a candidate forwarded correctly.
// Usage: node upstream.mjs <port>
import { createServer } from 'node:http';

const port = Number(process.argv[2]);
const server = createServer((request, response) => {
  const body = JSON.stringify({
    ok: true,
    path: request.url,
    customer: request.headers['customerid'] ?? null,
    bearer: typeof request.headers.authorization === 'string' && request.headers.authorization.startsWith('Bearer '),
    pad: 'xxxxxxxxxxxxxxxx',
  });
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
});
// Longer than any proxy's idle timeout towards it, so the proxy (not the upstream) closes idle sockets.
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => console.log(`upstream listening on http://127.0.0.1:${port}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));
