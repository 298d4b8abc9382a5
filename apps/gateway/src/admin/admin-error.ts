import type { ConfigIssue } from '@margay/config';

/** An admin API error: a status, a stable code, a message that says what to fix, and details. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'AdminError';
  }

  /** 400 `invalid_config` with every issue found (nothing was saved). */
  static invalidConfig(errors: readonly ConfigIssue[], warnings: readonly ConfigIssue[] = []): AdminError {
    const count = errors.length === 1 ? '1 error' : `${errors.length} errors`;
    return new AdminError(400, 'invalid_config', `The configuration has ${count}; nothing was saved. Fix them and send it again.`, {
      errors,
      ...(warnings.length > 0 ? { warnings } : {}),
    });
  }
}
