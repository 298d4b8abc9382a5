import { describe, expect, it } from 'vitest';
import type { Claim } from './claim.js';
import { withClaim } from './with-claim.js';

describe('withClaim', () => {
  it('appends a claim of a new type', () => {
    expect(withClaim([{ type: 'a', value: '1' }], 'b', '2')).toEqual([
      { type: 'a', value: '1' },
      { type: 'b', value: '2' },
    ]);
  });

  it('removes the first claim of that type and appends the new one, as Ocelot does', () => {
    const claims: Claim[] = [
      { type: 'role', value: 'a' },
      { type: 'sub', value: 's' },
      { type: 'role', value: 'b' },
    ];
    expect(withClaim(claims, 'role', 'c')).toEqual([
      { type: 'sub', value: 's' },
      { type: 'role', value: 'b' },
      { type: 'role', value: 'c' },
    ]);
  });

  it('returns a new array and leaves the input alone', () => {
    const claims: Claim[] = [{ type: 'a', value: '1' }];
    const result = withClaim(claims, 'a', '2');
    expect(result).not.toBe(claims);
    expect(claims).toEqual([{ type: 'a', value: '1' }]);
  });
});
