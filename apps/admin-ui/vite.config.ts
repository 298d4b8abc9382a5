import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { jsonReport, libAliases } from '../../vitest.shared.js';

/**
 * The admin UI: built to `dist/` and served by the gateway's admin port at `/`. `base: './'` keeps
 * asset URLs relative, so the same build works under any path. The libs are imported from their
 * TypeScript sources (`libAliases`), so the UI validates and summarizes with the gateway's own code.
 */
export default defineConfig({
  base: './',
  plugins: [react()],
  resolve: { alias: libAliases },
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    // `npm run dev`: the UI calls relative `api/v1/...` URLs; send them to a running gateway.
    proxy: { '/api': process.env.MARGAY_ADMIN_URL ?? 'http://127.0.0.1:8081' },
  },
  test: {
    // Node, not a DOM: the specs cover the pure parts and server-rendered markup (no jsdom here).
    environment: 'node',
    include: ['src/**/*.spec.ts', 'src/**/*.spec.tsx'],
    reporters: ['default', 'json'],
    outputFile: { json: jsonReport('admin-ui') },
  },
});
