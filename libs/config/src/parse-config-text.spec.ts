import { describe, expect, it } from 'vitest';
import { parseConfigText } from './parse-config-text.js';

describe('parseConfigText', () => {
  it('accepts a BOM, // and /* */ comments and trailing commas, as .NET does', () => {
    const text = '\uFEFF{\n  // routes\n  "Routes": [ { "Priority": 2, }, ], /* end */\n}\n';
    expect(parseConfigText(text)).toEqual({ ok: true, value: { Routes: [{ Priority: 2 }] } });
  });

  it('reports a syntax error with line and column and path ""', () => {
    const result = parseConfigText('{\n  "Routes": [\n    { "A": 1 "B": 2 }\n  ]\n}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]).toMatchObject({ path: '', code: 'json_syntax' });
    expect(result.issues[0]!.message).toContain('line 3, column 14');
    expect(result.issues[0]!.message).toContain('expected ","');
  });

  it('counts CRLF line ends as one line', () => {
    const result = parseConfigText('{\r\n"a": 1,\r\n"b": }');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]!.message).toContain('line 3, column 6');
  });

  it('refuses empty text', () => {
    const result = parseConfigText('  ');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]!.code).toBe('json_syntax');
  });

  it('refuses keys repeated in one object, case-insensitively, at their path', () => {
    const result = parseConfigText('{ "Routes": [ { "Key": "a", "key": "b" } ], "GlobalConfiguration": {}, "GlobalConfiguration": {} }');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['duplicate_key', 'Routes[0].key'],
      ['duplicate_key', 'GlobalConfiguration'],
    ]);
    expect(result.issues[0]!.message).toContain('line 1, column 29');
  });

  it('allows the same key in different objects', () => {
    expect(parseConfigText('{ "A": { "Key": 1 }, "B": { "Key": 2 } }').ok).toBe(true);
  });
});
