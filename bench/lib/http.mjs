// A tiny HTTP client for the harness's own requests (checks, admin API), on fresh connections so it
// never shares a socket with the load.
import { request } from 'node:http';

/**
 * @returns {Promise<{ status: number, headers: import('node:http').IncomingHttpHeaders, body: string }>}
 *   rejects on a socket error or after `timeoutMs`.
 * @example const { status, body } = await httpRequest('http://127.0.0.1:8081/healthz');
 */
export function httpRequest(url, { method = 'GET', headers = {}, body, timeoutMs = 5000 } = {}) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Polls `url` until it answers with any HTTP status, the process exits, or `timeoutMs` passes.
 * @returns {Promise<{ ready: true } | { ready: false, reason: string }>}
 */
export async function waitForHttp(url, { timeoutMs, hasExited }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited()) return { ready: false, reason: 'exited before it answered' };
    try {
      await httpRequest(url, { timeoutMs: 1000 });
      return { ready: true };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { ready: false, reason: `did not answer within ${Math.round(timeoutMs / 1000)} s` };
}
