import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveRoute } from './effective-route.js';
import { exportConfig } from './export-config.js';
import { loadConfig } from './load-config.js';
import { parseConfigText } from './parse-config-text.js';

/**
 * Properties: no input makes the pipeline throw. Errors are values (issues), whatever arrives from
 * an admin API body or a hand-edited file.
 */

/** Keys that mean something to the normalizer, in odd casings, plus free ones. */
const key = fc.oneof(
  fc.constantFrom('Routes', 'reroutes', 'GlobalConfiguration', 'AuthenticationProviders', 'UpstreamPathTemplate', 'downstreamPathTemplate', 'DownstreamHostAndPorts', 'Port', 'Host'),
  fc.constantFrom('QoSOptions', 'RateLimitOptions', 'AuthenticationOptions', 'AddHeadersToRequest', 'RouteClaimsRequirement', 'Metadata', 'Aggregates', 'Priority', 'Key', 'Type'),
  fc.string({ maxLength: 6 }),
);

const anyJson = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ maxLength: 12 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('robustness (property)', () => {
  it('parseConfigText never throws, and reports failure as issues', () => {
    const jsonish = fc.array(fc.constantFrom('{', '}', '[', ']', '"a"', ':', ',', '//x\n', '/*', '*/', '1', 'true', ' ', '\uFEFF', '"'), { maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), jsonish), (text) => {
        const result = parseConfigText(text);
        if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('loadConfig, exportConfig and effectiveRoute never throw on any JSON', () => {
    fc.assert(
      fc.property(anyJson, (raw) => {
        const result = loadConfig(raw);
        expect(result.ok).toBe(result.issues.length === 0);
        exportConfig(result.config);
        for (const route of result.config.Routes) effectiveRoute(route, result.config.GlobalConfiguration);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws when the whole shape is right but the leaves are anything', () => {
    const route = fc.dictionary(key, anyJson, { maxKeys: 6 });
    fc.assert(
      fc.property(fc.array(route, { maxLength: 3 }), anyJson, (routes, global) => {
        const result = loadConfig({ Routes: routes, GlobalConfiguration: global, AuthenticationProviders: [global] });
        for (const r of result.config.Routes) effectiveRoute(r, result.config.GlobalConfiguration);
      }),
      { numRuns: 500 },
    );
  });
});
