import { describe, expect, it } from 'vitest';
import { vectorsOf } from '../test/vectors.js';
import { parseClaimExpression, type ClaimParseErrorCode } from './parse-claim-expression.js';

/** Ocelot's error classes, matched in behaviour: each maps to Margay's stable code. */
const CODE_OF_OCELOT_ERROR: Record<string, ClaimParseErrorCode> = {
  NoInstructionsError: 'no_instructions',
  InstructionNotForClaimsError: 'not_for_claims',
  ParsingConfigurationHeaderError: 'bad_index',
};

const vectors = vectorsOf('claims_parse');

describe('claims_parse vectors', () => {
  it('has all 25 vectors (none lost or filtered)', () => {
    expect(vectors).toHaveLength(25);
    // No claims_parse vector is a quirk: Margay parses exactly as Ocelot. The difference (refuse
    // the configuration instead of dropping the entry) lives in the config validator.
    expect(vectors.filter((v) => v.quirk)).toEqual([]);
  });

  const successes = vectors.filter((v) => !('error' in v.expected));
  const failures = vectors.filter((v) => 'error' in v.expected);

  it.each(successes.map((v) => [v.name, v] as const))('%s', (_name, vector) => {
    const expression = vector.input['expression'] as string;
    const result = parseClaimExpression(expression);
    expect(result).toEqual({
      ok: true,
      expression: {
        claim: vector.expected['claim'],
        index: vector.expected['index'],
        delimiter: vector.expected['delimiter'],
        source: expression,
      },
    });
  });

  it.each(failures.map((v) => [v.name, v] as const))('%s', (_name, vector) => {
    const ocelotError = vector.expected['error'] as string;
    const code = CODE_OF_OCELOT_ERROR[ocelotError];
    expect(code, `unmapped Ocelot error ${ocelotError}`).toBeDefined();
    const result = parseClaimExpression(vector.input['expression'] as string);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    // Margay's message always shows what a correct expression looks like.
    expect(result.error.message).toContain('Claims[sub] > value[1] > |');
  });
});
