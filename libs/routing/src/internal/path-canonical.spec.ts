import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PATH_SEGMENT_CHAR } from './char-classes.js';
import { canonicalPath, encodePathValue } from './path-canonical.js';

describe('canonicalPath: the path decoding rule', () => {
  it.each([
    ['/api/debug%28%29', '/api/debug()'],
    ['/%7Euser/%41%62%2d%2E%5F', '/~user/Ab-._'],
    ['/a%3Ab%40c%21%24%26%27%2A%2B%2C%3B%3D', "/a:b@c!$&'*+,;="],
  ])('decodes encodings of characters legal in a segment: %s', (raw, canonical) => {
    expect(canonicalPath(raw)).toBe(canonical);
  });

  it.each([
    ['/a%2Fb', '/a%2Fb'],
    ['/a%3Fb', '/a%3Fb'],
    ['/a%23b', '/a%23b'],
    ['/a%25b', '/a%25b'],
    ['/a%252Fb', '/a%252Fb'],
    ['/a%20b', '/a%20b'],
    ['/a%0Ab%7F', '/a%0Ab%7F'],
    ['/caf%C3%A9', '/caf%C3%A9'],
    ['/a%5Bb%5D%7C', '/a%5Bb%5D%7C'],
  ])('keeps encodings that could re-split, smuggle or mean something else: %s', (raw, canonical) => {
    expect(canonicalPath(raw)).toBe(canonical);
  });

  it('upper-cases the hex digits of what stays encoded', () => {
    expect(canonicalPath('/a%2fb%c3%a9')).toBe('/a%2Fb%C3%A9');
  });

  it.each([
    ['/a%zz', '/a%zz'],
    ['/a%', '/a%'],
    ['/a%4', '/a%4'],
    ['/%%41', '/%%41'],
  ])('leaves invalid percent sequences as they are: %s', (raw, canonical) => {
    expect(canonicalPath(raw)).toBe(canonical);
  });

  it.each([
    ['/%%34%31', '/%%341'],
    ['/%4%31', '/%4%31'],
    ['/%%34%2F', '/%%34%2F'],
  ])('does not decode an escaped hex digit into a new escape after a stray percent sign: %s', (raw, canonical) => {
    expect(canonicalPath(raw)).toBe(canonical);
    expect(canonicalPath(canonical)).toBe(canonical);
  });

  it('encodes characters that are not legal in a path at all', () => {
    expect(canonicalPath('/a b/"x"/é/|')).toBe('/a%20b/%22x%22/%C3%A9/%7C');
  });

  it.each([
    ['/a/../b', '/b'],
    ['/a/./b/', '/a/b/'],
    ['/a/b/..', '/a/'],
    ['/..', '/'],
    ['/../../etc', '/etc'],
    ['/public/%2E%2E/admin', '/admin'],
    ['/public/.%2e/admin', '/admin'],
    ['/a/...', '/a/...'],
    ['/a/..b/.c', '/a/..b/.c'],
  ])('removes dot segments, also when encoded: %s', (raw, canonical) => {
    expect(canonicalPath(raw)).toBe(canonical);
  });

  it('does not turn an encoded slash into a segment boundary for dot removal', () => {
    expect(canonicalPath('/a/..%2Fadmin')).toBe('/a/..%2Fadmin');
  });

  it('treats the empty path as "/"', () => {
    expect(canonicalPath('')).toBe('/');
  });

  it('returns the very same string when nothing changes (no allocation on the common path)', () => {
    const raw = '/api/v1/orders/123';
    expect(canonicalPath(raw)).toBe(raw);
  });

  const rawPaths = fc.string({
    unit: fc.constantFrom('/', 'a', 'Z', '.', '%', '2', 'F', 'e', '%2F', '%2e', '%41', '%25', '%34', '%3f', '%C3%A9', ' ', '?', '#', 'é', '~', '..'),
    maxLength: 30,
  });

  it('is idempotent', () => {
    fc.assert(fc.property(rawPaths, (raw) => canonicalPath(canonicalPath(raw)) === canonicalPath(raw)));
  });

  it('never produces a character outside RFC 3986 path characters, except a kept invalid "%"', () => {
    fc.assert(
      fc.property(rawPaths, (raw) => {
        for (const ch of canonicalPath(raw)) {
          const c = ch.charCodeAt(0);
          expect(ch === '/' || ch === '%' || (c < 128 && PATH_SEGMENT_CHAR[c] === 1)).toBe(true);
        }
      }),
    );
  });

  it('never adds a segment, a query or a fragment', () => {
    const withoutDots = rawPaths.filter((raw) => !/(^|\/)(\.|%2e){1,2}(\/|$)/i.test(raw));
    fc.assert(
      fc.property(withoutDots, (raw) => {
        const out = canonicalPath(raw);
        expect(out.split('/').length).toBe(raw === '' ? 2 : raw.split('/').length);
        expect(out).not.toMatch(/[?#]/);
      }),
    );
  });
});

describe('encodePathValue: header and query values bound for a path', () => {
  it('escapes what could add segments, a query or a fragment', () => {
    expect(encodePathValue('v1/../admin?x=1#f', false)).toBe('v1%2F..%2Fadmin%3Fx=1%23f');
  });

  it('keeps valid escapes of query text, and encodes "%" of header text', () => {
    expect(encodePathValue('a%20b%zz', true)).toBe('a%20b%25zz');
    expect(encodePathValue('a%20b', false)).toBe('a%2520b');
  });

  it('round-trips header text through decodeURIComponent and never contains / ? #', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (value) => {
        const out = encodePathValue(value, false);
        expect(out).not.toMatch(/[/?#]/);
        expect(decodeURIComponent(out)).toBe(value);
      }),
    );
  });
});
