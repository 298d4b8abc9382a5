import { Agent } from 'node:http';
import httpProxy from 'http-proxy';
import { describe, expect, it } from 'vitest';
import type { DownstreamTarget } from './downstream-target.js';
import { createLoadBalancer } from './load-balancers.js';

const agent = new Agent();
const targets = (): DownstreamTarget[] =>
  ['a', 'b', 'c'].map((host) => ({ protocol: 'http:', host, port: 80, hostHeader: host, baseUrl: `http://${host}/`, agent, proxy: httpProxy.createProxyServer(), active: 0 }));

describe('load balancers', () => {
  it('NoLoadBalancer always picks the first downstream', () => {
    const balancer = createLoadBalancer('NoLoadBalancer', targets());
    expect([1, 2, 3].map(() => balancer.pick().host)).toEqual(['a', 'a', 'a']);
  });

  it('RoundRobin cycles through the downstreams', () => {
    const balancer = createLoadBalancer('RoundRobin', targets());
    expect([1, 2, 3, 4].map(() => balancer.pick().host)).toEqual(['a', 'b', 'c', 'a']);
  });

  it('LeastConnection picks the downstream with the fewest requests in flight', () => {
    const balancer = createLoadBalancer('LeastConnection', targets());
    const first = balancer.pick();
    const second = balancer.pick();
    const third = balancer.pick();
    expect(new Set([first.host, second.host, third.host]).size).toBe(3);
    balancer.release(second);
    expect(balancer.pick().host).toBe(second.host);
    expect(first.active + second.active + third.active).toBe(3);
  });

  it('LeastConnection counts requests in flight and releases them; the others do not count', () => {
    expect(createLoadBalancer('RoundRobin', targets()).countsInFlight).toBe(false);
    expect(createLoadBalancer('NoLoadBalancer', targets()).countsInFlight).toBe(false);
    const balancer = createLoadBalancer('LeastConnection', targets());
    const picked = balancer.pick();
    expect(picked.active).toBe(1);
    balancer.release(picked);
    expect(picked.active).toBe(0);
  });

  it('refuses an empty downstream list', () => {
    expect(() => createLoadBalancer('RoundRobin', [])).toThrow();
  });
});
