import { readFileSync } from 'node:fs';

/** One entry of conformance/ocelot/vectors.json; `input`/`expected` are narrowed per group by the specs. */
export interface Vector {
  readonly group: string;
  readonly name: string;
  readonly input: Record<string, unknown>;
  readonly expected: Record<string, unknown>;
  readonly quirk?: boolean;
  readonly inferred?: boolean;
  readonly source: string;
}

const file = new URL('../../../conformance/ocelot/vectors.json', import.meta.url);
const all: readonly Vector[] = (JSON.parse(readFileSync(file, 'utf8')) as { vectors: Vector[] }).vectors;

/** Every vector of `group`, in file order. */
export function vectorsOf(group: string): Vector[] {
  return all.filter((vector) => vector.group === group);
}
