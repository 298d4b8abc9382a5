import type { AdminApiError } from '../api/index.js';
import { IssueList } from './issue-list.js';

/**
 * A failed call, announced to screen readers (`role="alert"`): the gateway's message, its code and,
 * for a refused configuration, every issue.
 *
 * @example
 * {state.status === 'error' && <ErrorMessage error={state.error} />}
 */
export function ErrorMessage({ error }: { readonly error: AdminApiError }) {
  return (
    <div role="alert" className="message message-error">
      <p>
        {error.message} <span className="code">({error.code})</span>
      </p>
      <IssueList title={error.errors.length === 1 ? '1 error' : `${error.errors.length} errors`} issues={error.errors} />
      <IssueList title="Warnings" issues={error.warnings} />
    </div>
  );
}
