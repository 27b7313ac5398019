import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLayers, findImports, findNetworkGlobals, formatViolation, type Violation } from './layers.mjs';

const folders: string[] = [];

/** Writes a small project tree into a fresh temporary folder and returns its root. */
function makeTree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-test-'));
  folders.push(root);
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return root;
}

afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

/** Violations of a tree made of `file` with `source` (plus any neighbours). */
function violationsOf(file: string, source: string, neighbours: Record<string, string> = {}): Violation[] {
  return checkLayers(makeTree({ ...neighbours, [file]: source })).violations;
}

function expectViolation(file: string, source: string, rule: RegExp, line = 1): void {
  const violations = violationsOf(file, source);
  expect(violations, `${file}: ${source}`).toContainEqual({ file, line, rule: expect.stringMatching(rule) });
}

function expectClean(file: string, source: string): void {
  expect(violationsOf(file, source), `${file}: ${source}`).toEqual([]);
}

describe('shared/', () => {
  const file = 'shared/thing/thing.ts';

  it('may not import Node builtins, in any import form', () => {
    for (const source of [
      "import fs from 'node:fs';",
      "import { readFileSync } from 'fs';",
      "import type { Stats } from 'node:fs';",
      "import * as path from 'path';",
      "import 'worker_threads';",
      "export * from 'node:stream';",
      "export { Buffer } from 'buffer';",
      "export type { Worker } from 'node:worker_threads';",
      "const os = require('os');",
      "const c = await import('crypto');",
      'type Proc = typeof import(`child_process`);',
      "import { readFile } from 'fs/promises';",
      "import test from 'node:test';",
    ]) {
      expectViolation(file, source, /^shared\/ must not import Node builtins/);
    }
  });

  it('may not import electron, other packages or anything outside shared/', () => {
    expectViolation(file, "import { app } from 'electron';", /^shared\/ must not import electron$/);
    expectViolation(file, "import _ from 'lodash';", /^shared\/ may import only zod among packages \(lodash\)/);
    expectViolation(file, "import { it } from 'vitest';", /only zod among packages \(vitest\)/);
    expectViolation(file, "import { x } from '../../electron/services/vault';", /^shared\/ may import only shared\/ \(electron\/services\/vault\)/);
    expectViolation(file, "import { x } from '../../renderer/src/App';", /^shared\/ may import only shared\/ \(renderer\/src\/App\)/);
    expectViolation(file, "import { x } from '../../scripts/layers.mjs';", /^shared\/ may import only shared\//);
  });

  it('may import zod and shared/, relatively or through @shared', () => {
    expectClean(
      file,
      [
        "import { z } from 'zod';",
        "import * as z4 from 'zod/v4';",
        "import { UserError } from '@shared/errors';",
        "import { searchKey } from '../text/korean';",
        "import data from './data.json';",
        "export { other } from './other';",
        "export type { T } from '@shared/types';",
      ].join('\n'),
    );
  });

  it('test files may also use vitest and Node builtins, but still no network, electron or outside code', () => {
    const test = 'shared/thing/thing.test.ts';
    expectClean(test, "import { it } from 'vitest';\nimport fs from 'node:fs';\nimport os from 'os';");
    expectViolation(test, "import http from 'node:http';", /^shared\/ must not import network modules \(http\)/);
    expectViolation(test, "import { app } from 'electron';", /^shared\/ must not import electron$/);
    expectViolation(test, "import { x } from '../../electron/main/ipc';", /^shared\/ may import only shared\//);
  });
});

describe('electron/services/', () => {
  const file = 'electron/services/vault/vault.ts';

  it('may not import electron or the main, preload, cli and renderer code', () => {
    expectViolation(file, "import { app } from 'electron';", /^electron\/services\/ must not import electron$/);
    expectViolation(file, "import type { IpcMain } from 'electron/main';", /^electron\/services\/ must not import electron$/);
    expectViolation(file, "import { x } from '../../main/ipc';", /^electron\/services\/ must not import electron\/main\//);
    expectViolation(file, "import { x } from '../../preload/index';", /must not import electron\/preload\//);
    expectViolation(file, "import { x } from '../../cli/main';", /must not import electron\/cli\//);
    expectViolation(file, "import { App } from '../../../renderer/src/App';", /must not import renderer\//);
  });

  it('may import shared/, services, Node builtins and the native modules', () => {
    expectClean(
      file,
      [
        "import fs from 'node:fs';",
        "import { randomBytes } from 'crypto';",
        "import Database from 'better-sqlite3-multiple-ciphers';",
        "import argon2 from 'argon2';",
        "import { UserError } from '@shared/errors';",
        "import { other } from '../other/other';",
        "import { z } from 'zod';",
      ].join('\n'),
    );
  });

  it('may not import network modules', () => {
    for (const [source, name] of [
      ["import http from 'node:http';", 'http'],
      ["import https from 'https';", 'https'],
      ["import net from 'node:net';", 'net'],
      ["import tls from 'tls';", 'tls'],
      ["import dgram from 'dgram';", 'dgram'],
      ["import { lookup } from 'dns/promises';", 'dns'],
      ["import http2 from 'node:http2';", 'http2'],
      ["import { request } from 'undici';", 'undici'],
      ["import fetch from 'node-fetch';", 'node-fetch'],
      ["const axios = require('axios');", 'axios'],
      ["import WebSocket from 'ws';", 'ws'],
    ] as const) {
      expectViolation(file, source, new RegExp(`^electron/services/ must not import network modules \\(${name}\\)`));
    }
  });

  it('may not use the global fetch, XMLHttpRequest or WebSocket', () => {
    expectViolation(file, "const r = await fetch('https://example.org');", /must not use the global fetch/);
    expectViolation(file, "const r = await globalThis.fetch('x');", /must not use the global fetch/);
    expectViolation(file, 'const x = new XMLHttpRequest();', /must not use the global XMLHttpRequest/);
    expectViolation(file, "const s = new WebSocket('ws://x');", /must not use the global WebSocket/);
    expectClean(
      file,
      [
        '// we never fetch(anything) here; XMLHttpRequest and WebSocket( are mentioned only in comments',
        "const text = 'fetch(x) and new WebSocket(y)';",
        'const template = `fetch(${1})`;',
        'const prefetch = (n: number) => n;',
        'prefetch(1);',
        'cache.fetch(key);',
        'function fetch(key: string) { return key; }',
        'const re = /fetch\\(/;',
      ].join('\n'),
    );
  });
});

describe('electron/cli/', () => {
  const file = 'electron/cli/commands/init.ts';

  it('may not import electron, main, preload or renderer code', () => {
    expectViolation(file, "import { app } from 'electron';", /^electron\/cli\/ must not import electron$/);
    expectViolation(file, "import { x } from '../../main/index';", /^electron\/cli\/ must not import electron\/main\//);
    expectViolation(file, "import { x } from '../../preload/index';", /must not import electron\/preload\//);
    expectViolation(file, "import { x } from '../../../renderer/src/main';", /must not import renderer\//);
  });

  it('may import services, shared/ and Node, but no network', () => {
    expectClean(
      file,
      "import { openVault } from '../../services/vault';\nimport readline from 'node:readline';\nimport { z } from '@shared/../shared/x';",
    );
    expectViolation(file, "import net from 'node:net';", /^electron\/cli\/ must not import network modules \(net\)/);
    expectViolation(file, "await fetch('http://x');", /^electron\/cli\/ must not use the global fetch/);
  });
});

describe('electron/main/ and electron/preload/', () => {
  it('may not import renderer/', () => {
    expectViolation('electron/main/index.ts', "import { App } from '../../renderer/src/App';", /^electron\/main\/ must not import renderer\//);
    expectViolation('electron/preload/index.ts', "import '../../renderer/src/main';", /^electron\/preload\/ must not import renderer\//);
  });

  it('main may import electron, shared/ and the host client; preload electron and shared/ only', () => {
    expectClean(
      'electron/main/index.ts',
      "import { app } from 'electron';\nimport { x } from '@shared/ipc/contract';\nimport { ServiceHostClient } from '../host/client';\nimport { p } from './security-policy';",
    );
    // The services run in the service host only; the main process holds no key.
    expectViolation('electron/main/index.ts', "import { v } from '../services/vault';", /^electron\/main\/ must not import electron\/services\//);
    expectViolation('electron/main/index.ts', "import { createServiceHandlers } from './handlers';", /^electron\/main\/ must not import electron\/main\/handlers\//);
    expectClean('electron/preload/index.ts', "import { contextBridge } from 'electron';\nimport { x } from '@shared/ipc/contract';");
    expectViolation('electron/preload/index.ts', "import { v } from '../services/vault';", /^electron\/preload\/ must not import electron\/services\//);
    expectViolation('electron/main/index.ts', "import { run } from '../cli/main';", /^electron\/main\/ must not import electron\/cli\//);
  });

  it('are not bound by the offline rules of the lower layers', () => {
    // The main process cancels requests at run time instead; see security-policy.ts.
    expect(findNetworkGlobals("fetch('x')")).toHaveLength(1);
    expectClean('electron/main/x.ts', "void fetch('app://tw/index.html');");
  });
});

describe('electron/host/ and electron/main/handlers/ (the service host)', () => {
  it('may import services, shared/, Node and each other', () => {
    expectClean(
      'electron/main/handlers/index.ts',
      "import fs from 'node:fs';\nimport { Vault } from '../../services/vault/vault';\nimport type { IpcHandlers } from '../../host/types';\nimport { z } from '@shared/ipc/contract';\nimport { t } from './testimonies';",
    );
    expectClean(
      'electron/host/entry.ts',
      "import { useNativeBinding } from '../services/vault/database';\nimport { createServiceHandlers } from '../main/handlers';\nimport { fork } from 'node:child_process';",
    );
  });

  it('may not import electron, even as types, nor the rest of the main process', () => {
    expectViolation('electron/main/handlers/index.ts', "import { dialog } from 'electron';", /^electron\/main\/handlers\/ must not import electron$/);
    expectViolation('electron/main/handlers/x.ts', "import type { WebContents } from 'electron';", /^electron\/main\/handlers\/ must not import electron$/);
    expectViolation('electron/host/entry.ts', "import type { ParentPort } from 'electron';", /^electron\/host\/ must not import electron$/);
    expectViolation('electron/main/handlers/x.ts', "import { policy } from '../security-policy';", /must not import electron\/main\//);
    expectViolation('electron/host/entry.ts', "import { x } from '../main/index';", /^electron\/host\/ must not import electron\/main\//);
    expectViolation('electron/host/entry.ts', "import { api } from '../preload/index';", /must not import electron\/preload\//);
  });

  it('may not reach a network', () => {
    expectViolation('electron/main/handlers/x.ts', "import https from 'node:https';", /must not import network modules \(https\)/);
    expectViolation('electron/host/x.ts', "void fetch('https://example.org');", /^electron\/host\/ must not use the global fetch/);
  });

  it('is imported by neither the preload nor the renderer', () => {
    expectViolation('electron/preload/index.ts', "import { x } from '../host/types';", /^electron\/preload\/ must not import electron\/host\//);
    expectViolation('renderer/src/App.tsx', "import { x } from '../../electron/main/handlers';", /^renderer\/ must not import electron\//);
  });
});

describe('renderer/', () => {
  const file = 'renderer/src/App.tsx';

  it('may not import Node builtins, electron or electron/', () => {
    expectViolation(file, "import fs from 'node:fs';", /^renderer\/ must not import Node builtins \(fs\)/);
    expectViolation(file, "import path from 'path';", /^renderer\/ must not import Node builtins \(path\)/);
    expectViolation(file, "import { ipcRenderer } from 'electron';", /^renderer\/ must not import electron$/);
    expectViolation(file, "import { x } from '../../electron/services/vault';", /^renderer\/ must not import electron\/ \(electron\/services\/vault\)/);
    expectViolation(file, "import type { IpcHandlers } from '../../electron/main/ipc';", /^renderer\/ must not import electron\//);
    expectViolation(file, "import { y } from '../../electron/preload/index';", /^renderer\/ must not import electron\//);
  });

  it('may import React, shared/ and itself', () => {
    expectClean(
      file,
      [
        "import { useState } from 'react';",
        "import { createRoot } from 'react-dom/client';",
        "import type { TwApi } from '@shared/ipc/contract';",
        "import { Button } from './components/Button';",
        'export function App() { return <p>Don\'t lose the "draft"</p>; }',
      ].join('\n'),
    );
  });
});

describe('renderer/ is imported by renderer/ only', () => {
  it('refuses renderer/ from any other folder', () => {
    expectViolation('electron/util.ts', "import { App } from '../renderer/src/App';", /^only renderer\/ may import renderer\/ \(renderer\/src\/App\)/);
    expectViolation('electron/services/x.ts', "import '../../renderer/src/main';", /must not import renderer\//);
    expectClean('renderer/src/main.tsx', "import { App } from './App';\nimport { B } from '../src/B';");
  });
});

describe('finding imports', () => {
  it('ignores comments, strings, templates and regular expressions', () => {
    const source = [
      "// import fs from 'fs';",
      "/* const x = require('fs'); */",
      'const s = "import fs from \'fs\'";',
      "const t = `import x from 'fs'`;",
      "const r = /import\\s+from 'fs'/;",
      'const d = a / b; const e = c / d;',
      "const o = { import: 1, require: 2, export: 3 }; o.require('fs'); o.import('fs');",
    ].join('\n');
    expect(findImports(source)).toEqual([]);
  });

  it('finds every form, with the line of the specifier', () => {
    const source = [
      "import a from 'a';", // 1
      'import {', // 2
      '  type B,', // 3
      '  c as C,', // 4
      "} from 'b';", // 5
      "import * as d from 'd';", // 6
      "import 'e';", // 7
      "export * from 'f';", // 8
      "export * as g from 'g';", // 9
      "export { h } from 'h';", // 10
      "export type { I } from 'i';", // 11
      "const j = require('j');", // 12
      "const k = await import('k');", // 13
      'type L = typeof import(`l`);', // 14
      "import m, { n } from 'm';", // 15
      "import o = require('o');", // 16
      "const p = `${require('p')}`;", // 17
      'export const from = 1;', // 18
      "export { from };", // 19
      "import { default as q } from 'q';", // 20
    ].join('\n');
    expect(findImports(source)).toEqual([
      { specifier: 'a', line: 1 },
      { specifier: 'b', line: 5 },
      { specifier: 'd', line: 6 },
      { specifier: 'e', line: 7 },
      { specifier: 'f', line: 8 },
      { specifier: 'g', line: 9 },
      { specifier: 'h', line: 10 },
      { specifier: 'i', line: 11 },
      { specifier: 'j', line: 12 },
      { specifier: 'k', line: 13 },
      { specifier: 'l', line: 14 },
      { specifier: 'm', line: 15 },
      { specifier: 'o', line: 16 },
      { specifier: 'p', line: 17 },
      { specifier: 'q', line: 20 },
    ]);
  });

  it('keeps counting lines through multi-line comments and templates', () => {
    const source = "/*\n\n*/\nconst t = `\n\n`;\nimport fs from 'node:fs';";
    expect(findImports(source)).toEqual([{ specifier: 'node:fs', line: 7 }]);
  });

  it('a stray apostrophe in JSX text spoils at most its own line', () => {
    const violations = violationsOf(
      'renderer/src/Note.tsx',
      "const note = <p>Don't</p>;\nconst fs = require('node:fs');",
    );
    expect(violations).toEqual([{ file: 'renderer/src/Note.tsx', line: 2, rule: 'renderer/ must not import Node builtins (fs)' }]);
  });
});

describe('the scan', () => {
  it('covers .ts/.tsx/.mjs/.js, skips node_modules, out and other file types', () => {
    const root = makeTree({
      'shared/a.ts': "import 'node:fs';",
      'shared/b.tsx': "import 'node:fs';",
      'shared/c.mjs': "import 'node:fs';",
      'shared/d.js': "import 'node:fs';",
      'shared/e.json': '{"import": "node:fs"}',
      'shared/f.md': "import 'node:fs';",
      'shared/node_modules/x/index.js': "import 'node:fs';",
      'renderer/out/index.js': "import 'node:fs';",
      'scripts/tool.mjs': "import 'node:fs';",
      'tests/e2e.test.ts': "import { app } from 'electron';",
    });
    const { files, violations } = checkLayers(root);
    expect(files).toBe(4);
    expect(violations.map((violation) => violation.file)).toEqual(['shared/a.ts', 'shared/b.tsx', 'shared/c.mjs', 'shared/d.js']);
  });

  it('prints file:line: rule and exits 1 on violations, 0 otherwise', () => {
    const script = fileURLToPath(new URL('./check-layers.mjs', import.meta.url));
    const bad = makeTree({ 'shared/x.ts': "\nimport { app } from 'electron';" });
    const failed = spawnSync(process.execPath, [script, bad], { encoding: 'utf8' });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('shared/x.ts:2: shared/ must not import electron');
    expect(formatViolation({ file: 'a.ts', line: 3, rule: 'r' })).toBe('a.ts:3: r');

    const good = makeTree({ 'shared/x.ts': "import { z } from 'zod';" });
    const passed = spawnSync(process.execPath, [script, good], { encoding: 'utf8' });
    expect(passed.status).toBe(0);
  });
});
