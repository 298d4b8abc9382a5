import { createServer } from 'node:net';

/** Linux hands out local ports for outgoing connections from 32768 up (`ip_local_port_range`). */
const EPHEMERAL_START = 32768;
const LOWEST = 20000;

/**
 * A port on 127.0.0.1 that nothing listens on, below the range the kernel picks outgoing
 * connections' local ports from: a random port there can be taken by any of the test run's own
 * loopback connections (a Postgres bound to it failed with EADDRINUSE), and a port the kernel hands
 * out for `listen(0)` lies in that range too. Checked by binding it; for a child process that binds
 * it itself (an embedded Postgres, a spawned server), possibly more than once.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = LOWEST + Math.floor(Math.random() * (EPHEMERAL_START - LOWEST));
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port on 127.0.0.1 between ${LOWEST} and ${EPHEMERAL_START - 1} after 50 tries`);
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
