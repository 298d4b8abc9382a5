import type { ConfigIssue } from '@margay/config';
import { formatIssue } from '../format/issue.js';

/** Props of {@link IssueList}. */
export interface IssueListProps {
  /** Accessible name of the list, e.g. `Errors`; also its visible heading. */
  readonly title: string;
  readonly issues: readonly ConfigIssue[];
}

/**
 * Configuration issues as a list of `path — message`, each item carrying its `code` as a tooltip.
 * Renders nothing for no issues.
 *
 * @example
 * <IssueList title="Warnings" issues={result.warnings} />
 */
export function IssueList({ title, issues }: IssueListProps) {
  if (issues.length === 0) return null;
  return (
    <div className="issues">
      <h3>{title}</h3>
      <ul aria-label={title}>
        {issues.map((issue, index) => (
          <li key={`${index}:${issue.path}:${issue.code}`} title={issue.code}>
            {formatIssue(issue)}
          </li>
        ))}
      </ul>
    </div>
  );
}
