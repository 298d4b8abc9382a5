import { cloneJson, isJsonObject, setOwn } from './internal/json-value.js';
import { CONFIG_SPEC, type FieldSpec, type ObjectSpec } from './internal/schema.js';
import type { GatewayConfig } from './model.js';

/**
 * The configuration as an `ocelot.json` object, ready for `JSON.stringify(…, null, 2)`:
 *
 * - keys in canonical order: `Routes`, `GlobalConfiguration`, `AuthenticationProviders`, then the
 *   rest; inside each object Ocelot's keys in the order of `model.ts`, then unknown keys as found;
 * - empty optional members omitted: unset (`null`) values, and empty collections that take a
 *   default on import (`"AddHeadersToRequest": {}`, `"UpstreamHttpMethod": []`, an empty
 *   `GlobalConfiguration`); `Routes` is always written;
 * - unknown keys and `Metadata` kept verbatim, so `loadConfig(exportConfig(c)).config` equals `c`.
 *
 * The result shares no objects with `config`. It includes secrets: pass the config through
 * `redactSecrets` first when the result leaves the trust boundary.
 *
 * @example
 * const text = JSON.stringify(exportConfig(config), null, 2);
 */
export function exportConfig(config: GatewayConfig): Record<string, unknown> {
  const out = exportObject(config as Record<string, unknown>, CONFIG_SPEC);
  if (!('Routes' in out)) return { Routes: [], ...out };
  return out;
}

function exportObject(value: Record<string, unknown>, spec: ObjectSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(spec.fields)) {
    const item = value[key];
    if (item === undefined || item === null) continue;
    const exported = exportField(item, field);
    if (exported === undefined) continue;
    if (spec.defaults[key] !== undefined && key !== 'Routes' && isEmpty(exported)) continue;
    out[key] = exported;
  }
  for (const [key, item] of Object.entries(value)) {
    if (Object.hasOwn(spec.fields, key)) continue;
    const cloned = cloneJson(item);
    if (cloned !== undefined) setOwn(out, key, cloned);
  }
  return out;
}

function exportField(value: unknown, field: FieldSpec): unknown {
  if (field.kind === 'object') return isJsonObject(value) ? exportObject(value, field.spec) : cloneJson(value);
  if (field.kind === 'objectArray' && Array.isArray(value)) {
    return value.map((item: unknown) => (isJsonObject(item) ? exportObject(item, field.spec) : cloneJson(item)));
  }
  return cloneJson(value);
}

/** True for `[]` and `{}`; a default-taking string (`UpstreamPathTemplate: ""`) is kept. */
function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return isJsonObject(value) && Object.keys(value).length === 0;
}
