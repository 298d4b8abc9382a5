/**
 * The template grammar shared by upstream and downstream templates: literal text with `{name}`
 * placeholders. A placeholder is `{` + one or more characters other than braces + `}`; a brace that does
 * not form one is literal text. (Ocelot has no stricter grammar: its names end up as .NET regex group
 * names, so in practice they are word characters; the config validator enforces that.)
 */

/** One piece of a template. */
export type TemplateToken =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'placeholder'; readonly name: string };

const PLACEHOLDER = /\{([^{}]+)\}/g;
const HEADER_PLACEHOLDER = /\{header:([^{}]+)\}/gi;

/** Splits a template into literal and placeholder tokens, in order; empty literals are omitted. */
export function tokenize(template: string): TemplateToken[] {
  return splitOn(template, PLACEHOLDER);
}

/** Same for an `UpstreamHeaderTemplates` value, whose placeholders are `{header:name}`. */
export function tokenizeHeaderTemplate(template: string): TemplateToken[] {
  return splitOn(template, HEADER_PLACEHOLDER);
}

function splitOn(template: string, pattern: RegExp): TemplateToken[] {
  const tokens: TemplateToken[] = [];
  let last = 0;
  for (const m of template.matchAll(pattern)) {
    if (m.index > last) tokens.push({ kind: 'literal', text: template.slice(last, m.index) });
    tokens.push({ kind: 'placeholder', name: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < template.length) tokens.push({ kind: 'literal', text: template.slice(last) });
  return tokens;
}

/** A template cut at its first literal `?`: the path part and, when there is one, the query part. */
export interface SplitTemplate {
  readonly path: readonly TemplateToken[];
  readonly query: readonly TemplateToken[] | null;
}

/** Cuts tokens at the first `?` inside a literal (a `?` in a placeholder name is part of the name). */
export function splitAtQuery(tokens: readonly TemplateToken[]): SplitTemplate {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'literal') continue;
    const at = token.text.indexOf('?');
    if (at === -1) continue;
    const path = tokens.slice(0, i);
    const query = tokens.slice(i + 1);
    if (at > 0) path.push({ kind: 'literal', text: token.text.slice(0, at) });
    if (at + 1 < token.text.length) query.unshift({ kind: 'literal', text: token.text.slice(at + 1) });
    return { path, query };
  }
  return { path: tokens, query: null };
}

/** Cuts path tokens into segments at every `/` in a literal. A leading `/` gives a first, empty segment. */
export function splitSegments(tokens: readonly TemplateToken[]): TemplateToken[][] {
  const segments: TemplateToken[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'placeholder') {
      segments[segments.length - 1]!.push(token);
      continue;
    }
    const parts = token.text.split('/');
    parts.forEach((part, i) => {
      if (i > 0) segments.push([]);
      if (part !== '') segments[segments.length - 1]!.push({ kind: 'literal', text: part });
    });
  }
  return segments;
}

/** Names of the placeholders in tokens, in order. */
export function placeholderNames(tokens: readonly TemplateToken[]): string[] {
  const names: string[] = [];
  for (const token of tokens) if (token.kind === 'placeholder') names.push(token.name);
  return names;
}
