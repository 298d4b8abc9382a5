/**
 * JSON paths as issues report them: `Routes[3].DownstreamPathTemplate`,
 * `Routes[0].AddHeadersToRequest.CustomerId`, `Routes[0].Metadata["route.id"]`.
 */

/** Keys that read unambiguously after a dot; header names (`X-Request-Id`) are common, so `-` is allowed. */
const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/**
 * Appends an object key to a path. Keys that would be ambiguous after a dot (dots, spaces, brackets,
 * empty) are written as `["key"]`, JSON-quoted.
 *
 * @example
 * keyPath('Routes[0].AddHeadersToRequest', 'CustomerId') // 'Routes[0].AddHeadersToRequest.CustomerId'
 * keyPath('Routes[0].Metadata', 'route.id')              // 'Routes[0].Metadata["route.id"]'
 * keyPath('', 'Routes')                                  // 'Routes'
 */
export function keyPath(base: string, key: string): string {
  if (!PLAIN_KEY.test(key)) return `${base}[${JSON.stringify(key)}]`;
  return base === '' ? key : `${base}.${key}`;
}

/**
 * Appends an array index to a path.
 *
 * @example
 * indexPath('Routes', 3) // 'Routes[3]'
 */
export function indexPath(base: string, index: number): string {
  return `${base}[${index}]`;
}

/** Path of a route, or of one of its members. */
export function routePath(index: number, key?: string): string {
  const base = indexPath('Routes', index);
  return key === undefined ? base : keyPath(base, key);
}

/** True when `path` is `ancestor` itself or lies below it. */
export function isSameOrBelow(path: string, ancestor: string): boolean {
  if (ancestor === '') return true;
  if (!path.startsWith(ancestor)) return false;
  const next = path.charAt(ancestor.length);
  return next === '' || next === '.' || next === '[';
}
