/**
 * One claim of an authenticated principal, as `System.Security.Claims.Claim` carries it: a type
 * and a string value. A principal may hold several claims of the same type (e.g. one per role).
 *
 * @example
 * const claims: Claim[] = [{ type: 'sub', value: 'registered|4321' }, { type: 'role', value: 'admin' }];
 */
export interface Claim {
  /** Compared exactly (case-sensitive), as Ocelot does. */
  readonly type: string;
  readonly value: string;
}
