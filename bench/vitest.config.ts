import { defineConfig } from 'vitest/config';
import { jsonReport } from '../vitest.shared.js';

// The harness's own logic (summaries, verdicts, knobs, the reload loop); the measurements themselves
// are `npm run bench`, never a test.
export default defineConfig({
  test: {
    include: ['test/**/*.spec.mjs'],
    reporters: ['default', 'json'],
    outputFile: { json: jsonReport('bench') },
  },
});
