import { useCallback, useMemo, useState } from 'react';
import { createAdminClient } from './api/index.js';
import { OcelotEditor } from './components/ocelot-editor.js';
import { Overview } from './components/overview.js';
import { SignIn } from './components/sign-in.js';
import { clearToken, readToken, saveToken, sessionTokenStorage } from './session/token-store.js';

type Tab = 'overview' | 'ocelot';

const TABS: readonly { readonly id: Tab; readonly label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'ocelot', label: 'ocelot.json' },
];

/**
 * The admin UI: sign-in until a token is known, then the screens as tabs. A token the gateway
 * refuses later (rotated, gateway re-created) ends the session with a notice.
 */
export function App() {
  const storage = useMemo(sessionTokenStorage, []);
  const [token, setToken] = useState<string | null>(() => readToken(storage));
  const [notice, setNotice] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('overview');
  const [draft, setDraft] = useState<string | null>(null);
  const client = useMemo(() => (token === null ? null : createAdminClient(token)), [token]);

  const signIn = useCallback(
    (accepted: string) => {
      saveToken(storage, accepted);
      setNotice(null);
      setToken(accepted);
    },
    [storage],
  );
  const endSession = useCallback(
    (reason: string | null) => {
      clearToken(storage);
      setToken(null);
      setDraft(null);
      setTab('overview');
      setNotice(reason);
    },
    [storage],
  );
  const onUnauthorized = useCallback(() => endSession('The gateway no longer accepts your admin token (401). Sign in again.'), [endSession]);

  if (client === null) return <SignIn onSignedIn={signIn} notice={notice} />;

  return (
    <div className="app">
      <header className="app-header">
        <h1>Margay admin</h1>
        <nav role="tablist" aria-label="Screens">
          {TABS.map(({ id, label }) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`tab-${id}`}
              aria-selected={tab === id}
              aria-controls={`panel-${id}`}
              onClick={() => setTab(id)}
            >
              {label}
            </button>
          ))}
        </nav>
        <button type="button" onClick={() => endSession(null)}>
          Sign out
        </button>
      </header>
      <main role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'overview' ? (
          <Overview client={client} onUnauthorized={onUnauthorized} />
        ) : (
          <OcelotEditor client={client} onUnauthorized={onUnauthorized} draft={draft} onDraftChange={setDraft} />
        )}
      </main>
    </div>
  );
}
