/**
 * Ocelot's grouping of global options (`RouteKeys`): absent or empty means "every route", otherwise
 * only routes whose `Key` is listed (exact match).
 *
 * @example
 * appliesToRoute({ RouteKeys: ['orders'] }, 'orders') // true
 * appliesToRoute({ RouteKeys: ['orders'] }, null)     // false
 * appliesToRoute({}, null)                            // true
 */
export function appliesToRoute(globalOptions: { RouteKeys?: string[] } | null | undefined, routeKey: string | null | undefined): boolean {
  const keys = globalOptions?.RouteKeys;
  if (keys === undefined || keys === null || keys.length === 0) return true;
  return typeof routeKey === 'string' && keys.includes(routeKey);
}

/** The string if it has any character (Ocelot's `IfEmpty`), else undefined. */
export function nonEmpty(value: string | null | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The first argument that is a number > 0 (Ocelot treats 0 and negatives as unset), else undefined. */
export function firstPositive(...values: (number | null | undefined)[]): number | undefined {
  for (const value of values) if (typeof value === 'number' && value > 0) return value;
  return undefined;
}
