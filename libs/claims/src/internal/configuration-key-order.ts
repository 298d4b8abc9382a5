import { parseInt32 } from './dotnet-text.js';

/** .NET `OrdinalIgnoreCase`: code units compared after a per-unit simple upper-case mapping. */
function compareOrdinalIgnoreCase(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = upper(a.charCodeAt(i));
    const y = upper(b.charCodeAt(i));
    if (x !== y) return x - y;
  }
  return a.length - b.length;
}

function upper(code: number): number {
  if (code >= 0x61 && code <= 0x7a) return code - 0x20;
  if (code < 0x80) return code;
  const mapped = String.fromCharCode(code).toUpperCase();
  // A unit whose upper case is longer (ß → SS) has no simple mapping: .NET keeps it.
  return mapped.length === 1 ? mapped.charCodeAt(0) : code;
}

function comparePart(a: string, b: string): number {
  const x = parseInt32(a);
  const y = parseInt32(b);
  if (x.ok && y.ok) return x.value - y.value;
  if (x.ok) return -1;
  if (y.ok) return 1;
  return compareOrdinalIgnoreCase(a, b);
}

/**
 * ASP.NET's `ConfigurationKeyComparer`: keys split on `:`, parts compared numerically when both
 * are integers (integers first otherwise), else ordinal ignoring case. Ocelot binds its
 * dictionaries (`AddHeadersToRequest`, `AddQueriesToRequest`, `RouteClaimsRequirement`, …)
 * through configuration, so their entries are applied in this order, not in file order: the
 * query `?CustomerId=…&LocationId=…&UserId=…&UserType=…` of its acceptance test shows it.
 */
export function compareConfigurationKeys(a: string, b: string): number {
  const xs = a.split(':').filter((part) => part !== '');
  const ys = b.split(':').filter((part) => part !== '');
  const length = Math.min(xs.length, ys.length);
  for (let i = 0; i < length; i++) {
    const result = comparePart(xs[i]!, ys[i]!);
    if (result !== 0) return result;
  }
  return xs.length - ys.length;
}

/** The own keys of `dictionary` in Ocelot's application order (build time only: it sorts). */
export function keysInConfigurationOrder(dictionary: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(dictionary).sort(compareConfigurationKeys);
}
