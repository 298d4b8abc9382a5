import { describe, expect, it } from 'vitest';
import { clearHopByHop, stripHopByHop } from './hop-by-hop.js';

describe('hop-by-hop headers', () => {
  it('removes them from a request, with those its Connection header names', () => {
    const headers = { host: 'a', connection: 'Keep-Alive, X-Secret', 'x-secret': 's', 'keep-alive': 'timeout=5', te: 'trailers', accept: '*/*' };
    stripHopByHop(headers);
    expect(headers).toEqual({ host: 'a', accept: '*/*' });
  });

  it('keeps Upgrade and Connection on a WebSocket upgrade', () => {
    const headers = { connection: 'Upgrade', upgrade: 'websocket', 'proxy-authorization': 'Basic x' };
    stripHopByHop(headers, true);
    expect(headers).toEqual({ connection: 'Upgrade', upgrade: 'websocket' });
  });

  it('never removes Transfer-Encoding, which Node frames itself', () => {
    const headers = { connection: 'transfer-encoding', 'transfer-encoding': 'chunked' };
    stripHopByHop(headers);
    expect(headers).toEqual({ 'transfer-encoding': 'chunked' });
  });

  it('clears them in a response to undefined, keeping every other header and its order', () => {
    const headers = { 'content-type': 'application/json', 'x-hop': 'h', date: 'd', connection: 'keep-alive, x-hop', 'keep-alive': 'timeout=65' };
    clearHopByHop(headers);
    expect(Object.entries(headers).filter(([, value]) => value !== undefined)).toEqual([
      ['content-type', 'application/json'],
      ['date', 'd'],
    ]);
  });
});
