import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Claim } from './claim.js';
import { evaluateClaimExpression } from './evaluate-claim-expression.js';

const RUNS = { numRuns: 2000 };

const text = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom('', '|', 'a|b', 'a||b', ',', 'x,y|z'));
const type = fc.constantFrom('sub', 'role', 'scope', '', 'Sub');
const claims = fc.array(fc.record({ type: fc.oneof(type, fc.string({ maxLength: 4 })), value: text }), { maxLength: 6 });
const expression = fc.record({
  claim: type,
  index: fc.oneof(fc.integer({ min: -3, max: 6 }), fc.integer(), fc.double()),
  delimiter: fc.oneof(fc.constantFrom('', '|', '||', ',|', '\ud83d\ude00', ']', '\\', '^', '-'), fc.string({ maxLength: 3 })),
  source: fc.constant(''),
});

/** Ocelot's ClaimsParser.GetValue written the obvious way: filter, join with ",", split with a character class. */
function model(claim: string, delimiter: string, index: number, list: readonly Claim[]): string | { code: string } {
  const values = list.filter((c) => c.type === claim).map((c) => c.value);
  if (values.length === 0) return { code: 'claim_missing' };
  const joined = values.join(',');
  if (delimiter === '') return joined;
  // No `u` flag: the class holds UTF-16 code units, as .NET's Split(char[]) does.
  const escaped = delimiter.replace(/[\\\]\[^-]/g, '\\$&');
  const parts = joined.split(new RegExp(`[${escaped}]`));
  return Number.isInteger(index) && index >= 0 && index < parts.length ? parts[index]! : { code: 'index_out_of_range' };
}

describe('evaluateClaimExpression (properties)', () => {
  it('never throws, for any claims list and any expression', () => {
    fc.assert(
      fc.property(expression, claims, (e, list) => {
        const result = evaluateClaimExpression(e, list);
        expect(typeof result.ok).toBe('boolean');
      }),
      RUNS,
    );
  });

  it('agrees with a straightforward model of Ocelot’s ClaimsParser', () => {
    fc.assert(
      fc.property(expression, claims, (e, list) => {
        const result = evaluateClaimExpression(e, list);
        const expected = model(e.claim, e.delimiter, e.index, list);
        if (typeof expected === 'string') expect(result).toEqual({ ok: true, value: expected });
        else expect(result.ok ? 'ok' : result.error.code).toBe(expected.code);
      }),
      RUNS,
    );
  });
});
