import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EvalDocument } from '../shared/redaction/markup';
import type { DetectedSpan } from '../shared/redaction/types';
import { evaluate, score } from './eval-redaction';

const doc: EvalDocument = {
  id: 'd1',
  lang: 'ko',
  text: '김영철은 회령시에서 2011년에 떠났다.',
  spans: [
    { start: 0, end: 3, type: 'PERSON' },
    { start: 5, end: 8, type: 'PLACE' },
    { start: 11, end: 16, type: 'DATE' },
  ],
};
const span = (start: number, end: number, type: DetectedSpan['type']): DetectedSpan => ({ start, end, type, score: 1, reason: 'test' });

describe('redaction scoring (redaction-devset/README.md)', () => {
  it('counts a gold span only when its characters are all covered, whatever the predicted type', () => {
    // The name is covered by two touching predictions of another type; the place only in part; the date not at all.
    const result = evaluate([doc], () => [span(0, 1, 'PLACE'), span(1, 3, 'ID'), span(5, 7, 'PLACE')]);
    const all = result.groups.get('ALL')!;
    expect(all.gold).toBe(3);
    expect(all.found).toBe(1);
    expect(result.groups.get('type:PERSON')!.found).toBe(1);
    expect(result.groups.get('type:PLACE')!.found).toBe(0);
    expect(result.misses).toHaveLength(2);
  });
  it('measures character precision as the share of predicted characters inside some gold span', () => {
    // 3 characters of the name + 1 character of particle outside gold: 3/4.
    const result = evaluate([doc], () => [span(0, 4, 'PERSON')]);
    expect(result.groups.get('ALL')!.predictedChars).toBe(4);
    expect(result.groups.get('ALL')!.predictedInGold).toBe(3);
    expect(score(result.groups.get('ALL')!).precision).toBeCloseTo(0.75);
  });
  it('computes F2 from recall and precision, weighing recall four times', () => {
    const s = score({ gold: 10, found: 9, predictedChars: 100, predictedInGold: 80 });
    expect(s.recall).toBeCloseTo(0.9);
    expect(s.precision).toBeCloseTo(0.8);
    expect(s.f2).toBeCloseTo((5 * 0.8 * 0.9) / (4 * 0.8 + 0.9));
  });
  it('runs as a command on a markup file, and --check fails when the targets are missed', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-eval-'));
    try {
      const file = path.join(dir, 'set.markup');
      fs.writeFileSync(file, '=== t-1 ko\n[[PERSON:최]] 과장이 왔다.\n=== t-2 en\nA man we called [[PERSON:Qqqx]] came.\n');
      const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'eval-redaction.ts'), file, ...args], { encoding: 'utf8' });
      const plain = run([]);
      expect(plain.status).toBe(0);
      expect(plain.stdout).toMatch(/^ALL\s+2\s+\d/m);
      const check = run(['--check', '--json']);
      const report = JSON.parse(check.stdout.trim().split('\n')[0]!);
      expect(report.groups.ALL.gold).toBe(2);
      expect(check.status).toBe(report.groups.ALL.recall >= 0.97 && report.groups.ALL.precision >= 0.85 ? 0 : 1);
      expect(run(['--bogus']).status).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
