import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GATEWAY_ERRORS } from './gateway-error.js';

describe('GATEWAY_ERRORS', () => {
  it('is the table of proxy errors docs/configuration.md documents, code for code and status for status', () => {
    const doc = readFileSync(new URL('../../../../docs/configuration.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('## Proxy errors'), doc.indexOf('## Unsupported Ocelot features'));
    const documented = Object.fromEntries([...section.matchAll(/^\| (\d{3}) \| `([a-z_]+)` \|/gm)].map((row) => [row[2], Number(row[1])]));
    expect(documented).toEqual({ ...GATEWAY_ERRORS });
  });
});
