import type { Claim } from './claim.js';
import type { ClaimExpression } from './parse-claim-expression.js';

/**
 * Why an expression has no value for a principal (Ocelot's CannotFindClaimError, answered 403):
 * `claim_missing` — no claim of that type; `index_out_of_range` — the split value has no part
 * `index` (or the index is negative).
 */
export type ClaimValueErrorCode = 'claim_missing' | 'index_out_of_range';

/** An expression that yields no value, with Ocelot's message and the context to log. */
export interface ClaimValueError {
  readonly code: ClaimValueErrorCode;
  /** Ocelot's wording: `Cannot find claim for key: <claim>[, delimiter: <d>, index: <i>]`. */
  readonly message: string;
  readonly claim: string;
  /** Set for `index_out_of_range`. */
  readonly index?: number;
  /** Set for `index_out_of_range`. */
  readonly delimiter?: string;
}

/** The outcome of {@link evaluateClaimExpression}. */
export type ValueResult = { ok: true; value: string } | { ok: false; error: ClaimValueError };

function isDelimiter(code: number, delimiter: string): boolean {
  for (let i = 0; i < delimiter.length; i++) if (delimiter.charCodeAt(i) === code) return true;
  return false;
}

/**
 * Part `index` of `text` split on every UTF-16 code unit of `delimiter` (.NET
 * `Split(char[])`, empty parts kept), found by scanning rather than building the split array.
 */
function partAt(text: string, delimiter: string, index: number): string | undefined {
  if (!Number.isInteger(index) || index < 0) return undefined;
  let start = 0;
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isDelimiter(text.charCodeAt(i), delimiter)) continue;
    if (seen === index) return text.slice(start, i);
    seen++;
    start = i + 1;
  }
  return seen === index ? text.slice(start) : undefined;
}

/**
 * The value an expression takes from a principal's claims, as Ocelot's `ClaimsParser.GetValue`:
 * the values of every claim of that exact type joined with `,`; with no delimiter that joined
 * value; otherwise part `index` of it split on each delimiter character (so `||` acts like `|`
 * and `a||b` has an empty part 1). Never throws. Per request: no regex, no array when a single
 * claim matches.
 *
 * @example
 * const parsed = parseClaimExpression('Claims[sub] > value[1] > |');
 * if (parsed.ok) evaluateClaimExpression(parsed.expression, [{ type: 'sub', value: 'registered|4321' }]);
 * // { ok: true, value: '4321' }
 */
export function evaluateClaimExpression(expression: ClaimExpression, claims: readonly Claim[]): ValueResult {
  const { claim, delimiter, index } = expression;
  let first: string | undefined;
  let joined: string[] | undefined;
  for (const c of claims) {
    if (c.type !== claim) continue;
    if (first === undefined) first = c.value;
    else (joined ??= [first]).push(c.value);
  }
  if (first === undefined) {
    return { ok: false, error: { code: 'claim_missing', message: `Cannot find claim for key: ${claim}`, claim } };
  }
  // Several claims of one type reach Ocelot as StringValues, whose ToString() joins with ",".
  const value = joined === undefined ? first : joined.join(',');
  if (delimiter === '') return { ok: true, value };
  const part = partAt(value, delimiter, index);
  if (part === undefined) {
    return {
      ok: false,
      error: {
        code: 'index_out_of_range',
        message: `Cannot find claim for key: ${claim}, delimiter: ${delimiter}, index: ${index}`,
        claim,
        index,
        delimiter,
      },
    };
  }
  return { ok: true, value: part };
}
