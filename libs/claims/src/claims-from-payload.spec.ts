import { describe, expect, it } from 'vitest';
import { claimsFromPayload } from './claims-from-payload.js';

describe('claimsFromPayload', () => {
  it('gives one claim per array element and stringifies scalars, in key order', () => {
    expect(claimsFromPayload({ sub: '42', roles: ['admin', 'user'], exp: 1700000000, admin: false, ratio: 0.5 })).toEqual([
      { type: 'sub', value: '42' },
      { type: 'roles', value: 'admin' },
      { type: 'roles', value: 'user' },
      { type: 'exp', value: '1700000000' },
      { type: 'admin', value: 'false' },
      { type: 'ratio', value: '0.5' },
    ]);
  });

  it('turns objects, and arrays inside arrays, into their JSON text', () => {
    expect(claimsFromPayload({ address: { city: 'Oslo' }, groups: [['a'], { b: 1 }, 2] })).toEqual([
      { type: 'address', value: '{"city":"Oslo"}' },
      { type: 'groups', value: '["a"]' },
      { type: 'groups', value: '{"b":1}' },
      { type: 'groups', value: '2' },
    ]);
  });

  it('skips null and undefined, also inside arrays; an empty array gives no claim', () => {
    expect(claimsFromPayload({ a: null, b: undefined, c: [null, 'x', undefined], d: [] })).toEqual([{ type: 'c', value: 'x' }]);
  });

  it('keeps empty strings (a claim with an empty value still exists)', () => {
    expect(claimsFromPayload({ nickname: '' })).toEqual([{ type: 'nickname', value: '' }]);
  });

  it('does not throw on values JSON cannot print', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(claimsFromPayload({ c: cyclic, big: 10n })).toEqual([
      { type: 'c', value: '[object Object]' },
      { type: 'big', value: '10' },
    ]);
  });
});
