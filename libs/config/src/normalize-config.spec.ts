import { describe, expect, it } from 'vitest';
import { normalizeConfig } from './normalize-config.js';

const minimalRoute = { UpstreamPathTemplate: '/a', DownstreamPathTemplate: '/b', DownstreamHostAndPorts: [{ Host: 'h', Port: 80 }] };

describe('normalizeConfig', () => {
  it('rewrites key casing at every level, but not dictionary keys', () => {
    const { config, issues, warnings } = normalizeConfig({
      routes: [
        {
          upstreampathtemplate: '/a',
          DOWNSTREAMPATHTEMPLATE: '/b',
          downstreamHostAndPorts: [{ host: 'h', PORT: 80 }],
          qosoptions: { timeoutvalue: 100 },
          addHeadersToRequest: { 'x-customer': 'Claims[sub] > value' },
        },
      ],
      globalconfiguration: { requestIdKey: 'X-Id', serviceDiscoveryProvider: { type: 'Consul' } },
    });
    expect(issues).toEqual([]);
    expect(warnings).toEqual([]);
    const route = config.Routes[0]!;
    expect(route.UpstreamPathTemplate).toBe('/a');
    expect(route.DownstreamHostAndPorts).toEqual([{ Host: 'h', Port: 80 }]);
    expect(route.QoSOptions).toEqual({ TimeoutValue: 100 });
    expect(route.AddHeadersToRequest).toEqual({ 'x-customer': 'Claims[sub] > value' });
    expect(config.GlobalConfiguration.RequestIdKey).toBe('X-Id');
    expect(config.GlobalConfiguration.ServiceDiscoveryProvider).toEqual({ Type: 'Consul' });
  });

  it('renames ReRoutes to Routes', () => {
    const { config, issues } = normalizeConfig({ ReRoutes: [minimalRoute] });
    expect(issues).toEqual([]);
    expect(config.Routes).toHaveLength(1);
    expect('ReRoutes' in config).toBe(false);
  });

  it('refuses Routes and ReRoutes together', () => {
    const { issues } = normalizeConfig({ Routes: [], ReRoutes: [] });
    expect(issues).toEqual([expect.objectContaining({ code: 'routes_and_reroutes', path: 'ReRoutes' })]);
  });

  it('refuses two spellings of one key', () => {
    const { issues } = normalizeConfig({ Routes: [{ ...minimalRoute, priority: 1, Priority: 2 }] });
    expect(issues).toEqual([expect.objectContaining({ code: 'duplicate_key', path: 'Routes[0].Priority' })]);
  });

  it('fills the defaults Ocelot creates', () => {
    const { config } = normalizeConfig({ Routes: [{}] });
    expect(config).toEqual({
      Routes: [
        {
          UpstreamPathTemplate: '',
          DownstreamPathTemplate: '',
          UpstreamHttpMethod: [],
          UpstreamHeaderTemplates: {},
          DownstreamHostAndPorts: [],
          RouteClaimsRequirement: {},
          AddClaimsToRequest: {},
          AddHeadersToRequest: {},
          AddQueriesToRequest: {},
          ChangeDownstreamPathTemplate: {},
          UpstreamHeaderTransform: {},
          DownstreamHeaderTransform: {},
          DelegatingHandlers: [],
          Metadata: {},
        },
      ],
      GlobalConfiguration: { UpstreamHeaderTransform: {}, DownstreamHeaderTransform: {}, Metadata: {} },
      AuthenticationProviders: [],
      Aggregates: [],
      DynamicRoutes: [],
    });
  });

  it('treats null as "not set", and keeps option objects and their arrays as written', () => {
    const { config, issues } = normalizeConfig({
      Routes: [{ ...minimalRoute, Key: null, QoSOptions: null, AuthenticationOptions: { AllowedScopes: [] } }],
    });
    expect(issues).toEqual([]);
    const route = config.Routes[0]!;
    expect('Key' in route).toBe(false);
    expect('QoSOptions' in route).toBe(false);
    // An explicit [] differs from absent for AllowedScopes (it does not inherit global scopes).
    expect(route.AuthenticationOptions).toEqual({ AllowedScopes: [] });
  });

  it('reports wrong JSON types at their path and leaves the value out', () => {
    const { config, issues } = normalizeConfig({
      Routes: [
        minimalRoute,
        minimalRoute,
        { ...minimalRoute, Priority: '5', UpstreamHttpMethod: 'Get', RouteIsCaseSensitive: 'true', DownstreamHostAndPorts: [{ Host: 'h', Port: 1.5 }] },
      ],
    });
    expect(issues.map((issue) => [issue.path, issue.code])).toEqual([
      ['Routes[2].DownstreamHostAndPorts[0].Port', 'invalid_type'],
      ['Routes[2].Priority', 'invalid_type'],
      ['Routes[2].UpstreamHttpMethod', 'invalid_type'],
      ['Routes[2].RouteIsCaseSensitive', 'invalid_type'],
    ]);
    const priority = issues.find((issue) => issue.path === 'Routes[2].Priority')!;
    expect(priority.message).toBe('Routes[2].Priority must be an integer, got the string "5". Write the number without quotes: 5.');
    expect(issues[2]!.message).toContain('Wrap it in brackets: ["Get"]');
    expect(issues[3]!.message).toContain('Write true without quotes.');
    expect(config.Routes[2]!.Priority).toBeUndefined();
    expect(config.Routes[2]!.UpstreamHttpMethod).toEqual([]);
  });

  it('reports a bad array item and keeps later indexes aligned with the file', () => {
    const { config, issues } = normalizeConfig({ Routes: [42, minimalRoute] });
    expect(issues).toEqual([expect.objectContaining({ path: 'Routes[0]', code: 'invalid_type' })]);
    expect(config.Routes).toHaveLength(2);
    expect(config.Routes[1]!.UpstreamPathTemplate).toBe('/a');
  });

  it('checks dictionary values and RouteClaimsRequirement shapes', () => {
    const { config, issues } = normalizeConfig({
      Routes: [{ ...minimalRoute, AddHeadersToRequest: { A: 1 }, RouteClaimsRequirement: { role: ['admin', 'ops'], tier: 'gold', bad: [1] } }],
    });
    expect(issues.map((issue) => issue.path)).toEqual(['Routes[0].AddHeadersToRequest.A', 'Routes[0].RouteClaimsRequirement.bad[0]']);
    expect(config.Routes[0]!.RouteClaimsRequirement).toEqual({ role: ['admin', 'ops'], tier: 'gold' });
  });

  it('keeps unknown keys verbatim and warns, suggesting a near key', () => {
    const { config, issues, warnings } = normalizeConfig({
      Routes: [{ ...minimalRoute, Prioirty: 2, Custom: { deep: [1, null] } }],
      Extra: true,
    });
    expect(issues).toEqual([]);
    expect(config.Routes[0]!.Prioirty).toBe(2);
    expect(config.Routes[0]!.Custom).toEqual({ deep: [1, null] });
    expect(config.Extra).toBe(true);
    expect(warnings.map((warning) => [warning.code, warning.path])).toEqual([
      ['unknown_key', 'Routes[0].Prioirty'],
      ['unknown_key', 'Routes[0].Custom'],
      ['unknown_key', 'Extra'],
    ]);
    expect(warnings[0]!.message).toContain('Did you mean "Priority"?');
    expect(warnings[1]!.message).not.toContain('Did you mean');
  });

  it('keeps Metadata values of any JSON type', () => {
    const metadata = { 'route.id': 1, flag: true, nested: { a: [1, 'x'] }, text: 'v' };
    const { config, issues } = normalizeConfig({ Routes: [{ ...minimalRoute, Metadata: metadata }] });
    expect(issues).toEqual([]);
    expect(config.Routes[0]!.Metadata).toEqual(metadata);
  });

  it('does not share objects with its input', () => {
    const raw = { Routes: [{ ...minimalRoute, Metadata: { a: { b: 1 } } }] };
    const { config } = normalizeConfig(raw);
    (raw.Routes[0]!.Metadata.a as { b: number }).b = 2;
    expect(config.Routes[0]!.Metadata).toEqual({ a: { b: 1 } });
  });

  it('treats __proto__ as an ordinary unknown key', () => {
    const raw = JSON.parse('{ "Routes": [], "__proto__": { "polluted": true } }') as unknown;
    const { config, warnings } = normalizeConfig(raw);
    expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
    expect(Object.hasOwn(config, '__proto__')).toBe(true);
    expect(warnings[0]!.path).toBe('__proto__');
  });

  it('refuses input that is not an object', () => {
    const { config, issues } = normalizeConfig([1, 2]);
    expect(issues).toEqual([expect.objectContaining({ path: '', code: 'invalid_type' })]);
    expect(config.Routes).toEqual([]);
  });
});
