import { describe, expect, it } from 'vitest';
import { formatIssue } from './issue.js';
import { formatTimestamp } from './timestamp.js';

describe('formatIssue', () => {
  it('reads path — message', () => {
    expect(formatIssue({ path: 'Routes[2].UpstreamPathTemplate', message: 'must start with /', code: 'template_no_slash' })).toBe(
      'Routes[2].UpstreamPathTemplate — must start with /',
    );
  });

  it('names the whole document when the path is empty', () => {
    expect(formatIssue({ path: '', message: 'The body is empty.', code: 'empty_body' })).toBe('(document) — The body is empty.');
  });
});

describe('formatTimestamp', () => {
  it('shows an ISO time in UTC to the second', () => {
    expect(formatTimestamp('2026-11-24T16:26:22.123Z')).toBe('2026-11-24 16:26:22 UTC');
    expect(formatTimestamp('2026-11-24T17:26:22+01:00')).toBe('2026-11-24 16:26:22 UTC');
  });

  it('returns text that is not a time unchanged', () => {
    expect(formatTimestamp('yesterday')).toBe('yesterday');
  });
});
