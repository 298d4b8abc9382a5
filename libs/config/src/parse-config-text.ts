import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { indexPath, keyPath } from './internal/json-path.js';
import type { ConfigIssue } from './model.js';

/** Result of {@link parseConfigText}. */
export type ParseConfigTextResult = { ok: true; value: unknown } | { ok: false; issues: ConfigIssue[] };

/** What each jsonc-parser error means, in words a user can act on. */
const SYNTAX_HINTS: Readonly<Record<string, string>> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":" after the property name',
  CommaExpected: 'expected "," between two members',
  CloseBraceExpected: 'expected "}" to close the object',
  CloseBracketExpected: 'expected "]" to close the array',
  EndOfFileExpected: 'unexpected content after the end of the JSON value',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'a /* comment is not closed with */',
  UnexpectedEndOfString: 'a string is not closed with "',
  UnexpectedEndOfNumber: 'a number is cut off',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape sequence in a string',
  InvalidCharacter: 'invalid character in a string (control characters must be escaped)',
};

/**
 * Parses the text of an `ocelot.json` the way .NET's configuration reader does: a leading BOM,
 * `//` and `/* *\/` comments and trailing commas are accepted; keys that differ only in case are
 * duplicates (.NET configuration keys are case-insensitive, and its JSON reader refuses them).
 *
 * Syntax errors become issues with code `json_syntax`, path `""`, and `line L, column C` in the
 * message; duplicate keys become `duplicate_key` issues at the duplicate's path.
 *
 * @example
 * parseConfigText('\uFEFF{ "Routes": [], // none yet\n }') // { ok: true, value: { Routes: [] } }
 * parseConfigText('{ "Routes": [ }').ok                   // false
 */
export function parseConfigText(text: string): ParseConfigTextResult {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const errors: ParseError[] = [];
  const root = parseTree(source, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  if (errors.length > 0 || root === undefined) {
    const issues = errors.map((error) => syntaxIssue(source, error));
    if (issues.length === 0) issues.push({ path: '', code: 'json_syntax', message: 'The configuration text is empty: expected a JSON object.' });
    return { ok: false, issues };
  }
  const duplicates: ConfigIssue[] = [];
  findDuplicateKeys(source, root, '', duplicates);
  if (duplicates.length > 0) return { ok: false, issues: duplicates };
  return { ok: true, value: getNodeValue(root) as unknown };
}

function syntaxIssue(source: string, error: ParseError): ConfigIssue {
  const name = printParseErrorCode(error.error);
  const { line, column } = lineAndColumn(source, error.offset);
  const hint = SYNTAX_HINTS[name] ?? name;
  return {
    path: '',
    code: 'json_syntax',
    message: `JSON syntax error at line ${line}, column ${column}: ${hint}. Fix the text there (comments and trailing commas are allowed).`,
  };
}

/** 1-based line and column of an offset; `\r\n`, `\n` and `\r` each end a line. */
function lineAndColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10 || (c === 13 && source.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function findDuplicateKeys(source: string, node: Node, path: string, out: ConfigIssue[]): void {
  if (node.type === 'array') {
    node.children?.forEach((child, index) => findDuplicateKeys(source, child, indexPath(path, index), out));
    return;
  }
  if (node.type !== 'object') return;
  const seen = new Map<string, string>();
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (keyNode === undefined) continue;
    const key = String(keyNode.value);
    const childPath = keyPath(path, key);
    const earlier = seen.get(key.toLowerCase());
    if (earlier !== undefined) {
      const { line, column } = lineAndColumn(source, keyNode.offset);
      const same = earlier === key ? '' : ` (as ${JSON.stringify(earlier)})`;
      out.push({
        path: childPath,
        code: 'duplicate_key',
        message:
          `Key ${JSON.stringify(key)} at line ${line}, column ${column} appears earlier in the same object${same}; ` +
          'keys are case-insensitive, as in .NET configuration. Keep one of them.',
      });
    } else {
      seen.set(key.toLowerCase(), key);
    }
    if (valueNode !== undefined) findDuplicateKeys(source, valueNode, childPath, out);
  }
}
