import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';
import { isValidRateLimitPeriod } from './rate-limit-period.js';
import { vectorsOf, type Vector } from '../test/conformance.js';

/**
 * Every `config_validation` vector (48). Margay must agree with Ocelot on valid/invalid; for an
 * invalid vector, each Ocelot message is matched in behaviour, not spelling: it maps to the issue
 * code (and path) Margay reports for the same problem.
 *
 * How vectors are turned into configurations:
 * - `{ rateLimitPeriod }` vectors test `isValidRateLimitPeriod`, Ocelot's Period check;
 * - `{ route }` vectors come from RouteFluentValidatorTests, which validate one route with the rule
 *   under test in isolation; their fixtures leave out DownstreamHostAndPorts (which the whole-file
 *   validator requires), so one host is added when the route has none and only the rule under test
 *   decides;
 * - `registeredSchemes` (schemes registered in C#) become `AuthenticationProviders` entries, Margay's
 *   registry; `qosHandlerRegistered` has no Margay equivalent (the QoS handler is built in).
 *
 * Decided differences, asserted as Margay's behaviour and named in the test:
 * - "QoS options without QoS handler": Margay has a built-in QoS handler (timeout + circuit
 *   breaker), so QoSOptions are always usable: VALID in Margay;
 * - "unknown load balancer type passes validation": Ocelot accepts any Type and answers 500 on
 *   every request; Margay refuses it with `unsupported_feature` naming the value (task rule "do better");
 * - the aggregate vectors: Margay does not support Aggregates and refuses any non-empty list with
 *   `unsupported_feature` — still invalid, so they agree.
 */

interface ExpectedIssue {
  code: string;
  path?: string;
}

/** Ocelot message → the issue Margay reports for the same problem in the vector's first route. */
const OCELOT_MESSAGES: readonly [RegExp, ExpectedIssue][] = [
  [/^Downstream Path Template .* doesnt start with forward slash$/, { code: 'template_no_leading_slash', path: 'Routes[0].DownstreamPathTemplate' }],
  [/^Downstream Path Template .* contains double forward slash/, { code: 'template_double_slash', path: 'Routes[0].DownstreamPathTemplate' }],
  [/^Downstream Path Template .* contains scheme$/, { code: 'template_contains_scheme', path: 'Routes[0].DownstreamPathTemplate' }],
  [/^Upstream Path Template .* doesnt start with forward slash$/, { code: 'template_no_leading_slash', path: 'Routes[0].UpstreamPathTemplate' }],
  [/^Upstream Path Template .* contains double forward slash/, { code: 'template_double_slash', path: 'Routes[0].UpstreamPathTemplate' }],
  [/^Upstream Path Template .* contains scheme$/, { code: 'template_contains_scheme', path: 'Routes[0].UpstreamPathTemplate' }],
  [/^AuthenticationOptions: .* is unsupported authentication provider$/, { code: 'unknown_authentication_provider' }],
  [/^route .* has duplicate$/, { code: 'duplicate_route', path: 'Routes[1].UpstreamPathTemplate' }],
  [/^When not using service discovery DownstreamHostAndPorts must be set/, { code: 'downstream_hosts_empty', path: 'Routes[0].DownstreamHostAndPorts' }],
  [/^When not using service discovery Host must be set/, { code: 'downstream_host_empty', path: 'Routes[0].DownstreamHostAndPorts[0].Host' }],
  [/^UpstreamPathTemplate '.*' has duplicated placeholder$/, { code: 'duplicate_placeholder', path: 'Routes[0].UpstreamPathTemplate' }],
  [/^DownstreamPathTemplate '.*' has duplicated placeholder$/, { code: 'duplicate_placeholder', path: 'Routes[0].DownstreamPathTemplate' }],
  [/has duplicate aggregate$/, { code: 'unsupported_feature', path: 'Aggregates' }],
  [/^Routes for aggregateRoute .* either do not exist/, { code: 'unsupported_feature', path: 'Aggregates' }],
  [/^RateLimitOptions\.Limit is negative or zero/, { code: 'rate_limit_limit_invalid', path: 'Routes[0].RateLimitOptions.Limit' }],
];

/** Invalid vectors that give no message: the issue Margay reports instead, by vector name. */
const SILENT_INVALID: Readonly<Record<string, ExpectedIssue>> = {
  'DownstreamHttpVersion "retg1.1"': { code: 'http_version_invalid', path: 'Routes[0].DownstreamHttpVersion' },
  'DownstreamHttpVersion "1,0a"': { code: 'http_version_invalid', path: 'Routes[0].DownstreamHttpVersion' },
  'DownstreamHttpVersion "12,0"': { code: 'http_version_invalid', path: 'Routes[0].DownstreamHttpVersion' },
  'DownstreamHttpVersion "asdf"': { code: 'http_version_invalid', path: 'Routes[0].DownstreamHttpVersion' },
  'Downstream template containing scheme https://test': { code: 'template_contains_scheme', path: 'Routes[0].DownstreamPathTemplate' },
  'Downstream template containing scheme /test/http://': { code: 'template_contains_scheme', path: 'Routes[0].DownstreamPathTemplate' },
  'Upstream template containing scheme https://test': { code: 'template_contains_scheme', path: 'Routes[0].UpstreamPathTemplate' },
  'Upstream template containing scheme /test/https://': { code: 'template_contains_scheme', path: 'Routes[0].UpstreamPathTemplate' },
};

/** Vectors where Margay decides differently from Ocelot: the outcome Margay asserts, and why. */
const MARGAY_DIFFERENCES: Readonly<Record<string, { valid: boolean; why: string; issue?: ExpectedIssue }>> = {
  'QoS options without QoS handler': { valid: true, why: 'Margay: valid, its QoS handler is built in' },
  'unknown load balancer type passes validation': {
    valid: false,
    why: 'Margay: refused as unsupported_feature instead of failing with 500 at request time',
    issue: { code: 'unsupported_feature', path: 'Routes[0].LoadBalancerOptions.Type' },
  },
};

function toConfig(input: Record<string, unknown>): Record<string, unknown> {
  const { registeredSchemes, qosHandlerRegistered: _ignored, route, ...config } = input;
  if (route !== undefined) {
    const single = route as Record<string, unknown>;
    config.Routes = [single.DownstreamHostAndPorts === undefined ? { ...single, DownstreamHostAndPorts: [{ Host: 'localhost', Port: 80 }] } : single];
  }
  if (Array.isArray(registeredSchemes) && registeredSchemes.length > 0) {
    config.AuthenticationProviders = registeredSchemes.map((key) => ({ Key: key, Type: 'JwtBearer', Authority: 'https://idp.example.com', Audience: 'api' }));
  }
  return config;
}

function ocelotMessages(expected: Record<string, unknown>): string[] {
  if (Array.isArray(expected.errors)) return expected.errors as string[];
  for (const key of ['firstError', 'error'] as const) if (typeof expected[key] === 'string') return [expected[key]];
  return [];
}

function expectedIssues(vector: Vector): ExpectedIssue[] {
  const messages = ocelotMessages(vector.expected);
  if (messages.length === 0) return [SILENT_INVALID[vector.name]!];
  return messages.map((message) => {
    const match = OCELOT_MESSAGES.find(([pattern]) => pattern.test(message));
    if (match === undefined) throw new Error(`no Margay issue mapped for Ocelot message: ${message}`);
    return match[1];
  });
}

const vectors = vectorsOf('config_validation');
const periodVectors = vectors.filter((vector) => 'rateLimitPeriod' in vector.input);
const configVectors = vectors.filter((vector) => !('rateLimitPeriod' in vector.input));

describe('config_validation vectors', () => {
  it('covers all 48 vectors of the group', () => {
    expect(vectors).toHaveLength(48);
    expect(periodVectors.length + configVectors.length).toBe(48);
  });

  describe('Ocelot Period check (isValidRateLimitPeriod)', () => {
    it.each(periodVectors.map((vector) => [vector.name, vector] as const))('%s', (_name, vector) => {
      expect(isValidRateLimitPeriod(vector.input.rateLimitPeriod as string | null)).toBe(vector.expected.validPeriod);
    });
  });

  describe('whole configuration (loadConfig)', () => {
    const cases = configVectors.map((vector) => {
      const difference = MARGAY_DIFFERENCES[vector.name];
      return [difference === undefined ? vector.name : `${vector.name} [${difference.why}]`, vector] as const;
    });

    it.each(cases)('%s', (_name, vector) => {
      const result = loadConfig(toConfig(vector.input));
      const difference = MARGAY_DIFFERENCES[vector.name];
      const valid = difference?.valid ?? vector.expected.valid;
      expect(result.ok, JSON.stringify(result.issues, null, 2)).toBe(valid);
      if (valid) return;
      const wanted = difference?.issue !== undefined ? [difference.issue] : expectedIssues(vector);
      for (const issue of wanted) {
        expect(result.issues).toContainEqual(expect.objectContaining(issue.path === undefined ? { code: issue.code } : issue));
      }
    });
  });

  it('maps the global-providers vector to a Margay issue at each unknown key', () => {
    const vector = configVectors.find((v) => v.name === 'one of several global providers not registered')!;
    const result = loadConfig(toConfig(vector.input));
    expect(result.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['unknown_authentication_provider', 'GlobalConfiguration.AuthenticationOptions.AuthenticationProviderKeys[0]'],
      ['unknown_authentication_provider', 'GlobalConfiguration.AuthenticationOptions.AuthenticationProviderKeys[1]'],
    ]);
    expect(result.issues[0]!.message).toContain('"JwtLads"');
    expect(result.issues[0]!.message).toContain('AuthenticationProviders');
  });
});
