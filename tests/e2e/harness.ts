/**
 * Chromium test harness: Debian's /usr/bin/chromium driven by playwright-core, loading the BUILT
 * renderer (out/renderer) from a small static server on 127.0.0.1 that stands in for app:// — it
 * maps each request through the app's own resolveAppRequest and answers with the app's own
 * headers, CSP included. `window.tw` is the preload's API (shared/ipc/api) over a Playwright
 * binding that calls the real handlers (createServiceHandlers) with real vaults in temp folders.
 *
 * The harness records every request the page makes, every CSP violation, and every uncaught page
 * error; `assertClean()` fails on any request that is not the stand-in origin or in-page (data:,
 * blob:), on any violation and on any page error.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { dispatchIpcRequest, type IpcHandler, type IpcHandlers } from '../../electron/main/ipc';
import { createServiceHandlers } from '../../electron/main/handlers';
import type { HandlerContext } from '../../electron/main/handlers/context';
import { appResponseHeaders, resolveAppRequest, APP_ORIGIN } from '../../electron/main/security-policy';
import { IPC_ERROR, fail, isIpcChannel, type IpcChannel } from '@shared/ipc/contract';
import type { AppEvent } from '@shared/ipc/events';
import { BRIDGE_FILE, RENDERER_DIR } from '../setup/build';
import { decode, encode } from './bridge/codec';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(path.dirname(RENDERER_DIR), '..', 'test-results', 'screenshots');

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM) && fs.existsSync(path.join(RENDERER_DIR, 'index.html'));
}

/** Serves out/renderer as the app:// protocol handler would: same path rules, same headers. */
function startAppServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://stand-in').pathname;
    const decision = resolveAppRequest(RENDERER_DIR, request.method ?? 'GET', `${APP_ORIGIN}${pathname}`);
    if (!decision.ok) {
      response.writeHead(decision.status, appResponseHeaders('text/plain; charset=utf-8')).end();
      return;
    }
    fs.readFile(decision.filePath, (error, body) => {
      if (error) response.writeHead(404, appResponseHeaders('text/plain; charset=utf-8')).end();
      else response.writeHead(200, appResponseHeaders(decision.contentType)).end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as { port: number };
      resolve({ origin: `http://127.0.0.1:${address.port}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

/**
 * Stand-ins for the main process's native dialogs (HandlerContext.chooseFiles, chooseFolder,
 * chooseSaveLocation): a test answers them with real paths in its temp folder, as a person would
 * pick them. Without them the handlers answer "not-available", as where there is no dialog.
 */
export type TestDialogs = Pick<HandlerContext, 'chooseFiles' | 'chooseFolder' | 'chooseSaveLocation'>;

export interface AppPage {
  page: Page;
  handlers: Partial<IpcHandlers>;
  vaultDir: string;
  /** What the main process does on its quick-lock shortcut or idle timeout: lock, then tell the page. */
  lockFromMain(reason: 'shortcut' | 'idle'): Promise<void>;
  emit(event: AppEvent): Promise<void>;
}

export interface Harness {
  origin: string;
  context: BrowserContext;
  root: string;
  requests: string[];
  violations: string[];
  pageErrors: string[];
  /** A new page with its own handlers (and so its own vault) at vaultDir. */
  openApp(options?: { vaultDir?: string; beforeLoad?: (handlers: Partial<IpcHandlers>) => Promise<void>; dialogs?: TestDialogs }): Promise<AppPage>;
  screenshot(page: Page, name: string): Promise<void>;
  assertClean(): void;
  close(): Promise<void>;
}

export async function launchHarness(): Promise<Harness> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-e2e-'));
  const server = await startAppServer();
  const bridge = fs.readFileSync(BRIDGE_FILE, 'utf8');
  const context = await chromium.launchPersistentContext(path.join(root, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // A synthetic microphone (a beep), so that recording is tested without hardware.
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
    viewport: { width: 1280, height: 860 },
    locale: 'ko-KR',
    timezoneId: 'Asia/Seoul',
    acceptDownloads: false,
    serviceWorkers: 'block',
  });
  await context.grantPermissions(['microphone'], { origin: server.origin });

  const requests: string[] = [];
  const violations: string[] = [];
  const pageErrors: string[] = [];
  const allowed = (url: string) => url.startsWith(`${server.origin}/`) || url.startsWith('data:') || url.startsWith(`blob:${server.origin}/`);
  context.on('request', (request) => requests.push(request.url()));
  // Anything off the stand-in origin is refused as well as recorded, as the app's session does.
  await context.route('**/*', (route) => (allowed(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
  await context.exposeBinding('__twCspViolation', (_source, text: string) => {
    violations.push(text);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __twCspViolation?: (text: string) => void }).__twCspViolation;
      report?.(`${event.violatedDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  await context.addInitScript({ content: bridge });

  const harness: Harness = {
    origin: server.origin,
    context,
    root,
    requests,
    violations,
    pageErrors,
    async openApp(options = {}) {
      const vaultDir = options.vaultDir ?? fs.mkdtempSync(path.join(root, 'vault-'));
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      page.on('pageerror', (error) => pageErrors.push(error.message));
      page.on('dialog', (dialog) => {
        pageErrors.push(`unexpected dialog: ${dialog.message()}`);
        void dialog.dismiss();
      });
      const emit = async (event: AppEvent) => {
        await page.evaluate((payload) => (window as unknown as { __twDeliverEvent(event: unknown): void }).__twDeliverEvent(payload), event);
      };
      const handlers: Partial<IpcHandlers> = {
        'app:info': () => ({ version: 'test', platform: process.platform }),
        ...createServiceHandlers({ vaultDir, emitProgress: (event) => void emit(event).catch(() => undefined), ...options.dialogs }),
      };
      await page.exposeBinding('__twInvoke', async (source, channel: unknown, encodedArgs: unknown) => {
        // As the main process checks its senders: the app's own top frame, on the app's page.
        if (source.frame !== page.mainFrame() || !source.frame.url().startsWith(`${server.origin}/`)) {
          return encode(fail(IPC_ERROR.forbidden, 'This request did not come from the application window.'));
        }
        if (!isIpcChannel(channel)) return encode(fail(IPC_ERROR.unknownChannel, 'Unknown request.'));
        const args = decode(encodedArgs);
        if (!Array.isArray(args)) return encode(fail(IPC_ERROR.invalidRequest, 'Malformed request.'));
        const result = await dispatchIpcRequest(channel, args, handlers[channel] as IpcHandler<IpcChannel> | undefined, { webContentsId: 1 });
        return encode(result);
      });
      await options.beforeLoad?.(handlers);
      await page.goto(`${server.origin}/index.html`);
      return {
        page,
        handlers,
        vaultDir,
        emit,
        async lockFromMain(reason) {
          await dispatchIpcRequest('vault:lock', [], handlers['vault:lock'] as IpcHandler<'vault:lock'>, { webContentsId: 1 });
          await emit({ type: 'vault-locked', reason });
        },
      };
    },
    async screenshot(page, name) {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
    },
    assertClean() {
      const offending = requests.filter((url) => !allowed(url));
      if (offending.length > 0) throw new Error(`the page made requests off the app origin:\n${offending.join('\n')}`);
      if (violations.length > 0) throw new Error(`CSP violations:\n${violations.join('\n')}`);
      if (pageErrors.length > 0) throw new Error(`page errors:\n${pageErrors.join('\n')}`);
    },
    async close() {
      await context.close().catch(() => undefined);
      await server.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Every string the page's JavaScript can still reach (a heap snapshot after a full GC), for canary checks. */
export async function reachableHeapText(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const chunks: string[] = [];
    cdp.on('HeapProfiler.addHeapSnapshotChunk', (event) => chunks.push(event.chunk));
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    return chunks.join('');
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * Controls on the page that a screen reader could not name or the Tab key could not reach (file
 * inputs and hidden parts aside): each as its tag and the start of its markup.
 */
export async function unnamedOrUnreachableControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('input, select, textarea, button, [role="combobox"], [role="tab"], progress')) {
      if (element.closest('[hidden]') || (element as HTMLInputElement).type === 'file') continue;
      const labelled =
        (element as HTMLInputElement).labels?.length ||
        element.getAttribute('aria-label') ||
        element.getAttribute('aria-labelledby') ||
        (element.tagName === 'BUTTON' && element.textContent?.trim());
      if (!labelled) problems.push(`${element.tagName} ${element.outerHTML.slice(0, 80)}`);
      if (element.tagName !== 'PROGRESS' && element.tabIndex < 0 && !(element as HTMLButtonElement).disabled) problems.push(`not reachable by Tab: ${element.outerHTML.slice(0, 80)}`);
    }
    return problems;
  });
}
