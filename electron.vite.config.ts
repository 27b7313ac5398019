/**
 * Build of the three Electron parts into out/: main (ESM, out/main/index.js as package.json's
 * "main"), preload (CommonJS, out/preload/index.cjs, self-contained for the sandbox) and renderer
 * (out/renderer, served by the main process over app://). Needs no Electron binary.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY, metaTagPolicy } from './electron/main/security-policy';

const fromRoot = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

const alias = { '@shared': fromRoot('./shared') };

/** Native modules are loaded from node_modules at run time; everything else is bundled. */
const NATIVE_MODULES = ['better-sqlite3-multiple-ciphers', 'argon2'];

const CSP_META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/i;

/**
 * Keeps renderer/index.html's CSP meta tag equal to the one in security-policy.ts (the build fails
 * otherwise) and, for the dev server only, swaps in the looser dev policy Vite's hot reload needs.
 */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'tw:content-security-policy-meta',
    transformIndexHtml: {
      order: 'pre',
      handler(html, context) {
        const match = CSP_META.exec(html);
        if (!match) throw new Error('renderer/index.html must carry a Content-Security-Policy meta tag');
        if (context.server) {
          return html.replace(
            match[0],
            `<meta http-equiv="Content-Security-Policy" content="${metaTagPolicy(DEV_CONTENT_SECURITY_POLICY)}" />`,
          );
        }
        if (match[1] !== metaTagPolicy(CONTENT_SECURITY_POLICY)) {
          throw new Error(
            'The Content-Security-Policy meta tag in renderer/index.html differs from electron/main/security-policy.ts',
          );
        }
        return html;
      },
    },
  };
}

/**
 * The bundled Korean font (@fontsource/noto-sans-kr) lists a .woff fallback beside every .woff2;
 * Chromium always takes the woff2, so the fallbacks are dropped rather than shipped.
 */
function woff2Only(): Plugin {
  return {
    name: 'tw:woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/@fontsource[\\/][^?]*\.css(\?|$)/.test(id)) return undefined;
      return { code: code.replace(/,\s*url\([^)]*\.woff\)\s*format\('woff'\)/g, ''), map: null };
    },
  };
}

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: fromRoot('./out/main'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: fromRoot('./electron/main/index.ts') },
        external: [...NATIVE_MODULES, ...NATIVE_MODULES.map((name) => new RegExp(`^${name}/`))],
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: fromRoot('./out/preload'),
      // A sandboxed preload can require only 'electron': bundle zod and shared/ into it.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: fromRoot('./electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: fromRoot('./renderer'),
    resolve: { alias },
    plugins: [react(), contentSecurityPolicyMeta(), woff2Only()],
    server: { host: 'localhost', strictPort: true },
    build: {
      outDir: fromRoot('./out/renderer'),
      // Nothing inlined as data: URLs: the CSP allows fonts only from 'self'.
      assetsInlineLimit: 0,
      rolldownOptions: {
        input: { index: fromRoot('./renderer/index.html') },
      },
    },
  },
});
