import type { Agent } from 'node:http';
import type httpProxy from 'http-proxy';

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
  /** The http-proxy server sending to this downstream (see Forwarder.proxyFor). */
  readonly proxy: httpProxy;
  /** Requests in flight to this target (kept by LeastConnection only). */
  active: number;
}
