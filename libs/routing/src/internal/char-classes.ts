/**
 * ASCII lookup tables shared by the path and query encoders. Tables, not regexes, because these run
 * per character on the hot path.
 */

function table(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
  return t;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * RFC 3986 `pchar` minus `pct-encoded`: unreserved, sub-delims, ':' and '@'. These characters mean the
 * same whether written as-is or percent-encoded inside a path segment, so the canonical path shows them
 * as-is.
 */
export const PATH_SEGMENT_CHAR: Uint8Array = table(ALNUM + "-._~!$&'()*+,;=:@");

/**
 * What .NET's `UrlEncoder.Default` leaves unencoded in Basic Latin (DefaultUrlEncoder forbids
 * ` # % / : = ? [ \ ] ^ \` { | }`, its base forbids the HTML-sensitive `< > & ' " +`, controls are
 * always encoded). Ocelot re-encodes rebuilt query strings with it, so Margay does too.
 */
export const QUERY_COMPONENT_CHAR: Uint8Array = table(ALNUM + '!$()*,-.;@_~');

const HEX_DIGITS = '0123456789ABCDEF';

/** Value of a hex digit's char code, or -1. */
export function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/** `%XX` with upper-case hex (RFC 3986 §6.2.2.1: upper case is the normal form). */
export function percentByte(byte: number): string {
  return '%' + HEX_DIGITS[byte >> 4] + HEX_DIGITS[byte & 15];
}

/**
 * Percent-encodes one code point as UTF-8 (a lone surrogate becomes U+FFFD, as in WHATWG URL).
 * Returns how many UTF-16 units were consumed from `text` at `index`.
 */
export function percentEncodeCodePoint(text: string, index: number, out: string[]): number {
  let cp = text.charCodeAt(index);
  let width = 1;
  if (cp >= 0xd800 && cp <= 0xdbff && index + 1 < text.length) {
    const low = text.charCodeAt(index + 1);
    if (low >= 0xdc00 && low <= 0xdfff) {
      cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
      width = 2;
    }
  }
  if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
  if (cp < 0x80) {
    out.push(percentByte(cp));
  } else if (cp < 0x800) {
    out.push(percentByte(0xc0 | (cp >> 6)), percentByte(0x80 | (cp & 63)));
  } else if (cp < 0x10000) {
    out.push(percentByte(0xe0 | (cp >> 12)), percentByte(0x80 | ((cp >> 6) & 63)), percentByte(0x80 | (cp & 63)));
  } else {
    out.push(
      percentByte(0xf0 | (cp >> 18)),
      percentByte(0x80 | ((cp >> 12) & 63)),
      percentByte(0x80 | ((cp >> 6) & 63)),
      percentByte(0x80 | (cp & 63)),
    );
  }
  return width;
}
