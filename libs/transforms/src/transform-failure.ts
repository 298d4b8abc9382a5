/** The claims-transform dictionaries, as named in ocelot.json. */
export type TransformName = 'AddClaimsToRequest' | 'AddHeadersToRequest' | 'AddQueriesToRequest' | 'ChangeDownstreamPathTemplate';

/**
 * Why a request cannot be transformed; the gateway answers 403 with it. `claim_transform_failed`:
 * the claim is missing or the index is out of range; `invalid_claim_value`: the value cannot be put
 * where it goes (a header value with CR/LF, a path segment that is `..`).
 */
export interface TransformFailure {
  readonly code: 'claim_transform_failed' | 'invalid_claim_value';
  readonly transform: TransformName;
  readonly key: string;
  readonly message: string;
}

/** A stage's result: its output, or the failure that stops the request. */
export type StageResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: TransformFailure };
