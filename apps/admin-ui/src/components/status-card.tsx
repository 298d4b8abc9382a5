import type { GatewayStatus } from '../api/index.js';
import { formatTimestamp } from '../format/timestamp.js';
import { IssueList } from './issue-list.js';

const SOURCES: Record<GatewayStatus['source'], string> = {
  database: 'database',
  disk: 'disk snapshot (database unreachable at start)',
  none: 'none: every proxied request answers 503',
};

/**
 * What the gateway serves: revision, where it came from, database connectivity, reload counts and
 * the last reload failure with its issues.
 *
 * @example
 * <StatusCard status={status} />
 */
export function StatusCard({ status }: { readonly status: GatewayStatus }) {
  const failure = status.lastFailure;
  return (
    <section className="card" aria-labelledby="status-heading">
      <h2 id="status-heading">Status</h2>
      <dl className="facts">
        <dt>Revision</dt>
        <dd data-testid="status-revision">{status.revision}</dd>
        <dt>Source</dt>
        <dd data-testid="status-source">{SOURCES[status.source] ?? status.source}</dd>
        <dt>Compiled at</dt>
        <dd>{status.compiledAt === null ? 'never' : formatTimestamp(status.compiledAt)}</dd>
        <dt>Database</dt>
        <dd data-testid="status-database" className={status.databaseConnected ? 'good' : 'bad'}>
          {status.databaseConnected ? 'connected' : 'not connected'}
        </dd>
        <dt>Reloads</dt>
        <dd>
          {status.reloads.applied} applied, {status.reloads.failed} failed
        </dd>
      </dl>
      {failure === null ? (
        <p data-testid="status-last-failure">No reload has failed.</p>
      ) : (
        <section className="failure" aria-labelledby="failure-heading" data-testid="status-last-failure">
          <h3 id="failure-heading">Last reload failure</h3>
          <p>
            Revision {failure.revision} was not put into service ({failure.kind === 'invalid' ? 'invalid configuration' : 'compilation failed'}) at{' '}
            {formatTimestamp(failure.at)}.
          </p>
          <IssueList title="Issues" issues={failure.issues} />
        </section>
      )}
    </section>
  );
}
