import type { Claim } from './claim.js';
import { keysInConfigurationOrder } from './internal/configuration-key-order.js';

/**
 * A route's `RouteClaimsRequirement`: claim type → required value. A string is compared exactly
 * (case-sensitive), or, written `{name}`, with the route's matched placeholder `name`; an array
 * (Margay's addition, #746) means any one of its values, each literal or `{name}`.
 */
export type ClaimRequirement = Readonly<Record<string, string | readonly string[]>>;

/**
 * The outcome of a requirement check. On failure (Ocelot's ClaimValueNotAuthorizedError, 403):
 * the first claim type not satisfied, the values that would have satisfied it (placeholders
 * resolved; a placeholder the route did not match contributes nothing), and the values the
 * principal holds for that type (`[]` when it has none).
 */
export type RequirementResult =
  | { ok: true }
  | { ok: false; claim: string; expected: readonly string[]; actual: readonly string[] };

/** A `RouteClaimsRequirement` compiled once per configuration for the per-request check. */
export interface CompiledClaimsRequirement {
  /**
   * Every claim type must hold (AND); one claim of that type with an accepted value is enough.
   * `placeholders` are the route's matched placeholder values keyed by name WITHOUT braces.
   * Allocates nothing when the requirement holds.
   */
  check(claims: readonly Claim[], placeholders: Readonly<Record<string, string>>): RequirementResult;
}

interface Rule {
  readonly claim: string;
  readonly literals: ReadonlySet<string>;
  /** Placeholder names without braces. */
  readonly placeholders: readonly string[];
}

const OK: RequirementResult = Object.freeze({ ok: true });

/**
 * The placeholder a required value refers to, by Ocelot's `^{(?<variable>.+)}$`: braces around at
 * least one character, no line break inside (.NET `.`), and .NET's `$` also matches before one
 * final `\n`. Returns the name without braces.
 */
function placeholderName(value: string): string | undefined {
  const body = value.endsWith('\n') ? value.slice(0, -1) : value;
  if (body.length < 3 || !body.startsWith('{') || !body.endsWith('}')) return undefined;
  const name = body.slice(1, -1);
  return name.includes('\n') ? undefined : name;
}

function compileRule(claim: string, required: string | readonly string[]): Rule {
  const values: readonly unknown[] = typeof required === 'string' ? [required] : required;
  if (!Array.isArray(values)) {
    throw new TypeError(`RouteClaimsRequirement.${claim} must be a string or an array of strings`);
  }
  const literals = new Set<string>();
  const placeholders: string[] = [];
  for (const value of values) {
    if (typeof value !== 'string') {
      throw new TypeError(`RouteClaimsRequirement.${claim} must be a string or an array of strings`);
    }
    const name = placeholderName(value);
    if (name === undefined) literals.add(value);
    else if (!placeholders.includes(name)) placeholders.push(name);
  }
  return { claim, literals, placeholders };
}

function accepts(rule: Rule, value: string, placeholders: Readonly<Record<string, string>>): boolean {
  if (rule.literals.has(value)) return true;
  for (const name of rule.placeholders) {
    // hasOwn: a placeholder named `constructor` must not find Object.prototype's.
    if (Object.hasOwn(placeholders, name) && placeholders[name] === value) return true;
  }
  return false;
}

function failure(rule: Rule, claims: readonly Claim[], placeholders: Readonly<Record<string, string>>): RequirementResult {
  const expected = new Set(rule.literals);
  for (const name of rule.placeholders) {
    const value = Object.hasOwn(placeholders, name) ? placeholders[name] : undefined;
    if (typeof value === 'string') expected.add(value);
  }
  const actual = claims.filter((c) => c.type === rule.claim).map((c) => c.value);
  return { ok: false, claim: rule.claim, expected: [...expected], actual };
}

/**
 * Compiles a `RouteClaimsRequirement` (Ocelot's ClaimsAuthorizer) for the per-request check.
 * Claim types are checked in Ocelot's order (ASP.NET configuration key order), which only decides
 * which failing type is reported. An empty array can never be satisfied. Throws a `TypeError`
 * only for a value that is neither a string nor an array of strings, which validation rejects
 * before anything is compiled.
 *
 * @example
 * const requirement = compileClaimsRequirement({ role: ['admin', 'ops'], tenant: '{tenantId}' });
 * requirement.check([{ type: 'role', value: 'ops' }, { type: 'tenant', value: 't1' }], { tenantId: 't1' });
 * // { ok: true }
 * requirement.check([{ type: 'role', value: 'user' }], { tenantId: 't1' });
 * // { ok: false, claim: 'role', expected: ['admin', 'ops'], actual: ['user'] }
 */
export function compileClaimsRequirement(requirement: ClaimRequirement): CompiledClaimsRequirement {
  const rules: readonly Rule[] = keysInConfigurationOrder(requirement).map((claim) => compileRule(claim, requirement[claim]!));
  return Object.freeze({
    check(claims: readonly Claim[], placeholders: Readonly<Record<string, string>>): RequirementResult {
      for (const rule of rules) {
        let satisfied = false;
        for (const claim of claims) {
          if (claim.type === rule.claim && accepts(rule, claim.value, placeholders)) {
            satisfied = true;
            break;
          }
        }
        if (!satisfied) return failure(rule, claims, placeholders);
      }
      return OK;
    },
  });
}
