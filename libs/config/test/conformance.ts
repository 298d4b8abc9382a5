/// <reference types="node" />
/**
 * Test-only access to the conformance material in /conformance/ocelot (vectors.json and the real
 * ocelot.json samples). Uses Node's fs, which tests may; only spec files import this, so it
 * never reaches dist or the browser.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../conformance/ocelot/', import.meta.url));

/** One entry of vectors.json. */
export interface Vector {
  group: string;
  name: string;
  input: Record<string, unknown>;
  expected: Record<string, unknown>;
  source: string;
  quirk?: boolean;
  inferred?: boolean;
}

/** The vectors of one group, in file order. */
export function vectorsOf(group: string): Vector[] {
  const file = JSON.parse(readFileSync(`${ROOT}vectors.json`, 'utf8')) as { vectors: Vector[] };
  return file.vectors.filter((vector) => vector.group === group);
}

/** File names in samples/, sorted. */
export function sampleNames(): string[] {
  return readdirSync(`${ROOT}samples`).filter((name) => name.endsWith('.json')).sort();
}

/** The raw text of a sample (BOM and comments included). */
export function sampleText(name: string): string {
  return readFileSync(`${ROOT}samples/${name}`, 'utf8');
}
