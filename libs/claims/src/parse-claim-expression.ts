import { dotNetTrim, hasBracketedAfter, parseInt32, type Int32Failure } from './internal/dotnet-text.js';

/**
 * A parsed claims expression (`Claims[type] > value[index] > delimiter`), Ocelot's `ClaimToThing`
 * without the dictionary key.
 *
 * `delimiter === ''` means "the whole value" and the index is then ignored; otherwise the value is
 * split on **each character** of `delimiter` and part `index` (0-based) is taken.
 */
export interface ClaimExpression {
  /** The claim type, exactly as written between the first `[` and the first `]` (not trimmed). */
  readonly claim: string;
  /** 0 unless a `value[n]` part AND a third part were given; may be negative (fails at run time). */
  readonly index: number;
  /** Trimmed; `''` when absent or blank. */
  readonly delimiter: string;
  /** The text the expression was parsed from. */
  readonly source: string;
}

/**
 * Why an expression does not parse. Ocelot's names: `no_instructions` = NoInstructionsError,
 * `not_for_claims` = InstructionNotForClaimsError, `bad_index` = ParsingConfigurationHeaderError
 * (a `value[…]` index that is not an Int32, or a `]` before the first `[`).
 */
export type ClaimParseErrorCode = 'no_instructions' | 'not_for_claims' | 'bad_index';

/** A claims expression that does not parse: a stable code and a message saying what to write. */
export interface ClaimParseError {
  readonly code: ClaimParseErrorCode;
  /** What is wrong, and what a correct expression looks like. */
  readonly message: string;
}

/** The outcome of {@link parseClaimExpression}. */
export type ParseResult = { ok: true; expression: ClaimExpression } | { ok: false; error: ClaimParseError };

const HOW_TO =
  'Write "Claims[<claim type>] > value" for the whole value, or "Claims[<claim type>] > value[<index>] > <delimiter>" ' +
  'for one part of it, e.g. "Claims[sub] > value[1] > |"';

/** Longest piece of user text quoted back in a message. */
const QUOTE_LIMIT = 80;

function quote(text: string): string {
  const shown = text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…` : text;
  return JSON.stringify(shown);
}

function fail(code: ClaimParseErrorCode, what: string): ParseResult {
  return { ok: false, error: { code, message: `${what}. ${HOW_TO}.` } };
}

/**
 * Ocelot's `GetIndexValue`: the text between the first `[` and the first `]`, or `undefined` when
 * the first `]` comes before the first `[` (where .NET's `Substring` throws).
 */
function betweenFirstBrackets(text: string): string | undefined {
  const open = text.indexOf('[');
  const close = text.indexOf(']');
  return close > open ? text.slice(open + 1, close) : undefined;
}

function notForClaims(part: string): ParseResult {
  const shown = quote(part);
  if (!part.includes('Claims[') && part.toLowerCase().includes('claims[')) {
    return fail('not_for_claims', `The part before the first ">" (${shown}) must name the claim as Claims[<claim type>], and "Claims" is case-sensitive`);
  }
  if (part.includes('Claims[')) {
    return fail('not_for_claims', `In the part before the first ">" (${shown}), the "]" closing "Claims[" is missing (it must be on the same line)`);
  }
  return fail('not_for_claims', `The part before the first ">" (${shown}) does not contain Claims[<claim type>]`);
}

function badIndex(indexText: string, failure: Int32Failure): ParseResult {
  switch (failure) {
    case 'empty':
      return fail('bad_index', 'The index in value[] is empty: put a whole number from 0 between the brackets');
    case 'overflow':
      return fail('bad_index', `The index ${quote(indexText)} in value[…] is out of range: it must be between -2147483648 and 2147483647`);
    case 'format':
      return fail('bad_index', `The index ${quote(indexText)} in value[…] is not a whole number`);
  }
}

/**
 * Parses a claims expression of `AddClaimsToRequest`, `AddHeadersToRequest`, `AddQueriesToRequest`
 * or `ChangeDownstreamPathTemplate` exactly as Ocelot v25's `ClaimToThingConfigurationParser` does:
 *
 * - split on `>`; fewer than two parts → `no_instructions`;
 * - part 0 must contain `Claims[…]` (case-sensitive, anywhere, `]` on the same line) → else
 *   `not_for_claims`; the claim type is the text between its first `[` and first `]`, untrimmed;
 * - only when there are three or more parts AND part 1 contains `value[…]` are the index
 *   (`Int32.Parse` of the text between part 1's first `[` and first `]`) and the delimiter (part 2,
 *   trimmed) read; otherwise index 0 and delimiter `''` (the whole value). Parts after the third
 *   are ignored, so `>` can never be a delimiter.
 *
 * Where Ocelot drops an expression that does not parse, Margay refuses the configuration: the
 * error says what is wrong and shows a correct expression. Never throws, whatever the input.
 *
 * @example
 * parseClaimExpression('Claims[sub] > value[1] > |');
 * // { ok: true, expression: { claim: 'sub', index: 1, delimiter: '|', source: 'Claims[sub] > value[1] > |' } }
 * parseClaimExpression('Claims[sub] > value[1]');   // index ignored without a delimiter part: { claim: 'sub', index: 0, delimiter: '' }
 * parseClaimExpression('claims[sub] > value');      // { ok: false, error: { code: 'not_for_claims', message: '… "Claims" is case-sensitive …' } }
 */
export function parseClaimExpression(text: string): ParseResult {
  // The configuration is JSON: a number or null can arrive here despite the type.
  if (typeof text !== 'string') {
    return fail('no_instructions', `A claims expression must be a string, not ${text === null ? 'null' : typeof text}`);
  }
  const parts = text.split('>');
  if (parts.length <= 1) {
    const what = dotNetTrim(text) === ''
      ? 'The claims expression is empty'
      : `The claims expression ${quote(text)} has no ">" between the claim and what to take from it`;
    return fail('no_instructions', what);
  }

  const claimPart = parts[0]!;
  if (!hasBracketedAfter(claimPart, 'Claims[')) return notForClaims(claimPart);
  const claim = betweenFirstBrackets(claimPart);
  if (claim === undefined) {
    return fail('bad_index', `In ${quote(claimPart)}, a "]" comes before the first "[": the claim type is read between the first "[" and the first "]"`);
  }

  let index = 0;
  let delimiter = '';
  if (parts.length > 2 && hasBracketedAfter(parts[1]!, 'value[')) {
    const indexText = betweenFirstBrackets(parts[1]!);
    if (indexText === undefined) {
      return fail('bad_index', `In ${quote(parts[1]!)}, a "]" comes before the first "[": the index is read between the first "[" and the first "]"`);
    }
    const parsed = parseInt32(indexText);
    if (!parsed.ok) return badIndex(indexText, parsed.failure);
    index = parsed.value;
    delimiter = dotNetTrim(parts[2]!);
  }
  return { ok: true, expression: { claim, index, delimiter, source: text } };
}
