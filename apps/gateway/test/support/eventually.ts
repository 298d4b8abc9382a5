import type { TestGateway } from './test-gateway.js';

/**
 * Retries `check` every `intervalMs` until it passes; rethrows its last failure once `ms` have
 * passed. Resolves with how long it took.
 */
export async function eventually(check: () => Promise<unknown>, ms: number, intervalMs = 20): Promise<number> {
  const started = Date.now();
  for (;;) {
    try {
      await check();
      return Date.now() - started;
    } catch (error) {
      if (Date.now() - started > ms) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

/** The downstream path the echo upstream reports for a GET through the gateway, or `status <n>`. */
export async function downstreamUrl(gateway: TestGateway, path: string): Promise<string> {
  const response = await fetch(`${gateway.proxyUrl}${path}`);
  return response.status === 200 ? (await response.json()).url : `status ${response.status}`;
}
