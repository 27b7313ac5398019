#!/usr/bin/env node
// Run by `npm start` and `npm run dev` before Electron starts: fetches the Electron binary if it is
// missing (electron 45 downloads it only when asked) and builds SQLite for Electron's ABI
// (scripts/electron-native.mjs). Where either cannot be had it stops with one clear line;
// `npm test` needs neither.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { buildSqliteForElectron, firstLine } from './electron-native.mjs';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;

// electron/install.js exits at once when the binary is there, and downloads it otherwise.
const install = spawnSync(process.execPath, [require.resolve('electron/install.js')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
if (install.status !== 0) {
  const reason = firstLine(install.stderr || install.stdout || `exit ${install.status}`);
  console.error(`Electron ${electronVersion} is not installed and could not be downloaded (${reason}): run npx install-electron on a machine that can reach the download server.`);
  process.exit(1);
}

try {
  const { built, stamp } = await buildSqliteForElectron();
  if (built) console.log(`SQLite built for Electron ${stamp.electron} (${stamp.platform}-${stamp.arch})`);
} catch (error) {
  console.error(`Could not build SQLite for Electron ${electronVersion} (${firstLine(error)}): run npm run native:electron where the network and a C++ toolchain are available.`);
  process.exit(1);
}
