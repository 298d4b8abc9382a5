import type { IncomingMessage } from 'node:http';
import type { Claim } from '@margay/claims';
import { GatewayError } from '../errors/gateway-error.js';
import type { ProxyContext } from '../proxy/request-context.js';
import { insufficientScope } from './auth-errors.js';

const NO_CLAIMS: readonly Claim[] = [];

/**
 * The authorization stage: scopes (only on authenticated routes), then RouteClaimsRequirement
 * (always, as Ocelot: without a principal it fails). OPTIONS preflights skip it. Claims added by
 * AddClaimsToRequest are already in the context's claims when this runs.
 */
export function authorize(request: IncomingMessage, context: ProxyContext): true {
  if (request.method === 'OPTIONS') return true;
  const auth = context.route!.auth;
  const claims = context.claims ?? context.principal?.claims ?? NO_CLAIMS;
  if (auth.scopes && !auth.scopes.check(claims)) throw insufficientScope(auth.scopes.allowed);
  if (auth.requirement) {
    const result = auth.requirement.check(claims, context.placeholders ?? {});
    if (!result.ok) {
      const expected = result.expected.length === 1 ? `"${result.expected[0]}"` : `one of ${result.expected.map((value) => `"${value}"`).join(', ')}`;
      throw new GatewayError(
        'claim_requirement_failed',
        `This route requires the claim "${result.claim}" to be ${expected || 'present'}; the token's claims do not satisfy it.`,
        {},
        { claim: result.claim },
      );
    }
  }
  return true;
}
