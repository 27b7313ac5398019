// Types of scripts/electron-native.mjs, for the TypeScript tests that import it.
export interface NativeStamp {
  electron: string;
  module: string;
  platform: string;
  arch: string;
}
export const ROOT: string;
export const NATIVE_DIR: string;
export const SQLITE_MODULE: string;
export const SQLITE_BINDING_FILE: string;
export function wantedStamp(options?: { platform?: string; arch?: string }): NativeStamp;
export function isUpToDate(stamp: NativeStamp, nativeDir?: string): boolean;
export function buildSqliteForElectron(options?: { platform?: string; arch?: string; force?: boolean }): Promise<{ built: boolean; stamp: NativeStamp }>;
export function firstLine(error: unknown): string;
