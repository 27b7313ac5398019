/**
 * The main process's security decisions as pure functions: which URLs a page may load, which file an
 * app:// request maps to, which MIME type it gets, which permissions are granted, and the CSP.
 * No `electron` import on purpose, so that every decision is unit-tested in plain Node;
 * `index.ts` and `ipc.ts` only plug these functions into Electron's hooks.
 */
import path from 'node:path';

/** Pages are served from `app://tw/…`, never from `file://`. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tw';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Sent as a response header on every app:// response and repeated as a meta tag in
 * renderer/index.html (see `metaTagPolicy`; the build refuses a meta tag that differs).
 * `blob:` and `data:` images and `blob:` media are needed to show photos and play back
 * recordings held in memory; nothing else is loosened.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Only for `electron-vite dev`: Vite's dev server injects an inline React Refresh preamble and
 * inline <style> tags, and talks to the page over a WebSocket. Never used in a build.
 */
export const DEV_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self' ws://localhost:* ws://127.0.0.1:* ws://[::1]:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The policy as written in renderer/index.html's meta tag: browsers ignore (and warn about)
 * `frame-ancestors`, `report-uri` and `sandbox` there, so they are left to the response header.
 */
export function metaTagPolicy(policy: string): string {
  return policy
    .split('; ')
    .filter((directive) => !/^(frame-ancestors|report-uri|sandbox)\b/.test(directive))
    .join('; ');
}

/** What the policy needs to know about how the app runs. */
export interface PolicyOptions {
  /** Origin of the Vite dev server (`http://localhost:5173`) in development, otherwise absent. */
  devServerOrigin?: string | undefined;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Reads ELECTRON_RENDERER_URL. Only a plain-http loopback URL is accepted: the dev server must
 * never be somewhere else on the network.
 */
export function parseDevServerUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('ELECTRON_RENDERER_URL is not a URL');
  }
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname) || url.username || url.password) {
    throw new Error('ELECTRON_RENDERER_URL must be an http:// URL on this machine (localhost)');
  }
  return url.origin;
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** app://tw exactly: no port, no credentials. Node's URL keeps the host's case for app:, Chromium lowercases it. */
function isAppUrl(url: URL): boolean {
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.host.toLowerCase() === APP_HOST &&
    url.username === '' &&
    url.password === ''
  );
}

function isDevServerUrl(url: URL, options: PolicyOptions): boolean {
  if (!options.devServerOrigin) return false;
  const dev = new URL(options.devServerOrigin);
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'http:') return url.origin === dev.origin;
  // Vite's hot-reload socket: same host and port as the dev server.
  if (url.protocol === 'ws:') return url.host === dev.host;
  return false;
}

/** Is this the app's own page (for IPC senders and permission requests)? */
export function isTrustedPageUrl(value: string, options: PolicyOptions = {}): boolean {
  const url = parseUrl(value);
  if (!url) return false;
  if (isAppUrl(url)) return true;
  return url.protocol === 'http:' && isDevServerUrl(url, options);
}

/** Same question for an origin string as Chromium reports it (`app://tw`, `http://localhost:5173`). */
export function isTrustedOrigin(origin: string, options: PolicyOptions = {}): boolean {
  const url = parseUrl(origin);
  if (!url) return false;
  if (url.pathname !== '' && url.pathname !== '/') return false;
  return isTrustedPageUrl(origin, options);
}

/**
 * Every web request of every session passes through here (`session.webRequest.onBeforeRequest`);
 * whatever returns false is cancelled. The program makes no network request of any kind.
 */
export function isRequestAllowed(value: string, options: PolicyOptions = {}): boolean {
  if (value.startsWith('data:')) return true; // never leaves the process; CSP limits it to images
  if (value.startsWith('blob:')) {
    // Blob URLs carry their creator's origin: only the app's own (recordings, photos in memory).
    const inner = value.slice('blob:'.length);
    return isTrustedPageUrl(inner, options);
  }
  const url = parseUrl(value);
  if (!url) return false;
  if (isAppUrl(url)) return true;
  if (options.devServerOrigin) {
    if (url.protocol === 'devtools:') return true;
    if (isDevServerUrl(url, options)) return true;
  }
  return false;
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.wav': 'audio/wav',
  '.weba': 'audio/webm',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
};

/** MIME type by extension; unknown files are served as opaque bytes (with nosniff, so never run). */
export function mimeTypeFor(filePath: string): string {
  const extension = path.extname(filePath).toLowerCase();
  return MIME_TYPES[extension] ?? 'application/octet-stream';
}

/** Headers for every app:// response, refusals included. */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

type PathApi = Pick<typeof path, 'resolve' | 'relative' | 'isAbsolute' | 'join' | 'sep'>;

/** Is `candidate` strictly below `root` (not `root` itself)? Works on resolved paths only, no disk access. */
export function isPathInside(root: string, candidate: string, pathApi: PathApi = path): boolean {
  const relative = pathApi.relative(pathApi.resolve(root), pathApi.resolve(candidate));
  return (
    relative !== '' &&
    relative !== '..' &&
    !relative.startsWith(`..${pathApi.sep}`) &&
    !pathApi.isAbsolute(relative)
  );
}

export type AppRequestDecision =
  | { ok: true; filePath: string; contentType: string }
  | { ok: false; status: 400 | 403 | 404 | 405 };

/**
 * Maps an app:// request to a file under `root`, or refuses it. Only GET. The URL's path is
 * decoded once and every segment checked, so `..`, `%2e%2e`, `..%2f` and backslashes never reach
 * the file system. The caller still checks the real path (symlinks) before reading.
 */
export function resolveAppRequest(
  root: string,
  method: string,
  requestUrl: string,
  pathApi: PathApi = path,
): AppRequestDecision {
  if (method.toUpperCase() !== 'GET') return { ok: false, status: 405 };
  const url = parseUrl(requestUrl);
  if (!url || !isAppUrl(url)) return { ok: false, status: 404 };

  const rawPath = url.pathname === '' ? '/' : url.pathname;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 400 };
  }
  // Backslash is a separator on Windows, ':' opens drive letters and NTFS streams, NUL truncates.
  if (/[\\:\0]/.test(decoded) || /[\\\0]/.test(rawPath)) return { ok: false, status: 400 };

  const segments = decoded.split('/');
  if (segments.some((segment) => segment === '..' || segment === '.')) return { ok: false, status: 403 };
  const parts = segments.filter((segment) => segment !== '');
  if (decoded.endsWith('/')) parts.push('index.html');

  const filePath = pathApi.join(pathApi.resolve(root), ...parts);
  if (!isPathInside(root, filePath, pathApi)) return { ok: false, status: 403 };
  return { ok: true, filePath, contentType: mimeTypeFor(filePath) };
}

/** A permission request (`setPermissionRequestHandler`) as far as the decision needs it. */
export interface PermissionRequestFacts {
  permission: string;
  mediaTypes?: ReadonlyArray<string> | undefined;
  requestingUrl?: string | undefined;
  isMainFrame?: boolean | undefined;
}

/**
 * Everything is refused except the microphone (`media` with audio only) for the app's own main
 * frame: recording needs it, nothing else does. Camera and screen capture are refused.
 */
export function allowPermissionRequest(facts: PermissionRequestFacts, options: PolicyOptions = {}): boolean {
  if (facts.permission !== 'media') return false;
  if (facts.isMainFrame !== true) return false;
  const mediaTypes = facts.mediaTypes ?? [];
  if (mediaTypes.length === 0 || !mediaTypes.every((type) => type === 'audio')) return false;
  return facts.requestingUrl !== undefined && isTrustedPageUrl(facts.requestingUrl, options);
}

/** A permission check (`setPermissionCheckHandler`) as far as the decision needs it. */
export interface PermissionCheckFacts {
  permission: string;
  requestingOrigin: string;
  mediaType?: string | undefined;
  isMainFrame?: boolean | undefined;
}

export function allowPermissionCheck(facts: PermissionCheckFacts, options: PolicyOptions = {}): boolean {
  if (facts.permission !== 'media') return false;
  if (facts.isMainFrame !== true) return false;
  if (facts.mediaType !== 'audio') return false;
  return isTrustedOrigin(facts.requestingOrigin, options);
}

/** A Chromium command-line switch, with its value where it takes one. */
export type ChromiumSwitch = readonly [name: string, value?: string];

/**
 * Switches set before `ready`, so that Chromium itself starts no network activity in the
 * background (component and safe-browsing updates, domain reliability reports,
 * hyperlink-auditing pings, Cast discovery on the local network). Every host name resolves to
 * nothing, so that a request that slipped past `webRequest` still reaches no server; in
 * development the dev server on localhost stays reachable.
 */
export function chromiumSwitches(options: PolicyOptions = {}): ChromiumSwitch[] {
  const resolverRules = options.devServerOrigin ? 'MAP * ~NOTFOUND, EXCLUDE localhost' : 'MAP * ~NOTFOUND';
  return [
    ['disable-background-networking'],
    ['disable-component-update'],
    ['disable-domain-reliability'],
    ['disable-client-side-phishing-detection'],
    ['no-pings'],
    ['disable-features', 'MediaRouter,DialMediaRouteProvider,OptimizationHints,AutofillServerCommunication,CertificateTransparencyComponentUpdater'],
    ['host-resolver-rules', resolverRules],
    // WebRTC must not reveal addresses or send UDP (CSP's connect-src does not cover it).
    ['force-webrtc-ip-handling-policy', 'disable_non_proxied_udp'],
  ];
}

/**
 * How a refused request is logged: in development the whole URL, loudly, so the mistake is seen
 * at once; in a packaged app only its scheme and host, since a path could carry content.
 */
export function describeBlockedRequest(value: string, options: PolicyOptions = {}): string {
  if (options.devServerOrigin) return `BLOCKED network request (the app makes none): ${value.slice(0, 2000)}`;
  const url = parseUrl(value);
  if (!url) return 'Blocked a request to an unparsable URL';
  return `Blocked a request to ${url.protocol}//${url.host}`;
}
