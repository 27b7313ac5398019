import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultVaultDir, sqliteBindingPath } from './app-paths';

describe('app paths', () => {
  it('loads the Electron-ABI SQLite from resources/native when packaged, from out/native otherwise', () => {
    expect(sqliteBindingPath({ isPackaged: true, resourcesPath: '/opt/TW/resources', appPath: '/opt/TW/resources/app.asar' }, path.posix)).toBe(
      '/opt/TW/resources/native/better_sqlite3.node',
    );
    expect(sqliteBindingPath({ isPackaged: false, resourcesPath: '/x/node_modules/electron/dist/resources', appPath: '/src/tw' }, path.posix)).toBe(
      '/src/tw/out/native/better_sqlite3.node',
    );
    expect(
      sqliteBindingPath({ isPackaged: true, resourcesPath: 'C:\\Program Files\\TW\\resources', appPath: 'C:\\Program Files\\TW\\resources\\app.asar' }, path.win32),
    ).toBe('C:\\Program Files\\TW\\resources\\native\\better_sqlite3.node');
  });

  it('keeps the default vault in the user-data folder', () => {
    expect(defaultVaultDir('/home/minji/.config/Testimony Workstation', path.posix)).toBe('/home/minji/.config/Testimony Workstation/vault');
  });
});
