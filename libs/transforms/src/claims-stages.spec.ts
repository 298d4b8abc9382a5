import { describe, expect, it } from 'vitest';
import type { Claim } from '@margay/claims';
import type { RouteConfig } from '@margay/config';
import { compileRouteTransforms } from './compile-route-transforms.js';
import { addClaimsToRequest, addHeadersToRequest, addQueriesToRequest, changeDownstreamPathTemplate } from './claims-stages.js';

const NO_HEADER_TRANSFORMS = { upstreamHeaderTransform: {}, downstreamHeaderTransform: {}, baseUrl: 'http://localhost:5000' };
const compile = (route: Partial<RouteConfig>) =>
  compileRouteTransforms({ UpstreamPathTemplate: '/', DownstreamPathTemplate: '/', ...route }, NO_HEADER_TRANSFORMS);
const SEED: Claim[] = [
  { type: 'sub', value: 'usertypevalue|useridvalue' },
  { type: 'CustomerId', value: '123' },
  { type: 'LocationId', value: '1' },
];

describe('AddClaimsToRequest', () => {
  it('replaces the claim of that type, so authorization sees the derived value', () => {
    const transforms = compile({ AddClaimsToRequest: { UserType: 'Claims[sub] > value[0] > |' } });
    const result = addClaimsToRequest(transforms, [...SEED, { type: 'UserType', value: 'registered' }]);
    expect(result.ok && result.value.filter((claim) => claim.type === 'UserType')).toEqual([{ type: 'UserType', value: 'usertypevalue' }]);
  });

  it('fails naming the dictionary and key when the claim is missing', () => {
    const result = addClaimsToRequest(compile({ AddClaimsToRequest: { UserType: 'Claims[role] > value' } }), SEED);
    expect(result).toMatchObject({ ok: false, failure: { code: 'claim_transform_failed', transform: 'AddClaimsToRequest', key: 'UserType' } });
  });
});

describe('AddHeadersToRequest', () => {
  it('sets the seed headers and removes client-sent ones of the same name', () => {
    const transforms = compile({
      AddHeadersToRequest: { CustomerId: 'Claims[CustomerId] > value', UserId: 'Claims[sub] > value[1] > |' },
    });
    const headers: Record<string, string | string[] | undefined> = { customerid: ['evil', 'evil2'], accept: 'x' };
    expect(addHeadersToRequest(transforms, SEED, headers).ok).toBe(true);
    expect(headers).toEqual({ customerid: '123', userid: 'useridvalue', accept: 'x' });
  });

  it.each([['a\r\nInjected: yes'], ['nul\0'], ['caf\u00e9'], ['\u2028']])('refuses a value that is not a header value: %j', (value) => {
    const transforms = compile({ AddHeadersToRequest: { X: 'Claims[x] > value' } });
    const headers: Record<string, string> = {};
    const result = addHeadersToRequest(transforms, [{ type: 'x', value }], headers);
    expect(result).toMatchObject({ ok: false, failure: { code: 'invalid_claim_value', transform: 'AddHeadersToRequest', key: 'X' } });
    expect(headers).toEqual({});
  });
});

describe('AddQueriesToRequest', () => {
  const transforms = compile({ AddQueriesToRequest: { LocationId: 'Claims[LocationId] > value', CustomerId: 'Claims[CustomerId] > value' } });

  it('appends after the client parameters, keys in configuration order, duplicates kept', () => {
    expect(addQueriesToRequest(transforms, SEED, 'test=1&test=2')).toEqual({ ok: true, value: 'test=1&test=2&CustomerId=123&LocationId=1' });
  });

  it('replaces client-sent parameters of the same name, however they are encoded', () => {
    expect(addQueriesToRequest(transforms, SEED, 'LocationId=evil&Location%49d=evil2&a=1')).toEqual({ ok: true, value: 'a=1&CustomerId=123&LocationId=1' });
  });

  it('percent-encodes values so they cannot add parameters (Ocelot does not)', () => {
    const named = compile({ AddQueriesToRequest: { n: 'Claims[name] > value' } });
    expect(addQueriesToRequest(named, [{ type: 'name', value: 'a b&c=d' }], '')).toEqual({ ok: true, value: 'n=a%20b%26c%3Dd' });
  });
});

describe('ChangeDownstreamPathTemplate', () => {
  const transforms = compile({ DownstreamPathTemplate: '/api/users/{userId}/{everything}', ChangeDownstreamPathTemplate: { userId: 'Claims[sub] > value[1] > |' } });

  it('fills the placeholder with the claim value', () => {
    expect(changeDownstreamPathTemplate(transforms, SEED)).toEqual({ ok: true, value: { userId: 'useridvalue' } });
  });

  it.each([['a/b', 'a%2Fb'], ['../admin', '..%2Fadmin'], ['x?y=1#z', 'x%3Fy%3D1%23z'], ['%2E%2E', '%252E%252E']])('encodes %j as one segment', (value, encoded) => {
    expect(changeDownstreamPathTemplate(transforms, [{ type: 'sub', value: `t|${value}` }])).toEqual({ ok: true, value: { userId: encoded } });
  });

  it.each([['.'], ['..']])('refuses a dot segment %j', (value) => {
    expect(changeDownstreamPathTemplate(transforms, [{ type: 'sub', value: `t|${value}` }])).toMatchObject({
      ok: false,
      failure: { code: 'invalid_claim_value', transform: 'ChangeDownstreamPathTemplate', key: 'userId' },
    });
  });
});

describe('the requests of one token (one claims list)', () => {
  const transforms = compile({
    DownstreamPathTemplate: '/api/users/{userId}',
    AddClaimsToRequest: { UserType: 'Claims[sub] > value[0] > |' },
    AddHeadersToRequest: { CustomerId: 'Claims[CustomerId] > value' },
    AddQueriesToRequest: { LocationId: 'Claims[LocationId] > value' },
    ChangeDownstreamPathTemplate: { userId: 'Claims[sub] > value[1] > |' },
  });
  const principalClaims: readonly Claim[] = Object.freeze([...SEED]);

  it('get the very same results, frozen, so no request can change another one’s', () => {
    const first = addClaimsToRequest(transforms, principalClaims);
    expect(addClaimsToRequest(transforms, principalClaims)).toBe(first);
    expect(first.ok && Object.isFrozen(first.value)).toBe(true);
    const path = changeDownstreamPathTemplate(transforms, principalClaims);
    expect(changeDownstreamPathTemplate(transforms, principalClaims)).toBe(path);
    expect(path.ok && Object.isFrozen(path.value)).toBe(true);
  });

  it('still set the headers of each request and keep each request’s own query parameters', () => {
    for (const [rawQuery, expected] of [
      ['', 'LocationId=1'],
      ['page=2&LocationId=evil', 'page=2&LocationId=1'],
      ['a=1&&b', 'a=1&b&LocationId=1'],
    ] as const) {
      const headers: Record<string, string | string[] | undefined> = { customerid: 'forged' };
      expect(addHeadersToRequest(transforms, principalClaims, headers).ok).toBe(true);
      expect(headers).toEqual({ customerid: '123' });
      expect(addQueriesToRequest(transforms, principalClaims, rawQuery)).toEqual({ ok: true, value: expected });
    }
  });

  it('are computed anew for another claims list, also one with the same content', () => {
    const other = SEED.map((claim) => (claim.type === 'sub' ? { type: 'sub', value: 't|someoneelse' } : claim));
    expect(changeDownstreamPathTemplate(transforms, other)).toEqual({ ok: true, value: { userId: 'someoneelse' } });
    expect(changeDownstreamPathTemplate(transforms, [...principalClaims])).not.toBe(changeDownstreamPathTemplate(transforms, principalClaims));
  });

  it('keep a failure as well, with the same answer each time', () => {
    const noCustomer = SEED.filter((claim) => claim.type !== 'CustomerId');
    const headers = {};
    const failure = addHeadersToRequest(transforms, noCustomer, headers);
    expect(failure).toMatchObject({ ok: false, failure: { code: 'claim_transform_failed', transform: 'AddHeadersToRequest', key: 'CustomerId' } });
    expect(addHeadersToRequest(transforms, noCustomer, headers)).toBe(failure);
    expect(headers).toEqual({});
  });
});
