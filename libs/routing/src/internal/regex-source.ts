/**
 * Pieces of the JavaScript regexes Margay compiles from templates, built so that matching is linear in
 * the input: no quantifier is nested in another, and two placeholders that share a run of text never
 * compete for the same characters (path-to-regexp v8 does the same, see its `redos.spec.ts`).
 *
 * The rule: a placeholder that follows another placeholder in the same run (path segment, query
 * parameter, header value) may not contain the literal text between them. With a greedy first
 * placeholder this gives exactly the split Ocelot's backtracking `[^/]+…[^/]+` gives
 * (`{a}_{b}` on `x_y_z` → a=`x_y`, b=`z`), in linear time. Two placeholders with no text between them
 * cannot be split meaningfully; the later one gets what Ocelot's greedy regex leaves it: one character
 * (for one-or-more kinds) or nothing (for zero-or-more kinds).
 */

/** Where a placeholder sits, which decides what it may match. */
export type PlaceholderKind =
  /** A path segment before the last one (or any path segment when the template has a query): `[^/]+`. */
  | 'segment'
  /** The last path segment: Ocelot's catch-all `.*`, which may span `/`. */
  | 'rest'
  /** A query-string value: `[^&]*`. */
  | 'query'
  /** A `{header:name}` in an upstream header template: `.+`. */
  | 'header';

interface KindSpec {
  /** The characters a placeholder may match, as a class body (`^/` for `[^/]`) or '' for any. */
  readonly excluded: string;
  readonly quantifier: '+' | '*';
  /** A literal containing this character ends the run (the class cannot cross it anyway). */
  readonly separator: string | null;
}

const KINDS: Record<PlaceholderKind, KindSpec> = {
  segment: { excluded: '/', quantifier: '+', separator: '/' },
  rest: { excluded: '', quantifier: '*', separator: null },
  query: { excluded: '&', quantifier: '*', separator: '&' },
  header: { excluded: '', quantifier: '+', separator: null },
};

/** Escapes text for use outside a character class. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

function escapeClassChar(char: string): string {
  return /[\\\]^-]/.test(char) ? '\\' + char : char;
}

function charClass(excluded: string): string {
  return excluded === '' ? '.' : '[^' + [...excluded].map(escapeClassChar).join('') + ']';
}

/**
 * The capturing group for one placeholder. `textBefore` is the literal text between this placeholder and
 * the previous one in the same run, or `null` when it is the first of its run.
 *
 * @example placeholderSource('segment', null) // '([^/]+)'
 * @example placeholderSource('segment', '_')  // '([^/_]+)'
 * @example placeholderSource('rest', '.v')    // '((?:(?!\\.v).)*)'
 */
export function placeholderSource(kind: PlaceholderKind, textBefore: string | null): string {
  const spec = KINDS[kind];
  const startsRun = textBefore === null || (spec.separator !== null && textBefore.includes(spec.separator));
  if (startsRun) return '(' + charClass(spec.excluded) + spec.quantifier + ')';
  if (textBefore === '') return spec.quantifier === '+' ? '(' + charClass(spec.excluded) + ')' : '()';
  if (textBefore.length === 1) return '(' + charClass(spec.excluded + textBefore) + spec.quantifier + ')';
  return '((?:(?!' + escapeRegex(textBefore) + ')' + charClass(spec.excluded) + ')' + spec.quantifier + ')';
}
