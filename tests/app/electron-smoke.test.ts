/**
 * End-to-end smoke test of the built app in real Electron (Playwright's `_electron`): the page has
 * no Node, `window.tw` is there, the network and navigation are refused, a real vault unlocks
 * through `window.tw`, and the lock shortcut and the idle timeout lock it again.
 *
 * It needs the Electron binary (`npx install-electron`) and SQLite built for Electron
 * (`npm run native:electron`), both fetched over the network once; where the binary is missing it
 * is skipped with that message.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault } from '../../electron/services/vault/vault';
import { assertBuilt, ROOT } from '../helpers/built-app';
import { tempDir } from '../helpers/temp';

const SKIP_MESSAGE = 'Electron binary not installed: run npx install-electron';
const PASSPHRASE = 'electron smoke passphrase';

/** The Electron executable node_modules/electron would run, if its binary is installed (without downloading it). */
function installedElectron(): string | undefined {
  const dir = path.join(ROOT, 'node_modules', 'electron');
  try {
    const executable = path.join(dir, 'dist', fs.readFileSync(path.join(dir, 'path.txt'), 'utf8').trim());
    return fs.existsSync(executable) ? executable : undefined;
  } catch {
    return undefined;
  }
}

const electronPath = installedElectron();
if (!electronPath) console.info(`Electron end-to-end smoke test skipped. ${SKIP_MESSAGE}`);

/** A virtual display where there is none (CI): Electron needs a screen even when tests do not look. */
async function ensureDisplay(): Promise<{ env: Record<string, string>; stop: () => void }> {
  if (process.platform !== 'linux' || process.env['DISPLAY']) return { env: {}, stop: () => undefined };
  const display = `:${90 + Math.floor(Math.random() * 400)}`;
  const xvfb: ChildProcess = spawn('Xvfb', [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return { env: { DISPLAY: display }, stop: () => xvfb.kill() };
}

async function launch(userData: string, extraEnv: Record<string, string> = {}): Promise<{ app: ElectronApplication; page: Page }> {
  const display = await ensureDisplay();
  stops.push(display.stop);
  // Chromium refuses to run as root with its OS sandbox (CI runs as root); the app's own settings
  // (sandbox: true, contextIsolation, no Node) are what this test checks, and they still hold.
  const args = process.getuid?.() === 0 ? ['--no-sandbox', ROOT] : [ROOT];
  const app = await electron.launch({
    executablePath: electronPath!,
    args,
    cwd: ROOT,
    env: {
      ...(process.env as Record<string, string>),
      ...display.env,
      TW_USER_DATA_DIR: userData,
      TW_VAULT_DIR: path.join(userData, 'vault'),
      ...extraEnv,
    },
    timeout: 60_000,
  });
  apps.push(app);
  const page = await app.firstWindow();
  await page.waitForLoadState('load');
  return { app, page };
}

const apps: ElectronApplication[] = [];
const stops: Array<() => void> = [];

/** The vault state the page sees, or 'reloading' while the window gets its fresh renderer. */
async function vaultState(app: ElectronApplication): Promise<string> {
  try {
    const page = app.windows()[0];
    if (!page) return 'no window';
    const result = await page.evaluate(() => window.tw.vault.status());
    return result.ok ? result.value.state : `error ${result.error.code}`;
  } catch {
    return 'reloading';
  }
}

describe.skipIf(!electronPath)('the app in Electron', () => {
  let userData: string;

  beforeAll(async () => {
    assertBuilt();
    const { buildSqliteForElectron } = await import('../../scripts/electron-native.mjs');
    await buildSqliteForElectron();
    userData = tempDir('tw-e2e-');
    const { vault } = await Vault.create(path.join(userData, 'vault'), { userName: 'minji', roles: ['interviewer'], passphrase: PASSPHRASE });
    vault.lock();
  }, 600_000);

  afterAll(async () => {
    for (const app of apps.splice(0)) await app.close().catch(() => undefined);
    for (const stop of stops.splice(0)) stop();
  });

  it('gives the page window.tw and nothing of Node', async () => {
    const { page } = await launch(userData);
    expect(page.url()).toBe('app://tw/index.html');
    const facts = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      module: typeof (globalThis as { module?: unknown }).module,
      buffer: typeof (globalThis as { Buffer?: unknown }).Buffer,
      tw: typeof window.tw,
      api: Object.keys(window.tw).sort(),
    }));
    expect(facts).toMatchObject({ require: 'undefined', process: 'undefined', module: 'undefined', buffer: 'undefined', tw: 'object' });
    expect(facts.api).toEqual(expect.arrayContaining(['app', 'invoke', 'onProgress', 'onVaultLocked', 'vault']));
    await expect(page.evaluate(() => window.tw.app.info())).resolves.toMatchObject({ ok: true });
  });

  it('refuses the network, navigation and new windows', async () => {
    const { app, page } = await launch(userData);
    const fetched = await page.evaluate(async () => {
      try {
        await fetch('http://example.com/');
        return 'fetched';
      } catch {
        return 'refused';
      }
    });
    expect(fetched).toBe('refused');
    // Past the page's CSP too: the session itself refuses (webRequest), and no name resolves.
    const fromMain = await app.evaluate(async ({ session }) => {
      try {
        await session.fromPartition('tw-app').fetch('http://example.com/');
        return 'fetched';
      } catch {
        return 'refused';
      }
    });
    expect(fromMain).toBe('refused');

    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe('app://tw/index.html');
    await expect(page.evaluate(() => window.open('https://example.com/') === null)).resolves.toBe(true);
    expect(app.windows()).toHaveLength(1);
  });

  it('unlocks a real vault through window.tw and locks it with the shortcut, in a fresh page', async () => {
    const { app, page } = await launch(userData);
    await expect(page.evaluate(() => window.tw.vault.status())).resolves.toEqual({ ok: true, value: { state: 'locked' } });
    const wrong = await page.evaluate(() => window.tw.vault.unlock({ passphrase: 'not it at all' }));
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong-passphrase' } });
    await expect(page.evaluate((passphrase) => window.tw.vault.unlock({ passphrase }), PASSPHRASE)).resolves.toMatchObject({
      ok: true,
      value: { session: { kind: 'user', user: { name: 'minji', roles: ['interviewer'] } } },
    });
    await page.evaluate(() => {
      (window as unknown as { marker: string }).marker = 'decrypted things on screen';
    });
    await page.keyboard.press(process.platform === 'darwin' ? 'Meta+L' : 'Control+L');
    await expect.poll(() => vaultState(app), { timeout: 20_000 }).toBe('locked');
    const marker = await app.windows()[0]!.evaluate(() => (window as unknown as { marker?: string }).marker);
    expect(marker).toBeUndefined(); // the page was replaced, not merely told
  });

  it('locks by itself after the idle timeout', async () => {
    const { app, page } = await launch(userData, { TW_IDLE_LOCK_SECONDS: '3' });
    await expect(page.evaluate((passphrase) => window.tw.vault.unlock({ passphrase }), PASSPHRASE)).resolves.toMatchObject({ ok: true });
    await expect.poll(() => vaultState(app), { timeout: 20_000, interval: 500 }).toBe('locked');
  });
});
