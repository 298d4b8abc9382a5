import type { IncomingHttpHeaders } from 'node:http';

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1) describe one connection and must not be forwarded.
 * `transfer-encoding` is left to Node, which frames the forwarded body itself.
 */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade', 'proxy-authorization'];

/** Removes hop-by-hop headers, and those the `Connection` header names, in place. */
export function stripHopByHop(headers: IncomingHttpHeaders, keepUpgrade = false): void {
  const connection = headers.connection;
  if (connection !== undefined) {
    for (const token of connection.split(',')) {
      const name = token.trim().toLowerCase();
      if (name && name !== 'transfer-encoding' && !(keepUpgrade && name === 'upgrade')) delete headers[name];
    }
  }
  for (const name of HOP_BY_HOP) {
    if (headers[name] !== undefined && !(keepUpgrade && (name === 'upgrade' || name === 'connection'))) delete headers[name];
  }
}
