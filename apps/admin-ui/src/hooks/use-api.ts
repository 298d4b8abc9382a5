import { useCallback, useEffect, useState } from 'react';
import { isUnauthorized, type AdminApiError, type ApiResult } from '../api/index.js';

/** Where a load is: under way, done, or failed. */
export type LoadState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ok'; readonly value: T }
  | { readonly status: 'error'; readonly error: AdminApiError };

/**
 * Runs `load` when the component mounts and whenever `reload` is called, cancelling the previous
 * run; a 401 calls `onUnauthorized` (the token is no longer valid) instead of showing an error.
 * `load` must be stable (`useCallback`), or it reloads on every render.
 *
 * @example
 * const load = useCallback((signal: AbortSignal) => getStatus(client, signal), [client]);
 * const { state, reload } = useApi(load, onUnauthorized);
 */
export function useApi<T>(
  load: (signal: AbortSignal) => Promise<ApiResult<T>>,
  onUnauthorized: () => void,
): { readonly state: LoadState<T>; readonly reload: () => void } {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    void load(controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      if (result.ok) setState({ status: 'ok', value: result.value });
      else if (isUnauthorized(result.error)) onUnauthorized();
      else setState({ status: 'error', error: result.error });
    });
    return () => controller.abort();
    // onUnauthorized is left out on purpose: a new callback identity must not refetch.
  }, [load, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}
