import type { TransformFailure } from '@margay/transforms';
import { GatewayError } from '../errors/gateway-error.js';

/** A claims transform that cannot be applied: 403 naming the dictionary and the key. */
export function transformError(failure: TransformFailure): GatewayError {
  return new GatewayError(failure.code, failure.message, {}, { transform: failure.transform, key: failure.key });
}
