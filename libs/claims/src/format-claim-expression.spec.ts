import { describe, expect, it } from 'vitest';
import { formatClaimExpression } from './format-claim-expression.js';

describe('formatClaimExpression', () => {
  it.each([
    [{ claim: 'sub', index: 0, delimiter: '' }, 'Claims[sub] > value'],
    [{ claim: 'sub', index: 1, delimiter: '|' }, 'Claims[sub] > value[1] > |'],
    [{ claim: 'sub', index: 0, delimiter: '|' }, 'Claims[sub] > value[0] > |'],
    // An index without a delimiter is ignored at run time but kept, so the parse is the same.
    [{ claim: 'sub', index: 2, delimiter: '' }, 'Claims[sub] > value[2] > '],
    [{ claim: ' a b ', index: -1, delimiter: '||' }, 'Claims[ a b ] > value[-1] > ||'],
    [{ claim: 'x\ny', index: 0, delimiter: '' }, 'Claims[x\ny]Claims[] > value'],
  ])('%j → %j', (expression, text) => {
    expect(formatClaimExpression(expression)).toBe(text);
  });
});
