#!/usr/bin/env node
// Builds the `directseal` command once (npm's postinstall, and `npm test` before the suites): the TypeScript
// CLI and the core it uses, bundled by esbuild (which Vite, and so WXT, already carries) into one ES module
// for Node 20 and later. bin/directseal.mjs runs it: no TypeScript is transpiled when the command starts.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE = join(root, 'dist/directseal.mjs');

await build({
  entryPoints: [join(root, 'cli/main.ts')],
  outfile: CLI_BUNDLE,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  // node-forge is CommonJS and calls require() for Node's own modules.
  banner: { js: "import { createRequire as __dsRequire } from 'node:module'; const require = __dsRequire(import.meta.url);" },
  logLevel: 'warning',
});
