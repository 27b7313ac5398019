/**
 * Vitest global setup: builds the app once before any test runs (`npm run build`'s electron-vite
 * build: out/main, out/preload, out/renderer), and the page bridge the Chromium tests inject
 * (out/test-harness/tw-bridge.js, built from shared/ipc/api like the preload). Shared by every
 * test that needs built output (the UI tests here, app-shell's checks of the built app).
 *
 * TW_SKIP_BUILD=1 skips it when out/ is known to be fresh (e.g. right after `npm run build`).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const RENDERER_DIR = path.join(root, 'out', 'renderer');
export const BRIDGE_FILE = path.join(root, 'out', 'test-harness', 'tw-bridge.js');

/** Builds the page bridge: an IIFE that defines window.tw over a Playwright binding. */
export async function buildBridge(): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: false,
    logLevel: 'warn',
    root,
    resolve: { alias: { '@shared': path.join(root, 'shared') } },
    build: {
      outDir: path.dirname(BRIDGE_FILE),
      emptyOutDir: true,
      minify: false,
      lib: { entry: path.join(root, 'tests', 'e2e', 'bridge', 'page-bridge.ts'), formats: ['iife'], name: 'twBridge', fileName: () => path.basename(BRIDGE_FILE) },
    },
  });
}

export function buildApp(): void {
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
}

export default async function setup(): Promise<void> {
  if (process.env['TW_SKIP_BUILD'] === '1' && fs.existsSync(path.join(RENDERER_DIR, 'index.html')) && fs.existsSync(BRIDGE_FILE)) return;
  buildApp();
  await buildBridge();
}
