import type { ConfigIssue } from '@margay/config';

/**
 * Every way an admin API call can fail, as one value: the gateway's own `{ code, message, ... }`
 * body when it sent one, else a code made up here (`network_error`, `invalid_response`,
 * `http_<status>`, `aborted`). Request functions return it; they never throw it.
 */
export interface AdminApiError {
  /** The HTTP status, or 0 when no response arrived (network failure, aborted request). */
  readonly status: number;
  /** Stable machine-readable code, e.g. `unauthorized`, `invalid_config`, `network_error`. */
  readonly code: string;
  /** Says what went wrong; shown to the operator as is. */
  readonly message: string;
  /** The configuration errors of an `invalid_config` or `reload_failed` answer; else empty. */
  readonly errors: readonly ConfigIssue[];
  /** Warnings sent along with an `invalid_config` answer; else empty. */
  readonly warnings: readonly ConfigIssue[];
}

/**
 * The outcome of one admin API call: the value, or the error. Errors are values here (house rule),
 * so a component can put either into state without a try/catch.
 */
export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AdminApiError };

/**
 * The error of a failed HTTP exchange, from its status and raw body text: the gateway's JSON error
 * when the body is one, else a generic `http_<status>` error (a proxy's HTML 502 page, say).
 *
 * @example
 * errorFromResponse(401, 'Unauthorized', '{"code":"unauthorized","message":"The admin token is not valid."}')
 * // → { status: 401, code: 'unauthorized', message: 'The admin token is not valid.', errors: [], warnings: [] }
 */
export function errorFromResponse(status: number, statusText: string, bodyText: string): AdminApiError {
  const body = parseJsonObject(bodyText);
  if (body && typeof body.code === 'string' && body.code !== '' && typeof body.message === 'string') {
    return { status, code: body.code, message: body.message, errors: issuesOf(body.errors), warnings: issuesOf(body.warnings) };
  }
  const reason = statusText ? `${status} ${statusText}` : String(status);
  return { status, code: `http_${status}`, message: `The admin API answered ${reason} without an error description.`, errors: [], warnings: [] };
}

/**
 * The error of a call that got no response: `aborted` when the caller cancelled it (a component
 * unmounted), else `network_error`.
 */
export function errorFromFailedFetch(cause: unknown): AdminApiError {
  if (cause instanceof Error && cause.name === 'AbortError') {
    return { status: 0, code: 'aborted', message: 'The request was cancelled.', errors: [], warnings: [] };
  }
  const detail = cause instanceof Error && cause.message ? ` (${cause.message})` : '';
  return {
    status: 0,
    code: 'network_error',
    message: `The admin API could not be reached${detail}. Check that the gateway is running.`,
    errors: [],
    warnings: [],
  };
}

/** A 2xx answer whose body is not the JSON the contract promises. */
export function invalidResponseError(status: number): AdminApiError {
  return { status, code: 'invalid_response', message: `The admin API answered ${status} with a body that is not JSON.`, errors: [], warnings: [] };
}

/** True when the token was refused: the session is over and the operator must sign in again. */
export function isUnauthorized(error: AdminApiError): boolean {
  return error.status === 401;
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the well-formed issues only, so a malformed detail cannot break the error display. */
function issuesOf(value: unknown): ConfigIssue[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is ConfigIssue =>
      typeof item === 'object' && item !== null && typeof item.path === 'string' && typeof item.message === 'string' && typeof item.code === 'string',
  );
}
