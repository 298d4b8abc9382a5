import type { IncomingHttpHeaders } from 'node:http';

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1) describe one connection and must not be forwarded.
 * `transfer-encoding` is left to Node, which frames the forwarded body itself.
 */
const HOP_BY_HOP: ReadonlySet<string> = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade', 'proxy-authorization']);

/** Removes hop-by-hop headers, and those the `Connection` header names, in place (the request side). */
export function stripHopByHop(headers: IncomingHttpHeaders, keepUpgrade = false): void {
  const named = connectionTokens(headers.connection, keepUpgrade);
  if (named !== undefined) for (const name of named) delete headers[name];
  for (const name of HOP_BY_HOP) {
    if (headers[name] !== undefined && !(keepUpgrade && (name === 'upgrade' || name === 'connection'))) delete headers[name];
  }
}

/**
 * The response side: every hop-by-hop header is set to `undefined` rather than deleted.
 * http-proxy (1.18, pinned) writes no header whose value is undefined, and every keep-alive
 * response carries `Connection` and `Keep-Alive`: a delete is a runtime call each time and can
 * leave V8's header object a slow dictionary, while overwriting a value keeps its shape. Only for
 * headers http-proxy writes (plain responses, not upgrades).
 */
export function clearHopByHop(headers: IncomingHttpHeaders): void {
  const named = connectionTokens(headers.connection, false);
  if (named !== undefined) for (const name of named) if (headers[name] !== undefined) headers[name] = undefined;
  for (const name of HOP_BY_HOP) if (headers[name] !== undefined) headers[name] = undefined;
}

/** The header names a `Connection` header lists (lower-case), except those that must stay. */
function connectionTokens(connection: string | undefined, keepUpgrade: boolean): string[] | undefined {
  // The usual values (`keep-alive`, `close`, `upgrade`) name no other header.
  if (connection === undefined || HOP_BY_HOP.has(connection) || connection === 'close') return undefined;
  let names: string[] | undefined;
  for (const token of connection.split(',')) {
    const name = token.trim().toLowerCase();
    if (name && name !== 'transfer-encoding' && !HOP_BY_HOP.has(name) && !(keepUpgrade && name === 'upgrade')) (names ??= []).push(name);
  }
  return names;
}
