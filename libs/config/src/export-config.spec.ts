import { describe, expect, it } from 'vitest';
import { exportConfig } from './export-config.js';
import { normalizeConfig } from './normalize-config.js';

describe('exportConfig', () => {
  it('orders top-level keys Routes, GlobalConfiguration, AuthenticationProviders, then the rest', () => {
    const { config } = normalizeConfig({
      Zebra: 1,
      AuthenticationProviders: [{ Key: 'k', Type: 'JwtBearer' }],
      GlobalConfiguration: { BaseUrl: 'http://x' },
      Aggregates: [{}],
      Routes: [],
    });
    expect(Object.keys(exportConfig(config))).toEqual(['Routes', 'GlobalConfiguration', 'AuthenticationProviders', 'Aggregates', 'Zebra']);
  });

  it('orders route keys as the model does, unknown keys last in their original order', () => {
    const { config } = normalizeConfig({
      Routes: [{ Zeta: 1, DownstreamScheme: 'http', Alpha: 2, DownstreamPathTemplate: '/d', UpstreamPathTemplate: '/u' }],
    });
    const route = (exportConfig(config).Routes as Record<string, unknown>[])[0]!;
    expect(Object.keys(route)).toEqual(['UpstreamPathTemplate', 'DownstreamPathTemplate', 'DownstreamScheme', 'Zeta', 'Alpha']);
  });

  it('omits empty optional members but keeps Routes, option objects and required strings', () => {
    const { config } = normalizeConfig({ Routes: [{ QoSOptions: {}, AuthenticationOptions: { AllowedScopes: [] } }] });
    expect(exportConfig(config)).toEqual({
      Routes: [{ UpstreamPathTemplate: '', DownstreamPathTemplate: '', QoSOptions: {}, AuthenticationOptions: { AllowedScopes: [] } }],
    });
  });

  it('keeps unknown keys and Metadata verbatim, and shares no objects with the config', () => {
    const { config } = normalizeConfig({ Routes: [{ UpstreamPathTemplate: '/u', DownstreamPathTemplate: '/d', Metadata: { n: { x: [1] } }, Custom: { y: 2 } }] });
    const exported = exportConfig(config);
    const route = (exported.Routes as Record<string, Record<string, unknown>>[])[0]!;
    expect(route.Metadata).toEqual({ n: { x: [1] } });
    expect(route.Custom).toEqual({ y: 2 });
    (route.Metadata as { n: { x: number[] } }).n.x.push(2);
    expect(config.Routes[0]!.Metadata).toEqual({ n: { x: [1] } });
  });

  it('writes Routes even for a configuration built without them', () => {
    expect(exportConfig({ GlobalConfiguration: {}, AuthenticationProviders: [] } as never)).toEqual({ Routes: [] });
  });
});
