import { Agent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { route, startTestGateway, type TestGateway } from './support/test-gateway.js';
import { startUpstream, type TestUpstream } from './support/upstream.js';

const CHANGES = 50;
const CLIENTS = 4;
/** Bounds the load loop even if something hangs. */
const MAX_LOAD_MS = 60_000;

/** One GET on a keep-alive agent: the status and which downstream path served it. */
function get(url: string, agent: Agent): Promise<{ status: number; path: string }> {
  return new Promise((resolve) => {
    const request = httpRequest(url, { agent }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => {
        try {
          resolve({ status: response.statusCode ?? 0, path: JSON.parse(text).url });
        } catch {
          resolve({ status: response.statusCode ?? 0, path: `unparsable: ${text.slice(0, 100)}` });
        }
      });
    });
    request.on('error', (error) => resolve({ status: 0, path: error.message }));
    request.end();
  });
}

/**
 * Real traffic while the configuration changes 50 times (routes added, removed, reordered, the
 * served route's options changed): not one request may fail or reach the wrong downstream.
 */
describe('reloads under steady load', () => {
  let db: TestDatabase;
  let upstream: TestUpstream;
  let gateway: TestGateway;

  beforeAll(async () => {
    db = await createTestDatabase();
    upstream = await startUpstream();
    gateway = await startTestGateway(db.url);
  });

  afterAll(async () => {
    await gateway?.stop();
    await upstream?.close();
    await db?.drop();
  });

  it(`${CHANGES} configuration changes cause zero failed or misrouted requests`, async () => {
    const revision = (i: number) => ({
      Routes: [
        // Churn around the served routes: new routes before them, removed ones, other priorities.
        ...Array.from({ length: i % 7 }, (_, k) => route(`/churn/${i}/${k}/{x}`, `/churn/${k}/{x}`, upstream.port)),
        route('/stable/{id}', '/api/stable/{id}', upstream.port, { Priority: 1 + (i % 3), Timeout: 10 + i }),
        route('/other/{id}', '/api/other/{id}', upstream.port, { UpstreamHttpMethod: i % 2 ? ['Get'] : [] }),
        ...(i % 2 ? [route('/{everything}', '/catch-all/{everything}', upstream.port)] : []),
      ],
    });
    await gateway.putConfig(revision(0));

    let stop = false;
    const results: { status: number; path: string; expected: string }[] = [];
    const deadline = Date.now() + MAX_LOAD_MS;
    const client = async (n: number) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      for (let i = 0; !stop && Date.now() < deadline; i++) {
        const which = i % 2 ? 'stable' : 'other';
        const id = `${n}-${i}`;
        const result = await get(`${gateway.proxyUrl}/${which}/${id}`, agent);
        results.push({ ...result, expected: `/api/${which}/${id}` });
      }
      agent.destroy();
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
    for (let i = 1; i <= CHANGES; i++) {
      await gateway.putConfig(revision(i));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    stop = true;
    await load;

    const failed = results.filter((result) => result.status !== 200 || result.path !== result.expected);
    expect(results.length).toBeGreaterThan(CHANGES * 2);
    expect(failed).toEqual([]);
    const status = await (await gateway.admin('GET', '/api/v1/status')).json();
    expect(status.reloads.failed).toBe(0);
  });
});
