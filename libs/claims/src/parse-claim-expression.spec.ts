import { describe, expect, it } from 'vitest';
import { parseClaimExpression, type ParseResult } from './parse-claim-expression.js';

function expression(text: string): { claim: string; index: number; delimiter: string } {
  const result = parseClaimExpression(text);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text.slice(0, 80))} to parse: ${result.error.message}`);
  const { claim, index, delimiter } = result.expression;
  return { claim, index, delimiter };
}

function error(text: string): { code: string; message: string } {
  const result: ParseResult = parseClaimExpression(text);
  if (result.ok) throw new Error(`expected ${JSON.stringify(text.slice(0, 80))} not to parse`);
  return result.error;
}

describe('parseClaimExpression', () => {
  it('keeps the source text', () => {
    const result = parseClaimExpression('Claims[sub]>value');
    expect(result.ok && result.expression.source).toBe('Claims[sub]>value');
  });

  describe('error messages say what is wrong and show a correct expression', () => {
    it('no ">" at all', () => {
      const { code, message } = error('Claims[sub]');
      expect(code).toBe('no_instructions');
      expect(message).toContain('"Claims[sub]" has no ">"');
      expect(message).toContain('"Claims[sub] > value[1] > |"');
    });

    it('an empty or blank expression', () => {
      expect(error('').message).toMatch(/^The claims expression is empty\./);
      expect(error('   ').message).toMatch(/^The claims expression is empty\./);
    });

    it('a lower-case "claims" prefix is pointed out', () => {
      const { code, message } = error('claims[sub] > value');
      expect(code).toBe('not_for_claims');
      expect(message).toContain('"Claims" is case-sensitive');
    });

    it('a "Claims[" without its "]" on the same line', () => {
      expect(error('Claims[sub > value').message).toContain('the "]" closing "Claims[" is missing');
      expect(error('Claims[sub\n] > value').code).toBe('not_for_claims');
    });

    it('something else before the first ">"', () => {
      const { message } = error('Cheese[CustomerId] > value');
      expect(message).toContain('("Cheese[CustomerId] ") does not contain Claims[<claim type>]');
    });

    it('a "]" before the first "[" in the claim part or the value part', () => {
      expect(error(']Claims[sub] > value')).toMatchObject({ code: 'bad_index', message: expect.stringContaining('a "]" comes before the first "["') });
      expect(error('Claims[sub] > ]value[1] > |')).toMatchObject({ code: 'bad_index', message: expect.stringContaining('the index is read between') });
    });

    it('an empty, non-numeric or too large index', () => {
      expect(error('Claims[sub] > value[] > |').message).toContain('The index in value[] is empty');
      expect(error('Claims[sub] > value[x] > |').message).toContain('The index "x" in value[…] is not a whole number');
      expect(error('Claims[sub] > value[99999999999] > |').message).toContain('is out of range: it must be between -2147483648 and 2147483647');
    });

    it('quotes long input shortened', () => {
      const long = `Claims[${'a'.repeat(500)}`;
      const { message } = error(long);
      expect(message).toContain('…');
      expect(message.length).toBeLessThan(400);
    });

    it('a non-string from JSON is an error value, not an exception', () => {
      expect(parseClaimExpression(null as unknown as string)).toMatchObject({ ok: false, error: { code: 'no_instructions' } });
      expect(parseClaimExpression(42 as unknown as string)).toMatchObject({ ok: false, error: { message: expect.stringContaining('not number') } });
    });
  });

  describe('the index is read as .NET Int32.Parse reads it', () => {
    it.each([
      ['+5', 5],
      ['-0', 0],
      ['007', 7],
      ['\t 3 \r\v\f', 3],
      ['2147483647', 2147483647],
      ['-2147483648', -2147483648],
      ['0000000000002147483647', 2147483647],
      ['5\0\0', 5],
    ])('value[%j] → %d', (text, index) => {
      const parsed = expression(`Claims[sub] > value[${text}] > |`);
      expect(parsed.index).toBe(index);
      expect(Object.is(parsed.index, -0)).toBe(false);
    });

    it('a line break before the "]" means there is no value[…] part: index and delimiter are ignored', () => {
      expect(expression('Claims[sub] > value[1\n] > |')).toEqual({ claim: 'sub', index: 0, delimiter: '' });
    });

    it.each(['2147483648', '-2147483649', '1.5', '1e3', '0x1', '- 1', '+', '١', '５', '1 2', '5\0 ', '\u00a01'])(
      'value[%j] is refused',
      (text) => {
        expect(error(`Claims[sub] > value[${text}] > |`).code).toBe('bad_index');
      },
    );
  });

  describe('.NET details that differ from JavaScript', () => {
    it('Trim() removes U+0085 but not U+FEFF from the delimiter', () => {
      expect(expression('Claims[sub] > value[1] > \u0085|\u0085').delimiter).toBe('|');
      expect(expression('Claims[sub] > value[1] > \ufeff|').delimiter).toBe('\ufeff|');
    });

    it("Claims\\[.*\\] lets '.' match \\r and U+2028 but not \\n", () => {
      expect(expression('Claims[a\rb] > value').claim).toBe('a\rb');
      expect(expression('Claims[a\u2028b] > value').claim).toBe('a\u2028b');
      expect(error('Claims[a\nb] > value').code).toBe('not_for_claims');
    });

    it('the claim type is between the first "[" and first "]" of the part, wherever "Claims[" is', () => {
      expect(expression('x[y] Claims[sub] > value').claim).toBe('y');
      expect(expression('[\n]Claims[x] > value').claim).toBe('\n');
    });

    it('"value[" is case-sensitive too: otherwise index and delimiter are ignored', () => {
      expect(expression('Claims[sub] > Value[1] > |')).toEqual({ claim: 'sub', index: 0, delimiter: '' });
    });
  });

  it('is linear on adversarial input (no backtracking regex)', () => {
    const started = performance.now();
    expect(error(`${'Claims['.repeat(200_000)} > value`).code).toBe('not_for_claims');
    expect(error(`Claims[s] > ${'value['.repeat(200_000)}1] > |`).code).toBe('bad_index');
    expect(expression(`Claims[s] > ${'value['.repeat(200_000)}\n] > |`).index).toBe(0);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
