import type { ConfigIssue } from '@margay/config';

/**
 * One configuration issue as a line of text: `path — message`; an issue about the whole document
 * (empty path) reads `(document) — message`.
 *
 * @example
 * formatIssue({ path: 'Routes[0].DownstreamPathTemplate', message: 'must start with /', code: 'x' })
 * // → 'Routes[0].DownstreamPathTemplate — must start with /'
 */
export function formatIssue(issue: ConfigIssue): string {
  return `${issue.path === '' ? '(document)' : issue.path} — ${issue.message}`;
}
