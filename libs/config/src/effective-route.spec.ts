import { describe, expect, it } from 'vitest';
import { effectiveRoute } from './effective-route.js';
import type { GlobalConfiguration, RouteConfig } from './model.js';

const route = (extra: Partial<RouteConfig> = {}): RouteConfig => ({ UpstreamPathTemplate: '/u', DownstreamPathTemplate: '/d', ...extra });

describe('effectiveRoute', () => {
  it('applies every default to a bare route', () => {
    expect(effectiveRoute(route(), {})).toEqual({
      authentication: { providerKeys: [], allowedScopes: [], allowAnonymous: false, required: false },
      timeoutMs: 90_000,
      loadBalancer: 'NoLoadBalancer',
      requestIdKey: null,
      downstreamScheme: 'http',
      downstreamHttpVersion: '1.1',
      downstreamHttpVersionPolicy: 'RequestVersionOrLower',
      circuitBreaker: null,
      rateLimit: null,
      upstreamHeaderTransform: {},
      downstreamHeaderTransform: {},
      ipSecurity: null,
    });
  });

  it('takes the route SecurityOptions when they list addresses, else the global ones', () => {
    const global: GlobalConfiguration = { SecurityOptions: { IPBlockedList: ['1.2.3.4'] } };
    expect(effectiveRoute(route(), global).ipSecurity).toEqual({ allowed: [], blocked: ['1.2.3.4'], excludeAllowedFromBlocked: false });
    const own = route({ SecurityOptions: { IPAllowedList: ['10.0.0.0/8'], ExcludeAllowedFromBlocked: true } });
    expect(effectiveRoute(own, global).ipSecurity).toEqual({ allowed: ['10.0.0.0/8'], blocked: [], excludeAllowedFromBlocked: true });
  });

  describe('authentication (Ocelot AuthenticationOptionsCreator)', () => {
    const global: GlobalConfiguration = { AuthenticationOptions: { AuthenticationProviderKeys: ['jwt'], AllowedScopes: ['api'] } };

    it('uses global options for a route without its own', () => {
      expect(effectiveRoute(route(), global).authentication).toEqual({ providerKeys: ['jwt'], allowedScopes: ['api'], allowAnonymous: false, required: true });
    });

    it('lets AllowAnonymous opt a route out', () => {
      const auth = effectiveRoute(route({ AuthenticationOptions: { AllowAnonymous: true } }), global).authentication;
      expect(auth).toMatchObject({ allowAnonymous: true, required: false, providerKeys: ['jwt'] });
    });

    it('merges per field: route keys win, AllowedScopes replaced not merged, absent scopes inherited', () => {
      expect(effectiveRoute(route({ AuthenticationOptions: { AuthenticationProviderKeys: ['is4'] } }), global).authentication).toMatchObject({
        providerKeys: ['is4'],
        allowedScopes: ['api'],
      });
      expect(effectiveRoute(route({ AuthenticationOptions: { AllowedScopes: ['orders'] } }), global).authentication).toMatchObject({
        providerKeys: ['jwt'],
        allowedScopes: ['orders'],
      });
      // An explicit empty list is "set" in Ocelot (?? only replaces null): no scope check.
      expect(effectiveRoute(route({ AuthenticationOptions: { AllowedScopes: [] } }), global).authentication.allowedScopes).toEqual([]);
    });

    it('orders AuthenticationProviderKey first, then the array, without duplicates or blanks', () => {
      const auth = effectiveRoute(route({ AuthenticationOptions: { AuthenticationProviderKey: 'b', AuthenticationProviderKeys: ['a', 'b', '', 'c'] } }), {}).authentication;
      expect(auth.providerKeys).toEqual(['b', 'a', 'c']);
    });

    it('takes the global single key when the route has none (then the route array)', () => {
      const auth = effectiveRoute(route({ AuthenticationOptions: { AuthenticationProviderKeys: ['a'] } }), { AuthenticationOptions: { AuthenticationProviderKey: 'g' } }).authentication;
      expect(auth.providerKeys).toEqual(['g', 'a']);
    });

    it('applies global options only to routes in their RouteKeys group', () => {
      const grouped: GlobalConfiguration = { AuthenticationOptions: { AuthenticationProviderKeys: ['jwt'], RouteKeys: ['orders'] } };
      expect(effectiveRoute(route({ Key: 'orders' }), grouped).authentication.required).toBe(true);
      expect(effectiveRoute(route({ Key: 'other' }), grouped).authentication.required).toBe(false);
      expect(effectiveRoute(route(), grouped).authentication.required).toBe(false);
      // A route outside the group with its own options keeps them unmerged.
      expect(effectiveRoute(route({ Key: 'other', AuthenticationOptions: { AllowedScopes: ['x'] } }), grouped).authentication).toMatchObject({ providerKeys: [], required: false });
    });
  });

  describe('timeout', () => {
    it('prefers QoSOptions.Timeout, then TimeoutValue (ms), then route Timeout (s), then global Timeout (s)', () => {
      expect(effectiveRoute(route({ QoSOptions: { Timeout: 100, TimeoutValue: 200 }, Timeout: 3 }), { Timeout: 4 }).timeoutMs).toBe(100);
      expect(effectiveRoute(route({ QoSOptions: { TimeoutValue: 200 }, Timeout: 3 }), { Timeout: 4 }).timeoutMs).toBe(200);
      expect(effectiveRoute(route({ Timeout: 3 }), { Timeout: 4 }).timeoutMs).toBe(3000);
      expect(effectiveRoute(route(), { Timeout: 4 }).timeoutMs).toBe(4000);
    });

    it('treats values <= 0 as unset', () => {
      expect(effectiveRoute(route({ QoSOptions: { Timeout: 0, TimeoutValue: -1 }, Timeout: 0 }), { Timeout: 0 }).timeoutMs).toBe(90_000);
    });

    it('takes the QoS timeout from the global QoS group, which wins over route Timeout as in Ocelot', () => {
      expect(effectiveRoute(route({ Timeout: 3 }), { QoSOptions: { Timeout: 700 } }).timeoutMs).toBe(700);
      expect(effectiveRoute(route({ Timeout: 3, Key: 'x' }), { QoSOptions: { Timeout: 700, RouteKeys: ['y'] } }).timeoutMs).toBe(3000);
    });
  });

  describe('circuit breaker', () => {
    it('is off without a failure count', () => {
      expect(effectiveRoute(route({ QoSOptions: { TimeoutValue: 5000, DurationOfBreak: 10 } }), {}).circuitBreaker).toBeNull();
    });

    it('uses the old names first, as Ocelot, and defaults the break to 5000 ms', () => {
      expect(effectiveRoute(route({ QoSOptions: { ExceptionsAllowedBeforeBreaking: 3, MinimumThroughput: 9, DurationOfBreak: 10, BreakDuration: 99 } }), {}).circuitBreaker).toEqual({
        exceptionsAllowedBeforeBreaking: 3,
        durationOfBreakMs: 10,
      });
      expect(effectiveRoute(route({ QoSOptions: { MinimumThroughput: 9 } }), {}).circuitBreaker).toEqual({ exceptionsAllowedBeforeBreaking: 9, durationOfBreakMs: 5000 });
    });

    it('merges global QoS per field', () => {
      expect(effectiveRoute(route({ QoSOptions: { ExceptionsAllowedBeforeBreaking: 2 } }), { QoSOptions: { DurationOfBreak: 750 } }).circuitBreaker).toEqual({
        exceptionsAllowedBeforeBreaking: 2,
        durationOfBreakMs: 750,
      });
    });
  });

  describe('load balancer, request id, scheme, HTTP version', () => {
    it('falls back from route to global to default', () => {
      const global: GlobalConfiguration = {
        LoadBalancerOptions: { Type: 'LeastConnection' },
        RequestIdKey: 'X-Global-Id',
        DownstreamScheme: 'HTTPS',
        DownstreamHttpVersion: '1,0',
        DownstreamHttpVersionPolicy: 'RequestVersionExact',
      };
      expect(effectiveRoute(route(), global)).toMatchObject({
        loadBalancer: 'LeastConnection',
        requestIdKey: 'X-Global-Id',
        downstreamScheme: 'https',
        downstreamHttpVersion: '1.0',
        downstreamHttpVersionPolicy: 'RequestVersionExact',
      });
      expect(
        effectiveRoute(route({ LoadBalancerOptions: { Type: 'RoundRobin' }, RequestIdKey: 'X-Id', DownstreamScheme: 'ws', DownstreamHttpVersion: '1' }), global),
      ).toMatchObject({ loadBalancer: 'RoundRobin', requestIdKey: 'X-Id', downstreamScheme: 'ws', downstreamHttpVersion: '1.0' });
    });

    it('ignores a global load balancer outside its RouteKeys group, and empty strings', () => {
      expect(effectiveRoute(route({ Key: 'a', RequestIdKey: '' }), { LoadBalancerOptions: { Type: 'RoundRobin', RouteKeys: ['b'] } })).toMatchObject({
        loadBalancer: 'NoLoadBalancer',
        requestIdKey: null,
      });
    });

    it('falls back to defaults for values validation refuses', () => {
      expect(effectiveRoute(route({ LoadBalancerOptions: { Type: 'Nope' }, DownstreamScheme: 'ftp' }), {})).toMatchObject({ loadBalancer: 'NoLoadBalancer', downstreamScheme: 'http' });
    });
  });

  describe('rate limit (Ocelot RateLimitOptionsCreator)', () => {
    it('resolves a route rule with Ocelot defaults', () => {
      expect(effectiveRoute(route({ RateLimitOptions: { Limit: 3, Period: '1m' } }), {}).rateLimit).toEqual({
        clientIdHeader: 'Oc-Client',
        clientWhitelist: [],
        limit: 3,
        period: '1m',
        periodMs: 60_000,
        wait: '0ms',
        waitMs: 0,
        statusCode: 429,
        quotaMessage: 'API calls quota exceeded! Maximum admitted {0} per {1}.',
        keyPrefix: 'Ocelot.RateLimiting',
        enableHeaders: true,
      });
    });

    it('lets deprecated names win, as Ocelot does', () => {
      const limit = effectiveRoute(
        route({
          RateLimitOptions: {
            Limit: 5,
            Period: '1s',
            PeriodTimespan: 3,
            Wait: '1ms',
            HttpStatusCode: 503,
            StatusCode: 429,
            QuotaExceededMessage: 'old',
            QuotaMessage: 'new',
            RateLimitCounterPrefix: 'oldp',
            KeyPrefix: 'newp',
            DisableRateLimitHeaders: true,
            EnableHeaders: true,
          },
        }),
        {},
      ).rateLimit!;
      expect(limit).toMatchObject({ wait: '3s', waitMs: 3000, statusCode: 503, quotaMessage: 'old', keyPrefix: 'oldp', enableHeaders: false });
    });

    it('merges the global rule per field for routes in its group', () => {
      const global: GlobalConfiguration = { RateLimitOptions: { ClientIdHeader: 'X-Client', ClientWhitelist: ['ops'], Limit: 100, Period: '1h' } };
      expect(effectiveRoute(route({ RateLimitOptions: { Limit: 3 } }), global).rateLimit).toMatchObject({
        clientIdHeader: 'X-Client',
        clientWhitelist: ['ops'],
        limit: 3,
        period: '1h',
      });
      expect(effectiveRoute(route(), global).rateLimit).toMatchObject({ limit: 100, period: '1h' });
    });

    it('is off when disabled on the route or in the global group', () => {
      expect(effectiveRoute(route({ RateLimitOptions: { EnableRateLimiting: false, Limit: 3, Period: '1s' } }), {}).rateLimit).toBeNull();
      expect(effectiveRoute(route({ RateLimitOptions: { Limit: 3, Period: '1s' } }), { RateLimitOptions: { EnableRateLimiting: false } }).rateLimit).toBeNull();
    });

    it('is off when no Limit is set anywhere (Margay: nothing to enforce)', () => {
      expect(effectiveRoute(route(), { RateLimitOptions: { ClientIdHeader: 'X-Client' } }).rateLimit).toBeNull();
    });
  });

  it('merges header transforms by header name, case-insensitively, route first', () => {
    const effective = effectiveRoute(route({ UpstreamHeaderTransform: { 'X-A': 'route' }, DownstreamHeaderTransform: {} }), {
      UpstreamHeaderTransform: { 'x-a': 'global', 'X-B': 'global' },
      DownstreamHeaderTransform: { Location: '{DownstreamBaseUrl}, {BaseUrl}' },
    });
    expect(effective.upstreamHeaderTransform).toEqual({ 'X-A': 'route', 'X-B': 'global' });
    expect(Object.keys(effective.upstreamHeaderTransform)).toEqual(['X-A', 'X-B']);
    expect(effective.downstreamHeaderTransform).toEqual({ Location: '{DownstreamBaseUrl}, {BaseUrl}' });
  });
});
