/**
 * The built app (out/) for the tests that read it: `buildAppOnce()` runs `npm run build` at most
 * once per test run, whichever test file asks first; files in other workers wait for that build.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const OUT = path.join(ROOT, 'out');
const STAMP = path.join(OUT, '.test-build');
const LOCK = path.join(ROOT, 'node_modules', '.cache', 'tw-test-build.lock');
const STALE_LOCK_MS = 10 * 60_000;

function stampIs(runId: string): boolean {
  try {
    return fs.readFileSync(STAMP, 'utf8') === runId;
  } catch {
    return false;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function buildAppOnce(): void {
  const runId = inject('testRunId');
  const deadline = Date.now() + 2 * STALE_LOCK_MS;
  while (!stampIs(runId)) {
    if (Date.now() > deadline) throw new Error('timed out waiting for another test file to build the app');
    fs.mkdirSync(path.dirname(LOCK), { recursive: true });
    try {
      fs.mkdirSync(LOCK);
    } catch {
      // Another worker builds; a lock left by a killed run is taken over after a while.
      const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) fs.rmSync(LOCK, { recursive: true, force: true });
      sleep(250);
      continue;
    }
    try {
      if (stampIs(runId)) return;
      const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}\n${result.stderr}`);
      fs.writeFileSync(STAMP, runId);
    } finally {
      fs.rmSync(LOCK, { recursive: true, force: true });
    }
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
