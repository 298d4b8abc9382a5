import type { Claim } from '../claim.js';

/** The claim types scopes are read from: OAuth's `scope` and Azure AD's `scp` (Ocelot: `scope` only, #1567). */
export const SCOPE_CLAIM_TYPES: readonly string[] = ['scope', 'scp'];

/** Calls `test` on each space-separated token of `text` (empty tokens skipped) until one passes. */
function someToken(text: string, test: (scope: string) => boolean): boolean {
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text.charCodeAt(i) !== 0x20) continue;
    if (i > start && test(text.slice(start, i))) return true;
    start = i + 1;
  }
  return false;
}

/**
 * Whether `test` passes for some scope of one claim type, by Ocelot 24.1's rule (#913): a single
 * claim is a space-separated list (split on U+0020 only, as RFC 6749 §3.3 defines the separator);
 * several claims (a JSON array) are one scope each and are not split. Empty scopes are ignored.
 * Allocates only the token substrings.
 */
function someScopeOfType(claims: readonly Claim[], type: string, test: (scope: string) => boolean): boolean {
  let count = 0;
  let only = '';
  for (const claim of claims) {
    if (claim.type !== type) continue;
    if (++count > 1) break;
    only = claim.value;
  }
  if (count === 0) return false;
  if (count === 1) return someToken(only, test);
  for (const claim of claims) {
    if (claim.type === type && claim.value !== '' && test(claim.value)) return true;
  }
  return false;
}

/** Whether `test` passes for some scope the principal holds (`scope` first, then `scp`). */
export function someScope(claims: readonly Claim[], test: (scope: string) => boolean): boolean {
  for (let i = 0; i < SCOPE_CLAIM_TYPES.length; i++) {
    if (someScopeOfType(claims, SCOPE_CLAIM_TYPES[i]!, test)) return true;
  }
  return false;
}
