/**
 * Build of the Electron parts into out/: main (ESM, out/main/index.js as package.json's "main"),
 * the service host (ESM, out/main/host.js, started by main as a utilityProcess), preload (CommonJS,
 * out/preload/index.cjs, self-contained for the sandbox) and renderer (out/renderer, served by the
 * main process over app://). Needs no Electron binary.
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

/** Finds uses of the Function constructor or eval in code, comments aside (roughly: it is a tripwire). */
const CODE_GENERATION = /\bnew\s+Function\b|(?<![\w.$])(?:Function|eval)\s*\(|=\s*Function\s*[;,)]/;

/**
 * zod compiles fast object parsers with `new Function` and probes for it; nothing in the app may
 * generate code at run time (the renderer's CSP forbids it, and main, host and preload should not
 * need it). Swaps zod's one alias of the Function constructor for a function that throws, so zod
 * takes its interpreted path everywhere; the build fails if zod grows another way to make code.
 */
function noRuntimeCodeGeneration(): Plugin {
  return {
    name: 'tw:no-runtime-code-generation',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]zod[\\/]/.test(id)) return null;
      const replaced = code.replaceAll(
        'const F = Function;',
        'const F = function refusedCodeGeneration() { throw new EvalError("no code generation at run time in this app"); };',
      );
      const withoutComments = replaced.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\])\/\/.*$/gm, '$1');
      if (CODE_GENERATION.test(withoutComments)) {
        throw new Error(`${id} generates code in a way the build does not neutralise (see noRuntimeCodeGeneration)`);
      }
      return replaced === code ? null : { code: replaced, map: null };
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
    plugins: [noRuntimeCodeGeneration()],
    build: {
      outDir: fromRoot('./out/main'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: fromRoot('./electron/main/index.ts'), host: fromRoot('./electron/host/entry.ts') },
        external: [...NATIVE_MODULES, ...NATIVE_MODULES.map((name) => new RegExp(`^${name}/`))],
      },
    },
  },
  preload: {
    resolve: { alias },
    plugins: [noRuntimeCodeGeneration()],
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
    plugins: [noRuntimeCodeGeneration(), react(), contentSecurityPolicyMeta(), woff2Only()],
    server: { host: 'localhost', strictPort: true },
    build: {
      outDir: fromRoot('./out/renderer'),
      // What the window parses at every start (and after every lock, in a fresh process).
      minify: true,
      // Nothing inlined as data: URLs: the CSP allows fonts only from 'self'.
      assetsInlineLimit: 0,
      rolldownOptions: {
        input: { index: fromRoot('./renderer/index.html') },
      },
    },
  },
});
