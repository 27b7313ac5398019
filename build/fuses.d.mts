// Types of build/fuses.mjs, for the TypeScript tests that import it.
export type FuseName =
  | 'RunAsNode'
  | 'EnableCookieEncryption'
  | 'EnableNodeOptionsEnvironmentVariable'
  | 'EnableNodeCliInspectArguments'
  | 'EnableEmbeddedAsarIntegrityValidation'
  | 'OnlyLoadAppFromAsar'
  | 'LoadBrowserProcessSpecificV8Snapshot'
  | 'GrantFileProtocolExtraPrivileges';
export type FuseState = boolean | 'removed' | 'missing';

export const WANTED_FUSES: Readonly<Record<FuseName, boolean>>;
export function packagedBinaryPath(options: { appOutDir: string; platform: string; productFilename: string; executableName: string }): string;
export function readFuses(binaryPath: string): Promise<Record<FuseName, FuseState>>;
export function fuseMismatches(fuses: Record<string, FuseState>): string[];
export function flipAndVerifyFuses(binaryPath: string, options?: { resetAdHocDarwinSignature?: boolean }): Promise<Record<FuseName, FuseState>>;
