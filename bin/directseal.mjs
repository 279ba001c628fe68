#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so `npx directseal` works after `npm ci` with no build step.
// Under npm/npx the `node` on PATH is the project's Node 24 (the `node` devDependency); see README.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
