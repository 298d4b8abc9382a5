import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';

describe('loadConfig', () => {
  it('parses text, normalizes and validates', () => {
    const result = loadConfig('// gateway\n{ "routes": [ { "upstreamPathTemplate": "/a", "DownstreamPathTemplate": "/b", "DownstreamHostAndPorts": [ { "Host": "h", "Port": 80 } ], } ] }');
    expect(result.ok).toBe(true);
    expect(result.issues).toEqual([]);
    expect(result.config.Routes[0]!.UpstreamPathTemplate).toBe('/a');
  });

  it('accepts an already-parsed object', () => {
    expect(loadConfig({ Routes: [] }).ok).toBe(true);
  });

  it('returns syntax issues and an empty configuration when the text does not parse', () => {
    const result = loadConfig('{ "Routes": [ }');
    expect(result.ok).toBe(false);
    expect(result.issues[0]!.code).toBe('json_syntax');
    expect(result.config.Routes).toEqual([]);
  });

  it('reports a wrongly typed value once, not again as a validation issue', () => {
    const result = loadConfig({ Routes: [{ UpstreamPathTemplate: 5, DownstreamPathTemplate: '/b', DownstreamHostAndPorts: [{ Host: 'h', Port: '80' }] }] });
    expect(result.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['invalid_type', 'Routes[0].UpstreamPathTemplate'],
      ['invalid_type', 'Routes[0].DownstreamHostAndPorts[0].Port'],
    ]);
  });

  it('is ok with warnings', () => {
    const result = loadConfig({ Routes: [], Unknown: 1 });
    expect(result.ok).toBe(true);
    expect(result.warnings).toHaveLength(1);
  });
});
