import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeQueryComponent, parseQuery, serializeQuery } from './query-params.js';

/** Form decoding as ASP.NET's QueryHelpers does it: `+` is a space, then percent-decoding. */
function formDecode(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, ' '));
}

describe('encodeQueryComponent: Ocelot’s decode + UrlEncoder.Default round trip', () => {
  it.each([
    ["Name eq 'Sam'", 'Name%20eq%20%27Sam%27'],
    ['2020-03-01T00:00:00z', '2020-03-01T00%3A00%3A00z'],
    ['$filter', '$filter'],
    ['a+b', 'a%20b'],
    ['%41', 'A'],
    ['%2b', '%2B'],
    ['a/b?c=d&e', 'a%2Fb%3Fc%3Dd%26e'],
    ['(x)*!,;@_~.-', '(x)*!,;@_~.-'],
    ['€', '%E2%82%AC'],
    ['%e2%82%ac', '%E2%82%AC'],
  ])('%s → %s', (raw, encoded) => {
    expect(encodeQueryComponent(raw)).toBe(encoded);
  });

  it('keeps escapes that do not decode instead of encoding them twice (Ocelot: %25)', () => {
    expect(encodeQueryComponent('100%zz')).toBe('100%zz');
    expect(encodeQueryComponent('%FF')).toBe('%FF');
  });

  const rawComponents = fc.string({
    unit: fc.constantFrom('a', 'Z', '1', ' ', '+', '%', '%41', '%2B', '%20', '%e2%82%ac', '€', "'", ':', '/', '=', '~', '%3', '4'),
    maxLength: 20,
  });

  it('is idempotent', () => {
    fc.assert(fc.property(rawComponents, (raw) => encodeQueryComponent(encodeQueryComponent(raw)) === encodeQueryComponent(raw)));
  });

  it('means what the input meant, for well-formed input', () => {
    const wellFormed = rawComponents.filter((raw) => {
      try {
        formDecode(raw);
        return true;
      } catch {
        return false;
      }
    });
    fc.assert(fc.property(wellFormed, (raw) => formDecode(encodeQueryComponent(raw)) === formDecode(raw)));
  });
});

describe('parseQuery / serializeQuery', () => {
  it('keeps order, repeated keys and parameters without "="', () => {
    const params = parseQuery('a=1&b=2&a=3&flag&empty=');
    expect(params).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: '2' },
      { name: 'a', value: '3' },
      { name: 'flag', value: null },
      { name: 'empty', value: '' },
    ]);
    expect(serializeQuery(params)).toBe('a=1&b=2&a=3&flag&empty=');
  });

  it('skips empty pieces and splits a value at its first "="', () => {
    expect(parseQuery('&a=1&&b=x=y&')).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: 'x%3Dy' },
    ]);
  });

  it('finds each "=" once, even with many parameters without one', () => {
    const raw = 'a&'.repeat(20_000) + 'b=1';
    const params = parseQuery(raw);
    expect(params).toHaveLength(20_001);
    expect(params.at(-1)).toEqual({ name: 'b', value: '1' });
  });
});
