// The Electron fuses of the packaged app, flipped by the afterPack hook (after-pack.mjs) before the
// app is signed, then read back from the binary and checked; a packaging run that cannot make them
// so fails. Tested in tests/packaging.test.ts (on a synthetic fuse wire, and on the packaged binary
// where one exists).
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
// 1.x: 2.x needs Node 22. 1.x does not name the ninth fuse (WasmTrapHandlers), which therefore
// keeps Electron's default; it concerns WebAssembly speed, not what the app may do.
const { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } = require('@electron/fuses');

/** Each fuse and why. */
export const WANTED_FUSES = Object.freeze({
  // ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node that runs any script.
  RunAsNode: false,
  // The app keeps no cookies (in-memory session); should Chromium ever write any, encrypted.
  EnableCookieEncryption: true,
  // NODE_OPTIONS could preload code into the app.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect would let anyone at the keyboard attach a debugger to the unlocked app.
  EnableNodeCliInspectArguments: false,
  // The app's code is checked against the hash electron-builder embeds (macOS, Windows).
  EnableEmbeddedAsarIntegrityValidation: true,
  // Code is loaded from app.asar only, never from an app/ folder placed beside it.
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  // file:// gets no privileges beyond a web page's; the app uses app:// anyway.
  GrantFileProtocolExtraPrivileges: false,
});

const ENABLE = 49; // '1'
const DISABLE = 48; // '0'

/** The fuse file inside a packaged app: the executable, or the framework inside a macOS .app. */
export function packagedBinaryPath({ appOutDir, platform, productFilename, executableName }) {
  if (platform === 'darwin' || platform === 'mas') return path.join(appOutDir, `${productFilename}.app`);
  if (platform === 'win32') return path.join(appOutDir, `${productFilename}.exe`);
  return path.join(appOutDir, executableName);
}

/** Reads the fuses of a binary as `{ RunAsNode: true | false | 'removed', … }` (known fuses only). */
export async function readFuses(binaryPath) {
  const wire = await getCurrentFuseWire(binaryPath);
  if (wire.version !== FuseVersion.V1) throw new Error(`unknown fuse wire version ${wire.version}`);
  const fuses = {};
  for (const name of Object.keys(WANTED_FUSES)) {
    const state = wire[FuseV1Options[name]];
    fuses[name] = state === ENABLE ? true : state === DISABLE ? false : state === undefined ? 'missing' : 'removed';
  }
  return fuses;
}

/** Names of the fuses whose state differs from WANTED_FUSES. */
export function fuseMismatches(fuses) {
  return Object.entries(WANTED_FUSES)
    .filter(([name, wanted]) => fuses[name] !== wanted)
    .map(([name, wanted]) => `${name} is ${fuses[name]}, should be ${wanted}`);
}

export async function flipAndVerifyFuses(binaryPath, { resetAdHocDarwinSignature = false } = {}) {
  // A fuse Electron marks removed (or lacks) no longer controls anything: writing it would look
  // right and mean nothing, so packaging stops for a person to decide what the app needs.
  const unusable = Object.entries(await readFuses(binaryPath)).filter(([, state]) => state === 'removed' || state === 'missing');
  if (unusable.length > 0) {
    throw new Error(`Electron fuses cannot be set: ${unusable.map(([name, state]) => `${name} is ${state} in this Electron`).join('; ')}`);
  }
  const config = { version: FuseVersion.V1, resetAdHocDarwinSignature };
  for (const [name, value] of Object.entries(WANTED_FUSES)) config[FuseV1Options[name]] = value;
  await flipFuses(binaryPath, config);
  const fuses = await readFuses(binaryPath);
  const mismatches = fuseMismatches(fuses);
  if (mismatches.length > 0) throw new Error(`Electron fuses not as required: ${mismatches.join('; ')}`);
  return fuses;
}
