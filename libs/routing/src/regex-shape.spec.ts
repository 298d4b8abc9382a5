/** The ReDoS shape checker must be able to fail: it rejects the classic bad shapes. */
import { describe, expect, it } from 'vitest';
import { linearityProblems } from '../test/regex-shape.js';

describe('linearityProblems (test support for redos.spec.ts)', () => {
  it.each([
    [/^(a+)+$/, 'nested'],
    [/^(?:[^/]*\/)*x$/, 'nested'],
    [/^([^/]+)([^/]+)$/, 'adjacent'],
    [/^(.*)(.*)x$/, 'adjacent'],
    [/^(.*)-(.*)-x$/, 'competing'],
    [/^([^/]+)_([^/]+)_x$/, 'competing'],
    [/^(?:|\/(.*)-(.*)\.json)$/, 'competing'],
  ])('flags %s as %s', (regex, problem) => {
    expect(linearityProblems(regex).join('\n')).toContain(problem);
  });

  it.each([
    /^\/a\/([^/]+)\/b(?:|\/(.*))$/i,
    /^([^/]+)_([^/_]+)_x$/,
    /^(.*)-([^\-]*)\.([^.]*)$/,
    /^(.+)ab((?:(?!ab).)+)$/,
    /^x=([^&]*)&y=([^&]*)(?:&|$)/,
    /^\/p\/?$/,
  ])('accepts %s', (regex) => {
    expect(linearityProblems(regex)).toEqual([]);
  });
});
