/** The part of the Web Storage API the token store uses; tests pass a Map-backed fake. */
export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const KEY = 'margay.admin.token';

/**
 * The tab's session storage, or undefined when the browser refuses access (storage disabled).
 * Session storage, never local storage: the admin token dies with the tab and is not shared across
 * tabs or written to disk for good.
 */
export function sessionTokenStorage(): TokenStorage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

/**
 * The token saved by an earlier sign-in in this tab, or null.
 *
 * @example
 * const token = readToken(sessionTokenStorage());
 */
export function readToken(storage: TokenStorage | undefined): string | null {
  try {
    const token = storage?.getItem(KEY) ?? null;
    return token === '' ? null : token;
  } catch {
    return null;
  }
}

/** Keeps the token for this tab; false when the storage refused it (the session then lasts until reload). */
export function saveToken(storage: TokenStorage | undefined, token: string): boolean {
  try {
    if (!storage) return false;
    storage.setItem(KEY, token);
    return true;
  } catch {
    return false;
  }
}

/** Forgets the token (sign-out, or the gateway refused it). */
export function clearToken(storage: TokenStorage | undefined): void {
  try {
    storage?.removeItem(KEY);
  } catch {
    // Nothing to forget when the storage is unusable.
  }
}
