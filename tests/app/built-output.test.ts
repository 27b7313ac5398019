/**
 * Reads what `npm run build` produced (out/) and checks the hardening there, where a
 * misconfigured bundler or a stray edit would show: the CSP of the page, the window's
 * webPreferences, what the preload may require, what the renderer could fetch, runtime code
 * generation, and that the built service host runs.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { IPC_CHANNELS, type IpcChannel } from '@shared/ipc/contract';
import { ServiceHostClient } from '../../electron/host/client';
import { parseIpcResult } from '../../electron/host/dispatch';
import { spawnNodeHost } from '../../electron/host/node-process';
import { CONTENT_SECURITY_POLICY, metaTagPolicy } from '../../electron/main/security-policy';
import { Vault } from '../../electron/services/vault/vault';
import { OUT, assertBuilt, filesUnder, readOut } from '../helpers/built-app';
import { tempDir } from '../helpers/temp';

beforeAll(() => assertBuilt());

const bundles = () => [
  ...filesUnder('main').map((file) => `main/${file}`),
  ...filesUnder('preload').map((file) => `preload/${file}`),
  ...filesUnder('renderer').filter((file) => /\.(js|mjs|css|html)$/.test(file)).map((file) => `renderer/${file}`),
];

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

/** The object literal passed to `new BrowserWindow(...)` in the main bundle, as text. */
function browserWindowOptions(mainBundle: string): string {
  const start = mainBundle.indexOf('new BrowserWindow(');
  expect(start, 'main bundle creates a BrowserWindow').toBeGreaterThan(-1);
  let depth = 0;
  for (let i = mainBundle.indexOf('{', start); i < mainBundle.length; i += 1) {
    if (mainBundle[i] === '{') depth += 1;
    if (mainBundle[i] === '}') depth -= 1;
    if (depth === 0) return mainBundle.slice(start, i + 1);
  }
  throw new Error('unbalanced BrowserWindow options');
}

describe('the built page', () => {
  it('carries the same strict CSP as meta tag as the app:// responses send as header', () => {
    const html = readOut('renderer/index.html');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)?.[1];
    expect(meta).toBe(metaTagPolicy(CONTENT_SECURITY_POLICY));

    // The header the main bundle sends is the same policy, directive by directive.
    const main = readOut('main/index.js');
    for (const directive of CONTENT_SECURITY_POLICY.split('; ')) expect(main).toContain(`"${directive}"`);

    const header = directives(CONTENT_SECURITY_POLICY);
    expect(header.get('default-src')).toBe("'none'");
    expect(header.get('script-src')).toBe("'self'");
    expect(header.get('connect-src')).toBe("'none'");
    expect(header.get('object-src')).toBe("'none'");
    expect(header.get('frame-ancestors')).toBe("'none'");
    expect(header.get('base-uri')).toBe("'none'");
    for (const [name, values] of header) {
      expect(values, name).not.toMatch(/unsafe-|\*|https?:|wss?:|file:|filesystem:/);
    }
    // Meta tag: the header's directives, less the one browsers ignore in a meta tag.
    const metaDirectives = directives(meta!);
    expect([...metaDirectives.keys()]).toEqual([...header.keys()].filter((name) => name !== 'frame-ancestors'));
    for (const [name, values] of metaDirectives) expect(values).toBe(header.get(name));
  });

  it('has no inline script or style, and loads its assets from its own origin', () => {
    const html = readOut('renderer/index.html');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i); // no inline event handlers
    const references = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((match) => match[1]!);
    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) expect(reference, reference).toMatch(/^(?:\.\/|\/)(?!\/)/);
  });
});

describe('the built main process', () => {
  it('creates its window sandboxed, context-isolated, without Node', () => {
    const options = browserWindowOptions(readOut('main/index.js'));
    expect(options).toMatch(/\bsandbox:\s*(?:true|!0)/);
    expect(options).toMatch(/\bcontextIsolation:\s*(?:true|!0)/);
    expect(options).toMatch(/\bnodeIntegration:\s*(?:false|!1)/);
    expect(options).toMatch(/\bnodeIntegrationInWorker:\s*(?:false|!1)/);
    expect(options).toMatch(/\bnodeIntegrationInSubFrames:\s*(?:false|!1)/);
    expect(options).toMatch(/\bwebviewTag:\s*(?:false|!1)/);
    expect(options).toMatch(/\bwebSecurity:\s*(?:true|!0)/);
    expect(options).toMatch(/\ballowRunningInsecureContent:\s*(?:false|!1)/);
    expect(options).toMatch(/\bdevTools:\s*!app\.isPackaged/);
    expect(options).not.toMatch(/enableRemoteModule|experimentalFeatures|enableBlinkFeatures/);
  });

  it('wires every hardening hook', () => {
    const main = readOut('main/index.js');
    for (const hook of [
      'enableSandbox()',
      'registerSchemesAsPrivileged',
      'onBeforeRequest',
      'setPermissionRequestHandler',
      'setPermissionCheckHandler',
      'setDevicePermissionHandler',
      '"will-navigate"',
      '"will-frame-navigate"',
      '"will-redirect"',
      '"will-attach-webview"',
      '"will-download"',
      'setWindowOpenHandler',
      'setWebRTCIPHandlingPolicy',
      '"before-input-event"',
      '"lock-screen"',
      '"suspend"',
      'utilityProcess.fork',
      '"host-resolver-rules"',
    ]) {
      expect(main, hook).toContain(hook);
    }
    expect(main).not.toMatch(/@electron\/remote|\bfile:\/\/|loadFile\(/);
    expect(main).not.toMatch(/\bsandbox:\s*(?:false|!1)|contextIsolation:\s*(?:false|!1)|nodeIntegration:\s*(?:true|!0)/);
  });

  it('loads nothing at run time but electron, Node builtins, the two native modules and its own chunks', () => {
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    for (const file of filesUnder('main')) {
      // Bundled libraries carry usage examples in their doc comments (" * import { x } from '…'"): not code.
      const code = readOut(`main/${file}`)
        .split('\n')
        .filter((line) => !/^\s*(?:\*|\/\/|\/\*)/.test(line))
        .join('\n');
      const specifiers = [
        // A specifier holds no comma or line break: not the word list '"from",\n"girl"' of the detector's data.
        ...code.matchAll(/\bfrom\s*["']([^"',\n]+)["']/g),
        ...code.matchAll(/(?<![.\w$])import\s*\(\s*["']([^"']+)["']\s*\)/g),
        ...code.matchAll(/(?<![.\w$])require\s*\(\s*["']([^"']+)["']\s*\)/g),
        ...code.matchAll(/^\s*import\s*["']([^"']+)["']/gm),
      ].map((match) => match[1]!);
      for (const specifier of specifiers) {
        const allowed =
          builtins.has(specifier) ||
          specifier.startsWith('./') ||
          specifier.startsWith('../') ||
          ['better-sqlite3-multiple-ciphers', 'argon2'].includes(specifier) ||
          (specifier === 'electron' && file === 'index.js');
        expect(allowed, `${file} imports ${specifier}`).toBe(true);
      }
    }
  });
});

describe('the built preload', () => {
  it('requires nothing but electron, and exposes one object', () => {
    const preload = readOut('preload/index.cjs');
    const required = new Set([...preload.matchAll(/(?<![.\w$])require\s*\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]));
    expect([...required]).toEqual(['electron']);
    expect(preload).not.toMatch(/\bimport\s*\(|^\s*import\s/m);
    expect([...preload.matchAll(/exposeInMainWorld\(/g)]).toHaveLength(1);
    expect(preload).toMatch(/exposeInMainWorld\(\s*["']tw["']/);
    expect(preload).not.toMatch(/exposeInIsolatedWorld|exposeInMainWorld\(\s*["'](?!tw)/);
  });
});

describe('all bundles', () => {
  it('generate no code at run time: no eval, no Function constructor', () => {
    for (const file of bundles()) {
      const code = readOut(file);
      expect(code, file).not.toMatch(/\bnew\s+Function\b/);
      expect(code, file).not.toMatch(/(?<![\w.$])(?:Function|eval)\s*\(/);
      expect(code, file).not.toMatch(/=\s*Function\s*[;,)]/);
      expect(code, file).not.toMatch(/\bset(?:Timeout|Interval)\s*\(\s*["'`]/);
    }
  });

  it('the renderer names no URL it could fetch: only identifiers, error-text links and a parse-only template', () => {
    const allowed = [
      /^http:\/\/www\.w3\.org\//, // XML namespaces (SVG, MathML, XLink)
      /^https?:\/\/json-schema\.org\/draft[\w/.-]*\/schema#?$/, // JSON Schema dialect ids in zod's toJSONSchema
      /^https:\/\/react\.dev\/errors\//, // React's error messages
      /^http:\/\/\[\$\{\w+\}\]$/, // zod's IPv6 check: `new URL(\`http://[${address}]\`)`, parsed, never fetched
    ];
    for (const file of filesUnder('renderer').filter((name) => /\.(js|mjs|css|html|json|svg)$/.test(name))) {
      const code = readOut(`renderer/${file}`);
      for (const match of code.matchAll(/(?:https?|wss?|ftp):\/\/[^\s"'`()<>\\]*/g)) {
        expect(allowed.some((pattern) => pattern.test(match[0])), `${file}: ${match[0]}`).toBe(true);
      }
      expect(code, file).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//i);
      // Protocol-relative URLs ("//cdn.example.org/x") would resolve against app:// but still name a host.
      expect(code, file).not.toMatch(/["'`(]\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+\//i);
    }
  });
});

describe('the built service host', () => {
  it('runs in plain Node: opens a real vault, answers through the protocol, ends on lock', async () => {
    const dir = path.join(tempDir(), 'vault');
    const client = new ServiceHostClient({
      spawn: () => spawnNodeHost({ modulePath: path.join(OUT, 'main', 'host.js') }),
      config: () => ({ vaultDir: dir }),
      onProgress: () => undefined,
      onUnexpectedExit: () => undefined,
    });
    const call = async (channel: IpcChannel, request?: unknown) =>
      parseIpcResult(channel, await client.call(channel, request, { webContentsId: 1 }));
    try {
      await expect(call(IPC_CHANNELS.vaultStatus)).resolves.toEqual({ ok: true, value: { state: 'no-vault' } });
      const { vault } = await Vault.create(dir, { userName: 'archivist', roles: ['archivist'], passphrase: 'built host passphrase' });
      vault.lock();
      await expect(call(IPC_CHANNELS.vaultUnlock, { passphrase: 'built host passphrase' })).resolves.toMatchObject({
        ok: true,
        value: { session: { kind: 'user', user: { name: 'archivist', roles: ['archivist'] } } },
      });
      const pid = client.pid!;
      await client.lock();
      expect(() => process.kill(pid, 0)).toThrow();
    } finally {
      await client.lock();
    }
  });
});
