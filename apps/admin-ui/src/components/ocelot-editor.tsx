import { useEffect, useId, useRef, useState } from 'react';
import {
  getOcelotConfig,
  isUnauthorized,
  putOcelotConfig,
  type AdminApiError,
  type AdminClient,
  type ApiResult,
  type ImportResult,
} from '../api/index.js';
import { ErrorMessage } from './error-message.js';
import { IssueList } from './issue-list.js';

type Busy = 'load' | 'validate' | 'save' | null;
type Outcome = { readonly ok: true; readonly result: ImportResult } | { readonly ok: false; readonly error: AdminApiError };

/** Props of {@link OcelotEditor}. */
export interface OcelotEditorProps {
  readonly client: AdminClient;
  /** Called when the gateway refuses the token. */
  readonly onUnauthorized: () => void;
  /** The text being edited; null until loaded. Held by the parent so a tab switch keeps the edits. */
  readonly draft: string | null;
  readonly onDraftChange: (text: string) => void;
}

/**
 * The ocelot.json screen: the stored document in a textarea, "Validate" (a dry run, nothing stored)
 * and "Save" (replaces the whole configuration), with the gateway's errors, warnings and new revision.
 *
 * @example
 * <OcelotEditor client={client} onUnauthorized={signOut} draft={draft} onDraftChange={setDraft} />
 */
export function OcelotEditor({ client, onUnauthorized, draft, onDraftChange }: OcelotEditorProps) {
  const textId = useId();
  const [busy, setBusy] = useState<Busy>(null);
  const [revision, setRevision] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const running = useRef<AbortController | null>(null);

  /** Runs one call at a time; undefined when it was superseded, cancelled, or ended the session. */
  async function run<T>(kind: Exclude<Busy, null>, call: (signal: AbortSignal) => Promise<ApiResult<T>>): Promise<ApiResult<T> | undefined> {
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setBusy(kind);
    const result = await call(controller.signal);
    if (controller.signal.aborted) return undefined;
    setBusy(null);
    if (!result.ok && isUnauthorized(result.error)) {
      onUnauthorized();
      return undefined;
    }
    return result;
  }

  async function loadDocument(): Promise<void> {
    const result = await run('load', (signal) => getOcelotConfig(client, signal));
    if (!result) return;
    if (!result.ok) {
      setOutcome(result);
      return;
    }
    onDraftChange(`${JSON.stringify(result.value.document, null, 2)}\n`);
    setRevision(result.value.revision);
    setOutcome(null);
  }

  async function submit(dryRun: boolean): Promise<void> {
    if (draft === null) return;
    const result = await run(dryRun ? 'validate' : 'save', (signal) => putOcelotConfig(client, draft, { dryRun, signal }));
    if (!result) return;
    if (result.ok && !result.value.dryRun) setRevision(result.value.revision);
    setOutcome(result.ok ? { ok: true, result: result.value } : result);
  }

  useEffect(() => {
    // Edits survive a tab switch: only an empty editor loads the stored document.
    if (draft === null) void loadDocument();
    return () => running.current?.abort();
    // Mount only: later loads are the operator's ("Reload from gateway").
  }, []);

  return (
    <div className="stack">
      <div className="toolbar">
        <button type="button" onClick={() => void submit(true)} disabled={busy !== null || draft === null}>
          Validate
        </button>
        <button type="button" className="primary" onClick={() => void submit(false)} disabled={busy !== null || draft === null}>
          Save
        </button>
        <button type="button" onClick={() => void loadDocument()} disabled={busy !== null}>
          Reload from gateway
        </button>
        <p className="muted" aria-live="polite">
          {busy === 'load' ? 'Loading…' : busy === 'validate' ? 'Validating…' : busy === 'save' ? 'Saving…' : revision !== null ? `Stored revision ${revision}` : ''}
        </p>
      </div>
      {outcome?.ok === false && <ErrorMessage error={outcome.error} />}
      {outcome?.ok === true && <ImportOutcome result={outcome.result} />}
      <div className="editor">
        <label htmlFor={textId}>ocelot.json document</label>
        <textarea
          id={textId}
          value={draft ?? ''}
          onChange={(event) => {
            onDraftChange(event.target.value);
            // "Valid" or "Saved" no longer describes the edited text; errors stay as a guide while fixing.
            if (outcome?.ok) setOutcome(null);
          }}
          disabled={draft === null}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          rows={24}
        />
      </div>
    </div>
  );
}

function ImportOutcome({ result }: { readonly result: ImportResult }) {
  const counts = `${plural(result.routes, 'route')}, ${plural(result.authenticationProviders, 'authentication provider')}`;
  return (
    <div role="status" className="message message-ok">
      <p>
        {result.dryRun
          ? `The configuration is valid (${counts}). Nothing was saved: revision ${result.revision} is still the stored one.`
          : `Saved as revision ${result.revision} (${counts}).`}
      </p>
      <IssueList title="Warnings" issues={result.warnings} />
    </div>
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
