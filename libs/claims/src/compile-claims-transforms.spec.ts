import { describe, expect, it } from 'vitest';
import { compileClaimsTransforms, type CompiledClaimsTransforms } from './compile-claims-transforms.js';

function compiled(dictionary: Record<string, string>): CompiledClaimsTransforms {
  const result = compileClaimsTransforms(dictionary);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.transforms;
}

describe('compileClaimsTransforms', () => {
  it('collects every expression that does not parse, by key', () => {
    const result = compileClaimsTransforms({ B: 'claims[x] > value', A: 'Claims[x]', C: 'Claims[x] > value' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(({ key, error }) => [key, error.code])).toEqual([
      ['A', 'no_instructions'],
      ['B', 'not_for_claims'],
    ]);
  });

  it('orders entries as ASP.NET configuration binding does: integers first (numerically), then ignoring case', () => {
    const keys = compiled({ b: 'Claims[x] > value', '10': 'Claims[x] > value', A: 'Claims[x] > value', '9': 'Claims[x] > value', a2: 'Claims[x] > value' })
      .entries.map((entry) => entry.key);
    expect(keys).toEqual(['9', '10', 'A', 'a2', 'b']);
  });

  it('evaluate: every entry against the same claims, stopping at the first failure', () => {
    const transforms = compiled({ UserId: 'Claims[sub] > value[1] > |', Tenant: 'Claims[tid] > value' });
    expect(transforms.evaluate([{ type: 'sub', value: 'u|7' }, { type: 'tid', value: 't' }])).toEqual({
      ok: true,
      values: [
        { key: 'Tenant', value: 't' },
        { key: 'UserId', value: '7' },
      ],
    });
    expect(transforms.evaluate([{ type: 'sub', value: 'u|7' }])).toMatchObject({ ok: false, key: 'Tenant', error: { code: 'claim_missing' } });
  });

  it('addToClaims: each entry sees the claims the previous entries produced', () => {
    // "A" runs first and creates the claim "B" then reads.
    const transforms = compiled({ B: 'Claims[A] > value[0] > -', A: 'Claims[sub] > value' });
    const input = [{ type: 'sub', value: 'x-y' }];
    expect(transforms.addToClaims(input)).toEqual({
      ok: true,
      claims: [
        { type: 'sub', value: 'x-y' },
        { type: 'A', value: 'x-y' },
        { type: 'B', value: 'x' },
      ],
    });
    expect(input).toEqual([{ type: 'sub', value: 'x-y' }]);
  });

  it('addToClaims: a missing claim fails with the key that needed it', () => {
    expect(compiled({ X: 'Claims[nope] > value' }).addToClaims([])).toMatchObject({ ok: false, key: 'X', error: { code: 'claim_missing', claim: 'nope' } });
  });
});
