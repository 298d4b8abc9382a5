import { describe, expect, it } from 'vitest';
import { compileIpSecurity, parseIpRule } from './ip-rules.js';

describe('parseIpRule', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1', true],
    ['10.0.0.1', '10.0.0.2', false],
    ['10.0.0.0/8', '10.255.1.1', true],
    ['10.0.0.0/8', '11.0.0.1', false],
    ['192.168.1.0/255.255.255.0', '192.168.1.77', true],
    ['192.168.1.0/255.255.255.0', '192.168.2.1', false],
    ['192.168.1.10-192.168.1.20', '192.168.1.20', true],
    ['192.168.1.10-20', '192.168.1.21', false],
    ['192.168.1.10-20', '192.168.1.10', true],
    ['2001:db8::/32', '2001:db8:1::5', true],
    ['::1', '::1', true],
    ['10.0.0.1', '::ffff:10.0.0.1', true],
  ])('%s matches %s: %s', (entry, address, expected) => {
    const parsed = parseIpRule(entry);
    expect(parsed.ok).toBe(true);
    const security = compileIpSecurity({ allowed: [entry], blocked: [], excludeAllowedFromBlocked: false });
    expect(security.allows(address)).toBe(expected);
  });

  it.each(['10.0.0', 'x', '10.0.0.0/33', '1.2.3.4/255.0.255.0', '1.2.3.9-1', '1.2.3.4-::1'])('refuses %s', (entry) => {
    expect(parseIpRule(entry).ok).toBe(false);
  });
});

describe('compileIpSecurity (Ocelot: blocked first, then a non-empty allow list)', () => {
  it('refuses blocked addresses and allows the rest when there is no allow list', () => {
    const security = compileIpSecurity({ allowed: [], blocked: ['192.168.1.1'], excludeAllowedFromBlocked: false });
    expect(security.allows('192.168.1.1')).toBe(false);
    expect(security.allows('192.168.1.2')).toBe(true);
  });

  it('with an allow list, refuses everyone not on it', () => {
    const security = compileIpSecurity({ allowed: ['192.168.1.0/24'], blocked: [], excludeAllowedFromBlocked: false });
    expect(security.allows('10.0.0.1')).toBe(false);
    expect(security.allows('192.168.1.9')).toBe(true);
  });

  it('an address on both lists is blocked, unless ExcludeAllowedFromBlocked', () => {
    const lists = { allowed: ['10.0.0.5'], blocked: ['10.0.0.0/24'] };
    expect(compileIpSecurity({ ...lists, excludeAllowedFromBlocked: false }).allows('10.0.0.5')).toBe(false);
    expect(compileIpSecurity({ ...lists, excludeAllowedFromBlocked: true }).allows('10.0.0.5')).toBe(true);
    expect(compileIpSecurity({ ...lists, excludeAllowedFromBlocked: true }).allows('10.0.0.6')).toBe(false);
  });

  it('refuses an unreadable remote address', () => {
    expect(compileIpSecurity({ allowed: [], blocked: ['1.2.3.4'], excludeAllowedFromBlocked: false }).allows('')).toBe(false);
  });
});
