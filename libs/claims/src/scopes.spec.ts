import { describe, expect, it } from 'vitest';
import type { Claim } from './claim.js';
import { compileAllowedScopes } from './compile-allowed-scopes.js';
import { hasAllowedScope } from './has-allowed-scope.js';
import { scopesOf } from './scopes-of.js';

const scope = (...values: string[]): Claim[] => values.map((value) => ({ type: 'scope', value }));
const scp = (...values: string[]): Claim[] => values.map((value) => ({ type: 'scp', value }));

describe('scopesOf', () => {
  it('splits a single scope claim on spaces, dropping empty entries', () => {
    expect(scopesOf(scope('  api.read  api.write  '))).toEqual(['api.read', 'api.write']);
  });

  it('splits on U+0020 only (RFC 6749): a tab is part of a scope', () => {
    expect(scopesOf(scope('a\tb c'))).toEqual(['a\tb', 'c']);
  });

  it('does not split when there are several scope claims (a JSON array)', () => {
    expect(scopesOf(scope('api.read', 'api.write x'))).toEqual(['api.read', 'api.write x']);
  });

  it('reads scp too (Azure AD), after scope, and drops duplicates', () => {
    expect(scopesOf([...scp('user.read mail.send'), ...scope('openid user.read')])).toEqual(['openid', 'user.read', 'mail.send']);
  });

  it('ignores other claim types, including differently cased ones', () => {
    expect(scopesOf([{ type: 'Scope', value: 'a' }, { type: 'scopes', value: 'b' }, { type: 'roles', value: 'c' }])).toEqual([]);
  });

  it('ignores empty values', () => {
    expect(scopesOf(scope('', 'a'))).toEqual(['a']);
    expect(scopesOf(scope(''))).toEqual([]);
  });
});

describe('hasAllowedScope and compileAllowedScopes', () => {
  const cases: [string, string[], Claim[], boolean][] = [
    ['an empty allowed list allows anyone, even with no scopes', [], [], true],
    ['any one allowed scope is enough (not all)', ['api', 'admin'], scope('openid api'), true],
    ['no overlap', ['someScope'], scope('anotherScope'), false],
    ['the compare is case-sensitive', ['api'], scope('API'), false],
    ['a prefix is not a match', ['api'], scope('api.readOnly'), false],
    ['scp as a space-separated string', ['access_as_user'], scp('openid access_as_user'), true],
    ['scp as several claims', ['b'], scp('a', 'b'), true],
    ['several scope claims are not split', ['b'], scope('a b', 'c'), false],
    ['no scope claim at all', ['api'], [{ type: 'sub', value: 'api' }], false],
  ];

  it.each(cases)('%s', (_name, allowed, claims, expected) => {
    expect(hasAllowedScope(allowed, claims)).toBe(expected);
    expect(compileAllowedScopes(allowed).check(claims)).toBe(expected);
  });

  it('exposes the allowed scopes deduplicated and frozen', () => {
    const compiled = compileAllowedScopes(['a', 'b', 'a']);
    expect(compiled.allowed).toEqual(['a', 'b']);
    expect(Object.isFrozen(compiled.allowed)).toBe(true);
  });

  it('is not affected by later changes to the array it was compiled from', () => {
    const allowed = ['a'];
    const compiled = compileAllowedScopes(allowed);
    allowed.push('b');
    expect(compiled.check(scope('b'))).toBe(false);
  });
});
