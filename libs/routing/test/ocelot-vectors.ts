/**
 * Loads Ocelot's conformance vectors (conformance/ocelot/vectors.json) for table-driven tests.
 * Test support only: not part of the library build.
 */
import data from '../../../conformance/ocelot/vectors.json' with { type: 'json' };

/** One vector. `input` and `expected` differ by shape inside a group; specs narrow them. */
export interface OcelotVector {
  readonly group: string;
  readonly name: string;
  readonly input: Record<string, unknown>;
  readonly expected: Record<string, unknown>;
  readonly source: string;
  readonly quirk?: boolean;
  readonly inferred?: boolean;
}

const all = (data as unknown as { vectors: OcelotVector[] }).vectors;

/** Every vector of a group, in file order. */
export function vectorsOf(group: string): OcelotVector[] {
  return all.filter((v) => v.group === group);
}

/** A RouteRequest for tests: headers given in any case are looked up by lower-case name. */
export function fakeRequest(options: {
  method?: string;
  host?: string;
  path: string;
  rawQuery?: string;
  headers?: Record<string, string>;
}): { method: string; host: string | undefined; path: string; rawQuery: string; header(name: string): string | undefined } {
  const headers = new Map(Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    method: options.method ?? 'GET',
    host: options.host,
    path: options.path,
    rawQuery: options.rawQuery ?? '',
    header: (name) => headers.get(name),
  };
}

/** Splits a vector's request string (`/p?q`) into raw path and raw query without `?`. */
export function splitRequest(request: string, query = ''): { path: string; rawQuery: string } {
  const at = request.indexOf('?');
  const path = at === -1 ? request : request.slice(0, at);
  const rawQuery = (at === -1 ? query : request.slice(at)).replace(/^\?/, '');
  return { path, rawQuery };
}
