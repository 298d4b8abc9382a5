/**
 * A structural check that a regex matches in linear time, for the subset of syntax the routing
 * compiler emits. Test support for `redos.spec.ts`. It reports:
 * - nested: an unbounded quantifier applied to a group that contains another (`(a+)+`);
 * - adjacent: two unbounded atoms with no literal between them (`[^/]+[^/]+`);
 * - competing: two unbounded atoms separated by literal text L where the first can run over all of L
 *   and the second can contain L (`(.*)-(.*)x`): on failure the engine would try every split. (When the
 *   first cannot match some character of L, it cannot run past an occurrence of L: one split at most.)
 * An atom "excludes L" when it is a class that rejects L (single character) or the tempered form
 * `(?:(?!L)X)` that Margay emits.
 */

interface Quantifier {
  readonly min: number;
  readonly max: number;
}
type Atom =
  | { readonly type: 'char'; readonly char: string; q?: Quantifier }
  | { readonly type: 'class'; readonly source: string; q?: Quantifier }
  | { readonly type: 'anchor'; q?: Quantifier }
  | { readonly type: 'group'; readonly kind: 'plain' | 'lookahead'; readonly alternatives: Atom[][]; q?: Quantifier };

function parse(source: string): Atom[][] {
  let i = 0;
  function alternatives(): Atom[][] {
    const alts: Atom[][] = [[]];
    while (i < source.length && source[i] !== ')') {
      const c = source[i]!;
      if (c === '|') {
        alts.push([]);
        i++;
        continue;
      }
      const atom = parseAtom();
      atom.q = quantifier();
      alts[alts.length - 1]!.push(atom);
    }
    return alts;
  }
  function parseAtom(): Atom {
    const c = source[i]!;
    if (c === '(') {
      let kind: 'plain' | 'lookahead' = 'plain';
      i++;
      if (source.startsWith('?:', i)) i += 2;
      else if (source.startsWith('?=', i) || source.startsWith('?!', i)) {
        kind = 'lookahead';
        i += 2;
      } else if (source[i] === '?') throw new Error(`unsupported group at ${i} in ${source}`);
      const inner = alternatives();
      if (source[i] !== ')') throw new Error(`unclosed group in ${source}`);
      i++;
      return { type: 'group', kind, alternatives: inner };
    }
    if (c === '[') {
      const start = i++;
      if (source[i] === '^') i++;
      while (source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      i++;
      return { type: 'class', source: source.slice(start, i) };
    }
    if (c === '\\') {
      const next = source[i + 1]!;
      i += 2;
      if ('dDwWsS'.includes(next)) return { type: 'class', source: '\\' + next };
      if ('bB'.includes(next)) return { type: 'anchor' };
      return { type: 'char', char: next };
    }
    i++;
    if (c === '.') return { type: 'class', source: '.' };
    if (c === '^' || c === '$') return { type: 'anchor' };
    return { type: 'char', char: c };
  }
  function quantifier(): Quantifier | undefined {
    const c = source[i];
    let q: Quantifier | undefined;
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (m === null) return undefined;
      i += m[0].length - 1;
      q = { min: Number(m[1]), max: m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]) };
    }
    if (q === undefined) return undefined;
    i++;
    if (source[i] === '?') i++; // lazy: same shape
    return q;
  }
  const result = alternatives();
  if (i !== source.length) throw new Error(`unexpected ')' at ${i} in ${source}`);
  return result;
}

const unbounded = (atom: Atom): boolean => atom.q !== undefined && atom.q.max === Infinity;

function containsUnbounded(atoms: readonly Atom[]): boolean {
  return atoms.some((a) => unbounded(a) || (a.type === 'group' && a.alternatives.some(containsUnbounded)));
}

/** Every sequence an atom list can take, with unquantified plain groups expanded and lookaheads dropped. */
function paths(atoms: readonly Atom[]): Atom[][] {
  let out: Atom[][] = [[]];
  for (const atom of atoms) {
    if (atom.type === 'group' && atom.q === undefined) {
      if (atom.kind === 'lookahead') continue;
      const expanded = atom.alternatives.flatMap(paths);
      out = out.flatMap((prefix) => expanded.map((rest) => [...prefix, ...rest]));
    } else {
      out = out.map((prefix) => [...prefix, atom]);
    }
  }
  return out;
}

/** For an unbounded atom: its character class and the literal it is tempered against, if any. */
function shape(atom: Atom, flags: string): { matches: (ch: string) => boolean; excludes: string | null } {
  if (atom.type === 'class' || atom.type === 'char') {
    const re = new RegExp('^' + (atom.type === 'class' ? atom.source : escape(atom.char)) + '$', flags);
    return { matches: (ch) => re.test(ch), excludes: null };
  }
  if (atom.type === 'group' && atom.alternatives.length === 1) {
    const [look, cls] = atom.alternatives[0]!;
    if (look?.type === 'group' && look.kind === 'lookahead' && cls !== undefined && cls.type === 'class') {
      const text = look.alternatives[0]!.map((a) => (a.type === 'char' ? a.char : '\u0000')).join('');
      const re = new RegExp('^' + cls.source + '$', flags);
      return { matches: (ch) => re.test(ch), excludes: text };
    }
  }
  return { matches: () => true, excludes: null };
}

function escape(ch: string): string {
  return ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** The problems found in `regex`; empty when its shape guarantees linear matching. */
export function linearityProblems(regex: RegExp): string[] {
  const problems: string[] = [];
  const flags = regex.flags.replace(/[gy]/g, '');
  function visit(atoms: readonly Atom[]): void {
    for (const atom of atoms) {
      if (atom.type !== 'group') continue;
      if (unbounded(atom) && atom.alternatives.some(containsUnbounded)) problems.push(`nested quantifier in ${regex.source}`);
      atom.alternatives.forEach(visit);
    }
    for (const path of paths(atoms)) checkSequence(path);
  }
  function checkSequence(sequence: readonly Atom[]): void {
    let previous: Atom | null = null;
    let between = '';
    for (const atom of sequence) {
      if (atom.type === 'char' && atom.q === undefined) between += atom.char;
      if (!unbounded(atom)) continue;
      if (previous !== null) {
        if (between === '') {
          problems.push(`adjacent unbounded atoms in ${regex.source}`);
        } else {
          const first = shape(previous, flags);
          const second = shape(atom, flags);
          const secondExcludes = second.excludes === between || (between.length === 1 && !second.matches(between));
          if ([...between].every(first.matches) && !secondExcludes) problems.push(`competing atoms around "${between}" in ${regex.source}`);
        }
      }
      previous = atom;
      between = '';
    }
  }
  visit(parse(regex.source).flat().length === 0 ? [] : [{ type: 'group', kind: 'plain', alternatives: parse(regex.source) }]);
  return [...new Set(problems)];
}
