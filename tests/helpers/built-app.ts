/**
 * The built app (out/) for the tests that read it. vitest's global setup (tests/setup/build.ts)
 * builds it once per run, before any test file starts.
 */
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const OUT = path.join(ROOT, 'out');

/** Fails clearly when out/ is missing (a run with TW_SKIP_BUILD=1 before any build). */
export function assertBuilt(): void {
  for (const part of ['main/index.js', 'main/host.js', 'preload/index.cjs', 'renderer/index.html']) {
    if (!fs.existsSync(path.join(OUT, part))) throw new Error(`out/${part} is missing: run npm run build (or the tests without TW_SKIP_BUILD)`);
  }
}

/** Every file under a folder of out/, relative to it, sorted. */
export function filesUnder(folder: string): string[] {
  const root = path.join(OUT, folder);
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else found.push(child);
    }
  };
  walk('');
  return found.sort();
}

export function readOut(relative: string): string {
  return fs.readFileSync(path.join(OUT, relative), 'utf8');
}
