/**
 * Release figures: the k-count across 100,000 testimonies (filling the quasi-identifier table from
 * stored records, as migration 0007 does, then one assessment = up to six indexed counts), and
 * stripping a 12-megapixel photo of its metadata (decode, orient, re-encode) with its memory.
 * Environment: TW_BENCH_MAX (testimonies, default 100000).
 */
import crypto from 'node:crypto';
import path from 'node:path';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import jpeg from 'jpeg-js';
import { assessRisk, type QuasiIdentifiers } from '../shared/redaction/risk';
import { openEncryptedDatabase } from '../electron/services/vault/database';
import { migrate } from '../electron/services/vault/migrations';
import { countSharing, refreshQuasiIndex } from '../electron/services/redaction/quasi-index';
import { sanitiseImage } from '../electron/services/redaction/image-sanitiser';

const PROVINCES = ['nk-hamgyongbuk-do', 'nk-ryanggang-do', 'nk-hamgyongnam-do', 'nk-pyongannam-do', 'nk-pyonganbuk-do', 'nk-chagang-do', 'nk-kangwon-do', 'nk-hwanghaebuk-do', 'nk-hwanghaenam-do'];
const OCCUPATIONS = ['교원', '광부', '농장원', '장사', '노동자', '군인', '의사', '학생', 'teacher', 'farmer'];
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

export async function benchRelease(dir: string): Promise<Record<string, unknown>> {
  const count = Math.max(Number(process.env.TW_BENCH_MAX ?? 100_000) || 100_000, 1000);
  fs.mkdirSync(dir, { recursive: true });
  console.log('\n== release: k-count and image stripping ==');
  const db = openEncryptedDatabase(path.join(dir, 'release-bench.db'), crypto.randomBytes(32), { create: true });
  migrate(db);
  db.prepare("INSERT INTO users (id, name, roles, created_at) VALUES ('u', 'bench', '[]', 'now')").run();
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const insertTestimony = db.prepare("INSERT INTO testimonies VALUES (?, 't', 'draft', 1, 'now', 'u', 'now', 'u')");
  const insertVersion = db.prepare("INSERT INTO testimony_versions VALUES (?, 1, ?, 'sha', 'now', 'u')");
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = `t${i}`;
      const interviewee = { birthYear: 1950 + Math.floor(random() * 50), sex: random() < 0.7 ? 'female' : 'male', homeProvince: { gazetteerId: pick(PROVINCES) }, yearLeftNorthKorea: 1998 + Math.floor(random() * 25), occupation: pick(OCCUPATIONS) };
      insertTestimony.run(id);
      insertVersion.run(id, JSON.stringify({ schemaVersion: 1, title: 't', interviewee, narrative: { language: 'ko', text: '…' } }));
    }
  })();
  db.exec('DELETE FROM redaction_quasi');
  let start = performance.now();
  const filled = refreshQuasiIndex(db);
  const fillMs = performance.now() - start;
  console.log(`quasi-identifier table filled from ${filled} stored records in ${round(fillMs, 0)} ms (the migration's backfill)`);

  // A testimony of the vault itself, as a release of it would count.
  const row = db.prepare("SELECT province, birth_year, sex, year_left, occupation FROM redaction_quasi WHERE testimony_id = 't0'").get() as { province: string; birth_year: number; sex: string; year_left: number; occupation: string };
  const target: QuasiIdentifiers = { province: row.province, birth: { from: row.birth_year, to: row.birth_year }, sex: row.sex, yearLeft: { from: row.year_left, to: row.year_left }, occupation: row.occupation };
  const countRuns: number[] = [];
  for (let i = 0; i < 20; i++) {
    start = performance.now();
    assessRisk(target, (qi) => countSharing(db, qi));
    countRuns.push(performance.now() - start);
  }
  countRuns.sort((a, b) => a - b);
  console.log(`risk assessment alone (up to 6 indexed counts): p50 ${round(countRuns[10]!)} ms, max ${round(countRuns[19]!)} ms`);
  const runs: number[] = [];
  let assessment = assessRisk(target, (qi) => countSharing(db, qi));
  for (let i = 0; i < 20; i++) {
    start = performance.now();
    refreshQuasiIndex(db); // nothing stale: what every check pays
    assessment = assessRisk(target, (qi) => countSharing(db, qi));
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);
  console.log(`risk assessment at ${count} testimonies (staleness check + up to 6 counts): p50 ${round(runs[10]!)} ms, max ${round(runs[19]!)} ms; count ${assessment.count}, suggestion ${assessment.suggestion?.step.description ?? 'none'} → ${assessment.suggestion?.count ?? '-'}`);
  db.close();

  const width = 4000;
  const height = 3000;
  const pixels = Buffer.alloc(width * height * 4);
  for (let i = 0; i < pixels.length; i += 4) {
    pixels[i] = (i >> 4) & 255;
    pixels[i + 1] = (i >> 12) & 255;
    pixels[i + 2] = (i >> 20) & 255;
    pixels[i + 3] = 255;
  }
  const photo = Buffer.from(jpeg.encode({ width, height, data: pixels }, 85).data);
  (globalThis as { gc?: () => void }).gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  start = performance.now();
  const stripped = sanitiseImage(photo, [{ x: 100, y: 100, width: 400, height: 300 }]);
  const stripMs = performance.now() - start;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(`12 MP JPEG (${round(photo.length / 1e6, 1)} MB) stripped and re-encoded in ${round(stripMs / 1000, 2)} s → ${round(stripped.bytes.length / 1e6, 1)} MB; RSS growth ${round((peak - rssBefore) / 2 ** 20, 0)} MiB`);
  return {
    testimonies: count,
    quasiFillMs: round(fillMs, 0),
    riskAssessmentMs: { p50: round(countRuns[10]!), max: round(countRuns[19]!) },
    riskAssessmentWithStalenessCheckMs: { p50: round(runs[10]!), max: round(runs[19]!) },
    strip12MpSeconds: round(stripMs / 1000, 2),
    strip12MpRssGrowthMiB: round((peak - rssBefore) / 2 ** 20, 0),
  };
}
