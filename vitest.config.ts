import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The '@/' of the extension's sources (WXT's alias), for unit tests that render its pages.
const SOURCE_ALIAS = [{ find: /^@\//, replacement: fileURLToPath(new URL('./', import.meta.url)) }];

// Three suites: unit (pure core, fast), interop (real openssl, NSS cmsutil, gpgsm), e2e (Chromium + built extension).
export default defineConfig({
  test: {
    projects: [
      { resolve: { alias: SOURCE_ALIAS }, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000, globalSetup: ['test/support/cli-bundle.ts'] } },
      { test: { name: 'interop', include: ['test/interop/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 300_000 } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 300_000, fileParallelism: false } },
      { test: { name: 'firefox', include: ['test/firefox/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 180_000, fileParallelism: false } },
    ],
  },
});
