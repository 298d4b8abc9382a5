// A tiny "values" API for trying Margay: GET /api/values and /api/values/{id}, and it echoes
// what it received (method, path, headers) so you can see what the gateway forwarded.
// Run: node examples/values-api.mjs   (PORT defaults to 5000)
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 5000);
const host = process.env.HOST ?? '127.0.0.1';
const values = ['value1', 'value2'];

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://values');
  const match = /^\/api\/values(?:\/(\d+))?\/?$/.exec(url.pathname);
  let status = 200;
  let body;
  if (match && match[1] !== undefined) {
    const value = values[Number(match[1])];
    status = value === undefined ? 404 : 200;
    body = value === undefined ? { error: 'no such value' } : { id: Number(match[1]), value };
  } else if (match) {
    body = values;
  } else {
    status = 404;
    body = { error: 'not found' };
  }
  const echo = { method: request.method, path: url.pathname + url.search, headers: request.headers };
  response.writeHead(status, { 'content-type': 'application/json', 'x-values-api-echo': JSON.stringify(echo).slice(0, 4000) });
  response.end(JSON.stringify(body));
});

server.listen(port, host, () => console.log(`values API on http://${host}:${port}/api/values`));
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => server.close(() => process.exit(0)));
