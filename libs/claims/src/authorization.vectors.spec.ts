import { describe, expect, it } from 'vitest';
import { vectorsOf, type Vector } from '../test/vectors.js';
import type { Claim } from './claim.js';
import { claimsFromPayload } from './claims-from-payload.js';
import { compileAllowedScopes } from './compile-allowed-scopes.js';
import { compileClaimsRequirement } from './compile-claims-requirement.js';
import { compileClaimsTransforms } from './compile-claims-transforms.js';

/**
 * The `auth_status` vectors whose outcome is decided by scopes, claim requirements or
 * claims-to-claims transforms, run here as unit cases. The others (401s, OPTIONS, IP lists, rate
 * limits, error-to-status mapping, whether a route is authenticated at all) are HTTP-level and
 * belong to the gateway's end-to-end suite.
 */
const USED = [
  'route scopes ["invalid-scope"], token scope Mr.Who',
  'allowed scope present',
  'scope not in allowed list',
  'global allowed scopes',
  'RouteClaimsRequirement satisfied via AddClaimsToRequest',
  'RouteClaimsRequirement value mismatch (no transform)',
  'claims authorizer: one of several same-type claims equal',
  'claims authorizer: no claims',
  'claims authorizer: dynamic {placeholder} equal',
  'scopes: no match',
  'scopes: single claim split on spaces, extra spaces ignored',
  'scopes: several claims are not split',
  'scope claim as "scp" not read',
  'RouteClaimsRequirement comma list is literal',
  'RouteClaimsRequirement value comparison is case-sensitive',
  'RouteClaimsRequirement on route without AuthenticationOptions',
];

interface AuthOptions {
  AllowedScopes?: string[];
}
interface RouteInput {
  AuthenticationOptions?: AuthOptions | null;
  RouteClaimsRequirement?: Record<string, string>;
  AddClaimsToRequest?: Record<string, string>;
}

/** The principal: a token payload (a string token stands for one whose claims are not read), or claims, or scope values. */
function claimsOf(input: Record<string, unknown>): Claim[] {
  const token = input['token'];
  if (typeof token === 'object' && token !== null) return claimsFromPayload(token as Record<string, unknown>);
  if (Array.isArray(input['userScopes'])) return (input['userScopes'] as string[]).map((value) => ({ type: 'scope', value }));
  return (input['claims'] as Claim[] | undefined) ?? [];
}

/** Authorization as the pipeline runs it: claims→claims, then scopes, then RouteClaimsRequirement. */
function authorize(vector: Vector): boolean {
  const input = vector.input;
  const route = (input['route'] ?? {}) as RouteInput;
  const global = (input['global'] ?? {}) as { AuthenticationOptions?: AuthOptions };
  let claims = claimsOf(input);
  if (route.AddClaimsToRequest !== undefined) {
    const compiled = compileClaimsTransforms(route.AddClaimsToRequest);
    if (!compiled.ok) throw new Error('AddClaimsToRequest does not parse');
    const added = compiled.transforms.addToClaims(claims);
    if (!added.ok) return false;
    claims = added.claims;
  }
  // The route's own AllowedScopes win over the global ones (the merge itself is the gateway's).
  const allowed =
    route.AuthenticationOptions?.AllowedScopes ??
    global.AuthenticationOptions?.AllowedScopes ??
    (input['allowedScopes'] as string[] | undefined) ??
    [];
  if (!compileAllowedScopes(allowed).check(claims)) return false;
  const requirement = route.RouteClaimsRequirement ?? (input['RouteClaimsRequirement'] as Record<string, string> | undefined) ?? {};
  // Ocelot names placeholders with their braces; Margay's API takes the bare name.
  const placeholders = Object.fromEntries(
    Object.entries((input['placeholders'] ?? {}) as Record<string, string>).map(([name, value]) => [name.slice(1, -1), value]),
  );
  return compileClaimsRequirement(requirement).check(claims, placeholders).ok;
}

const vectors = vectorsOf('auth_status').filter((v) => USED.includes(v.name));

describe('auth_status vectors about scopes and claim requirements', () => {
  it('finds every vector it names', () => {
    expect(vectors.map((v) => v.name).sort()).toEqual([...USED].sort());
  });

  const title = (v: Vector): string =>
    v.quirk ? `${v.name} (quirk: Margay reads "scp" too, so the scope is allowed where Ocelot answers 403)` : v.name;
  it.each(vectors.map((v) => [title(v), v] as const))('%s', (_name, vector) => {
    const ocelotAuthorized =
      typeof vector.expected['authorized'] === 'boolean' ? vector.expected['authorized'] : vector.expected['status'] === 200;
    expect([200, 403, undefined]).toContain(vector.expected['status']);
    expect(authorize(vector)).toBe(vector.quirk ? !ocelotAuthorized : ocelotAuthorized);
  });
});
