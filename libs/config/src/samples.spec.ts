import { describe, expect, it } from 'vitest';
import { exportConfig } from './export-config.js';
import { loadConfig } from './load-config.js';
import { parseConfigText } from './parse-config-text.js';
import { sampleNames, sampleText } from '../test/conformance.js';

/**
 * The real ocelot.json files from Ocelot's repository (conformance/ocelot/samples: BOMs, comments).
 * Each either imports, or is refused with exactly the issues listed here, almost all of them
 * `unsupported_feature` naming the key. Either way the import keeps everything: exporting gives
 * back the file's content (unknown keys and Metadata included), and export → load gives an equal
 * configuration.
 */
interface Outcome {
  /** `code path` of every issue, sorted; empty = the file imports. */
  issues: string[];
  /** Paths of the `unknown_key` warnings, sorted. */
  unknownKeys: string[];
}

const unsupported = (path: string): string => `unsupported_feature ${path}`;

const EXPECTED: Readonly<Record<string, Outcome>> = {
  'manual-ocelot.identityserver4.json': {
    issues: [
      // The C#-registered scheme "TestKey" has no AuthenticationProviders entry in the file.
      'unknown_authentication_provider Routes[0].AuthenticationOptions.AuthenticationProviderKey',
      unsupported('Routes[10].FileCacheOptions.TtlSeconds'),
      unsupported('Routes[12].FileCacheOptions.TtlSeconds'),
      unsupported('Routes[13].FileCacheOptions.TtlSeconds'),
      unsupported('Routes[2].HttpHandlerOptions.UseProxy'),
      unsupported('Routes[9].FileCacheOptions.TtlSeconds'),
    ],
    unknownKeys: [],
  },
  'manual-ocelot.json': {
    issues: [unsupported('Routes[0].HttpHandlerOptions.UseProxy')],
    unknownKeys: ['GlobalConfiguration.RateLimitingRules'],
  },
  'samples-Basic-ocelot.json': { issues: [], unknownKeys: [] },
  'samples-Configuration-ocelot-configuration-ocelot.docs.json': { issues: [], unknownKeys: [] },
  'samples-Configuration-ocelot-configuration-ocelot.global.json': {
    issues: [],
    unknownKeys: [
      'GlobalConfiguration.DefaultCities',
      'GlobalConfiguration.DefaultCity',
      'GlobalConfiguration.DefaultCountry',
      'GlobalConfiguration.Defaults',
    ],
  },
  'samples-Configuration-ocelot-configuration-ocelot.posts.json': { issues: [], unknownKeys: [] },
  'samples-Configuration-ocelot-configuration-ocelot.weather.json': {
    issues: [],
    unknownKeys: ['Routes[0].DefaultCity', 'Routes[0].DefaultCountry'],
  },
  'samples-Eureka-ApiGateway-ocelot.json': {
    issues: [
      unsupported('GlobalConfiguration.ServiceDiscoveryProvider.Type'),
      unsupported('Routes[0].FileCacheOptions.TtlSeconds'),
      unsupported('Routes[0].ServiceName'),
      unsupported('Routes[1].FileCacheOptions.TtlSeconds'),
    ],
    unknownKeys: ['GlobalConfiguration.AdministrationPath'],
  },
  'samples-GraphQL-ocelot.json': { issues: [unsupported('Routes[0].DelegatingHandlers')], unknownKeys: [] },
  'samples-Kubernetes-ApiGateway-ocelot.json': {
    issues: [unsupported('GlobalConfiguration.ServiceDiscoveryProvider.Type'), unsupported('Routes[0].ServiceName')],
    unknownKeys: [],
  },
  'samples-Metadata-ocelot.json': { issues: [], unknownKeys: [] },
  'samples-OpenTracing-ocelot.json': { issues: [], unknownKeys: [] },
  'samples-ServiceDiscovery-ApiGateway-ocelot.json': {
    issues: [
      unsupported('GlobalConfiguration.ServiceDiscoveryProvider.Type'),
      unsupported('Routes[0].FileCacheOptions.TtlSeconds'),
      unsupported('Routes[0].ServiceName'),
      unsupported('Routes[1].ServiceName'),
    ],
    unknownKeys: ['GlobalConfiguration.AdministrationPath'],
  },
  'samples-ServiceFabric-ApiGateway-ocelot.json': {
    issues: [unsupported('GlobalConfiguration.ServiceDiscoveryProvider.Type'), unsupported('Routes[0].ServiceName')],
    unknownKeys: [],
  },
  'samples-WebSocket-ocelot.json': { issues: [], unknownKeys: [] },
};

describe('Ocelot sample files', () => {
  it('has an expected outcome for every sample file', () => {
    expect(sampleNames()).toEqual(Object.keys(EXPECTED).sort());
  });

  describe.each(sampleNames())('%s', (name) => {
    const text = sampleText(name);
    const expected = EXPECTED[name]!;
    const result = loadConfig(text);

    it(expected.issues.length === 0 ? 'imports' : 'is refused with exactly the expected issues', () => {
      expect(result.issues.map((issue) => `${issue.code} ${issue.path}`).sort()).toEqual(expected.issues);
      expect(result.ok).toBe(expected.issues.length === 0);
    });

    it('warns about exactly the unknown keys', () => {
      expect(result.warnings.every((warning) => warning.code === 'unknown_key')).toBe(true);
      expect(result.warnings.map((warning) => warning.path).sort()).toEqual(expected.unknownKeys);
    });

    it('exports the file content again (lossless: unknown keys and Metadata kept)', () => {
      const parsed = parseConfigText(text);
      if (!parsed.ok) throw new Error('sample does not parse');
      const original = parsed.value as Record<string, unknown>;
      expect(exportConfig(result.config)).toEqual('Routes' in original ? original : { Routes: [], ...original });
    });

    it('round-trips: export → load gives an equal configuration', () => {
      const again = loadConfig(JSON.stringify(exportConfig(result.config), null, 2));
      expect(again.config).toEqual(result.config);
      expect(again.issues).toEqual(result.issues);
      expect(again.warnings).toEqual(result.warnings);
    });
  });

  it('messages of refused features name the key and say what to do', () => {
    const result = loadConfig(sampleText('samples-Eureka-ApiGateway-ocelot.json'));
    const serviceName = result.issues.find((issue) => issue.path === 'Routes[0].ServiceName')!;
    expect(serviceName.message).toContain('ServiceName "ncore-rat"');
    expect(serviceName.message).toContain('DownstreamHostAndPorts');
    const discovery = result.issues.find((issue) => issue.path === 'GlobalConfiguration.ServiceDiscoveryProvider.Type')!;
    expect(discovery.message).toContain('"Eureka"');
    expect(discovery.message).toMatch(/Remove GlobalConfiguration\.ServiceDiscoveryProvider/);
  });
});
