import { closestMatch } from './internal/edit-distance.js';
import { indexPath, keyPath } from './internal/json-path.js';
import { cloneJson, describeJson, isJsonObject, setOwn } from './internal/json-value.js';
import { CONFIG_SPEC, type FieldSpec, type ObjectSpec } from './internal/schema.js';
import type { ConfigIssue, GatewayConfig } from './model.js';

/** Result of {@link normalizeConfig}. */
export interface NormalizeResult {
  /** Always a well-typed configuration; values that had the wrong JSON type are left out. */
  config: GatewayConfig;
  /** Problems that make the input unusable as written (wrong types, duplicate keys). */
  issues: ConfigIssue[];
  /** Harmless oddities (`unknown_key`): the configuration still loads. */
  warnings: ConfigIssue[];
}

interface Context {
  issues: ConfigIssue[];
  warnings: ConfigIssue[];
}

/**
 * Turns raw JSON (from `parseConfigText`, an admin API body, or a database row) into the canonical
 * {@link GatewayConfig}:
 *
 * - key names are matched case-insensitively (.NET binds them so) and rewritten to Ocelot's casing
 *   at every level; keys of user dictionaries (header names, claim types, Metadata) are left alone;
 * - `ReRoutes` (Ocelot before 16.0) becomes `Routes`; both present is an issue;
 * - missing collections that Ocelot always creates take their defaults (`[]`, `{}`), missing
 *   required strings become `""` (so validation says they are empty), `null` means "not set";
 * - a value of the wrong JSON type is an issue at its path (`Routes[2].Priority`: must be an
 *   integer) and is left out of the result;
 * - keys nobody knows are kept verbatim and reported as `unknown_key` warnings, with a suggestion
 *   when a known key is within two edits.
 *
 * @example
 * const { config, warnings } = normalizeConfig({ reroutes: [{ upstreamPathTemplate: '/a', DownstreamPathTemplate: '/b', Prioirty: 2 }] });
 * config.Routes[0].UpstreamPathTemplate // '/a'
 * warnings[0].message                   // '... Did you mean "Priority"?'
 */
export function normalizeConfig(raw: unknown): NormalizeResult {
  const context: Context = { issues: [], warnings: [] };
  let source: Record<string, unknown> = {};
  if (isJsonObject(raw)) {
    source = raw;
  } else {
    context.issues.push({
      path: '',
      code: 'invalid_type',
      message: `The configuration must be a JSON object such as { "Routes": [], "GlobalConfiguration": {} }, got ${describeJson(raw)}.`,
    });
  }
  const config = normalizeObject(source, CONFIG_SPEC, '', context) as GatewayConfig;
  return { config, issues: context.issues, warnings: context.warnings };
}

function normalizeObject(raw: Record<string, unknown>, spec: ObjectSpec, path: string, context: Context): Record<string, unknown> {
  const known = new Map<string, unknown>();
  const writtenAs = new Map<string, string>();
  const unknown: [string, unknown][] = [];
  const rejected = new Set<string>();

  for (const [key, value] of Object.entries(raw)) {
    const lower = key.toLowerCase();
    const canonical = spec.lookup.get(lower) ?? spec.aliases.get(lower);
    if (canonical === undefined) {
      unknown.push([key, cloneJson(value)]);
      context.warnings.push(unknownKeyWarning(key, spec, path));
      continue;
    }
    const earlier = writtenAs.get(canonical);
    if (earlier !== undefined) {
      context.issues.push(duplicateIssue(key, earlier, canonical, path));
      continue;
    }
    writtenAs.set(canonical, key);
    // null is "not set" for .NET binding; dropping it keeps import → export → import stable.
    if (value === null || value === undefined) continue;
    const read = readField(value, spec.fields[canonical]!, keyPath(path, canonical), context);
    if (read === undefined) rejected.add(canonical);
    else known.set(canonical, read);
  }

  const out: Record<string, unknown> = {};
  for (const [canonical, field] of Object.entries(spec.fields)) {
    if (known.has(canonical)) {
      out[canonical] = known.get(canonical);
    } else if (spec.defaults[canonical] !== undefined) {
      const fallback = spec.defaults[canonical]();
      out[canonical] = field.kind === 'object' ? normalizeObject(fallback as Record<string, unknown>, field.spec, keyPath(path, canonical), context) : fallback;
    }
  }
  for (const [key, value] of unknown) if (value !== undefined) setOwn(out, key, value);
  return out;
}

/** Reads one value; undefined (with an issue recorded) when its JSON type is wrong. */
function readField(value: unknown, field: FieldSpec, path: string, context: Context): unknown {
  switch (field.kind) {
    case 'string':
      return typeof value === 'string' ? value : typeIssue(context, path, 'a string', value);
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value) ? value : typeIssue(context, path, 'an integer', value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : typeIssue(context, path, 'a number', value);
    case 'boolean':
      return typeof value === 'boolean' ? value : typeIssue(context, path, 'true or false', value);
    case 'stringArray':
      return readStringArray(value, path, context);
    case 'stringMap':
      return readMap(value, path, context, (item, itemPath) => (typeof item === 'string' ? item : typeIssue(context, itemPath, 'a string', item)));
    case 'claimRequirementMap':
      return readMap(value, path, context, (item, itemPath) =>
        typeof item === 'string' ? item : readStringArray(item, itemPath, context, 'a string or an array of strings'),
      );
    case 'jsonObject':
      return isJsonObject(value) ? cloneJson(value) : typeIssue(context, path, 'an object', value);
    case 'jsonArray':
      return Array.isArray(value) ? cloneJson(value) : typeIssue(context, path, 'an array', value);
    case 'object':
      return isJsonObject(value) ? normalizeObject(value, field.spec, path, context) : typeIssue(context, path, 'an object', value);
    case 'objectArray':
      if (!Array.isArray(value)) return typeIssue(context, path, 'an array of objects', value);
      // A bad item is replaced by an empty one rather than dropped, so later indexes keep matching the file.
      return value.map((item, index) => {
        const itemPath = indexPath(path, index);
        if (isJsonObject(item)) return normalizeObject(item, field.spec, itemPath, context);
        typeIssue(context, itemPath, `an object (one ${field.spec.name})`, item);
        return normalizeObject({}, field.spec, itemPath, { issues: [], warnings: [] });
      });
  }
}

/** An array with a non-string item is left out whole, so no later index shifts away from the file's. */
function readStringArray(value: unknown, path: string, context: Context, expected = 'an array of strings'): string[] | undefined {
  if (!Array.isArray(value)) return typeIssue(context, path, expected, value);
  let valid = true;
  value.forEach((item, index) => {
    if (typeof item !== 'string') valid = typeIssue(context, indexPath(path, index), 'a string', item) ?? false;
  });
  return valid ? (value.slice() as string[]) : undefined;
}

function readMap<T>(
  value: unknown,
  path: string,
  context: Context,
  readItem: (item: unknown, itemPath: string) => T | undefined,
): Record<string, T> | undefined {
  if (!isJsonObject(value)) return typeIssue(context, path, 'an object of "name": value pairs', value);
  const map: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const read = readItem(item, keyPath(path, key));
    if (read !== undefined) setOwn(map, key, read);
  }
  return map as Record<string, T>;
}

function typeIssue(context: Context, path: string, expected: string, value: unknown): undefined {
  let hint = '';
  if (typeof value === 'string' && (expected === 'an integer' || expected === 'a number') && /^-?\d+(\.\d+)?$/.test(value.trim())) {
    hint = ` Write the number without quotes: ${value.trim()}.`;
  } else if (typeof value === 'string' && expected === 'true or false' && /^(true|false)$/i.test(value.trim())) {
    hint = ` Write ${value.trim().toLowerCase()} without quotes.`;
  } else if (typeof value === 'string' && expected.startsWith('an array')) {
    hint = ` Wrap it in brackets: [${JSON.stringify(value)}].`;
  }
  context.issues.push({ path, code: 'invalid_type', message: `${path} must be ${expected}, got ${describeJson(value)}.${hint}` });
  return undefined;
}

function unknownKeyWarning(key: string, spec: ObjectSpec, path: string): ConfigIssue {
  const suggestion = closestMatch(key, Object.keys(spec.fields));
  const where = path === '' ? 'at the top level' : `in ${path}`;
  return {
    path: keyPath(path, key),
    code: 'unknown_key',
    message:
      `Unknown key ${JSON.stringify(key)} ${where}: neither Ocelot nor Margay reads it, so it has no effect; it is kept as written.` +
      (suggestion === undefined ? '' : ` Did you mean ${JSON.stringify(suggestion)}?`),
  };
}

function duplicateIssue(key: string, earlier: string, canonical: string, path: string): ConfigIssue {
  if (canonical === 'Routes' && key.toLowerCase() !== earlier.toLowerCase()) {
    return {
      path: keyPath(path, key),
      code: 'routes_and_reroutes',
      message: `Both ${JSON.stringify(earlier)} and ${JSON.stringify(key)} are present: ReRoutes is the old name of Routes. Move every route into "Routes" and remove "ReRoutes".`,
    };
  }
  return {
    path: keyPath(path, key),
    code: 'duplicate_key',
    message: `${JSON.stringify(key)} and ${JSON.stringify(earlier)} are the same key ${canonical} (keys are case-insensitive). Keep one of them.`,
  };
}
