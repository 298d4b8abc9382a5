import { describe, expect, it } from 'vitest';
import { evaluateClaimExpression } from './evaluate-claim-expression.js';
import type { ClaimExpression } from './parse-claim-expression.js';

const expr = (claim: string, index = 0, delimiter = ''): ClaimExpression => ({ claim, index, delimiter, source: '' });

describe('evaluateClaimExpression', () => {
  it('matches the claim type exactly (case-sensitive)', () => {
    expect(evaluateClaimExpression(expr('sub'), [{ type: 'Sub', value: 'x' }])).toEqual({
      ok: false,
      error: { code: 'claim_missing', message: 'Cannot find claim for key: sub', claim: 'sub' },
    });
  });

  it('joins several claims of the type with "," before splitting', () => {
    const claims = [
      { type: 'role', value: 'a|b' },
      { type: 'other', value: 'zzz' },
      { type: 'role', value: 'c' },
    ];
    expect(evaluateClaimExpression(expr('role'), claims)).toEqual({ ok: true, value: 'a|b,c' });
    expect(evaluateClaimExpression(expr('role', 1, '|'), claims)).toEqual({ ok: true, value: 'b,c' });
    expect(evaluateClaimExpression(expr('role', 2, '|,'), claims)).toEqual({ ok: true, value: 'c' });
  });

  it('splits on UTF-16 code units, as .NET Split(char[]) does with a surrogate pair', () => {
    const claims = [{ type: 'sub', value: 'a😀b' }];
    // '😀' is two code units; each splits, so there is an empty part between them.
    expect(evaluateClaimExpression(expr('sub', 1, '😀'), claims)).toEqual({ ok: true, value: '' });
    expect(evaluateClaimExpression(expr('sub', 2, '😀'), claims)).toEqual({ ok: true, value: 'b' });
  });

  it('keeps empty leading and trailing parts', () => {
    const claims = [{ type: 'sub', value: '|x|' }];
    expect(evaluateClaimExpression(expr('sub', 0, '|'), claims)).toEqual({ ok: true, value: '' });
    expect(evaluateClaimExpression(expr('sub', 2, '|'), claims)).toEqual({ ok: true, value: '' });
  });

  it('reports an index out of range with its context', () => {
    expect(evaluateClaimExpression(expr('sub', 3, '|'), [{ type: 'sub', value: 'a|b' }])).toEqual({
      ok: false,
      error: {
        code: 'index_out_of_range',
        message: 'Cannot find claim for key: sub, delimiter: |, index: 3',
        claim: 'sub',
        index: 3,
        delimiter: '|',
      },
    });
  });

  it('treats a hand-built non-integer index as out of range rather than guessing', () => {
    const result = evaluateClaimExpression(expr('sub', 0.5, '|'), [{ type: 'sub', value: 'a|b' }]);
    expect(result.ok || result.error.code).toBe('index_out_of_range');
  });

  it('returns the claim value itself when a single claim matches (no copy)', () => {
    const value = 'x'.repeat(64);
    const result = evaluateClaimExpression(expr('sub'), [{ type: 'sub', value }]);
    expect(result.ok && result.value).toBe(value);
  });
});
