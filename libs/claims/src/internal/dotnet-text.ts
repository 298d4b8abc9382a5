/**
 * The few .NET string primitives Ocelot's claims parser leans on, reproduced exactly so that an
 * expression Ocelot accepts is accepted here with the same meaning, and vice versa.
 */

/** `Char.IsWhiteSpace`, the set `String.Trim()` removes (differs from JS `trim()` on U+0085, U+FEFF). */
export function isDotNetWhiteSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** .NET `String.Trim()`. */
export function dotNetTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isDotNetWhiteSpace(text.charCodeAt(start))) start++;
  while (end > start && isDotNetWhiteSpace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Why {@link parseInt32} refused its input. */
export type Int32Failure = 'empty' | 'format' | 'overflow';

/** The outcome of {@link parseInt32}. */
export type Int32Result = { ok: true; value: number } | { ok: false; failure: Int32Failure };

const INT32_MAX_DIGITS = '2147483647';
const INT32_MIN_DIGITS = '2147483648';

/** `NumberStyles.Integer` white space: only U+0009–U+000D and U+0020 (narrower than `Trim()`). */
function isIntegerStyleWhite(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/**
 * `Int32.Parse(text)` with the invariant culture: optional leading/trailing white space, an
 * optional `+`/`-`, ASCII digits only, then (a .NET Core oddity) any number of trailing U+0000.
 * A format error wins over an overflow, as in .NET ("format errors take precedence").
 */
export function parseInt32(text: string): Int32Result {
  const length = text.length;
  let i = 0;
  while (i < length && isIntegerStyleWhite(text.charCodeAt(i))) i++;
  if (i === length) return { ok: false, failure: length === 0 ? 'empty' : 'format' };
  let negative = false;
  const sign = text.charCodeAt(i);
  if (sign === 0x2b || sign === 0x2d) {
    negative = sign === 0x2d;
    i++;
  }
  const digitsStart = i;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) break;
    i++;
  }
  const digitsEnd = i;
  if (digitsEnd === digitsStart) return { ok: false, failure: 'format' };
  while (i < length && isIntegerStyleWhite(text.charCodeAt(i))) i++;
  while (i < length && text.charCodeAt(i) === 0) i++;
  if (i !== length) return { ok: false, failure: 'format' };

  let first = digitsStart;
  while (first < digitsEnd - 1 && text.charCodeAt(first) === 0x30) first++;
  const digits = text.slice(first, digitsEnd);
  const limit = negative ? INT32_MIN_DIGITS : INT32_MAX_DIGITS;
  // Same length strings of digits compare like the numbers they spell.
  if (digits.length > limit.length || (digits.length === limit.length && digits > limit)) {
    return { ok: false, failure: 'overflow' };
  }
  const magnitude = Number(digits);
  // `0 - 0` would be -0; an index is never negative zero.
  return { ok: true, value: negative && magnitude !== 0 ? -magnitude : magnitude };
}

/**
 * Whether the .NET regex `<opener>.*\]` (no options) matches somewhere in `text`: `opener`
 * followed by a `]` on the same line. .NET's `.` excludes only `\n` (JS's also excludes `\r`,
 * U+2028, U+2029), hence the hand-written scan; it is also linear, where the backtracking regex
 * is quadratic on inputs like `Claims[Claims[Claims[…`.
 */
export function hasBracketedAfter(text: string, opener: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(opener, from);
    if (at === -1) return false;
    let i = at + opener.length;
    for (; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 0x5d /* ] */) return true;
      if (code === 0x0a /* \n */) break;
    }
    // Any later opener on this line sees a subset of the same characters: go to the next line.
    from = i + 1;
    if (from >= text.length) return false;
  }
}
