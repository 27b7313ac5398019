#!/usr/bin/env node
// Builds better-sqlite3-multiple-ciphers for Electron's ABI into out/native/better_sqlite3.node,
// leaving node_modules as it is (built for the Node that runs `npm test` and `tw`). The app's
// service host loads this copy through `useNativeBinding` (electron/main/app-paths.ts); the
// packaged app carries it in resources/native/ (build/electron-builder.config.mjs). argon2 is a
// Node-API addon and needs no second build.
//
// The module is copied to a staging folder inside node_modules/.cache (so that its build tools
// resolve from the project) and rebuilt there with @electron/rebuild, which takes a prebuilt
// binary for this Electron where one is published, or compiles against Electron's headers.
// Both need the network once; the result is kept until Electron or the module changes.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const NATIVE_DIR = path.join(ROOT, 'out', 'native');
export const SQLITE_MODULE = 'better-sqlite3-multiple-ciphers';
export const SQLITE_BINDING_FILE = 'better_sqlite3.node';

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** What the binary in out/native was built for; a rebuild happens when any of it changes. */
export function wantedStamp({ platform = process.platform, arch = process.arch } = {}) {
  return {
    electron: readJson(require.resolve('electron/package.json')).version,
    module: readJson(require.resolve(`${SQLITE_MODULE}/package.json`)).version,
    platform,
    arch,
  };
}

export function isUpToDate(stamp, nativeDir = NATIVE_DIR) {
  try {
    const current = readJson(path.join(nativeDir, 'stamp.json'));
    return JSON.stringify(current) === JSON.stringify(stamp) && fs.statSync(path.join(nativeDir, SQLITE_BINDING_FILE)).isFile();
  } catch {
    return false;
  }
}

export async function buildSqliteForElectron({ platform = process.platform, arch = process.arch, force = false } = {}) {
  const stamp = wantedStamp({ platform, arch });
  if (!force && isUpToDate(stamp)) return { built: false, stamp };

  const moduleDir = path.dirname(require.resolve(`${SQLITE_MODULE}/package.json`));
  const staging = path.join(ROOT, 'node_modules', '.cache', 'tw-electron-native');
  fs.rmSync(staging, { recursive: true, force: true });
  const stagedModule = path.join(staging, 'node_modules', SQLITE_MODULE);
  fs.mkdirSync(path.dirname(stagedModule), { recursive: true });
  // Sources only: the Node-ABI build/ stays behind, so nothing of it can be mistaken for the result.
  fs.cpSync(moduleDir, stagedModule, { recursive: true, filter: (source) => path.relative(moduleDir, source) !== 'build' });
  fs.writeFileSync(
    path.join(staging, 'package.json'),
    JSON.stringify({ name: 'tw-electron-native', private: true, dependencies: { [SQLITE_MODULE]: stamp.module } }),
  );

  try {
    const { rebuild } = await import(pathToFileURL(require.resolve('@electron/rebuild')).href);
    await rebuild({
      buildPath: staging,
      electronVersion: stamp.electron,
      platform,
      arch,
      onlyModules: [SQLITE_MODULE],
      force: true,
      mode: 'sequential',
    });
    const built = path.join(stagedModule, 'build', 'Release', SQLITE_BINDING_FILE);
    if (!fs.existsSync(built)) throw new Error(`the rebuild left no ${SQLITE_BINDING_FILE}`);
    fs.mkdirSync(NATIVE_DIR, { recursive: true });
    // Binary first, stamp last: an interrupted copy is never taken for a finished one.
    fs.rmSync(path.join(NATIVE_DIR, 'stamp.json'), { force: true });
    fs.copyFileSync(built, path.join(NATIVE_DIR, SQLITE_BINDING_FILE));
    fs.writeFileSync(path.join(NATIVE_DIR, 'stamp.json'), `${JSON.stringify(stamp, null, 2)}\n`);
    return { built: true, stamp };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** The first line of an error, for a one-line message (build tools print pages). */
export function firstLine(error) {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').find((line) => line.trim() !== '')?.trim().slice(0, 300) ?? 'unknown error';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const force = process.argv.includes('--force');
  try {
    const { built, stamp } = await buildSqliteForElectron({ force });
    console.log(built ? `SQLite built for Electron ${stamp.electron} (${stamp.platform}-${stamp.arch})` : `SQLite for Electron ${stamp.electron} is up to date`);
  } catch (error) {
    console.error(
      `Could not build SQLite for Electron (${firstLine(error)}). It needs the network once (a prebuilt binary or Electron's headers) and a C++ toolchain.`,
    );
    process.exit(1);
  }
}
