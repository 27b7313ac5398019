import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  allowPermissionCheck,
  allowPermissionRequest,
  appResponseHeaders,
  chromiumSwitches,
  describeBlockedRequest,
  isPathInside,
  isRequestAllowed,
  isTrustedOrigin,
  isTrustedPageUrl,
  metaTagPolicy,
  mimeTypeFor,
  parseDevServerUrl,
  resolveAppRequest,
} from './security-policy';

const dev = { devServerOrigin: 'http://localhost:5173' };
const root = path.resolve('/srv/tw/out/renderer');

describe('content security policy', () => {
  it('is the strict policy the app promises', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split('; ').map((directive) => {
        const [name = '', ...values] = directive.split(' ');
        return [name, values.join(' ')];
      }),
    );
    expect(directives).toEqual({
      'default-src': "'none'",
      'script-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' blob: data:",
      'media-src': "'self' blob:",
      'font-src': "'self'",
      'connect-src': "'none'",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    });
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('is repeated in renderer/index.html, without the header-only frame-ancestors', () => {
    const html = fs.readFileSync(path.resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
    expect(meta?.[1]).toBe(metaTagPolicy(CONTENT_SECURITY_POLICY));
    expect(meta?.[1]).not.toContain('frame-ancestors');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i); // no inline script
  });

  it('is sent with every app:// response, with nosniff', () => {
    const headers = appResponseHeaders('text/html; charset=utf-8');
    expect(headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Content-Type']).toBe('text/html; charset=utf-8');
  });
});

describe('isRequestAllowed', () => {
  it('allows the app scheme on its own host', () => {
    expect(isRequestAllowed(APP_ENTRY_URL)).toBe(true);
    expect(isRequestAllowed('app://tw/assets/index-abc.js')).toBe(true);
    expect(isRequestAllowed('app://TW/index.html')).toBe(true);
  });

  it('refuses every network scheme and every other host', () => {
    for (const url of [
      'https://example.org/',
      'http://example.org/',
      'http://localhost:5173/',
      'ws://localhost:5173/',
      'wss://example.org/socket',
      'ftp://example.org/',
      'file:///etc/passwd',
      'app://other/index.html',
      'app://tw:8080/index.html',
      'app://user:pw@tw/index.html',
      'devtools://devtools/bundled/inspector.html',
      'chrome-extension://abc/x.js',
      'blob:https://example.org/123',
      'not a url',
      '',
    ]) {
      expect(isRequestAllowed(url), url).toBe(false);
    }
  });

  it('allows in-memory URLs of the app only', () => {
    expect(isRequestAllowed('data:image/png;base64,AAAA')).toBe(true);
    expect(isRequestAllowed('blob:app://tw/2f0c3c1e-8d6f-4a6b-9b1e-1d2a3b4c5d6e')).toBe(true);
    expect(isRequestAllowed('blob:null/2f0c3c1e')).toBe(false);
  });

  it('in development allows the local dev server, its socket and devtools, nothing else', () => {
    expect(isRequestAllowed('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isRequestAllowed('ws://localhost:5173/?token=x', dev)).toBe(true);
    expect(isRequestAllowed('devtools://devtools/bundled/inspector.html', dev)).toBe(true);
    expect(isRequestAllowed('app://tw/index.html', dev)).toBe(true);
    expect(isRequestAllowed('http://localhost:5174/', dev)).toBe(false);
    expect(isRequestAllowed('https://localhost:5173/', dev)).toBe(false);
    expect(isRequestAllowed('http://127.0.0.1:5173/', dev)).toBe(false);
    expect(isRequestAllowed('https://example.org/', dev)).toBe(false);
  });
});

describe('parseDevServerUrl', () => {
  it('accepts only plain http on loopback', () => {
    expect(parseDevServerUrl(undefined)).toBeUndefined();
    expect(parseDevServerUrl('')).toBeUndefined();
    expect(parseDevServerUrl('http://localhost:5173')).toBe('http://localhost:5173');
    expect(parseDevServerUrl('http://127.0.0.1:5173/')).toBe('http://127.0.0.1:5173');
    expect(parseDevServerUrl('http://[::1]:5173/')).toBe('http://[::1]:5173');
    expect(() => parseDevServerUrl('http://192.168.1.10:5173')).toThrow();
    expect(() => parseDevServerUrl('https://localhost:5173')).toThrow();
    expect(() => parseDevServerUrl('http://localhost.example.org:5173')).toThrow();
    expect(() => parseDevServerUrl('nonsense')).toThrow();
  });
});

describe('trusted pages and origins', () => {
  it('trusts the app page and, in development, the dev server', () => {
    expect(isTrustedPageUrl('app://tw/index.html')).toBe(true);
    expect(isTrustedPageUrl('http://localhost:5173/')).toBe(false);
    expect(isTrustedPageUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isTrustedPageUrl('ws://localhost:5173/', dev)).toBe(false);
    expect(isTrustedPageUrl('about:blank')).toBe(false);
    expect(isTrustedPageUrl('data:text/html,hi')).toBe(false);
    expect(isTrustedOrigin(APP_ORIGIN)).toBe(true);
    expect(isTrustedOrigin('app://tw/')).toBe(true);
    expect(isTrustedOrigin('app://tw/index.html')).toBe(false);
    expect(isTrustedOrigin('null')).toBe(false);
    expect(isTrustedOrigin('https://example.org')).toBe(false);
  });
});

describe('resolveAppRequest', () => {
  const get = (url: string) => resolveAppRequest(root, 'GET', url);

  it('maps paths to files under the root with their MIME type', () => {
    expect(get('app://tw/index.html')).toEqual({
      ok: true,
      filePath: path.join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(get('app://tw/assets/index-abc.js')).toMatchObject({
      ok: true,
      filePath: path.join(root, 'assets', 'index-abc.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(get('app://tw/')).toMatchObject({ ok: true, filePath: path.join(root, 'index.html') });
    expect(get('app://tw')).toMatchObject({ ok: true, filePath: path.join(root, 'index.html') });
    expect(get('app://tw/assets/%ED%95%9C.png?x=1#y')).toMatchObject({
      ok: true,
      filePath: path.join(root, 'assets', '한.png'),
      contentType: 'image/png',
    });
  });

  it('refuses every method but GET', () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH']) {
      expect(resolveAppRequest(root, method, 'app://tw/index.html')).toEqual({ ok: false, status: 405 });
    }
    expect(resolveAppRequest(root, 'get', 'app://tw/index.html').ok).toBe(true);
  });

  it('never climbs out of the root, encoded or not', () => {
    for (const url of [
      'app://tw/..%2f..%2fetc%2fpasswd',
      'app://tw/..%2F..%2Fetc%2Fpasswd',
      'app://tw/assets/..%2f..%2f..%2fsecret',
      'app://tw/%2e%2e%2f%2e%2e%2fsecret',
      'app://tw/..%5c..%5csecret',
      'app://tw/assets\\..\\..\\secret',
      'app://tw/C:%5cWindows%5cwin.ini',
      'app://tw/index.html%00.png',
      'app://tw/%E0%A4%A',
    ]) {
      const decision = get(url);
      expect(decision.ok, url).toBe(false);
    }
    // Plain `..` is already folded by the URL parser; what is left must still stay inside.
    for (const url of ['app://tw/../../etc/passwd', 'app://tw/%2e%2e/%2e%2e/etc/passwd', 'app://tw/a/../../b', 'app://tw/.%2e/secret']) {
      const decision = get(url);
      if (decision.ok) expect(isPathInside(root, decision.filePath), url).toBe(true);
    }
  });

  it('refuses other schemes and hosts', () => {
    expect(get('file:///etc/passwd')).toEqual({ ok: false, status: 404 });
    expect(get('app://evil/index.html')).toEqual({ ok: false, status: 404 });
    expect(get('https://tw/index.html')).toEqual({ ok: false, status: 404 });
  });

  it('holds with Windows paths too', () => {
    const winRoot = 'C:\\Program Files\\TW\\resources\\renderer';
    const decision = resolveAppRequest(winRoot, 'GET', 'app://tw/assets/a.js', path.win32);
    expect(decision).toMatchObject({ ok: true, filePath: `${winRoot}\\assets\\a.js` });
    expect(resolveAppRequest(winRoot, 'GET', 'app://tw/..%5c..%5cx', path.win32).ok).toBe(false);
    expect(resolveAppRequest(winRoot, 'GET', 'app://tw/D:%5cx', path.win32).ok).toBe(false);
  });
});

describe('isPathInside', () => {
  it('accepts descendants only', () => {
    expect(isPathInside(root, path.join(root, 'index.html'))).toBe(true);
    expect(isPathInside(root, path.join(root, 'a', 'b', 'c.js'))).toBe(true);
    expect(isPathInside(root, path.join(root, '..foo'))).toBe(true);
    expect(isPathInside(root, root)).toBe(false);
    expect(isPathInside(root, path.dirname(root))).toBe(false);
    expect(isPathInside(root, `${root}-evil/index.html`)).toBe(false);
    expect(isPathInside(root, path.join(root, '..', 'main', 'index.js'))).toBe(false);
    expect(isPathInside(root, '/etc/passwd')).toBe(false);
  });

  it('is case-aware on Windows and refuses other drives', () => {
    expect(isPathInside('C:\\tw\\renderer', 'C:\\tw\\renderer\\index.html', path.win32)).toBe(true);
    expect(isPathInside('C:\\tw\\renderer', 'D:\\tw\\renderer\\index.html', path.win32)).toBe(false);
    expect(isPathInside('C:\\tw\\renderer', 'C:\\tw\\other\\index.html', path.win32)).toBe(false);
  });
});

describe('mimeTypeFor', () => {
  it('knows what the renderer build contains', () => {
    expect(mimeTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('a/b.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('x.mjs')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('s.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('f.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('i.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('m.wasm')).toBe('application/wasm');
    expect(mimeTypeFor('r.webm')).toBe('video/webm');
    expect(mimeTypeFor('unknown.xyz')).toBe('application/octet-stream');
    expect(mimeTypeFor('Makefile')).toBe('application/octet-stream');
  });
});

describe('permissions', () => {
  const mic = { permission: 'media', mediaTypes: ['audio'], requestingUrl: APP_ENTRY_URL, isMainFrame: true };

  it('grants the microphone to the app page', () => {
    expect(allowPermissionRequest(mic)).toBe(true);
  });

  it('refuses the camera, screen capture and everything else', () => {
    expect(allowPermissionRequest({ ...mic, mediaTypes: ['video'] })).toBe(false);
    expect(allowPermissionRequest({ ...mic, mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(allowPermissionRequest({ ...mic, mediaTypes: [] })).toBe(false);
    expect(allowPermissionRequest({ ...mic, mediaTypes: undefined })).toBe(false);
    expect(allowPermissionRequest({ ...mic, permission: 'display-capture' })).toBe(false);
    for (const permission of ['geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'usb']) {
      expect(allowPermissionRequest({ ...mic, permission }), permission).toBe(false);
    }
  });

  it('refuses other pages and subframes', () => {
    expect(allowPermissionRequest({ ...mic, requestingUrl: 'https://example.org/' })).toBe(false);
    expect(allowPermissionRequest({ ...mic, requestingUrl: undefined })).toBe(false);
    expect(allowPermissionRequest({ ...mic, isMainFrame: false })).toBe(false);
    expect(allowPermissionRequest({ ...mic, requestingUrl: 'http://localhost:5173/' })).toBe(false);
    expect(allowPermissionRequest({ ...mic, requestingUrl: 'http://localhost:5173/' }, dev)).toBe(true);
  });

  it('answers permission checks the same way', () => {
    const check = { permission: 'media', requestingOrigin: APP_ORIGIN, mediaType: 'audio', isMainFrame: true };
    expect(allowPermissionCheck(check)).toBe(true);
    expect(allowPermissionCheck({ ...check, mediaType: 'video' })).toBe(false);
    expect(allowPermissionCheck({ ...check, mediaType: 'unknown' })).toBe(false);
    expect(allowPermissionCheck({ ...check, requestingOrigin: 'https://example.org' })).toBe(false);
    expect(allowPermissionCheck({ ...check, isMainFrame: false })).toBe(false);
    expect(allowPermissionCheck({ ...check, permission: 'geolocation' })).toBe(false);
  });
});

describe('chromiumSwitches', () => {
  it('turns off background networking and resolves no host name', () => {
    const switches = new Map(chromiumSwitches().map(([name, value]) => [name, value]));
    for (const name of ['disable-background-networking', 'disable-component-update', 'disable-domain-reliability', 'no-pings']) {
      expect(switches.has(name), name).toBe(true);
    }
    expect(switches.get('host-resolver-rules')).toBe('MAP * ~NOTFOUND');
    expect(switches.get('force-webrtc-ip-handling-policy')).toBe('disable_non_proxied_udp');
    expect(switches.get('disable-features')).toContain('MediaRouter');
  });

  it('lets only localhost resolve in development, for the dev server', () => {
    const switches = new Map(chromiumSwitches(dev).map(([name, value]) => [name, value]));
    expect(switches.get('host-resolver-rules')).toBe('MAP * ~NOTFOUND, EXCLUDE localhost');
  });
});

describe('describeBlockedRequest', () => {
  it('in a packaged app logs the scheme and host only, never the path or query', () => {
    const line = describeBlockedRequest('https://example.org/upload?name=%EA%B9%80%EC%B2%A0%EC%88%98#x');
    expect(line).toBe('Blocked a request to https://example.org');
    expect(describeBlockedRequest('not a url')).not.toContain('not a url');
  });

  it('in development shows the whole URL, loudly', () => {
    expect(describeBlockedRequest('https://fonts.example.org/a.woff2', dev)).toMatch(/^BLOCKED .*https:\/\/fonts\.example\.org\/a\.woff2$/);
  });
});
