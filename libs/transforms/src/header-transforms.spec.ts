import { describe, expect, it } from 'vitest';
import { applyDownstreamHeaderTransforms, applyUpstreamHeaderTransforms, compileHeaderTransforms } from './header-transforms.js';

const VALUES = { remoteIpAddress: '10.1.2.3', upstreamHost: 'gw.example.com', traceId: 'req-1', downstreamBaseUrl: 'http://svc:5000/' };

describe('UpstreamHeaderTransform', () => {
  it('finds and replaces every occurrence (find not trimmed, replacement left-trimmed)', () => {
    const transforms = compileHeaderTransforms({ Test: 'old,   new' }, 'http://base', 'upstream');
    const headers: Record<string, string> = { test: 'old-old' };
    applyUpstreamHeaderTransforms(transforms, headers, VALUES);
    expect(headers.test).toBe('new-new');
  });

  it('sets a header with request placeholders, replacing what the client sent', () => {
    const transforms = compileHeaderTransforms({ 'X-Forwarded-For': '{RemoteIpAddress}', 'X-Host': '{UpstreamHost}', 'X-Trace': '{TraceId}', 'X-Base': '{BaseUrl}/x' }, 'http://base', 'upstream');
    const headers: Record<string, string> = { 'x-forwarded-for': 'spoofed' };
    applyUpstreamHeaderTransforms(transforms, headers, VALUES);
    expect(headers).toEqual({ 'x-forwarded-for': '10.1.2.3', 'x-host': 'gw.example.com', 'x-trace': 'req-1', 'x-base': 'http://base/x' });
  });

  it('leaves an absent header absent for find-and-replace', () => {
    const headers: Record<string, string> = {};
    applyUpstreamHeaderTransforms(compileHeaderTransforms({ A: 'x, y' }, '', 'upstream'), headers, VALUES);
    expect(headers).toEqual({});
  });
});

describe('DownstreamHeaderTransform', () => {
  it('rewrites the downstream base URL in Location to the gateway base URL', () => {
    const transforms = compileHeaderTransforms({ Location: '{DownstreamBaseUrl}, {BaseUrl}' }, 'https://api.example.com', 'downstream');
    const headers: Record<string, string> = { location: 'http://svc:5000/orders/1' };
    applyDownstreamHeaderTransforms(transforms, headers, VALUES);
    expect(headers.location).toBe('https://api.example.com/orders/1');
  });

  it('adds a header only where the downstream sent none', () => {
    const transforms = compileHeaderTransforms({ 'X-Gateway': 'margay', 'X-Kept': 'gateway' }, '', 'downstream');
    const headers: Record<string, string> = { 'x-kept': 'downstream' };
    applyDownstreamHeaderTransforms(transforms, headers, VALUES);
    expect(headers).toEqual({ 'x-gateway': 'margay', 'x-kept': 'downstream' });
  });
});
