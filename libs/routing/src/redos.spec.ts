/**
 * ReDoS: every regex the routing compiler emits must match in linear time. Two checks, both by
 * counting, none by timing: (1) the emitted source has a linear shape (no nested quantifiers, no two
 * unbounded atoms that can compete for the same characters; `test/regex-shape.ts`), and (2) every regex
 * runs to the end on long hostile inputs (a polynomial regex would not finish 30,000-character inputs
 * within the test timeout, and the run count would be short).
 */
import { describe, expect, it } from 'vitest';
import { linearityProblems } from '../test/regex-shape.js';
import { vectorsOf } from '../test/ocelot-vectors.js';
import { compileHeaderMatchers } from './internal/header-matcher.js';
import { compileUpstreamPattern } from './internal/upstream-pattern.js';

const HOSTILE_TEMPLATES = [
  '/{a}{b}{c}/x',
  '/x/{a}-{b}-{c}-{d}.json',
  '/x/{a}.{b}.{c}',
  '/{a}/{b}/{c}/{d}/{e}/{f}',
  '/x/{a}ab{b}ab{c}/y',
  '/x/{a}ab{b}ab{c}',
  '/{a}{b}',
  '/q?a={a}&b={b}-{c}',
  '/q?{a}{b}={c}&{d}',
  '/{a}_{b}/{c}_{d}?x={e}_{f}',
];
const HOSTILE_HEADER_TEMPLATES = ['{header:a}-{header:b}-{header:c}.x', '{header:a}{header:b}{header:c}', 'x{header:a}xx{header:b}xx'];

function vectorTemplates(): string[] {
  const templates = new Set<string>();
  for (const v of [...vectorsOf('path_match'), ...vectorsOf('downstream_url')]) {
    const input = v.input as { upstreamPathTemplate?: string; routes?: { UpstreamPathTemplate: string }[] };
    if (input.upstreamPathTemplate !== undefined) templates.add(input.upstreamPathTemplate);
    for (const route of input.routes ?? []) templates.add(route.UpstreamPathTemplate);
  }
  return [...templates];
}

function vectorHeaderTemplates(): string[] {
  return vectorsOf('path_match').flatMap((v) => Object.values((v.input['upstreamHeaderTemplates'] ?? {}) as Record<string, string>));
}

const pathTemplates = [...vectorTemplates(), ...HOSTILE_TEMPLATES];
interface EmittedRegex {
  readonly label: string;
  readonly regex: RegExp;
  readonly kind: 'path' | 'query' | 'header';
}

const regexes: EmittedRegex[] = [
  ...pathTemplates.flatMap((t) =>
    [false, true].flatMap((caseSensitive) => {
      const p = compileUpstreamPattern(t, caseSensitive);
      const out: EmittedRegex[] = [{ label: `${t} (path${caseSensitive ? ', case-sensitive' : ''})`, regex: p.pathRegex, kind: 'path' }];
      if (p.queryRegex) out.push({ label: `${t} (query${caseSensitive ? ', case-sensitive' : ''})`, regex: p.queryRegex, kind: 'query' });
      return out;
    }),
  ),
  ...[...vectorHeaderTemplates(), ...HOSTILE_HEADER_TEMPLATES].map((t) => ({
    label: `${t} (header)`,
    regex: compileHeaderMatchers({ h: t }, false)[0]!.regex,
    kind: 'header' as const,
  })),
];

describe('ReDoS: emitted regexes have a linear shape', () => {
  it.each(regexes.map((r) => [r.label, r.regex] as const))('%s', (_, regex) => {
    expect(linearityProblems(regex)).toEqual([]);
  });
});

describe('ReDoS: emitted regexes finish on hostile inputs', () => {
  const n = 30_000;
  const inputs = [
    '/'.repeat(n),
    'a'.repeat(n),
    '{'.repeat(n),
    '/a'.repeat(n / 2),
    'a-'.repeat(n / 2),
    '-.'.repeat(n / 2),
    'ab'.repeat(n / 2),
    'a_'.repeat(n / 2),
    'a&'.repeat(n / 2),
    'x' + 'a'.repeat(n) + '!',
  ];

  it(`runs ${regexes.length} regexes over ${inputs.length} inputs of ${n} characters each`, () => {
    let runs = 0;
    for (const { regex, kind } of regexes) {
      for (const input of inputs) {
        // Path regexes see paths; the trailing '!' defeats every `$`, forcing the full backtracking search.
        regex.exec(kind === 'path' ? '/' + input + '!' : input + '!');
        regex.exec(kind === 'path' ? '/' + input : input);
        runs += 2;
      }
    }
    expect(runs).toBe(regexes.length * inputs.length * 2);
  });
});
