/**
 * Electron main process: one hardened window, the app:// scheme, IPC to the service host, and the
 * quick lock. Thin on purpose: every security decision lives in ./security-policy and
 * ./lock-policy (tested without Electron), the IPC checks in ./ipc, the host protocol in
 * ../host (tested in plain Node), and all testimony work in the service host's process.
 */
import { promises as fs, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BrowserWindow,
  app,
  dialog,
  ipcMain,
  powerMonitor,
  protocol,
  session,
  utilityProcess,
  type Session,
  type WebContents,
} from 'electron';
import { IPC_CHANNELS, ok } from '@shared/ipc/contract';
import { APP_EVENT_CHANNEL, type AppEvent, type LockReason } from '@shared/ipc/events';
import { ServiceHostClient, type HostProcess } from '../host/client';
import { parseIpcResult } from '../host/dispatch';
import { defaultVaultDir, sqliteBindingPath } from './app-paths';
import { isTrustedSender, registerIpcHandlers, type IpcRouter } from './ipc';
import { IdleLockTimer, RepeatGuard, isActivityInput, isLockShortcut, resolveSettings } from './lock-policy';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  allowPermissionCheck,
  allowPermissionRequest,
  appResponseHeaders,
  chromiumSwitches,
  describeBlockedRequest,
  isPathInside,
  isRequestAllowed,
  isTrustedPageUrl,
  parseDevServerUrl,
  resolveAppRequest,
  type PolicyOptions,
} from './security-policy';

const rendererRoot = fileURLToPath(new URL('../renderer/', import.meta.url));
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const hostEntryPath = fileURLToPath(new URL('./host.js', import.meta.url));

/** In-memory session (no `persist:` prefix): no cache, storage or cookies ever reach the disk. */
const APP_PARTITION = 'tw-app';

// The dev server is honoured only in an unpackaged run started by `electron-vite dev`.
const devServerOrigin = app.isPackaged ? undefined : parseDevServerUrl(process.env['ELECTRON_RENDERER_URL']);
const policy: PolicyOptions = { devServerOrigin };

/** webContents ids of the app's own windows: the only ones whose IPC is answered. */
const trustedWebContentsIds = new Set<number>();
let mainWindow: BrowserWindow | undefined;

// ---- before ready ----

app.enableSandbox();
for (const [name, value] of chromiumSwitches(policy)) {
  if (value === undefined) app.commandLine.appendSwitch(name);
  else app.commandLine.appendSwitch(name, value);
}

// Tests of the unpackaged build run in a folder of their own; a packaged app ignores this.
const userDataOverride = process.env['TW_USER_DATA_DIR'];
if (!app.isPackaged && userDataOverride && path.isAbsolute(userDataOverride)) app.setPath('userData', userDataOverride);

protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    // standard: relative URLs and a real origin for 'self'; secure: a secure context (getUserMedia);
    // supportFetchAPI: module scripts; stream: audio playback with range requests.
    // Not bypassCSP, not corsEnabled, no service workers.
    privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
  },
]);

function readSettingsText(): string | undefined {
  try {
    return readFileSync(path.join(app.getPath('userData'), 'settings.json'), 'utf8');
  } catch {
    return undefined;
  }
}

const settings = resolveSettings({
  settingsText: readSettingsText(),
  defaultVaultDir: defaultVaultDir(app.getPath('userData')),
  env: process.env,
  isPackaged: app.isPackaged,
});
if (settings.warning) console.error(settings.warning);

// ---- service host ----

const sqliteBinding = sqliteBindingPath({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath() });

/** The host gets only the variables a process needs, none that change how Node runs. */
function hostEnvironment(): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'USERPROFILE', 'TMPDIR', 'TEMP', 'TMP', 'SystemRoot', 'LANG', 'TZ']) {
    const value = process.env[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}

/**
 * A utilityProcess rather than a worker thread: locking kills an operating-system process, so the
 * vault key, SQLite's decrypted page cache and every decrypted string leave memory with it
 * instead of lingering, freed but not wiped, in the main process's heap.
 */
function spawnUtilityHost(): HostProcess {
  const child = utilityProcess.fork(hostEntryPath, [], {
    serviceName: 'Testimony Workstation services',
    stdio: 'inherit',
    env: hostEnvironment(),
  });
  child.on('error', (type) => console.error(`service host: fatal error (${type})`));
  return {
    get pid() {
      return child.pid;
    },
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.once('exit', (code) => listener(code)),
    kill: () => {
      const pid = child.pid;
      if (pid === undefined) return;
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        child.kill();
      }
    },
  };
}

const host = new ServiceHostClient({
  spawn: spawnUtilityHost,
  config: () => ({
    vaultDir: settings.vaultDir,
    ...(existsSync(sqliteBinding) ? { nativeBinding: sqliteBinding } : {}),
  }),
  onProgress: (event) => sendToAppWindow(event),
  chooseFiles: chooseFilesForHost,
  chooseFolder: chooseFolderForHost,
  chooseSaveLocation: chooseSaveLocationForHost,
  onUnexpectedExit: (code) => {
    console.error(`service host stopped unexpectedly (exit ${code ?? 'signal'}); the vault is locked`);
    void lockVault('host-exit');
  },
});

/**
 * The native open dialog, for the host's attachment handler: the person picks the files, so the
 * page never names a path on disk. Only while the app window is there.
 */
async function chooseFilesForHost(request: { title: string }): Promise<string[]> {
  const window = mainWindow;
  if (!window || window.isDestroyed()) return [];
  const chosen = await dialog.showOpenDialog(window, { title: request.title, properties: ['openFile', 'multiSelections'] });
  return chosen.canceled ? [] : chosen.filePaths.filter((file) => path.isAbsolute(file));
}

/** The native folder dialog, for where a sealed archive goes (it gets a random name there). */
async function chooseFolderForHost(request: { title: string }): Promise<string | undefined> {
  const window = mainWindow;
  if (!window || window.isDestroyed()) return undefined;
  const chosen = await dialog.showOpenDialog(window, { title: request.title, properties: ['openDirectory', 'createDirectory'] });
  const folder = chosen.canceled ? undefined : chosen.filePaths[0];
  return folder && path.isAbsolute(folder) ? folder : undefined;
}

/** The native save dialog, for a new file (an exported identity); the handler never writes over one. */
async function chooseSaveLocationForHost(request: { title: string; defaultName: string }): Promise<string | undefined> {
  const window = mainWindow;
  if (!window || window.isDestroyed()) return undefined;
  const chosen = await dialog.showSaveDialog(window, { title: request.title, defaultPath: request.defaultName, properties: ['createDirectory', 'showOverwriteConfirmation'] });
  return chosen.canceled || !chosen.filePath || !path.isAbsolute(chosen.filePath) ? undefined : chosen.filePath;
}

// ---- events to the window ----

/** Events go to the app window only, and only while it shows the app's own page. */
function sendToAppWindow(event: AppEvent): void {
  const window = mainWindow;
  if (!window || window.isDestroyed()) return;
  const contents = window.webContents;
  if (contents.isCrashed() || !isTrustedPageUrl(contents.getURL(), policy)) return;
  contents.send(APP_EVENT_CHANNEL, event);
}

// ---- lock ----

let replacingRenderer = false;

/** The app's page; after a lock with the reason, for the fresh page to say (`lockReasonFromSearch`). */
function entryUrl(reason?: LockReason): string {
  const base = devServerOrigin ? `${devServerOrigin}/` : APP_ENTRY_URL;
  return reason ? `${base}?locked=${reason}` : base;
}

/**
 * A fresh renderer process for the window: the old one, with whatever decrypted text its heap
 * held, is ended, and the page starts again at the unlock screen (Electron's documented
 * forcefullyCrashRenderer, then a load, which then happens in a new process).
 */
function replaceRenderer(reason?: LockReason): void {
  const window = mainWindow;
  if (!window || window.isDestroyed()) return;
  replacingRenderer = true;
  window.webContents.forcefullyCrashRenderer();
  void window.loadURL(entryUrl(reason));
}

type LockCause = LockReason | 'renderer-gone';

/** At most three reloads a minute after host crashes: a host that dies at every start stops there. */
const reloadAfterCrash = new RepeatGuard(3, 60_000);

/**
 * Drops every key: tells the page (it clears itself at once), ends the service host (the vault
 * closes with it) and gives the window a fresh renderer. An idle lock with nothing unlocked
 * does nothing, so a locked app left alone is not restarted every few minutes.
 */
async function lockVault(cause: LockCause): Promise<void> {
  if (cause === 'idle') {
    if (!host.isRunning) return;
    const status = parseIpcResult(IPC_CHANNELS.vaultStatus, await host.call(IPC_CHANNELS.vaultStatus, undefined, { webContentsId: 0 }));
    if (status.ok && status.value.state !== 'unlocked') return;
  }
  const reason = cause === 'renderer-gone' ? undefined : cause;
  if (reason) sendToAppWindow({ type: 'vault-locked', reason });
  // The page is replaced at once; the host closes the vault meanwhile (dropping the key first)
  // and is gone within the lock timeout. A new host waits for it before opening the vault.
  const hostWasRunning = host.isRunning;
  const closed = host.lock();
  if (cause === 'host-exit' ? reloadAfterCrash.allow() : hostWasRunning) replaceRenderer(reason);
  await closed;
}

/**
 * Two channels are answered here: app:info (Electron knows the version), and vault:lock, since
 * the host is what gets ended. Everything else goes to the host.
 */
const route: IpcRouter = async (channel, request, context) => {
  if (channel === IPC_CHANNELS.appInfo) return ok({ version: app.getVersion(), platform: process.platform });
  if (channel === IPC_CHANNELS.vaultLock) {
    await lockVault('request');
    return ok(null);
  }
  return host.call(channel, request, context);
};

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

/** Applied to every session the app has: no network, no downloads, no permissions but the microphone. */
function hardenSession(target: Session): void {
  target.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isRequestAllowed(details.url, policy);
    if (!allowed) console.error(describeBlockedRequest(details.url, policy));
    callback({ cancel: !allowed });
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
  // A download would write page data (a decrypted blob) to disk outside the vault.
  target.on('will-download', (event, item) => {
    event.preventDefault();
    item.cancel();
  });
  // The spell checker would download dictionaries from the network.
  target.setSpellCheckerEnabled(false);
}

// ---- windows ----

/** Every webContents, now or later: no navigation, no new windows, no <webview>, no WebRTC UDP. */
function lockDownContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.setWebRTCIPHandlingPolicy('disable_non_proxied_udp');
}

const idleLock = new IdleLockTimer(settings.idleLockMs, () => void lockVault('idle'));

function watchInput(contents: WebContents): void {
  contents.on('before-input-event', (event, input) => {
    idleLock.noteActivity();
    if (isLockShortcut(input, process.platform)) {
      event.preventDefault();
      void lockVault('shortcut');
    }
  });
  contents.on('input-event', (_event, input) => {
    if (isActivityInput(input.type)) idleLock.noteActivity();
  });
  contents.on('render-process-gone', () => {
    if (replacingRenderer) {
      replacingRenderer = false;
      return;
    }
    // The page crashed: what it showed is gone, so the vault locks and the page starts over.
    void lockVault('renderer-gone');
  });
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
  watchInput(window.webContents);
  window.on('closed', () => {
    trustedWebContentsIds.delete(webContentsId);
    if (mainWindow === window) mainWindow = undefined;
  });
  window.once('ready-to-show', () => window.show());

  void window.loadURL(entryUrl());
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
  // Close the vault cleanly before quitting (the host would be killed with the app otherwise).
  app.on('before-quit', (event) => {
    if (!host.isRunning) return;
    event.preventDefault();
    void host.lock().finally(() => app.quit());
  });

  void app.whenReady().then(() => {
    const appSession = session.fromPartition(APP_PARTITION);
    hardenSession(session.defaultSession);
    hardenSession(appSession);
    serveAppScheme(appSession);

    if (!existsSync(sqliteBinding)) {
      console.error(`SQLite for Electron is missing (${sqliteBinding}): run npm run native:electron`);
    }
    registerIpcHandlers(ipcMain, route, {
      isTrustedSender: (event) => isTrustedSender(event, trustedWebContentsIds, policy),
    });

    // Sleep and the operating system's screen lock lock the vault too.
    powerMonitor.on('suspend', () => void lockVault('suspend'));
    powerMonitor.on('lock-screen', () => void lockVault('lock-screen'));

    mainWindow = createMainWindow();
    idleLock.start();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
    });
  });
}

start();
