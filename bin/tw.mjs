#!/usr/bin/env node
// Entry point of the `tw` command line: loads the TypeScript sources through tsx, so that the
// command always runs the code in this checkout (no separate build step to forget).
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
register({ tsconfig: `${root}tsconfig.json` });
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
