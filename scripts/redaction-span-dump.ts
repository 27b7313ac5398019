/**
 * Prints the detector's spans, one JSON line per document, for a fixed corpus: the evaluation sets
 * (devset and every tests/fixtures/redaction-*.jsonl), the bench's generated narratives and
 * translations (with and without the testimony's known terms), and spliced texts cut from all of
 * those (odd boundaries, mixed scripts). Run it with two versions of the detector and diff the
 * outputs: a speed-up must not change a single span.
 *
 *   npx tsx scripts/redaction-span-dump.ts [DIR] > spans.jsonl
 *
 * DIR is a copy of shared/ to load the detector from (default: this worktree's shared/), e.g.
 * /tmp/base/shared after `git archive main shared | tar -x -C /tmp/base` and
 * `ln -s $PWD/node_modules /tmp/base/` (for zod), for the other side of the diff. Output holds
 * offsets, types, scores and reasons, never text; TW_DUMP_TESTIMONIES sets how many generated
 * testimonies (default 10000).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseTestimonyInput } from '../shared/testimony/schema';
import { generateTestimony, seededRandom } from '../bench/generate';
import type { DetectedSpan, DetectOptions, KnownTerm } from '../shared/redaction/types';
import type { TestimonyRecord } from '../shared/testimony/schema';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedDir = path.resolve(process.argv[2] ?? path.join(root, 'shared'));
const { detectSpans } = (await import(pathToFileURL(path.join(sharedDir, 'redaction/detect.ts')).href)) as {
  detectSpans: (text: string, options?: DetectOptions) => DetectedSpan[];
};
const { knownTermsOf } = (await import(pathToFileURL(path.join(sharedDir, 'redaction/known-terms.ts')).href)) as {
  knownTermsOf: (record: TestimonyRecord) => KnownTerm[];
};

function evalTexts(file: string): string[] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { text: string }).text);
}

const out: string[] = [];
function emit(label: string, text: string, options?: DetectOptions): void {
  const spans = detectSpans(text, options).map((s) => [s.start, s.end, s.type, s.score, s.reason, s.knownTermSource ?? null]);
  out.push(JSON.stringify([label, spans]));
}

const evalSets = [
  path.resolve(root, '../../shared/redaction-devset/devset.jsonl'),
  '/work/shared/redaction-devset/devset.jsonl',
  // Every annotated set in tests/fixtures (held-out, dev2, dev3 …), in a fixed order.
  ...fs
    .readdirSync(path.join(root, 'tests/fixtures'))
    .filter((name) => /^redaction-.*\.jsonl$/.test(name))
    .sort()
    .map((name) => path.join(root, 'tests/fixtures', name)),
].filter((file, i, all) => all.indexOf(file) === i && fs.existsSync(file));
const pool: string[] = [];
for (const file of evalSets) {
  evalTexts(file).forEach((text, i) => {
    emit(`${path.basename(file)}#${i}`, text);
    pool.push(text);
  });
}

const count = Number(process.env.TW_DUMP_TESTIMONIES ?? 10_000);
for (let i = 0; i < count; i++) {
  const parsed = parseTestimonyInput(generateTestimony(1, i).input);
  if (!parsed.ok) continue;
  const record = parsed.value;
  const knownTerms = knownTermsOf(record);
  for (const [which, text] of [['narrative', record.narrative.text], ['translation', record.translation?.text]] as const) {
    if (!text) continue;
    if (i < 2000) emit(`bench#${i}.${which}`, text);
    emit(`rescan#${i}.${which}`, text, { knownTerms });
    if (i < 500) pool.push(text);
  }
}

// Spliced texts: random slices of the pool joined together, so that words, names and numbers are cut
// and glued at places no hand-written document has them.
const random = seededRandom(20261202);
for (let i = 0; i < 3000; i++) {
  let text = '';
  const parts = 1 + Math.floor(random() * 4);
  for (let p = 0; p < parts; p++) {
    const source = pool[Math.floor(random() * pool.length)]!;
    const start = Math.floor(random() * source.length);
    text += source.slice(start, start + 1 + Math.floor(random() * 400));
  }
  emit(`splice#${i}`, text);
}

process.stdout.write(`${out.join('\n')}\n`);
