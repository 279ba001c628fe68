#!/usr/bin/env node
// The `directseal` command. Runs the bundle scripts/build-cli.mjs made at install (`npm ci` runs it), so
// starting the command transpiles nothing; runs on the project's Node 24 under npx and on Node 20 as
// `node bin/directseal.mjs`. A source checkout without the bundle falls back to the TypeScript through tsx.
import { existsSync } from 'node:fs';
import module from 'node:module';

// V8 keeps the bundle's compiled code between runs (Node 22.1 and later; a no-op before): a script that seals
// thousands of small messages should not pay for parsing the same 0.7 MB each time.
module.enableCompileCache?.();

const bundle = new URL('../dist/directseal.mjs', import.meta.url);
let main;
if (existsSync(bundle)) {
  ({ main } = await import(bundle.href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
