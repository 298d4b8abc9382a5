import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatClaimExpression } from './format-claim-expression.js';
import { parseClaimExpression, type ParseResult } from './parse-claim-expression.js';

const RUNS = { numRuns: 2000 };

/** Strings made of the grammar's own pieces, where the interesting edge cases live. */
const grammarPiece = fc.constantFrom(
  'Claims[', 'claims[', 'value[', '[', ']', '>', '|', ',', '||', ' ', '  ', '\t', '\n', '\r', '\u0085', '\ufeff',
  '0', '1', '7', '-', '+', '2147483647', '2147483648', '99999999999', 'sub', 'x', '\0',
);
const grammarString = fc.array(grammarPiece, { maxLength: 14 }).map((pieces) => pieces.join(''));
const noise = fc.array(grammarPiece, { maxLength: 3 }).map((pieces) => pieces.join(''));
/** The expression's skeleton with noise between the pieces and some pieces missing or misspelt. */
const nearValid = fc
  .tuple(
    noise, fc.constantFrom('Claims[', 'Claims[', 'claims[', 'Claims'), noise, fc.constantFrom(']', ']', ''), noise,
    fc.constantFrom('>', '>', ''), noise, fc.constantFrom('value[', 'value[', 'val['), noise, fc.constantFrom(']', ']', ''),
    noise, fc.constantFrom('>', '>', ''), noise,
  )
  .map((pieces) => pieces.join(''));
/** Well-shaped expressions with the index and delimiter made of what Int32.Parse and Trim() care about. */
const shaped = fc
  .tuple(
    fc.array(fc.constantFrom('sub', ' ', '[', 'x', '\r', '\u2028'), { maxLength: 3 }),
    fc.array(fc.constantFrom(' ', '\t', '\v', '\u00a0', '\0', '+', '-', '0', '1', '9', '2147483647', '2147483648', 'x', '.'), { maxLength: 4 }),
    fc.array(fc.constantFrom(' ', '\t', '\u0085', '\ufeff', '\u3000', '|', ',', '\n'), { maxLength: 4 }),
  )
  .map(([claim, index, delimiter]) => `Claims[${claim.join('')}] > value[${index.join('')}] > ${delimiter.join('')}`);
const anyString = fc.oneof(
  fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), grammarString, nearValid, nearValid, shaped, shaped,
);

/**
 * A second, independent reading of Ocelot's parser for differential testing: regexes where the
 * implementation scans by hand (`[^\n]` is .NET's `.`), BigInt for Int32 bounds, and a literal
 * list of .NET white space for `Trim()`.
 */
const DOTNET_WS = '\\u0009-\\u000d\\u0020\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const TRIM = new RegExp(`^[${DOTNET_WS}]+|[${DOTNET_WS}]+$`, 'g');
const INT32 = /^[\t\n\v\f\r ]*([+-]?)([0-9]+)[\t\n\v\f\r ]*\0*$/;

type Model = { ok: true; claim: string; index: number; delimiter: string } | { ok: false; code: string };

function between(text: string): string | undefined {
  const open = text.indexOf('[');
  const close = text.indexOf(']');
  return close - open - 1 < 0 ? undefined : text.substring(open + 1, close);
}

function model(text: string): Model {
  const parts = text.split('>');
  if (parts.length <= 1) return { ok: false, code: 'no_instructions' };
  if (!/Claims\[[^\n]*\]/.test(parts[0]!)) return { ok: false, code: 'not_for_claims' };
  const claim = between(parts[0]!);
  if (claim === undefined) return { ok: false, code: 'bad_index' };
  if (parts.length > 2 && /value\[[^\n]*\]/.test(parts[1]!)) {
    const indexText = between(parts[1]!);
    const match = indexText === undefined ? null : INT32.exec(indexText);
    if (match === null) return { ok: false, code: 'bad_index' };
    const value = BigInt(match[1]! + match[2]!);
    if (value < -(2n ** 31n) || value > 2n ** 31n - 1n) return { ok: false, code: 'bad_index' };
    return { ok: true, claim, index: Number(value), delimiter: parts[2]!.replace(TRIM, '') };
  }
  return { ok: true, claim, index: 0, delimiter: '' };
}

function simplify(result: ParseResult): Model {
  if (!result.ok) return { ok: false, code: result.error.code };
  const { claim, index, delimiter } = result.expression;
  // `+ 0` turns a -0 into 0; the check below ensures there never was one.
  return { ok: true, claim, index: index + 0, delimiter };
}

describe('parseClaimExpression (properties)', () => {
  it('never throws and always returns a well-formed result, for any string', () => {
    fc.assert(
      fc.property(anyString, (text) => {
        const result = parseClaimExpression(text);
        if (result.ok) {
          const { claim, index, delimiter, source } = result.expression;
          expect(source).toBe(text);
          expect(Number.isInteger(index) && index >= -(2 ** 31) && index < 2 ** 31).toBe(true);
          expect(Object.is(index, -0)).toBe(false);
          expect(claim.includes(']') || claim.includes('>')).toBe(false);
          expect(delimiter.includes('>')).toBe(false);
        } else {
          expect(['no_instructions', 'not_for_claims', 'bad_index']).toContain(result.error.code);
          expect(result.error.message).toContain('Claims[sub] > value[1] > |');
        }
      }),
      RUNS,
    );
  });

  it('agrees with an independent model of Ocelot’s parser', () => {
    fc.assert(
      fc.property(anyString, (text) => {
        expect(simplify(parseClaimExpression(text))).toEqual(model(text));
      }),
      RUNS,
    );
  });

  it('the canonical form of a parsed expression re-parses to the same expression', () => {
    fc.assert(
      fc.property(fc.oneof(grammarString, nearValid, shaped), (text) => {
        const first = parseClaimExpression(text);
        fc.pre(first.ok);
        if (!first.ok) return;
        const canonical = formatClaimExpression(first.expression);
        const again = parseClaimExpression(canonical);
        expect(again).toEqual({ ok: true, expression: { ...first.expression, source: canonical } });
        // Canonical means a fixed point: printing the re-parsed expression changes nothing.
        if (again.ok) expect(formatClaimExpression(again.expression)).toBe(canonical);
      }),
      RUNS,
    );
  });

  it('round-trips expressions built from any claim type, index and delimiter the parser can produce', () => {
    const claim = fc.string({ unit: 'binary' }).filter((s) => !s.includes(']') && !s.includes('>'));
    const delimiter = fc
      .string({ unit: 'binary' })
      .map((s) => s.replace(TRIM, ''))
      .filter((s) => !s.includes('>'));
    fc.assert(
      fc.property(claim, fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), delimiter, (c, index, d) => {
        const result = parseClaimExpression(formatClaimExpression({ claim: c, index, delimiter: d }));
        expect(simplify(result)).toEqual({ ok: true, claim: c, index, delimiter: d });
      }),
      RUNS,
    );
  });
});
