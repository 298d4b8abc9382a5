/**
 * Every error the proxy answers comes from this closed list: one code, one status, one place.
 * Clients and dashboards key on `code`; it never changes meaning.
 */
export const GATEWAY_ERRORS = {
  route_not_found: 404,
  method_not_allowed: 405,
  unauthenticated: 401,
  invalid_token: 401,
  scope_not_allowed: 403,
  claim_requirement_failed: 403,
  ip_not_allowed: 403,
  claim_transform_failed: 403,
  invalid_claim_value: 403,
  request_header_too_large: 431,
  request_timeout: 408,
  expectation_failed: 417,
  rate_limited: 429,
  auth_provider_unavailable: 503,
  circuit_open: 503,
  no_configuration: 503,
  shutting_down: 503,
  downstream_unreachable: 502,
  downstream_timeout: 504,
  bad_request: 400,
  internal_error: 500,
} as const;

export type GatewayErrorCode = keyof typeof GATEWAY_ERRORS;

/** An error with a stable code, a message that says what happened and what to do, and optional response headers. */
export class GatewayError extends Error {
  readonly status: number;

  constructor(
    readonly code: GatewayErrorCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
    readonly details?: Readonly<Record<string, unknown>>,
    /** Only where configuration chooses the status (RateLimitOptions.StatusCode). */
    status?: number,
  ) {
    super(message);
    this.name = 'GatewayError';
    this.status = status ?? GATEWAY_ERRORS[code];
  }
}

/** The JSON body of every error response: `{ code, message, requestId, ...details }`. */
export interface ErrorBody {
  code: string;
  message: string;
  requestId: string | undefined;
  [detail: string]: unknown;
}

export function errorBody(error: GatewayError, requestId: string | undefined): ErrorBody {
  return { code: error.code, message: error.message, requestId, ...error.details };
}
