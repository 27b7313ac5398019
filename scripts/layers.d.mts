// Types of scripts/layers.mjs, for the TypeScript tests that import it.

export type Layer = 'shared' | 'services' | 'cli' | 'main' | 'handlers' | 'host' | 'preload' | 'electron' | 'renderer' | 'other';

export interface Violation {
  file: string;
  line: number;
  rule: string;
}

export type Target =
  | { kind: 'builtin'; name: string }
  | { kind: 'package'; name: string }
  | { kind: 'local'; path: string; layer: Layer };

export interface Token {
  type: 'ident' | 'string' | 'template' | 'number' | 'regex' | 'punct';
  value: string;
  line: number;
}

export const SCANNED_FOLDERS: string[];
export function tokenize(source: string): Token[];
export function findImports(source: string): { specifier: string; line: number }[];
export function findNetworkGlobals(source: string): { name: string; line: number }[];
export function layerOf(relativePath: string): Layer;
export function resolveSpecifier(specifier: string, importingFile: string, rootDir: string): Target;
export function checkSource(relativeFile: string, source: string, rootDir: string): Violation[];
export function listSourceFiles(rootDir: string): string[];
export function checkLayers(rootDir: string): { files: number; violations: Violation[] };
export function formatViolation(violation: Violation): string;
