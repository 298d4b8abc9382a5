import { describe, expect, it } from 'vitest';
import type { Claim } from './claim.js';
import { checkClaimsRequirement } from './check-claims-requirement.js';
import { compileClaimsRequirement, type ClaimRequirement } from './compile-claims-requirement.js';

const claims: Claim[] = [
  { type: 'role', value: 'user' },
  { type: 'role', value: 'admin' },
  { type: 'tenant', value: 't1' },
  { type: 'userid', value: '14' },
];

describe('checkClaimsRequirement / compileClaimsRequirement', () => {
  const cases: [string, ClaimRequirement, Record<string, string>, ReturnType<typeof checkClaimsRequirement>][] = [
    ['an empty requirement always holds', {}, {}, { ok: true }],
    ['a string is compared exactly', { tenant: 't1' }, {}, { ok: true }],
    ['the compare is case-sensitive', { tenant: 'T1' }, {}, { ok: false, claim: 'tenant', expected: ['T1'], actual: ['t1'] }],
    ['one of several claims of the type is enough', { role: 'admin' }, {}, { ok: true }],
    ['every key must hold (AND)', { role: 'admin', tenant: 't2' }, {}, { ok: false, claim: 'tenant', expected: ['t2'], actual: ['t1'] }],
    ['a missing claim fails with no actual values', { dept: 'x' }, {}, { ok: false, claim: 'dept', expected: ['x'], actual: [] }],
    ['the claim type is case-sensitive', { Role: 'admin' }, {}, { ok: false, claim: 'Role', expected: ['admin'], actual: [] }],
    ['a comma list in a string is one literal value', { role: 'admin,user' }, {}, { ok: false, claim: 'role', expected: ['admin,user'], actual: ['user', 'admin'] }],
    ['an array means any of its values (OR)', { role: ['ops', 'admin'] }, {}, { ok: true }],
    ['an array none of whose values match', { role: ['ops', 'root'] }, {}, { ok: false, claim: 'role', expected: ['ops', 'root'], actual: ['user', 'admin'] }],
    ['an empty array can never hold', { role: [] }, {}, { ok: false, claim: 'role', expected: [], actual: ['user', 'admin'] }],
    ['{placeholder} compares with the route placeholder', { userid: '{userId}' }, { userId: '14' }, { ok: true }],
    ['{placeholder} with another value', { userid: '{userId}' }, { userId: '15' }, { ok: false, claim: 'userid', expected: ['15'], actual: ['14'] }],
    ['{placeholder} names are case-sensitive', { userid: '{userId}' }, { userid: '14' }, { ok: false, claim: 'userid', expected: [], actual: ['14'] }],
    ['a placeholder the route did not match never holds', { userid: '{userId}' }, {}, { ok: false, claim: 'userid', expected: [], actual: ['14'] }],
    ['a placeholder value is not a literal: "{userId}" itself does not match', { userid: '{userId}' }, {}, { ok: false, claim: 'userid', expected: [], actual: ['14'] }],
    ['placeholders and literals mix in an array', { tenant: ['{tenantId}', 'root'] }, { tenantId: 't1' }, { ok: true }],
    ['"{}" is a literal, not a placeholder', { tenant: '{}' }, { '': 't1' }, { ok: false, claim: 'tenant', expected: ['{}'], actual: ['t1'] }],
    ['a placeholder named like an Object.prototype member is not found there', { tenant: '{constructor}' }, {}, { ok: false, claim: 'tenant', expected: [], actual: ['t1'] }],
    ['.NET "$" also matches before a final newline', { userid: '{userId}\n' }, { userId: '14' }, { ok: true }],
  ];

  it.each(cases)('%s', (_name, requirement, placeholders, expected) => {
    expect(checkClaimsRequirement(requirement, claims, placeholders)).toEqual(expected);
    expect(compileClaimsRequirement(requirement).check(claims, placeholders)).toEqual(expected);
  });

  it('a literal matches a claim whose value looks like a placeholder only if it is not one', () => {
    const braces: Claim[] = [{ type: 'x', value: '{a' }];
    expect(checkClaimsRequirement({ x: '{a' }, braces, {})).toEqual({ ok: true });
  });

  it('reports the first failing claim type in Ocelot’s order (configuration keys sorted), not file order', () => {
    expect(checkClaimsRequirement({ zone: 'z', area: 'a' }, [], {})).toMatchObject({ claim: 'area' });
  });

  it('answers with one shared frozen object when the requirement holds (no allocation per request)', () => {
    const compiled = compileClaimsRequirement({ role: 'admin' });
    const first = compiled.check(claims, {});
    expect(compiled.check(claims, {})).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('is not affected by later changes to the requirement it was compiled from', () => {
    const requirement: Record<string, string | string[]> = { role: ['admin'] };
    const compiled = compileClaimsRequirement(requirement);
    (requirement['role'] as string[]).push('user');
    requirement['tenant'] = 'nope';
    expect(compiled.check([{ type: 'role', value: 'user' }], {})).toMatchObject({ ok: false, claim: 'role' });
  });

  it('throws a TypeError for a value that is neither a string nor strings (a programmer error: validation comes first)', () => {
    expect(() => compileClaimsRequirement({ role: 1 as unknown as string })).toThrow(TypeError);
    expect(() => compileClaimsRequirement({ role: ['a', null] as unknown as string[] })).toThrow(TypeError);
  });
});
