/**
 * The desktop app's figures: the size of what the window loads (out/renderer, raw and gzip), and of
 * the main, host and preload bundles, after a fresh `npm run build`. The renderer's timings (first
 * render of the list with 10k testimonies, typing latency in the form) are the `ui` section
 * (bench/ui.ts).
 *
 * Standalone: `node --import tsx bench/app.ts`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'out');

export interface BundleSize {
  files: number;
  rawKiB: number;
  gzipKiB: number;
}

export interface AppBenchResult {
  buildSeconds: number;
  renderer: BundleSize & {
    /** HTML, JS and CSS: what every start of the window parses (fonts load by Unicode range, as needed). */
    code: BundleSize;
    largest: Array<{ file: string; rawKiB: number; gzipKiB: number }>;
    byKind: Record<string, BundleSize>;
  };
  main: BundleSize;
  preload: BundleSize;
}

const kib = (bytes: number): number => Number((bytes / 1024).toFixed(1));

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .map((relative) => path.join(dir, relative))
    .filter((file) => fs.statSync(file).isFile());
}

function sizes(files: string[]): Array<{ file: string; raw: number; gzip: number }> {
  return files.map((file) => {
    const bytes = fs.readFileSync(file);
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
}

function total(entries: Array<{ raw: number; gzip: number }>): BundleSize {
  return {
    files: entries.length,
    rawKiB: kib(entries.reduce((sum, entry) => sum + entry.raw, 0)),
    gzipKiB: kib(entries.reduce((sum, entry) => sum + entry.gzip, 0)),
  };
}

export async function benchApp(_dir: string): Promise<AppBenchResult> {
  const started = performance.now();
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (build.status !== 0) throw new Error(`npm run build failed: ${build.stderr.slice(-2000)}`);
  const buildSeconds = Number(((performance.now() - started) / 1000).toFixed(1));

  const renderer = sizes(listFiles(path.join(OUT, 'renderer')).filter((file) => !file.endsWith('.map')));
  const byKind: Record<string, BundleSize> = {};
  for (const kind of [...new Set(renderer.map((entry) => path.extname(entry.file) || '(none)'))].sort()) {
    byKind[kind] = total(renderer.filter((entry) => (path.extname(entry.file) || '(none)') === kind));
  }
  const largest = [...renderer]
    .sort((a, b) => b.raw - a.raw)
    .slice(0, 5)
    .map((entry) => ({ file: path.relative(path.join(OUT, 'renderer'), entry.file), rawKiB: kib(entry.raw), gzipKiB: kib(entry.gzip) }));
  const result: AppBenchResult = {
    buildSeconds,
    renderer: { ...total(renderer), code: total(renderer.filter((entry) => /\.(?:html|js|mjs|css)$/.test(entry.file))), largest, byKind },
    main: total(sizes(listFiles(path.join(OUT, 'main')).filter((file) => !file.endsWith('.map')))),
    preload: total(sizes(listFiles(path.join(OUT, 'preload')).filter((file) => !file.endsWith('.map')))),
  };

  console.log(`build: ${buildSeconds} s`);
  console.log(`renderer code (html, js, css: parsed at every start): ${result.renderer.code.rawKiB} KiB raw, ${result.renderer.code.gzipKiB} KiB gzip`);
  console.log(`renderer, all shipped files: ${result.renderer.files} files, ${result.renderer.rawKiB} KiB raw, ${result.renderer.gzipKiB} KiB gzip`);
  for (const [kind, size] of Object.entries(byKind)) console.log(`  ${kind}: ${size.files} files, ${size.rawKiB} KiB raw, ${size.gzipKiB} KiB gzip`);
  for (const entry of largest) console.log(`  largest: ${entry.file} ${entry.rawKiB} KiB raw, ${entry.gzipKiB} KiB gzip`);
  console.log(`main + service host: ${result.main.rawKiB} KiB raw; preload: ${result.preload.rawKiB} KiB raw`);

  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = fs.mkdtempSync(path.join((await import('node:os')).tmpdir(), 'tw-bench-app-'));
  try {
    console.log(JSON.stringify(await benchApp(dir), null, 2));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
