/**
 * `npm run eval:redaction`: scores the redaction detector on an annotated set, by the definition of
 * ../shared/redaction-devset/README.md:
 *   span recall        a gold span counts as found only when predicted spans cover all its characters
 *   character precision  share of predicted characters that fall inside some gold span
 *   F2                 (5·P·R)/(4·P + R): recall weighs four times as much as precision
 * Both are type-blind (a name found as a PLACE still protects the name); the per-type rows give recall
 * over gold spans of that type and precision over predicted spans of that type.
 *
 *   npm run eval:redaction [-- FILE] [--misses] [--check] [--json]
 *   npm run eval:redaction -- --convert FILE.markup      prints the JSON lines of a markup file
 *
 * FILE is .jsonl ({id, lang, text, spans}) or .markup; by default ../shared/redaction-devset/devset.jsonl
 * relative to the repository root (or to a folder above it, for a git worktree). --check exits 1 when
 * recall < 0.97 or character precision < 0.85 overall.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectSpans } from '../shared/redaction/detect';
import { EvalDocument, parseMarkup } from '../shared/redaction/markup';
import type { DetectedSpan } from '../shared/redaction/types';

export const TARGET_RECALL = 0.97;
export const TARGET_PRECISION = 0.85;

export interface Tally {
  gold: number;
  found: number;
  predictedChars: number;
  predictedInGold: number;
}

export interface Scored {
  recall: number;
  precision: number;
  f2: number;
}

export function score(t: Tally): Scored {
  const recall = t.gold ? t.found / t.gold : NaN;
  const precision = t.predictedChars ? t.predictedInGold / t.predictedChars : NaN;
  const f2 = recall > 0 || precision > 0 ? (5 * precision * recall) / (4 * precision + recall) : 0;
  return { recall, precision, f2 };
}

export interface Evaluation {
  groups: Map<string, Tally>;
  misses: string[];
  falsePositives: Array<{ chars: number; line: string }>;
  seconds: number;
  characters: number;
}

/** Scores `detect` on documents; groups are ALL, type:X and lang:X. */
export function evaluate(docs: readonly EvalDocument[], detect: (text: string) => DetectedSpan[] = (text) => detectSpans(text)): Evaluation {
  const groups = new Map<string, Tally>();
  const bump = (key: string, d: Partial<Tally>): void => {
    const t = groups.get(key) ?? { gold: 0, found: 0, predictedChars: 0, predictedInGold: 0 };
    t.gold += d.gold ?? 0;
    t.found += d.found ?? 0;
    t.predictedChars += d.predictedChars ?? 0;
    t.predictedInGold += d.predictedInGold ?? 0;
    groups.set(key, t);
  };
  const misses: string[] = [];
  const falsePositives: Array<{ chars: number; line: string }> = [];
  let seconds = 0;
  let characters = 0;
  for (const doc of docs) {
    const started = performance.now();
    const predicted = detect(doc.text);
    seconds += (performance.now() - started) / 1000;
    characters += doc.text.length;
    const covered = new Uint8Array(doc.text.length);
    for (const p of predicted) covered.fill(1, p.start, p.end);
    const gold = new Uint8Array(doc.text.length);
    for (const g of doc.spans) gold.fill(1, g.start, g.end);
    for (const g of doc.spans) {
      let ok = true;
      for (let i = g.start; i < g.end; i++) if (!covered[i]) { ok = false; break; }
      for (const key of ['ALL', `type:${g.type}`, `lang:${doc.lang}`]) bump(key, { gold: 1, found: ok ? 1 : 0 });
      if (!ok) {
        const context = doc.text.slice(Math.max(0, g.start - 15), g.end + 15).replace(/\n/g, ' ');
        misses.push(`${doc.id} ${g.type.padEnd(8)} ${JSON.stringify(doc.text.slice(g.start, g.end))}  …${context}…`);
      }
    }
    // Predicted spans never overlap (detectSpans merges them), so characters are not counted twice.
    for (const p of predicted) {
      let inGold = 0;
      for (let i = p.start; i < p.end; i++) if (gold[i]) inGold++;
      const length = p.end - p.start;
      for (const key of ['ALL', `type:${p.type}`, `lang:${doc.lang}`]) bump(key, { predictedChars: length, predictedInGold: inGold });
      if (inGold < length) {
        falsePositives.push({ chars: length - inGold, line: `${doc.id} ${p.type.padEnd(8)} ${JSON.stringify(doc.text.slice(p.start, p.end))} (${p.reason}, ${p.score})` });
      }
    }
  }
  return { groups, misses, falsePositives, seconds, characters };
}

export function readEvalFile(file: string): EvalDocument[] {
  const content = fs.readFileSync(file, 'utf8');
  if (file.endsWith('.markup')) return parseMarkup(content);
  return content
    .split('\n')
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line.trim())
    .map(({ line, index }) => {
      const parsed = EvalDocument.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${index + 1}: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}

/** ../shared/redaction-devset/devset.jsonl from the repository root, or from a folder above it. */
export function defaultDevSet(): string {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  let dir = root;
  for (let depth = 0; depth < 4; depth++) {
    const candidate = path.resolve(dir, '../shared/redaction-devset/devset.jsonl');
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return path.resolve(root, '../shared/redaction-devset/devset.jsonl');
}

function main(argv: string[]): number {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const files = argv.filter((a) => !a.startsWith('--'));
  for (const flag of flags) {
    if (!['--misses', '--check', '--json', '--convert'].includes(flag)) {
      console.error(`eval-redaction: unknown option ${flag}`);
      return 2;
    }
  }
  if (flags.has('--convert')) {
    if (files.length !== 1) {
      console.error('eval-redaction: --convert takes one .markup file');
      return 2;
    }
    for (const doc of parseMarkup(fs.readFileSync(files[0]!, 'utf8'))) process.stdout.write(`${JSON.stringify(doc)}\n`);
    return 0;
  }
  const file = files[0] ?? defaultDevSet();
  if (!fs.existsSync(file)) {
    console.error(`eval-redaction: ${file} not found`);
    return 1;
  }
  const docs = readEvalFile(file);
  const result = evaluate(docs);
  const overall = score(result.groups.get('ALL') ?? { gold: 0, found: 0, predictedChars: 0, predictedInGold: 0 });
  const order = [...result.groups.keys()].sort((a, b) => (a === 'ALL' ? -1 : b === 'ALL' ? 1 : a.localeCompare(b)));
  if (flags.has('--json')) {
    const groups = Object.fromEntries(order.map((key) => [key, { ...result.groups.get(key)!, ...score(result.groups.get(key)!) }]));
    console.log(JSON.stringify({ file, documents: docs.length, groups, misses: result.misses.length }));
  } else {
    const fmt = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : '  -  ');
    console.log(`${docs.length} documents from ${file}`);
    console.log('group           gold found recall  charP    F2');
    for (const key of order) {
      const t = result.groups.get(key)!;
      const s = score(t);
      console.log(`${key.padEnd(15)} ${String(t.gold).padStart(4)} ${String(t.found).padStart(5)}  ${fmt(s.recall)}  ${fmt(s.precision)}  ${fmt(s.f2)}`);
    }
    console.log('(per type: recall over gold spans of that type, charP over predicted spans of that type; both type-blind)');
    console.log(`targets: recall ≥ ${TARGET_RECALL}, character precision ≥ ${TARGET_PRECISION}`);
    console.log(`detection: ${(result.characters / 1000).toFixed(0)}k characters in ${(result.seconds * 1000).toFixed(0)} ms (noisy; see npm run bench)`);
  }
  if (flags.has('--misses')) {
    console.log(`\nMissed gold spans (${result.misses.length}):`);
    for (const line of result.misses) console.log(`  ${line}`);
    console.log(`\nFalse positives, most characters outside gold first (${result.falsePositives.length}):`);
    for (const fp of result.falsePositives.sort((a, b) => b.chars - a.chars)) console.log(`  ${String(fp.chars).padStart(3)} ${fp.line}`);
  }
  if (flags.has('--check') && !(overall.recall >= TARGET_RECALL && overall.precision >= TARGET_PRECISION)) {
    console.error(`eval-redaction: targets missed (recall ${overall.recall.toFixed(3)}, precision ${overall.precision.toFixed(3)})`);
    return 1;
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
