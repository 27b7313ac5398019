/**
 * Electron main process: one hardened window, the app:// scheme, IPC. Thin on purpose: every
 * security decision lives in ./security-policy (tested without Electron), every piece of testimony
 * work in electron/services (wired in `createIpcHandlers`).
 */
import { promises as fs } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, app, ipcMain, protocol, session, type Session, type WebContents } from 'electron';
import { IPC_CHANNELS } from '@shared/ipc/contract';
import { isTrustedSender, registerIpcHandlers, type IpcHandlers } from './ipc';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  allowPermissionCheck,
  allowPermissionRequest,
  appResponseHeaders,
  isPathInside,
  isRequestAllowed,
  parseDevServerUrl,
  resolveAppRequest,
  type PolicyOptions,
} from './security-policy';

const rendererRoot = fileURLToPath(new URL('../renderer/', import.meta.url));
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

/** In-memory session (no `persist:` prefix): no cache, storage or cookies ever reach the disk. */
const APP_PARTITION = 'tw-app';

// The dev server is honoured only in an unpackaged run started by `electron-vite dev`.
const devServerOrigin = app.isPackaged ? undefined : parseDevServerUrl(process.env['ELECTRON_RENDERER_URL']);
const policy: PolicyOptions = { devServerOrigin };

/** webContents ids of the app's own windows: the only ones whose IPC is answered. */
const trustedWebContentsIds = new Set<number>();
let mainWindow: BrowserWindow | undefined;

// ---- services ----

/**
 * The services answer IPC here. A channel left out answers `not-implemented`.
 * The vault service will add vault:status / vault:unlock / vault:lock.
 */
function createIpcHandlers(): Partial<IpcHandlers> {
  return {
    [IPC_CHANNELS.appInfo]: () => ({ version: app.getVersion(), platform: process.platform }),
  };
}

// ---- before ready ----

app.enableSandbox();

protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    // standard: relative URLs and a real origin for 'self'; secure: a secure context (getUserMedia);
    // supportFetchAPI: module scripts; stream: audio playback with range requests.
    // Not bypassCSP, not corsEnabled, no service workers.
    privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
  },
]);

// ---- sessions ----

function refuse(status: number): Response {
  return new Response(null, { status, headers: appResponseHeaders('text/plain; charset=utf-8') });
}

/** Serves app://tw/… from the built renderer folder only, GET only, with the CSP on every answer. */
function serveAppScheme(target: Session): void {
  target.protocol.handle(APP_SCHEME, async (request) => {
    const decision = resolveAppRequest(rendererRoot, request.method, request.url);
    if (!decision.ok) return refuse(decision.status);
    try {
      // Resolve links too: a file inside the folder may not point outside it.
      const realPath = await fs.realpath(decision.filePath);
      if (!isPathInside(await fs.realpath(rendererRoot), realPath)) return refuse(403);
      const stat = await fs.stat(realPath);
      if (!stat.isFile()) return refuse(404);
      const body = await fs.readFile(realPath);
      return new Response(body, { status: 200, headers: appResponseHeaders(decision.contentType) });
    } catch {
      return refuse(404);
    }
  });
}

/** Applied to every session the app has: no network, no permissions but the microphone. */
function hardenSession(target: Session): void {
  target.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isRequestAllowed(details.url, policy) });
  });
  target.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(
      allowPermissionRequest(
        { permission, mediaTypes, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame },
        policy,
      ),
    );
  });
  target.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    allowPermissionCheck(
      { permission, requestingOrigin, mediaType: details.mediaType, isMainFrame: details.isMainFrame },
      policy,
    ),
  );
  target.setDevicePermissionHandler(() => false);
  // The spell checker would download dictionaries from the network.
  target.setSpellCheckerEnabled(false);
}

// ---- windows ----

/** Every webContents, now or later: no navigation, no new windows, no <webview>. */
function lockDownContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Testimony Workstation',
    webPreferences: {
      partition: APP_PARTITION,
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // DevTools only in unpackaged runs: a packaged app does not let a bystander inspect the page.
      devTools: !app.isPackaged,
    },
  });
  const webContentsId = window.webContents.id;
  trustedWebContentsIds.add(webContentsId);
  window.on('closed', () => {
    trustedWebContentsIds.delete(webContentsId);
    if (mainWindow === window) mainWindow = undefined;
  });
  window.once('ready-to-show', () => window.show());

  void window.loadURL(devServerOrigin ? `${devServerOrigin}/` : APP_ENTRY_URL);
  return window;
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

// ---- start ----

function start(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(() => {
    const appSession = session.fromPartition(APP_PARTITION);
    hardenSession(session.defaultSession);
    hardenSession(appSession);
    serveAppScheme(appSession);

    registerIpcHandlers(ipcMain, createIpcHandlers(), {
      isTrustedSender: (event) => isTrustedSender(event, trustedWebContentsIds, policy),
    });

    mainWindow = createMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
    });
  });
}

start();
