import type { ClaimExpression } from './parse-claim-expression.js';

/**
 * Prints an expression in canonical form: `Claims[type] > value` for the whole value, else
 * `Claims[type] > value[index] > delimiter`. Parsing the result gives back the same claim, index
 * and delimiter for every expression {@link parseClaimExpression} can return.
 *
 * @example
 * formatClaimExpression({ claim: 'sub', index: 1, delimiter: '|', source: 'Claims[sub]>value[1]>|' });
 * // 'Claims[sub] > value[1] > |'
 */
export function formatClaimExpression(expression: Pick<ClaimExpression, 'claim' | 'index' | 'delimiter'>): string {
  const { claim, index, delimiter } = expression;
  // Ocelot wants `Claims[…]` with its `]` on one line. A claim type with a line break (only a
  // contrived input yields one) would break that, so an empty `Claims[]` after it restores the
  // match without moving the first `[` or the first `]`, which delimit the claim type.
  const head = claim.includes('\n') ? `Claims[${claim}]Claims[]` : `Claims[${claim}]`;
  return index === 0 && delimiter === '' ? `${head} > value` : `${head} > value[${index}] > ${delimiter}`;
}
