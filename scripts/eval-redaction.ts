/**
 * Scores the redaction detector on a development set (default: ../shared/redaction-devset/devset.jsonl).
 * Span recall: a gold span counts only when predicted spans cover all its characters.
 * Character precision: share of predicted characters inside some gold span. F2 weighs recall 4×.
 *
 *   npx tsx scripts/eval-redaction.ts [path] [--misses]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { detectSpans } from '../shared/redaction/detect';
import type { DetectedSpan } from '../shared/redaction/types';

const GoldSpan = z.object({ start: z.number().int(), end: z.number().int(), type: z.string(), text: z.string().optional() });
const Doc = z.object({ id: z.string(), lang: z.string(), text: z.string(), spans: z.array(GoldSpan) });
type Doc = z.infer<typeof Doc>;

const args = process.argv.slice(2);
const showMisses = args.includes('--misses');
const here = path.dirname(fileURLToPath(import.meta.url));
const file = args.find((a) => !a.startsWith('--')) ?? path.resolve(here, '../../shared/redaction-devset/devset.jsonl');
const docs: Doc[] = fs
  .readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => Doc.parse(JSON.parse(line)));

interface Tally { gold: number; found: number; predChars: number; predInGold: number }
const tally = new Map<string, Tally>();
const bump = (key: string, d: Partial<Tally>): void => {
  const t = tally.get(key) ?? { gold: 0, found: 0, predChars: 0, predInGold: 0 };
  t.gold += d.gold ?? 0; t.found += d.found ?? 0; t.predChars += d.predChars ?? 0; t.predInGold += d.predInGold ?? 0;
  tally.set(key, t);
};
const misses: string[] = [];
const falsePositives: Array<{ chars: number; line: string }> = [];

for (const doc of docs) {
  const predicted: DetectedSpan[] = detectSpans(doc.text);
  const covered = new Uint8Array(doc.text.length);
  for (const p of predicted) covered.fill(1, p.start, p.end);
  const gold = new Uint8Array(doc.text.length);
  for (const g of doc.spans) gold.fill(1, g.start, g.end);
  for (const g of doc.spans) {
    let ok = true;
    for (let i = g.start; i < g.end; i++) if (!covered[i]) { ok = false; break; }
    for (const key of ['ALL', `type:${g.type}`, `lang:${doc.lang}`]) bump(key, { gold: 1, found: ok ? 1 : 0 });
    if (!ok) {
      const ctx = doc.text.slice(Math.max(0, g.start - 15), g.end + 15).replace(/\n/g, ' ');
      misses.push(`${doc.id} ${g.type.padEnd(8)} ${JSON.stringify(doc.text.slice(g.start, g.end))}  …${ctx}…`);
    }
  }
  for (const p of predicted) {
    let inGold = 0;
    for (let i = p.start; i < p.end; i++) if (gold[i]) inGold++;
    const len = p.end - p.start;
    for (const key of ['ALL', `type:${p.type}`, `lang:${doc.lang}`]) bump(key, { predChars: len, predInGold: inGold });
    if (inGold < len) {
      falsePositives.push({ chars: len - inGold, line: `${doc.id} ${p.type.padEnd(8)} ${JSON.stringify(doc.text.slice(p.start, p.end))} (${p.reason}, ${p.score})` });
    }
  }
}

const fmt = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : '  -  ');
console.log(`${docs.length} documents from ${file}`);
console.log('group           gold found recall  charP    F2');
const order = [...tally.keys()].sort((a, b) => (a === 'ALL' ? -1 : b === 'ALL' ? 1 : a.localeCompare(b)));
for (const key of order) {
  const t = tally.get(key)!;
  const recall = t.gold ? t.found / t.gold : NaN;
  const precision = t.predChars ? t.predInGold / t.predChars : NaN;
  const f2 = recall + precision > 0 ? (5 * precision * recall) / (4 * precision + recall) : NaN;
  console.log(`${key.padEnd(15)} ${String(t.gold).padStart(4)} ${String(t.found).padStart(5)}  ${fmt(recall)}  ${fmt(precision)}  ${fmt(f2)}`);
}
console.log('(per type, charP is over predicted spans of that type; recall over gold spans of that type)');
if (showMisses) {
  console.log(`\nMissed gold spans (${misses.length}):`);
  for (const line of misses) console.log('  ' + line);
  console.log('\nWorst false positives (characters outside gold):');
  for (const fp of falsePositives.sort((a, b) => b.chars - a.chars).slice(0, 60)) console.log(`  ${String(fp.chars).padStart(3)} ${fp.line}`);
}
