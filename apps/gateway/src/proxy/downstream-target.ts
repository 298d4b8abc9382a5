import type { Agent } from 'node:http';

/** One `DownstreamHostAndPorts` entry, resolved for the proxy. */
export interface DownstreamTarget {
  /** `http:` or `https:` (ws/wss are proxied over http/https). */
  readonly protocol: 'http:' | 'https:';
  readonly host: string;
  readonly port: number;
  /** `host:port` as sent in the downstream `Host` header (port omitted when it is the default). */
  readonly hostHeader: string;
  /** `http://host:port/` — Ocelot's `{DownstreamBaseUrl}`. */
  readonly baseUrl: string;
  readonly agent: Agent;
  /** Requests in flight to this target (LeastConnection reads it). */
  active: number;
}
