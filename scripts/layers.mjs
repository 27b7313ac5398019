// The layer rules of docs/architecture.md as a function: which folder may import what, and where
// network access is refused. Plain Node, no dependencies. `scripts/check-layers.mjs` runs it on the
// project; `scripts/check-layers.test.ts` tests every rule on small trees.
//
// Imports are found with a small tokenizer (strings, template literals, comments and regular
// expressions are skipped properly), so text that merely looks like an import is not reported.
// Specifiers must be literal: `import(name)` with a computed name cannot be checked and is ignored.

import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

/** Folders scanned, relative to the project root. */
export const SCANNED_FOLDERS = ['shared', 'electron', 'renderer'];

const SKIPPED_FOLDERS = new Set(['node_modules', 'out', 'dist']);
const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const TEST_FILE = /\.(?:test|spec)\.(?:[cm]?[jt]s|[jt]sx)$/;

const BUILTINS = new Set(builtinModules.map((name) => name.replace(/^node:/, '').split('/')[0]));
const NETWORK_BUILTINS = new Set(['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', '_http_agent', '_http_client', '_http_common', '_http_incoming', '_http_outgoing', '_http_server', '_tls_common', '_tls_wrap']);
const NETWORK_PACKAGES = new Set(['undici', 'node-fetch', 'axios', 'ws', 'cross-fetch', 'isomorphic-fetch', 'got', 'superagent', 'request', 'needle', 'socket.io-client']);
/** Packages shared/ may import. Test files may also import the test runner. */
const SHARED_PACKAGES = new Set(['zod']);
const TEST_PACKAGES = new Set(['vitest']);
/** Layers where the program must have no way to reach a network. */
const OFFLINE_LAYERS = new Set(['shared', 'services', 'cli', 'host', 'handlers']);
const GLOBAL_OBJECTS = new Set(['globalThis', 'window', 'self', 'global']);

const LAYER_LABEL = {
  shared: 'shared/',
  services: 'electron/services/',
  cli: 'electron/cli/',
  main: 'electron/main/',
  handlers: 'electron/main/handlers/',
  host: 'electron/host/',
  preload: 'electron/preload/',
  electron: 'electron/',
  renderer: 'renderer/',
};

// ---------------------------------------------------------------- tokenizer

const KEYWORDS_BEFORE_EXPRESSION = new Set([
  'return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'instanceof', 'yield', 'await',
]);

/**
 * Splits JavaScript/TypeScript into identifier, string, template, number, regex and punctuation
 * tokens with their line numbers, dropping comments. Good enough for import statements: strings
 * never span lines, so a stray quote in JSX text spoils at most one line.
 */
export function tokenize(source) {
  const tokens = [];
  const braces = []; // '{' for a block, '${' for a template substitution
  let i = 0;
  let line = 1;
  const length = source.length;

  const last = () => tokens[tokens.length - 1];
  const regexMayStart = () => {
    const previous = last();
    if (!previous) return true;
    if (previous.type === 'ident') return KEYWORDS_BEFORE_EXPRESSION.has(previous.value);
    if (previous.type === 'punct') return !(previous.value === ')' || previous.value === ']' || previous.value === '}');
    return false;
  };

  /** Reads template text from i (just after '`' or a substitution's '}'); pushes a token at its end. */
  const readTemplate = (startLine, isHead) => {
    let text = '';
    while (i < length) {
      const ch = source[i];
      if (ch === '\\') {
        if (source[i + 1] === '\n') line++;
        text += source.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (ch === '`') {
        i++;
        // Only a template without substitutions is a plain string (usable as a specifier).
        tokens.push({ type: isHead ? 'string' : 'template', value: text, line: startLine });
        return;
      }
      if (ch === '$' && source[i + 1] === '{') {
        i += 2;
        braces.push('${');
        tokens.push({ type: 'template', value: text, line: startLine });
        return;
      }
      if (ch === '\n') line++;
      text += ch;
      i++;
    }
    tokens.push({ type: 'template', value: text, line: startLine });
  };

  while (i < length) {
    const ch = source[i];
    const next = source[i + 1];

    if (ch === '\n') {
      line++;
      i++;
      continue;
    }
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '/' && next === '/') {
      while (i < length && source[i] !== '\n') i++;
      continue;
    }
    if (ch === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? length : end + 2;
      for (let k = i; k < stop; k++) if (source[k] === '\n') line++;
      i = stop;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let value = '';
      i++;
      while (i < length && source[i] !== ch && source[i] !== '\n') {
        if (source[i] === '\\' && i + 1 < length) {
          if (source[i + 1] === '\n') line++;
          value += source[i + 1];
          i += 2;
          continue;
        }
        value += source[i];
        i++;
      }
      if (source[i] === ch) i++;
      tokens.push({ type: 'string', value, line });
      continue;
    }
    if (ch === '`') {
      i++;
      readTemplate(line, true);
      continue;
    }
    if (ch === '{') {
      braces.push('{');
      tokens.push({ type: 'punct', value: ch, line });
      i++;
      continue;
    }
    if (ch === '}') {
      const opener = braces.pop();
      i++;
      if (opener === '${') {
        readTemplate(line, false);
      } else {
        tokens.push({ type: 'punct', value: ch, line });
      }
      continue;
    }
    if (/[\p{ID_Start}$_\\]/u.test(ch)) {
      let value = '';
      while (i < length && /[\p{ID_Continue}$\u200c\u200d\\]/u.test(source[i])) {
        value += source[i];
        i++;
      }
      tokens.push({ type: 'ident', value, line });
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(next ?? ''))) {
      let value = '';
      while (i < length && /[0-9A-Za-z_.]/.test(source[i])) {
        value += source[i];
        i++;
      }
      tokens.push({ type: 'number', value, line });
      continue;
    }
    if (ch === '/' && regexMayStart()) {
      let value = '/';
      let inClass = false;
      i++;
      while (i < length && source[i] !== '\n') {
        const c = source[i];
        if (c === '\\') {
          value += source.slice(i, i + 2);
          i += 2;
          continue;
        }
        value += c;
        i++;
        if (c === '[') inClass = true;
        else if (c === ']') inClass = false;
        else if (c === '/' && !inClass) break;
      }
      while (i < length && /[a-z]/i.test(source[i])) value += source[i++];
      tokens.push({ type: 'regex', value, line });
      continue;
    }
    tokens.push({ type: 'punct', value: ch, line });
    i++;
  }
  return tokens;
}

// ---------------------------------------------------------------- finding imports

const CLAUSE_PUNCT = new Set(['{', '}', ',', '*']);

function isPropertyAccess(tokens, index) {
  const previous = tokens[index - 1];
  return previous !== undefined && previous.type === 'punct' && previous.value === '.';
}

/** From tokens[start], walks an import/export clause up to `from '<specifier>'`; undefined if there is none. */
function clauseSpecifier(tokens, start) {
  for (let j = start; j < tokens.length && j < start + 500; j++) {
    const token = tokens[j];
    if (token.type === 'ident') {
      const following = tokens[j + 1];
      if (token.value === 'from' && following?.type === 'string') return following;
      continue;
    }
    if (token.type === 'string') continue; // import { "a-b" as ab }
    if (token.type === 'punct' && CLAUSE_PUNCT.has(token.value)) continue;
    return undefined;
  }
  return undefined;
}

/**
 * Every module specifier in a source text: static imports (also `import type`), side-effect
 * imports, `export … from`, `require('x')`, `import('x')` and `typeof import('x')`.
 * Returns `{ specifier, line }[]`.
 */
export function findImports(source) {
  const tokens = tokenize(source);
  const found = [];
  const add = (token) => found.push({ specifier: token.value, line: token.line });

  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k];
    if (token.type !== 'ident' || isPropertyAccess(tokens, k)) continue;
    const next = tokens[k + 1];
    if (!next) break;

    if (token.value === 'import') {
      if (next.type === 'punct' && next.value === '(') {
        const argument = tokens[k + 2];
        if (argument?.type === 'string') add(argument);
      } else if (next.type === 'string') {
        add(next); // import 'x'
      } else if (!(next.type === 'punct' && next.value === '.')) {
        const specifier = clauseSpecifier(tokens, k + 1);
        if (specifier) add(specifier);
      }
    } else if (token.value === 'export') {
      let start = k + 1;
      if (next.type === 'ident' && next.value === 'type') start++;
      const opener = tokens[start];
      if (opener?.type === 'punct' && (opener.value === '{' || opener.value === '*')) {
        const specifier = clauseSpecifier(tokens, start);
        if (specifier) add(specifier);
      }
    } else if (token.value === 'require') {
      const argument = tokens[k + 2];
      if (next.type === 'punct' && next.value === '(' && argument?.type === 'string') add(argument);
    }
  }
  return found;
}

/** Uses of the global network APIs: `fetch(`, `XMLHttpRequest`, `WebSocket(`. Returns `{ name, line }[]`. */
export function findNetworkGlobals(source) {
  const tokens = tokenize(source);
  const found = [];
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k];
    if (token.type !== 'ident') continue;
    if (token.value !== 'fetch' && token.value !== 'XMLHttpRequest' && token.value !== 'WebSocket') continue;
    if (isPropertyAccess(tokens, k)) {
      // obj.fetch(…) is somebody's method; globalThis.fetch(…) is the global.
      const owner = tokens[k - 2];
      if (!(owner?.type === 'ident' && GLOBAL_OBJECTS.has(owner.value))) continue;
    }
    const previous = tokens[k - 1];
    if (previous?.type === 'ident' && previous.value === 'function') continue; // declaring one's own
    const next = tokens[k + 1];
    const called = next?.type === 'punct' && next.value === '(';
    if (token.value === 'XMLHttpRequest' || called) found.push({ name: token.value, line: token.line });
  }
  return found;
}

// ---------------------------------------------------------------- layers

function toPosix(relative) {
  return relative.split(path.sep).join('/');
}

/** Which layer a path (relative to the project root, posix) belongs to; 'other' outside the three folders. */
export function layerOf(relativePath) {
  if (relativePath === '..' || relativePath.startsWith('../') || path.isAbsolute(relativePath)) return 'other';
  const [top, second] = relativePath.split('/');
  if (top === 'shared') return 'shared';
  if (top === 'renderer') return 'renderer';
  if (top === 'electron') {
    // The service handlers run inside the service host, a plain Node process: a layer of their own.
    if (second === 'main' && relativePath.split('/')[2] === 'handlers') return 'handlers';
    if (second === 'services' || second === 'cli' || second === 'main' || second === 'preload' || second === 'host') return second;
    return 'electron';
  }
  return 'other';
}

/**
 * What a specifier points at: a Node builtin, an npm package, or a project path (relative paths and
 * the `@shared/` alias resolved against the importing file and the root).
 */
export function resolveSpecifier(specifier, importingFile, rootDir) {
  if (specifier.startsWith('node:')) return { kind: 'builtin', name: specifier.slice(5).split('/')[0] };
  let target;
  if (specifier === '@shared' || specifier.startsWith('@shared/')) {
    target = path.join(rootDir, 'shared', specifier.slice('@shared'.length));
  } else if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
    target = path.resolve(path.dirname(importingFile), specifier);
  } else if (path.isAbsolute(specifier) || /^[A-Za-z]:[\\/]/.test(specifier) || specifier.startsWith('file:')) {
    target = specifier.startsWith('file:') ? new URL(specifier).pathname : specifier;
  }
  if (target !== undefined) {
    const relative = toPosix(path.relative(rootDir, target));
    return { kind: 'local', path: relative === '' ? '.' : relative, layer: layerOf(relative) };
  }
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  if (BUILTINS.has(name)) return { kind: 'builtin', name };
  return { kind: 'package', name };
}

function describeTarget(target) {
  return target.kind === 'local' ? target.path : target.name;
}

/** The rules one import breaks (usually none, at most one message). */
function importRule(layer, target, isTest) {
  const label = LAYER_LABEL[layer];
  const what = describeTarget(target);
  const isElectron = target.kind === 'package' && target.name === 'electron';

  if (OFFLINE_LAYERS.has(layer)) {
    const network =
      (target.kind === 'builtin' && NETWORK_BUILTINS.has(target.name)) ||
      (target.kind === 'package' && NETWORK_PACKAGES.has(target.name));
    if (network) return `${label} must not import network modules (${what})`;
  }

  switch (layer) {
    case 'shared':
      if (target.kind === 'builtin' && !isTest) return `shared/ must not import Node builtins (${what})`;
      if (isElectron) return 'shared/ must not import electron';
      if (target.kind === 'package' && !SHARED_PACKAGES.has(target.name) && !(isTest && TEST_PACKAGES.has(target.name))) {
        return `shared/ may import only zod among packages (${what})`;
      }
      if (target.kind === 'local' && target.layer !== 'shared') return `shared/ may import only shared/ (${what})`;
      break;
    case 'services':
      if (isElectron) return 'electron/services/ must not import electron';
      if (target.kind === 'local' && ['main', 'handlers', 'host', 'preload', 'cli', 'renderer'].includes(target.layer)) {
        return `electron/services/ must not import ${LAYER_LABEL[target.layer]} (${what})`;
      }
      break;
    case 'cli':
      if (isElectron) return 'electron/cli/ must not import electron';
      if (target.kind === 'local' && ['main', 'handlers', 'preload', 'renderer'].includes(target.layer)) {
        return `electron/cli/ must not import ${LAYER_LABEL[target.layer]} (${what})`;
      }
      break;
    case 'host':
    case 'handlers':
      // Both run in the service host, which is plain Node (a utilityProcess, or a child process in
      // tests): no electron, and of the main process only each other (handlers + host types).
      if (isElectron) return `${label} must not import electron`;
      if (target.kind === 'local' && ['main', 'preload', 'cli', 'renderer', 'electron'].includes(target.layer)) {
        return `${label} must not import ${LAYER_LABEL[target.layer]} (${what})`;
      }
      break;
    case 'main':
      // Testimony work runs in the service host, never in the main process: locking ends the
      // host's process, and with it every key and decrypted byte; the main process must hold none.
      if (target.kind === 'local' && ['services', 'handlers', 'preload', 'cli', 'renderer'].includes(target.layer)) {
        return `electron/main/ must not import ${LAYER_LABEL[target.layer]} (${what})`;
      }
      break;
    case 'preload':
      // The sandboxed preload gets shared/ and electron only; services run in the main process.
      if (target.kind === 'local' && ['main', 'handlers', 'host', 'services', 'cli', 'renderer'].includes(target.layer)) {
        return `electron/preload/ must not import ${LAYER_LABEL[target.layer]} (${what})`;
      }
      break;
    case 'renderer':
      if (target.kind === 'builtin' && !isTest) return `renderer/ must not import Node builtins (${what})`;
      if (isElectron) return 'renderer/ must not import electron';
      if (target.kind === 'local' && ['services', 'cli', 'main', 'handlers', 'host', 'preload', 'electron'].includes(target.layer)) {
        return `renderer/ must not import electron/ (${what})`;
      }
      break;
    default:
      break;
  }
  if (target.kind === 'local' && target.layer === 'renderer' && layer !== 'renderer') {
    return `only renderer/ may import renderer/ (${what})`;
  }
  return undefined;
}

/**
 * Checks one file. `relativeFile` is its path from the root (posix). Returns
 * `{ file, line, rule }[]`.
 */
export function checkSource(relativeFile, source, rootDir) {
  const layer = layerOf(relativeFile);
  if (layer === 'other') return [];
  const isTest = TEST_FILE.test(relativeFile);
  const absoluteFile = path.join(rootDir, relativeFile);
  const violations = [];

  for (const { specifier, line } of findImports(source)) {
    const target = resolveSpecifier(specifier, absoluteFile, rootDir);
    const rule = importRule(layer, target, isTest);
    if (rule) violations.push({ file: relativeFile, line, rule });
  }
  if (OFFLINE_LAYERS.has(layer)) {
    for (const { name, line } of findNetworkGlobals(source)) {
      violations.push({ file: relativeFile, line, rule: `${LAYER_LABEL[layer]} must not use the global ${name}` });
    }
  }
  return violations;
}

/** Source files under the scanned folders, relative to the root (posix), sorted. */
export function listSourceFiles(rootDir) {
  const files = [];
  const walk = (relativeDir) => {
    let entries;
    try {
      entries = fs.readdirSync(path.join(rootDir, relativeDir), { withFileTypes: true });
    } catch {
      return; // folder absent
    }
    for (const entry of entries) {
      const relative = `${relativeDir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) walk(relative);
      } else if (entry.isFile() && SOURCE_FILE.test(entry.name)) {
        files.push(relative);
      }
    }
  };
  for (const folder of SCANNED_FOLDERS) walk(folder);
  return files.sort();
}

/** Checks the whole project. Returns `{ files, violations }`. */
export function checkLayers(rootDir) {
  const files = listSourceFiles(rootDir);
  const violations = [];
  for (const file of files) {
    violations.push(...checkSource(file, fs.readFileSync(path.join(rootDir, file), 'utf8'), rootDir));
  }
  return { files: files.length, violations };
}

export function formatViolation(violation) {
  return `${violation.file}:${violation.line}: ${violation.rule}`;
}
