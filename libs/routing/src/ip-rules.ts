import ipaddr from 'ipaddr.js';

/** One entry of `SecurityOptions.IPAllowedList` / `IPBlockedList`, parsed. */
export interface IpRule {
  readonly source: string;
  matches(address: ipaddr.IPv4 | ipaddr.IPv6): boolean;
}

export type IpRuleResult = { ok: true; rule: IpRule } | { ok: false; message: string };

/**
 * Parses Ocelot's IP list entry forms: a single address (`192.168.1.1`, `::1`), CIDR
 * (`10.0.0.0/8`, `2001:db8::/32`), a subnet mask (`192.168.1.0/255.255.255.0`), a range
 * (`192.168.1.10-192.168.1.20`) and a short range (`192.168.1.10-20`). Ocelot expands these into
 * lists of single addresses (16 million strings for a /8); Margay compares numerically.
 * @example parseIpRule('10.0.0.0/8') // { ok: true, rule }
 */
export function parseIpRule(entry: string): IpRuleResult {
  const text = entry.trim();
  const slash = text.indexOf('/');
  if (slash > 0) return parseSubnet(text, text.slice(0, slash), text.slice(slash + 1));
  const dash = text.indexOf('-');
  if (dash > 0) return parseRange(text, text.slice(0, dash), text.slice(dash + 1));
  if (!isAddress(text)) return { ok: false, message: `"${entry}" is not an IP address, CIDR block, subnet or range` };
  const address = ipaddr.process(text);
  return { ok: true, rule: { source: entry, matches: (candidate) => candidate.kind() === address.kind() && candidate.toNormalizedString() === address.toNormalizedString() } };
}

function parseSubnet(entry: string, base: string, suffix: string): IpRuleResult {
  if (!isAddress(base)) return { ok: false, message: `"${entry}": ${base} is not an IP address` };
  const address = ipaddr.process(base);
  let bits: number;
  if (/^\d{1,3}$/.test(suffix)) bits = Number(suffix);
  else if (address.kind() === 'ipv4' && ipaddr.IPv4.isValidFourPartDecimal(suffix)) {
    const prefix = ipaddr.IPv4.parse(suffix).prefixLengthFromSubnetMask();
    if (prefix === null) return { ok: false, message: `"${entry}": ${suffix} is not a subnet mask` };
    bits = prefix;
  } else return { ok: false, message: `"${entry}": ${suffix} is neither a prefix length nor a subnet mask` };
  const max = address.kind() === 'ipv4' ? 32 : 128;
  if (bits > max) return { ok: false, message: `"${entry}": a ${address.kind()} prefix is at most /${max}` };
  const range: [ipaddr.IPv4 | ipaddr.IPv6, number] = [address, bits];
  return { ok: true, rule: { source: entry, matches: (candidate) => candidate.kind() === address.kind() && candidate.match(range) } };
}

function parseRange(entry: string, from: string, to: string): IpRuleResult {
  if (!isAddress(from)) return { ok: false, message: `"${entry}": ${from} is not an IP address` };
  const start = ipaddr.process(from);
  let end: ipaddr.IPv4 | ipaddr.IPv6;
  if (/^\d{1,3}$/.test(to) && start.kind() === 'ipv4') {
    const last = Number(to);
    if (last > 255) return { ok: false, message: `"${entry}": ${to} is not a last octet (0–255)` };
    end = ipaddr.fromByteArray([...start.toByteArray().slice(0, 3), last]);
  } else if (isAddress(to)) end = ipaddr.process(to);
  else return { ok: false, message: `"${entry}": ${to} is not an IP address or a last octet` };
  if (end.kind() !== start.kind()) return { ok: false, message: `"${entry}" mixes IPv4 and IPv6` };
  const low = toNumber(start);
  const high = toNumber(end);
  if (high < low) return { ok: false, message: `"${entry}": the range ends before it starts` };
  return {
    ok: true,
    rule: {
      source: entry,
      matches: (candidate) => {
        if (candidate.kind() !== start.kind()) return false;
        const value = toNumber(candidate);
        return value >= low && value <= high;
      },
    },
  };
}

/** A plain address: four-part decimal IPv4 (not `10.0.0` or hex forms, which read as something else) or IPv6. */
function isAddress(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text);
}

function toNumber(address: ipaddr.IPv4 | ipaddr.IPv6): bigint {
  let value = 0n;
  for (const byte of address.toByteArray()) value = (value << 8n) | BigInt(byte);
  return value;
}

/** The IP filter of a route: Ocelot's SecurityOptions, compiled. */
export interface IpSecurity {
  /** `true` when the client at `remoteAddress` may call the route. */
  allows(remoteAddress: string): boolean;
}

/**
 * Blocked first, then a non-empty allow list must contain the address; with
 * `excludeAllowedFromBlocked`, an address on both lists is allowed. Entries that do not parse are
 * skipped here: validation refuses them before a configuration is compiled.
 */
export function compileIpSecurity(options: { allowed: readonly string[]; blocked: readonly string[]; excludeAllowedFromBlocked: boolean }): IpSecurity {
  const rules = (entries: readonly string[]) => entries.map(parseIpRule).flatMap((result) => (result.ok ? [result.rule] : []));
  const allowed = rules(options.allowed);
  const blocked = rules(options.blocked);
  return {
    allows(remoteAddress: string): boolean {
      if (!isAddress(remoteAddress)) return false;
      const address = ipaddr.process(remoteAddress);
      const isAllowed = allowed.some((rule) => rule.matches(address));
      if (blocked.some((rule) => rule.matches(address)) && !(options.excludeAllowedFromBlocked && isAllowed)) return false;
      return allowed.length === 0 || isAllowed;
    },
  };
}
