/**
 * UI figures in real Chromium (the same harness as the end-to-end tests, against the built
 * renderer and the real services): the renderer's bundle size, time from navigation to the first
 * rows of the testimony list with 10,000 testimonies, and typing latency in the form (keydown to
 * the next paint). Measurements only; nothing here asserts.
 *
 * Standalone: `node --import tsx bench/ui.ts` (TW_BENCH_UI_COUNT testimonies, default 10000).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Vault } from '../electron/services/vault/vault';
import { TestimonyService } from '../electron/services/testimony/testimony-service';
import { dispatchIpcRequest, type IpcHandler } from '../electron/main/ipc';
import { RENDERER_DIR, buildApp, buildBridge } from '../tests/setup/build';
import { chromiumAvailable, launchHarness } from '../tests/e2e/harness';
import { generateTestimony } from './generate';

const PASSPHRASE = 'ui bench passphrase, not secret';
const RUNS = 5;
const TYPED = 'ㄱ그해 봄에 회령 보위부 구류장에 끌려갔습니다. The guards beat us every night. '.repeat(3);

export interface UiBenchResult {
  bundle: { jsKiB: number; cssKiB: number; fontsKiB: number; fontFiles: number };
  testimonies: number;
  firstRowsMs: { p50: number; max: number; runs: number[] };
  typingLatencyMs: { p50: number; p95: number; max: number; keystrokes: number };
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};

function bundleSizes(): UiBenchResult['bundle'] {
  const assets = path.join(RENDERER_DIR, 'assets');
  let js = 0;
  let css = 0;
  let fonts = 0;
  let fontFiles = 0;
  for (const name of fs.readdirSync(assets)) {
    const size = fs.statSync(path.join(assets, name)).size;
    if (name.endsWith('.js')) js += size;
    else if (name.endsWith('.css')) css += size;
    else if (name.endsWith('.woff2')) {
      fonts += size;
      fontFiles += 1;
    }
  }
  return { jsKiB: round(js / 1024), cssKiB: round(css / 1024), fontsKiB: round(fonts / 1024), fontFiles };
}

export async function benchUi(dir: string, count = Number(process.env['TW_BENCH_UI_COUNT'] ?? 10_000)): Promise<UiBenchResult | undefined> {
  console.log('\n== ui (Chromium, built renderer, real services) ==');
  if (!chromiumAvailable() && !fs.existsSync('/usr/bin/chromium')) {
    console.log('skipped: /usr/bin/chromium is not installed');
    return undefined;
  }
  buildApp();
  await buildBridge();
  const bundle = bundleSizes();
  console.log(`renderer bundle: ${bundle.jsKiB} KiB JavaScript, ${bundle.cssKiB} KiB CSS, ${bundle.fontsKiB} KiB fonts in ${bundle.fontFiles} woff2 files (loaded on demand by unicode-range)`);

  fs.mkdirSync(dir, { recursive: true });
  const vaultDir = path.join(dir, 'ui-vault');
  const { vault } = await Vault.create(vaultDir, { userName: 'bench', roles: ['interviewer', 'reviewer', 'archivist'], passphrase: PASSPHRASE });
  const testimonies = new TestimonyService(vault);
  for (let start = 0; start < count; start += 1000) {
    const inputs = Array.from({ length: Math.min(1000, count - start) }, (_, index) => generateTestimony(1, start + index).input);
    vault.db.transaction(() => inputs.forEach((input) => testimonies.add(input)))();
  }
  vault.lock();
  console.log(`vault with ${count} testimonies ready`);

  const harness = await launchHarness();
  try {
    const { page } = await harness.openApp({
      vaultDir,
      beforeLoad: async (handlers) => {
        const result = await dispatchIpcRequest('vault:unlock', [{ passphrase: PASSPHRASE }], handlers['vault:unlock'] as IpcHandler<'vault:unlock'>, { webContentsId: 1 });
        if (!result.ok) throw new Error(result.error.message);
      },
    });
    const firstRows = async () => {
      await page.waitForFunction(() => performance.getEntriesByName('tw:list-first-rows').length > 0, undefined, { timeout: 60_000 });
      return page.evaluate(() => performance.getEntriesByName('tw:list-first-rows')[0]!.startTime);
    };
    const runs: number[] = [];
    runs.push(await firstRows()); // the first run also warms the database cache
    for (let run = 1; run < RUNS; run += 1) {
      await page.reload();
      runs.push(await firstRows());
    }
    const firstRowsMs = { p50: round(percentile(runs, 50)), max: round(Math.max(...runs)), runs: runs.map((value) => round(value)) };
    console.log(`first rows of the list with ${count} testimonies, from navigation start: p50 ${firstRowsMs.p50} ms, max ${firstRowsMs.max} ms (${RUNS} loads: ${firstRowsMs.runs.join(', ')})`);

    // Typing into the narrative of a full testimony (generated: events, people, long narrative).
    await page.locator('.list-row').first().click();
    const narrative = page.getByRole('textbox', { name: '진술', exact: true });
    await narrative.waitFor();
    await narrative.click();
    await page.keyboard.press('End');
    await page.evaluate(() => {
      const samples: number[] = [];
      (window as unknown as { __typingSamples: number[] }).__typingSamples = samples;
      // keydown's timestamp to just after the next frame is painted (a task queued from rAF).
      document.addEventListener(
        'keydown',
        (event) => {
          const start = event.timeStamp;
          requestAnimationFrame(() => setTimeout(() => samples.push(performance.now() - start), 0));
        },
        true,
      );
    });
    await page.keyboard.type(TYPED, { delay: 25 });
    await page.waitForTimeout(300);
    const samples = await page.evaluate(() => (window as unknown as { __typingSamples: number[] }).__typingSamples);
    const typingLatencyMs = { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), max: round(Math.max(...samples)), keystrokes: samples.length };
    console.log(`typing latency in the form (keydown to paint): p50 ${typingLatencyMs.p50} ms, p95 ${typingLatencyMs.p95} ms, max ${typingLatencyMs.max} ms over ${samples.length} keystrokes (autosave runs during pauses)`);
    console.log('(timings are noisy on a shared machine: the lead re-measures)');
    return { bundle, testimonies: count, firstRowsMs, typingLatencyMs };
  } finally {
    await harness.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-bench-ui-'));
  benchUi(dir)
    .then((result) => console.log(`BENCH_JSON ${JSON.stringify({ ui: result })}`))
    .finally(() => fs.rmSync(dir, { recursive: true, force: true }));
}
