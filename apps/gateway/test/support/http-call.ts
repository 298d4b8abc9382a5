import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { expect } from 'vitest';

/** What came back from the gateway, read in full. */
export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The parsed body (undefined if it is not JSON). */
  json: Record<string, unknown> | undefined;
}

export interface CallOptions {
  method?: string;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** An array value is sent as that many header lines (a header sent twice). */
  headers?: Record<string, string | string[]>;
  /** Send from another loopback address (127.x.y.z), e.g. to test IP allow and block lists. */
  localAddress?: string;
  timeoutMs?: number;
}

/**
 * One request through node:http: the path is sent exactly as written (fetch would normalize `..`
 * and percent-escapes), array header values go out as repeated lines, a `host` header is honoured,
 * redirects are not followed, and the local address can be chosen.
 */
export function call(url: string, options: CallOptions = {}): Promise<Answer> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const headers: OutgoingHttpHeaders = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: options.method ?? 'GET', headers, localAddress: options.localAddress, agent: false, timeout: timeoutMs },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          let json: Record<string, unknown> | undefined;
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
        });
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end();
  });
}

/** The JSON error body every gateway error has: `{ code, message, requestId }`, requestId = X-Request-Id. */
export function expectGatewayError(answer: Answer, status: number, code: string): Record<string, unknown> {
  expect({ status: answer.status, code: answer.json?.code }, answer.text).toEqual({ status, code });
  expect(typeof answer.json!.message).toBe('string');
  expect((answer.json!.message as string).length).toBeGreaterThan(0);
  expect(answer.json!.requestId).toBe(answer.headers['x-request-id']);
  return answer.json!;
}
