import { describe, expect, it } from 'vitest';
import { loadConfig } from '../load-config.js';
import type { ConfigIssue } from '../model.js';

/** A valid one-route configuration with a JwtBearer provider; tests change one thing at a time. */
function configWith(route: Record<string, unknown> = {}, top: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Routes: [
      {
        UpstreamPathTemplate: '/orders/{id}',
        DownstreamPathTemplate: '/api/orders/{id}',
        UpstreamHttpMethod: ['Get'],
        DownstreamScheme: 'http',
        DownstreamHostAndPorts: [{ Host: 'orders', Port: 8080 }],
        ...route,
      },
    ],
    AuthenticationProviders: [{ Key: 'jwt', Type: 'JwtBearer', Authority: 'https://idp.example.com', Audience: 'api' }],
    ...top,
  };
}

function issuesOf(raw: Record<string, unknown>): ConfigIssue[] {
  return loadConfig(raw).issues;
}

const pairs = (issues: ConfigIssue[]): [string, string][] => issues.map((issue) => [issue.code, issue.path]);

describe('validation rules', () => {
  it('accepts the base configuration', () => {
    expect(issuesOf(configWith())).toEqual([]);
  });

  it('collects every issue instead of stopping at the first', () => {
    const issues = issuesOf(configWith({ DownstreamScheme: 'ftp', Priority: 1.5, UpstreamHost: 'http://x' }));
    expect(pairs(issues)).toEqual([
      ['invalid_type', 'Routes[0].Priority'],
      ['downstream_scheme_invalid', 'Routes[0].DownstreamScheme'],
      ['upstream_host_invalid', 'Routes[0].UpstreamHost'],
    ]);
  });

  describe('path templates', () => {
    it('reports an empty template naming the route', () => {
      const issues = issuesOf(configWith({ UpstreamPathTemplate: '' }));
      expect(pairs(issues)).toContainEqual(['template_empty', 'Routes[0].UpstreamPathTemplate']);
      expect(issues[0]!.message).toMatch(/^Routes\[0\] "": UpstreamPathTemplate is empty\./);
    });
  });

  describe('downstream placeholders (Margay)', () => {
    it('refuses a downstream placeholder nothing fills, suggesting the case-sensitive near match', () => {
      const issues = issuesOf(configWith({ DownstreamPathTemplate: '/api/orders/{Id}' }));
      expect(pairs(issues)).toEqual([['downstream_placeholder_unfilled', 'Routes[0].DownstreamPathTemplate']]);
      expect(issues[0]!.message).toContain('{Id}');
      expect(issues[0]!.message).toContain('Did you mean {id}?');
    });

    it('accepts placeholders filled by header templates and ChangeDownstreamPathTemplate', () => {
      expect(
        issuesOf(
          configWith({
            DownstreamPathTemplate: '/api/{tenant}/orders/{id}/{user}',
            UpstreamHeaderTemplates: { 'X-Tenant': '{header:tenant}' },
            ChangeDownstreamPathTemplate: { user: 'Claims[sub] > value' },
          }),
        ),
      ).toEqual([]);
    });

    it('refuses a ChangeDownstreamPathTemplate key missing from the template, hinting at braces', () => {
      const issues = issuesOf(configWith({ ChangeDownstreamPathTemplate: { '{id}': 'Claims[sub] > value', user: 'Claims[sub] > value' } }));
      expect(pairs(issues)).toEqual([
        ['change_path_key_not_in_template', 'Routes[0].ChangeDownstreamPathTemplate["{id}"]'],
        ['change_path_key_not_in_template', 'Routes[0].ChangeDownstreamPathTemplate.user'],
      ]);
      expect(issues[0]!.message).toContain('Write the key without braces: "id"');
    });
  });

  describe('claims expressions (Margay)', () => {
    it('names the route, the dictionary, the key and the parser message', () => {
      const issues = issuesOf(configWith({ AddHeadersToRequest: { CustomerId: 'Claims[CustomerId]' }, AddQueriesToRequest: { ok: 'Claims[sub] > value' } }));
      expect(pairs(issues)).toEqual([['claims_expression_invalid', 'Routes[0].AddHeadersToRequest.CustomerId']]);
      const message = issues[0]!.message;
      expect(message).toContain('Routes[0] "/orders/{id}"');
      expect(message).toContain('AddHeadersToRequest "CustomerId"');
      expect(message).toContain('"Claims[CustomerId]"');
      expect(message.length).toBeGreaterThan(message.indexOf('does not parse: ') + 'does not parse: '.length);
    });

    it('checks all four dictionaries', () => {
      const bad = { K: 'nope' };
      const issues = issuesOf(configWith({ AddClaimsToRequest: bad, AddHeadersToRequest: bad, AddQueriesToRequest: bad, ChangeDownstreamPathTemplate: { id: 'nope' } }));
      expect(issues.filter((issue) => issue.code === 'claims_expression_invalid').map((issue) => issue.path)).toEqual([
        'Routes[0].AddClaimsToRequest.K',
        'Routes[0].AddHeadersToRequest.K',
        'Routes[0].AddQueriesToRequest.K',
        'Routes[0].ChangeDownstreamPathTemplate.id',
      ]);
    });
  });

  describe('header names, query keys, claim requirements (Margay)', () => {
    it('refuses header names that are not RFC 9110 tokens, route and global', () => {
      const issues = issuesOf(
        configWith(
          { AddHeadersToRequest: { 'Bad Header': 'Claims[sub] > value' }, UpstreamHeaderTransform: { 'X:Y': 'v' }, RequestIdKey: 'Request Id' },
          { GlobalConfiguration: { DownstreamHeaderTransform: { 'é': 'v' }, RateLimitOptions: { ClientIdHeader: 'a b' } } },
        ),
      );
      expect(pairs(issues)).toEqual([
        ['header_name_invalid', 'Routes[0].AddHeadersToRequest["Bad Header"]'],
        ['header_name_invalid', 'Routes[0].UpstreamHeaderTransform["X:Y"]'],
        ['header_name_invalid', 'Routes[0].RequestIdKey'],
        ['header_name_invalid', 'GlobalConfiguration.DownstreamHeaderTransform["é"]'],
        ['header_name_invalid', 'GlobalConfiguration.RateLimitOptions.ClientIdHeader'],
      ]);
    });

    it('refuses an empty AddQueriesToRequest key', () => {
      expect(pairs(issuesOf(configWith({ AddQueriesToRequest: { '': 'Claims[sub] > value' } })))).toEqual([['query_key_empty', 'Routes[0].AddQueriesToRequest[""]']]);
    });

    it('accepts a string or a non-empty array of strings in RouteClaimsRequirement', () => {
      expect(issuesOf(configWith({ RouteClaimsRequirement: { role: ['admin', 'ops'], tier: 'gold' } }))).toEqual([]);
      expect(pairs(issuesOf(configWith({ RouteClaimsRequirement: { role: [], '': 'x' } })))).toEqual([
        ['claims_requirement_invalid', 'Routes[0].RouteClaimsRequirement.role'],
        ['claims_requirement_invalid', 'Routes[0].RouteClaimsRequirement[""]'],
      ]);
    });
  });

  describe('hosts, ports, scheme, methods, priority, timeout (Margay)', () => {
    it('refuses a port outside 1–65535 and a missing port', () => {
      const issues = issuesOf(configWith({ DownstreamHostAndPorts: [{ Host: 'a', Port: 0 }, { Host: 'b', Port: 65536 }, { Host: 'c' }] }));
      expect(pairs(issues)).toEqual([
        ['port_invalid', 'Routes[0].DownstreamHostAndPorts[0].Port'],
        ['port_invalid', 'Routes[0].DownstreamHostAndPorts[1].Port'],
        ['port_invalid', 'Routes[0].DownstreamHostAndPorts[2].Port'],
      ]);
      expect(issues[2]!.message).toContain('it is missing');
    });

    it('refuses a URL where a host belongs', () => {
      expect(pairs(issuesOf(configWith({ DownstreamHostAndPorts: [{ Host: 'http://orders', Port: 80 }] })))).toEqual([
        ['downstream_host_invalid', 'Routes[0].DownstreamHostAndPorts[0].Host'],
      ]);
    });

    it('accepts the four schemes case-insensitively, route and global', () => {
      for (const scheme of ['http', 'https', 'ws', 'wss', 'HTTPS']) expect(issuesOf(configWith({ DownstreamScheme: scheme }))).toEqual([]);
      expect(pairs(issuesOf(configWith({}, { GlobalConfiguration: { DownstreamScheme: 'https://' } })))).toEqual([
        ['downstream_scheme_invalid', 'GlobalConfiguration.DownstreamScheme'],
      ]);
    });

    it('refuses a method that is not a token', () => {
      expect(pairs(issuesOf(configWith({ UpstreamHttpMethod: ['Get', 'GET POST'] })))).toEqual([['http_method_invalid', 'Routes[0].UpstreamHttpMethod[1]']]);
    });

    it('accepts host and host:port as UpstreamHost, refuses others', () => {
      for (const host of ['api.example.com', 'api.example.com:8443', '10.0.0.1', '[::1]:80', '']) expect(issuesOf(configWith({ UpstreamHost: host }))).toEqual([]);
      for (const host of ['api.example.com:0', 'api.example.com:99999', '*.example.com', 'api/x']) {
        expect(pairs(issuesOf(configWith({ UpstreamHost: host })))).toEqual([['upstream_host_invalid', 'Routes[0].UpstreamHost']]);
      }
    });

    it('refuses a negative Timeout, route and global', () => {
      expect(pairs(issuesOf(configWith({ Timeout: -1 }, { GlobalConfiguration: { Timeout: -5 } })))).toEqual([
        ['timeout_invalid', 'Routes[0].Timeout'],
        ['timeout_invalid', 'GlobalConfiguration.Timeout'],
      ]);
      expect(issuesOf(configWith({ Timeout: 0 }))).toEqual([]);
    });
  });

  describe('rate limiting', () => {
    it('refuses a Period Ocelot accepts by prefix but cannot use (Margay is stricter)', () => {
      const issues = issuesOf(configWith({ RateLimitOptions: { Limit: 5, Period: '5min' } }));
      expect(pairs(issues)).toEqual([['rate_limit_period_invalid', 'Routes[0].RateLimitOptions.Period']]);
      expect(issues[0]!.message).toContain('not "5min"');
    });

    it('requires a Period on a route but not in GlobalConfiguration', () => {
      expect(pairs(issuesOf(configWith({ RateLimitOptions: { Limit: 5 } })))).toEqual([['rate_limit_period_empty', 'Routes[0].RateLimitOptions.Period']]);
      expect(issuesOf(configWith({}, { GlobalConfiguration: { RateLimitOptions: { ClientIdHeader: 'X-Client' } } }))).toEqual([]);
    });

    it('skips disabled options and checks Wait', () => {
      expect(issuesOf(configWith({ RateLimitOptions: { EnableRateLimiting: false, Limit: 0 } }))).toEqual([]);
      expect(pairs(issuesOf(configWith({ RateLimitOptions: { Limit: 1, Period: '1s', Wait: 'soon' } })))).toEqual([['rate_limit_wait_invalid', 'Routes[0].RateLimitOptions.Wait']]);
    });
  });

  describe('HTTP version', () => {
    it('refuses a version HTTP does not have', () => {
      expect(pairs(issuesOf(configWith({ DownstreamHttpVersion: '4' })))).toEqual([['http_version_invalid', 'Routes[0].DownstreamHttpVersion']]);
    });

    it('refuses an unknown policy', () => {
      expect(pairs(issuesOf(configWith({}, { GlobalConfiguration: { DownstreamHttpVersionPolicy: 'Exact' } })))).toEqual([
        ['http_version_policy_invalid', 'GlobalConfiguration.DownstreamHttpVersionPolicy'],
      ]);
    });
  });

  describe('load balancer type', () => {
    it('accepts the three Margay balancers', () => {
      for (const type of ['NoLoadBalancer', 'RoundRobin', 'LeastConnection']) expect(issuesOf(configWith({ LoadBalancerOptions: { Type: type } }))).toEqual([]);
    });

    it('refuses other types as unsupported_feature naming the value, with a case hint', () => {
      const issues = issuesOf(configWith({ LoadBalancerOptions: { Type: 'roundrobin' } }));
      expect(pairs(issues)).toEqual([['unsupported_feature', 'Routes[0].LoadBalancerOptions.Type']]);
      expect(issues[0]!.message).toContain('"roundrobin"');
      expect(issues[0]!.message).toContain('Did you mean "RoundRobin"?');
    });
  });

  describe('authentication', () => {
    it('refuses a provider key that names no provider, listing the known ones', () => {
      const issues = issuesOf(configWith({ AuthenticationOptions: { AuthenticationProviderKeys: ['jwt', 'Jwt'] } }));
      expect(pairs(issues)).toEqual([['unknown_authentication_provider', 'Routes[0].AuthenticationOptions.AuthenticationProviderKeys[1]']]);
      expect(issues[0]!.message).toContain('known keys: "jwt"');
    });

    it('checks every key, including AuthenticationProviderKey and global ones', () => {
      const issues = issuesOf(
        configWith({ AuthenticationOptions: { AuthenticationProviderKey: 'a', AuthenticationProviderKeys: ['b'] } }, { GlobalConfiguration: { AuthenticationOptions: { AuthenticationProviderKey: 'c' } } }),
      );
      expect(issues.map((issue) => issue.path)).toEqual([
        'Routes[0].AuthenticationOptions.AuthenticationProviderKey',
        'Routes[0].AuthenticationOptions.AuthenticationProviderKeys[0]',
        'GlobalConfiguration.AuthenticationOptions.AuthenticationProviderKey',
      ]);
    });
  });

  describe('duplicates', () => {
    it('refuses duplicate routes when methods overlap, case-insensitively', () => {
      const second = { UpstreamPathTemplate: '/orders/{id}', DownstreamPathTemplate: '/v2/{id}', UpstreamHttpMethod: ['GET'], DownstreamHostAndPorts: [{ Host: 'o', Port: 80 }] };
      const raw = configWith();
      (raw.Routes as unknown[]).push(second);
      const issues = issuesOf(raw);
      expect(pairs(issues)).toEqual([['duplicate_route', 'Routes[1].UpstreamPathTemplate']]);
      expect(issues[0]!.message).toContain('duplicates Routes[0]');
    });

    it('accepts the same template with disjoint methods, another host, or other header templates', () => {
      for (const other of [{ UpstreamHttpMethod: ['Post'] }, { UpstreamHost: 'a.example.com' }, { UpstreamHeaderTemplates: { 'X-V': '2' } }]) {
        const raw = configWith();
        (raw.Routes as unknown[]).push({ UpstreamPathTemplate: '/orders/{id}', DownstreamPathTemplate: '/v2/{id}', UpstreamHttpMethod: ['Get'], DownstreamHostAndPorts: [{ Host: 'o', Port: 80 }], ...other });
        expect(issuesOf(raw)).toEqual([]);
      }
    });

    it('refuses duplicate route Keys', () => {
      const raw = configWith({ Key: 'orders' });
      (raw.Routes as unknown[]).push({ UpstreamPathTemplate: '/b', DownstreamPathTemplate: '/b', Key: 'orders', DownstreamHostAndPorts: [{ Host: 'o', Port: 80 }] });
      expect(pairs(issuesOf(raw))).toEqual([['duplicate_route_key', 'Routes[1].Key']]);
    });
  });
});
