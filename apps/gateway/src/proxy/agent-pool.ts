import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Agent } from 'node:http';

export interface AgentOptions {
  readonly protocol: 'http:' | 'https:';
  /** `DangerousAcceptAnyServerCertificateValidator`: skip TLS verification (https only). */
  readonly acceptAnyCertificate: boolean;
  /** `HttpHandlerOptions.MaxConnectionsPerServer`, or unlimited. */
  readonly maxSocketsPerHost: number;
}

/**
 * Keep-alive agents shared across snapshots, so a reload does not drop warm downstream
 * connections. One agent per distinct option set; each agent pools sockets per host:port.
 */
export class AgentPool {
  private readonly agents = new Map<string, Agent>();

  get(options: AgentOptions): Agent {
    const key = `${options.protocol}|${options.acceptAnyCertificate}|${options.maxSocketsPerHost}`;
    let agent = this.agents.get(key);
    if (!agent) {
      const common = {
        keepAlive: true,
        keepAliveMsecs: 1000,
        maxSockets: options.maxSocketsPerHost,
        maxFreeSockets: 256,
        scheduling: 'lifo' as const,
      };
      agent =
        options.protocol === 'https:'
          ? new HttpsAgent({ ...common, rejectUnauthorized: !options.acceptAnyCertificate })
          : new HttpAgent(common);
      this.agents.set(key, agent);
    }
    return agent;
  }

  destroy(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }
}
