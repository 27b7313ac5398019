/**
 * Where the app finds its parts, packaged or not. Pure (no `electron` import), tested.
 *
 * better-sqlite3 is a V8 addon: the copy in node_modules is built for the Node that runs `npm test`
 * and `tw`, and cannot load in Electron. A second copy built for Electron's ABI
 * (scripts/electron-native.mjs) sits in out/native/ during development and in resources/native/
 * in the packaged app, and the service host loads that one (`useNativeBinding`). argon2 is a
 * Node-API addon, which loads in both as it is.
 */
import path from 'node:path';

export const NATIVE_FOLDER = 'native';
export const SQLITE_BINDING_FILE = 'better_sqlite3.node';

export interface AppLocation {
  isPackaged: boolean;
  /** `process.resourcesPath` */
  resourcesPath: string;
  /** `app.getAppPath()`: the project root when unpackaged, …/resources/app.asar when packaged. */
  appPath: string;
}

export function sqliteBindingPath(location: AppLocation, pathApi: Pick<typeof path, 'join'> = path): string {
  return location.isPackaged
    ? pathApi.join(location.resourcesPath, NATIVE_FOLDER, SQLITE_BINDING_FILE)
    : pathApi.join(location.appPath, 'out', NATIVE_FOLDER, SQLITE_BINDING_FILE);
}

/** The default vault folder: inside the app's user-data folder, unless settings.json says otherwise. */
export function defaultVaultDir(userDataPath: string, pathApi: Pick<typeof path, 'join'> = path): string {
  return pathApi.join(userDataPath, 'vault');
}
