/**
 * One-pass re-encoding of URL text into a canonical form: decode the escapes of characters that a
 * component may hold as-is, upper-case the hex of the escapes that stay, encode raw characters that may
 * not appear as-is. Shared by the path rule (`path-canonical.ts`) and the query rebuild
 * (`query-params.ts`), which differ only in their character sets.
 *
 * A `%` that does not start a valid escape is kept as it is, and an escaped hex digit right after it is
 * not decoded: `%%34%31` must not become `%41`, an escape that a second decoding would turn into `A`.
 */
import { hexValue, percentByte, percentEncodeCodePoint } from './char-classes.js';

/** The character sets of one kind of URL component. */
export interface ComponentRules {
  /** ASCII characters kept as they are when they appear raw. */
  readonly keepRaw: Uint8Array;
  /** ASCII characters an escape is decoded to (a subset of `keepRaw`). */
  readonly decodeTo: Uint8Array;
  /** Whether a raw `+` means a space (form encoding), written `%20`. */
  readonly plusIsSpace: boolean;
}

const PERCENT = 37;
const PLUS = 43;

function isHexDigit(code: number): boolean {
  return hexValue(code) >= 0;
}

/**
 * Re-encodes `raw` under `rules`. Returns `raw` itself when nothing changes.
 *
 * @example reencode('%7e%2f a', pathRules) // '~%2F%20a' (with path rules)
 */
export function reencode(raw: string, rules: ComponentRules): string {
  let out: string[] | null = null;
  let copiedUpTo = 0;
  // Output characters written since the last stray '%' (2 or more: no stray to complete).
  let sinceStray = 2;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 128 && rules.keepRaw[c] === 1 && !(c === PLUS && rules.plusIsSpace)) {
      sinceStray++;
      continue;
    }
    let replacement: string | null = null;
    let width = 1;
    if (c === PLUS && rules.plusIsSpace) {
      replacement = '%20';
      sinceStray = 2;
    } else if (c === PERCENT) {
      const valid = i + 2 < raw.length && isHexDigit(raw.charCodeAt(i + 1)) && isHexDigit(raw.charCodeAt(i + 2));
      if (!valid) {
        sinceStray = 0;
        continue;
      }
      const byte = (hexValue(raw.charCodeAt(i + 1)) << 4) | hexValue(raw.charCodeAt(i + 2));
      const decodes = byte < 128 && rules.decodeTo[byte] === 1 && !(sinceStray < 2 && isHexDigit(byte));
      replacement = decodes ? String.fromCharCode(byte) : percentByte(byte);
      sinceStray = decodes ? sinceStray + 1 : 2;
      width = 3;
      if (replacement === raw.slice(i, i + 3)) {
        i += 2;
        continue;
      }
    } else {
      sinceStray = 2;
    }
    out ??= [];
    out.push(raw.slice(copiedUpTo, i));
    if (replacement === null) width = percentEncodeCodePoint(raw, i, out);
    else out.push(replacement);
    i += width - 1;
    copiedUpTo = i + 1;
  }
  if (out === null) return raw;
  out.push(raw.slice(copiedUpTo));
  return out.join('');
}
