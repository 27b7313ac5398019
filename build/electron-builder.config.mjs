// electron-builder configuration (`npm run dist`). Code rather than YAML so that the packaging
// test imports it and checks what matters: what goes into the app, what stays out, the fuses.
// Paths are relative to the project root (electron-builder's working directory).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * The packages the built app loads at run time: the bundles in out/ import only electron, Node's
 * builtins and the two native modules (tests/packaging.test.ts checks both this and that these
 * packages need nothing else). Everything else is bundled or serves the build, `tw` or an install
 * script (prebuild-install, cross-env, node-addon-api), and is left out of the app.
 */
export const RUNTIME_PACKAGES = Object.freeze([
  'better-sqlite3-multiple-ciphers',
  'bindings',
  'file-uri-to-path',
  'argon2',
  '@phc/format',
  'node-gyp-build',
]);

/** Every production dependency in the lockfile that the app does not load, as exclusion patterns. */
export function excludedPackagePatterns(lockfile = JSON.parse(fs.readFileSync(`${ROOT}package-lock.json`, 'utf8'))) {
  const names = new Set();
  for (const [key, entry] of Object.entries(lockfile.packages ?? {})) {
    if (!key.startsWith('node_modules/') || entry.dev === true) continue;
    const name = key.slice('node_modules/'.length).split('/node_modules/')[0];
    if (!RUNTIME_PACKAGES.includes(name)) names.add(name);
  }
  return [...names].sort().map((name) => `!node_modules/${name}{,/**/*}`);
}

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: 'org.testimony-workstation.app',
  productName: 'Testimony Workstation',
  copyright: 'Testimony Workstation contributors',
  directories: { output: 'dist', buildResources: 'build' },

  // Only the build output and the two native modules' runtime files; electron-builder adds the
  // production dependencies from node_modules itself, and the exclusions below apply to them.
  files: [
    'package.json',
    'out/main/**/*',
    'out/preload/**/*',
    'out/renderer/**/*',
    '!**/*.map',
    ...excludedPackagePatterns(),
    // Sources and the Node-ABI build; the Electron-ABI binary comes from out/native (extraResources).
    '!node_modules/better-sqlite3-multiple-ciphers/{deps,src,build,binding.gyp}{,/**/*}',
    '!node_modules/argon2/{argon2,argon2.cpp,binding.gyp}{,/**/*}',
    '!node_modules/argon2/build/{Makefile,config.gypi,*.mk,Release/obj.target,Release/.deps}{,/**/*}',
  ],
  extraResources: [{ from: 'out/native', to: 'native', filter: ['better_sqlite3.node'] }],

  asar: true,
  // Native modules cannot be loaded from inside the archive.
  asarUnpack: ['**/*.node'],
  // The native modules are built separately (scripts/electron-native.mjs): node_modules stays
  // built for the Node that runs `npm test`.
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  afterPack: './build/after-pack.mjs',
  // Chromium's UI strings for English and Korean only.
  electronLanguages: ['en-US', 'ko'],
  // No update server, no release feed: the app never contacts anything.
  publish: null,

  mac: {
    category: 'public.app-category.productivity',
    icon: 'build/icon.png',
    hardenedRuntime: true,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    extendInfo: {
      NSMicrophoneUsageDescription: 'Testimony Workstation records interviews when you press Record. 인터뷰를 녹음할 때 마이크를 사용합니다.',
    },
    target: ['dmg'],
  },
  win: { icon: 'build/icon.png', target: ['nsis'] },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
  linux: {
    icon: 'build/icon.png',
    category: 'Office',
    maintainer: 'Testimony Workstation contributors',
    target: ['AppImage', 'deb'],
  },
};

export default config;
