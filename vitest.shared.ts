import { fileURLToPath } from 'node:url';

/**
 * Tests and the admin UI import the libs from their TypeScript sources, so a change in a lib is
 * seen at once without a build; the gateway's production build imports their compiled `dist`.
 */
export const libAliases: Record<string, string> = {
  '@margay/routing': fileURLToPath(new URL('./libs/routing/src/index.ts', import.meta.url)),
  '@margay/claims': fileURLToPath(new URL('./libs/claims/src/index.ts', import.meta.url)),
  '@margay/config': fileURLToPath(new URL('./libs/config/src/index.ts', import.meta.url)),
  '@margay/transforms': fileURLToPath(new URL('./libs/transforms/src/index.ts', import.meta.url)),
};

/** Where each project's vitest writes its JSON report, read by `scripts/run-tests.mjs`. */
export function jsonReport(project: string): string {
  return fileURLToPath(new URL(`./.test-results/${project}.json`, import.meta.url));
}
