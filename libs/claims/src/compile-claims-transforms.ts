import type { Claim } from './claim.js';
import { evaluateClaimExpression, type ClaimValueError } from './evaluate-claim-expression.js';
import { keysInConfigurationOrder } from './internal/configuration-key-order.js';
import { parseClaimExpression, type ClaimExpression, type ClaimParseError } from './parse-claim-expression.js';
import { withClaim } from './with-claim.js';

/** One entry of a claims-transform dictionary: the target key and its parsed expression. */
export interface ClaimsTransformEntry {
  /** The header, query parameter, placeholder or claim type the value goes to. */
  readonly key: string;
  readonly expression: ClaimExpression;
}

/** An entry whose expression does not parse; the validator adds the route and dictionary name. */
export interface ClaimsTransformError {
  readonly key: string;
  readonly error: ClaimParseError;
}

/** The values of a dictionary's expressions, in application order. */
export interface ClaimsTransformValue {
  readonly key: string;
  readonly value: string;
}

/** The outcome of {@link CompiledClaimsTransforms.evaluate}: every value, or the first failure (403). */
export type TransformValuesResult =
  | { ok: true; values: readonly ClaimsTransformValue[] }
  | { ok: false; key: string; error: ClaimValueError };

/** The outcome of {@link CompiledClaimsTransforms.addToClaims}: the new claims, or the first failure (403). */
export type TransformClaimsResult = { ok: true; claims: Claim[] } | { ok: false; key: string; error: ClaimValueError };

/**
 * A claims-transform dictionary (`AddHeadersToRequest`, `AddQueriesToRequest`,
 * `ChangeDownstreamPathTemplate`, `AddClaimsToRequest`) compiled once per configuration.
 */
export interface CompiledClaimsTransforms {
  /** The entries in Ocelot's application order: ASP.NET configuration key order, not file order. */
  readonly entries: readonly ClaimsTransformEntry[];
  /** Every entry evaluated against the same claims (headers, queries, path placeholders). */
  evaluate(claims: readonly Claim[]): TransformValuesResult;
  /**
   * `AddClaimsToRequest`: entry by entry, the value is computed from the claims as the previous
   * entries left them and set with {@link withClaim}. `claims` itself is not changed.
   */
  addToClaims(claims: readonly Claim[]): TransformClaimsResult;
}

/** The outcome of {@link compileClaimsTransforms}. */
export type CompileTransformsResult =
  | { ok: true; transforms: CompiledClaimsTransforms }
  | { ok: false; errors: readonly ClaimsTransformError[] };

/**
 * Parses every expression of a claims-transform dictionary and orders the entries as Ocelot
 * applies them (its configuration binder sorts dictionary keys: numeric parts first, then
 * case-insensitively). Every parse error is collected, not just the first: Margay refuses such a
 * configuration where Ocelot silently drops the entry.
 *
 * @example
 * const compiled = compileClaimsTransforms({ UserType: 'Claims[sub] > value[0] > |', UserId: 'Claims[sub] > value[1] > |' });
 * if (compiled.ok) compiled.transforms.evaluate([{ type: 'sub', value: 'registered|42' }]);
 * // { ok: true, values: [{ key: 'UserId', value: '42' }, { key: 'UserType', value: 'registered' }] }
 */
export function compileClaimsTransforms(dictionary: Readonly<Record<string, string>>): CompileTransformsResult {
  const entries: ClaimsTransformEntry[] = [];
  const errors: ClaimsTransformError[] = [];
  for (const key of keysInConfigurationOrder(dictionary)) {
    const parsed = parseClaimExpression(dictionary[key]!);
    if (parsed.ok) entries.push(Object.freeze({ key, expression: Object.freeze(parsed.expression) }));
    else errors.push({ key, error: parsed.error });
  }
  if (errors.length > 0) return { ok: false, errors };
  const frozen: readonly ClaimsTransformEntry[] = Object.freeze(entries);
  return {
    ok: true,
    transforms: Object.freeze({
      entries: frozen,
      evaluate(claims: readonly Claim[]): TransformValuesResult {
        const values: ClaimsTransformValue[] = [];
        for (const { key, expression } of frozen) {
          const result = evaluateClaimExpression(expression, claims);
          if (!result.ok) return { ok: false, key, error: result.error };
          values.push({ key, value: result.value });
        }
        return { ok: true, values };
      },
      addToClaims(claims: readonly Claim[]): TransformClaimsResult {
        let current: Claim[] = claims.slice();
        for (const { key, expression } of frozen) {
          const result = evaluateClaimExpression(expression, current);
          if (!result.ok) return { ok: false, key, error: result.error };
          current = withClaim(current, key, result.value);
        }
        return { ok: true, claims: current };
      },
    }),
  };
}
