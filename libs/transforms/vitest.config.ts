import { defineConfig } from 'vitest/config';
import { jsonReport, libAliases } from '../../vitest.shared.js';

export default defineConfig({
  resolve: { alias: libAliases },
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: jsonReport('transforms') },
  },
});
