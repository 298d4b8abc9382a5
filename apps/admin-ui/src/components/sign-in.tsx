import { useId, useState, type FormEvent } from 'react';
import { createAdminClient, getStatus, isUnauthorized, type AdminApiError } from '../api/index.js';

/** Props of {@link SignIn}. */
export interface SignInProps {
  /** Called with a token the gateway accepted. */
  readonly onSignedIn: (token: string) => void;
  /** Why the operator is here again, e.g. the token was refused during the session. */
  readonly notice?: string | null;
}

/**
 * The sign-in screen: asks for the admin token and checks it against `GET api/v1/status` before
 * letting the operator in, so a wrong token is reported here and not on every screen.
 *
 * @example
 * <SignIn onSignedIn={signIn} notice="Your session ended: sign in again." />
 */
export function SignIn({ onSignedIn, notice = null }: SignInProps) {
  const tokenId = useId();
  const [token, setToken] = useState('');
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<AdminApiError | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    // Pasted tokens often carry a trailing newline; the gateway compares them exactly.
    const candidate = token.trim();
    if (candidate === '') return;
    setChecking(true);
    setError(null);
    const result = await getStatus(createAdminClient(candidate));
    setChecking(false);
    if (result.ok) onSignedIn(candidate);
    else setError(result.error);
  }

  return (
    <main className="sign-in">
      <h1>Margay admin</h1>
      <form onSubmit={(event) => void submit(event)} aria-label="Sign in">
        {notice && !error && <p className="message">{notice}</p>}
        <label htmlFor={tokenId}>Admin token</label>
        <input
          id={tokenId}
          name="token"
          type="password"
          autoComplete="off"
          required
          value={token}
          onChange={(event) => setToken(event.target.value)}
          aria-describedby={`${tokenId}-hint`}
        />
        <p id={`${tokenId}-hint`} className="muted">
          The gateway's ADMIN_TOKEN (printed once at first start when it was not set). It is kept in this tab only.
        </p>
        <button type="submit" className="primary" disabled={checking}>
          {checking ? 'Checking…' : 'Sign in'}
        </button>
        {error && (
          <div role="alert" className="message message-error">
            {isUnauthorized(error) ? (
              <p>The gateway refused this token (401 Unauthorized): {error.message}</p>
            ) : (
              <p>
                {error.message} <span className="code">({error.code})</span>
              </p>
            )}
          </div>
        )}
      </form>
    </main>
  );
}
