// Types of build/electron-builder.config.mjs, for the TypeScript tests that import it.
import type { Configuration } from 'electron-builder';

export const RUNTIME_PACKAGES: readonly string[];
export function excludedPackagePatterns(lockfile?: unknown): string[];
declare const config: Configuration;
export default config;
