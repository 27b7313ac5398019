#!/usr/bin/env node
// `npm run lint:layers`: enforces the import rules of docs/architecture.md (see scripts/layers.mjs).
// Prints each violation as `file:line: rule` and exits 1 if there is any.
import { fileURLToPath } from 'node:url';
import { checkLayers, formatViolation } from './layers.mjs';

const rootDir = process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url));
const { files, violations } = checkLayers(rootDir);

for (const violation of violations) console.error(formatViolation(violation));
if (violations.length > 0) {
  console.error(`layers: ${violations.length} violation(s) in ${files} files`);
  process.exit(1);
}
console.log(`layers: ${files} files checked, no violations`);
