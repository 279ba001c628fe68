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
      // expect.poll waits for a state the page reaches after a round trip to the background; vitest's default of 1 s is
      // tight on a busy 2-core machine (Playwright's own waits allow 30 s). A longer wait, not a retry: a state that
      // never arrives still fails.
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 300_000, fileParallelism: false, expect: { poll: { timeout: 15_000 } } } },
      { test: { name: 'firefox', include: ['test/firefox/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 180_000, fileParallelism: false } },
    ],
  },
});
