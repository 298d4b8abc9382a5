import type { IncomingMessage } from 'node:http';
import type { Claim } from '@margay/claims';
import type { ProxyContext } from '../proxy/request-context.js';

const NO_CLAIMS: readonly Claim[] = [];

/**
 * The claims the transforms read, or undefined when they must be skipped: an unauthenticated
 * OPTIONS preflight (Ocelot runs them on an anonymous user there and answers 403). Any other
 * request without a principal has no claims, so its transforms fail with 403, as in Ocelot.
 */
export function claimsForTransforms(request: IncomingMessage, context: ProxyContext): readonly Claim[] | undefined {
  if (!context.principal && request.method === 'OPTIONS') return undefined;
  return context.claims ?? context.principal?.claims ?? NO_CLAIMS;
}
