/**
 * Packaging (build/): the electron-builder config, the afterPack hook that flips the fuses, and —
 * where `npm run dist:dir` has produced one — the packaged app itself. The fuse hook runs here on
 * a synthetic fuse wire laid out as in an Electron binary, so it is tested without Electron.
 */
import { builtinModules } from 'node:module';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import afterPack from '../../build/after-pack.mjs';
import config, { RUNTIME_PACKAGES, excludedPackagePatterns } from '../../build/electron-builder.config.mjs';
import { WANTED_FUSES, flipAndVerifyFuses, fuseMismatches, packagedBinaryPath, readFuses } from '../../build/fuses.mjs';
import { ROOT } from '../helpers/built-app';
import { tempDir } from '../helpers/temp';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** An unpackaged Electron's fuses, in wire order: RunAsNode on, cookie encryption off, NODE_OPTIONS on, … */
const STOCK_WIRE = '101100011';

/** A file shaped like an Electron binary around its fuse wire: random bytes, sentinel, version 1, length, states. */
function syntheticBinary(file: string, wire = STOCK_WIRE): Buffer {
  const bytes = Buffer.concat([
    crypto.randomBytes(4096),
    Buffer.from(SENTINEL, 'ascii'),
    Buffer.from([1, wire.length]),
    Buffer.from(wire, 'ascii'),
    crypto.randomBytes(4096),
  ]);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return bytes;
}

describe('the fuses', () => {
  it('are the ones the app needs', () => {
    expect(WANTED_FUSES).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
    });
  });

  it('are flipped and read back by the hook, changing nothing else in the binary', async () => {
    const file = path.join(tempDir(), 'electron');
    const before = syntheticBinary(file);
    expect(fuseMismatches(await readFuses(file))).not.toEqual([]);
    await expect(flipAndVerifyFuses(file)).resolves.toEqual(WANTED_FUSES);
    const after = fs.readFileSync(file);
    expect(after.length).toBe(before.length);
    const wireStart = before.indexOf(SENTINEL) + SENTINEL.length + 2;
    expect(after.subarray(wireStart, wireStart + 9).toString('ascii')).toBe('010011001');
    // Everything outside the eight known fuses is as it was (the ninth keeps Electron's default).
    expect(Buffer.concat([after.subarray(0, wireStart), after.subarray(wireStart + 8)])).toEqual(
      Buffer.concat([before.subarray(0, wireStart), before.subarray(wireStart + 8)]),
    );
  });

  it('stop the packaging when a fuse cannot be set, or the binary has no fuse wire', async () => {
    const dir = tempDir();
    const removed = path.join(dir, 'removed');
    syntheticBinary(removed, 'r01100011'); // RunAsNode marked removed: its state cannot be guaranteed
    const untouched = fs.readFileSync(removed);
    await expect(flipAndVerifyFuses(removed)).rejects.toThrow(/RunAsNode is removed in this Electron/);
    expect(fs.readFileSync(removed)).toEqual(untouched);
    const plain = path.join(dir, 'plain');
    fs.writeFileSync(plain, crypto.randomBytes(8192));
    await expect(flipAndVerifyFuses(plain)).rejects.toThrow(/sentinel/);
  });

  it('are set by the afterPack hook in the packed executable of each platform', async () => {
    const appOutDir = tempDir();
    const linuxBinary = path.join(appOutDir, 'testimony-workstation');
    syntheticBinary(linuxBinary);
    const log = console.log;
    console.log = () => undefined;
    try {
      await afterPack({
        appOutDir,
        electronPlatformName: 'linux',
        packager: { appInfo: { productFilename: 'Testimony Workstation' }, executableName: 'testimony-workstation' },
      });
    } finally {
      console.log = log;
    }
    expect(await readFuses(linuxBinary)).toEqual(WANTED_FUSES);
    expect(packagedBinaryPath({ appOutDir: '/o', platform: 'win32', productFilename: 'Testimony Workstation', executableName: 'x' })).toBe(
      path.join('/o', 'Testimony Workstation.exe'),
    );
    expect(packagedBinaryPath({ appOutDir: '/o', platform: 'darwin', productFilename: 'Testimony Workstation', executableName: 'x' })).toBe(
      path.join('/o', 'Testimony Workstation.app'),
    );
  });
});

describe('the electron-builder config', () => {
  it('packs the app into an asar archive checked at start, with the fuse hook and no rebuild of node_modules', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.afterPack).toBe('./build/after-pack.mjs');
    expect(fs.existsSync(path.join(ROOT, config.afterPack as string))).toBe(true);
    expect(config).not.toHaveProperty('electronFuses'); // flipped once, by the hook
    expect(config).not.toHaveProperty('disableAsarIntegrity');
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
    expect(config.publish).toBeNull(); // no update feed: the app never calls out
    expect(config.extraResources).toEqual([{ from: 'out/native', to: 'native', filter: ['better_sqlite3.node'] }]);
    for (const icon of [config.mac?.icon, config.win?.icon, config.linux?.icon]) expect(fs.existsSync(path.join(ROOT, icon as string))).toBe(true);
  });

  it('asks macOS for the microphone and JIT only', () => {
    const plist = fs.readFileSync(path.join(ROOT, config.mac?.entitlements as string), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((match) => match[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit', 'com.apple.security.device.audio-input']);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.extendInfo).toHaveProperty('NSMicrophoneUsageDescription');
  });

  it('ships the build output and the run-time packages only', () => {
    const files = config.files as string[];
    for (const part of ['out/main/**/*', 'out/preload/**/*', 'out/renderer/**/*', 'package.json']) expect(files).toContain(part);
    expect(files).toContain('!**/*.map');
    expect(files.some((pattern) => /^(?:electron|renderer|shared|tests|src)\//.test(pattern))).toBe(false);
    const excluded = excludedPackagePatterns();
    for (const name of ['zod', 'tsx', 'esbuild', 'prebuild-install', 'cross-env', 'node-addon-api']) {
      expect(excluded, name).toContain(`!node_modules/${name}{,/**/*}`);
    }
    for (const name of RUNTIME_PACKAGES) expect(excluded.join('\n')).not.toContain(`!node_modules/${name}{`);
    for (const pattern of excluded) expect(files).toContain(pattern);
  });

  it('the run-time packages need nothing outside themselves', () => {
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    const runtime = new Set<string>(RUNTIME_PACKAGES);
    for (const name of RUNTIME_PACKAGES) {
      const dir = path.join(ROOT, 'node_modules', name);
      const sources = [path.join(dir, JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).main ?? 'index.js')];
      if (name === 'better-sqlite3-multiple-ciphers') sources.push(...fs.readdirSync(path.join(dir, 'lib'), { recursive: true }).map((file) => path.join(dir, 'lib', String(file))).filter((file) => file.endsWith('.js')));
      if (name === 'node-gyp-build') sources.push(path.join(dir, 'node-gyp-build.js'));
      for (const source of sources) {
        const code = fs.readFileSync(source, 'utf8');
        for (const match of code.matchAll(/\brequire\s*\(\s*["']([^"'./][^"']*)["']\s*\)/g)) {
          const required = match[1]!;
          const pkg = required.startsWith('@') ? required.split('/').slice(0, 2).join('/') : required.split('/')[0]!;
          expect(builtins.has(required) || runtime.has(pkg), `${path.relative(ROOT, source)} requires ${required}`).toBe(true);
        }
      }
    }
  });
});

/** The unpacked app `npm run dist:dir` leaves in dist/, for this platform; undefined if none. */
function packagedApp(): { binary: string; resources: string } | undefined {
  const dist = path.join(ROOT, 'dist');
  if (!fs.existsSync(dist)) return undefined;
  for (const entry of fs.readdirSync(dist)) {
    const appOutDir = path.join(dist, entry);
    if (!fs.statSync(appOutDir).isDirectory()) continue;
    if (process.platform === 'linux' && entry.startsWith('linux') && entry.endsWith('unpacked')) {
      return { binary: path.join(appOutDir, 'testimony-workstation'), resources: path.join(appOutDir, 'resources') };
    }
    if (process.platform === 'win32' && entry.startsWith('win') && entry.endsWith('unpacked')) {
      return { binary: path.join(appOutDir, 'Testimony Workstation.exe'), resources: path.join(appOutDir, 'resources') };
    }
    if (process.platform === 'darwin' && entry.startsWith('mac')) {
      const app = path.join(appOutDir, 'Testimony Workstation.app');
      if (fs.existsSync(app)) return { binary: app, resources: path.join(app, 'Contents', 'Resources') };
    }
  }
  return undefined;
}

const packaged = packagedApp();
if (!packaged) console.info('No packaged app in dist/: the checks of the packaged binary are skipped (run npm run dist:dir where Electron can be fetched).');

describe.skipIf(!packaged)('the packaged app', () => {
  it('has its fuses flipped in the binary', async () => {
    expect(fuseMismatches(await readFuses(packaged!.binary))).toEqual([]);
  });

  it('loads its code from app.asar only, with SQLite for Electron beside it', () => {
    const resources = packaged!.resources;
    expect(fs.existsSync(path.join(resources, 'app.asar'))).toBe(true);
    expect(fs.existsSync(path.join(resources, 'app'))).toBe(false);
    expect(fs.existsSync(path.join(resources, 'native', 'better_sqlite3.node'))).toBe(true);
    expect(fs.existsSync(path.join(resources, 'app-update.yml'))).toBe(false);
  });
});
