// Free loopback ports, chosen once at start.
import { createServer } from 'node:net';

/**
 * Asks the kernel for `count` distinct free ports on 127.0.0.1 (all held open at once so they differ),
 * then releases them. Another process could take one in between; the candidates' start checks catch that.
 * @example const [upstream, proxy] = await freePorts(2);
 */
export async function freePorts(count) {
  const servers = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
      });
      servers.push(server);
    }
    return servers.map((server) => server.address().port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}
