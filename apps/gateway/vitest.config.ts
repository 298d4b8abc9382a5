import { defineConfig } from 'vitest/config';
import { jsonReport, libAliases } from '../../vitest.shared.js';

export default defineConfig({
  resolve: { alias: libAliases },
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Suites start real servers and databases: give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    reporters: ['default', 'json'],
    outputFile: { json: jsonReport('gateway') },
  },
});
