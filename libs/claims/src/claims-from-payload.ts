import type { Claim } from './claim.js';

function stringify(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      if (value === null) return undefined;
      try {
        return JSON.stringify(value);
      } catch {
        // Not JSON (a cycle, a BigInt inside): still better as some text than as a thrown request.
        return String(value);
      }
    default:
      // undefined, functions, symbols: nothing a token or an introspection response can hold.
      return undefined;
  }
}

/**
 * Turns a JWT payload or an introspection response into claims, as ASP.NET's JWT handler does:
 * a top-level array gives one claim per element; numbers and booleans are stringified; objects
 * (and arrays nested in arrays) become their JSON text; `null`/`undefined` are skipped. Claims
 * come in the payload's key order.
 *
 * @example
 * claimsFromPayload({ sub: '42', scope: 'api.read api.write', roles: ['admin', 'user'], admin: true });
 * // [{ type: 'sub', value: '42' }, { type: 'scope', value: 'api.read api.write' },
 * //  { type: 'roles', value: 'admin' }, { type: 'roles', value: 'user' }, { type: 'admin', value: 'true' }]
 */
export function claimsFromPayload(payload: Readonly<Record<string, unknown>>): Claim[] {
  const claims: Claim[] = [];
  for (const type of Object.keys(payload)) {
    const raw = payload[type];
    if (Array.isArray(raw)) {
      for (const element of raw) {
        const value = stringify(element);
        if (value !== undefined) claims.push({ type, value });
      }
    } else {
      const value = stringify(raw);
      if (value !== undefined) claims.push({ type, value });
    }
  }
  return claims;
}
