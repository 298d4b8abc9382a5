import type { JsonValue } from '../model.js';

/**
 * Sets an own, enumerable property even for keys like `__proto__` (which JSON.parse creates as own
 * properties, but a plain assignment would turn into a prototype change).
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A deep copy of a JSON value, so a normalized configuration never shares objects with its input.
 * Values JSON cannot hold are treated as JSON.stringify would: `undefined` members are dropped,
 * `undefined` array items, NaN and ±Infinity become null.
 */
export function cloneJson(value: unknown): JsonValue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map((item) => cloneJson(item) ?? null);
  if (isJsonObject(value)) {
    const copy: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value)) {
      const cloned = cloneJson(item);
      if (cloned !== undefined) setOwn(copy, key, cloned);
    }
    return copy;
  }
  return undefined;
}

/** How a value is described in "must be X, got Y" messages. */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}
