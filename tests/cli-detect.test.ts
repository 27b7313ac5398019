import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DetectResponse } from '@shared/redaction/wire';

const ROOT = path.resolve(__dirname, '..');
const TW = path.join(ROOT, 'bin/tw.mjs');

function detect(input: string | Buffer, args: string[] = []) {
  const result = spawnSync(process.execPath, [TW, 'detect', ...args], { input, encoding: 'utf8', env: { ...process.env, TW_PASSPHRASE: '' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, lines: result.stdout.split('\n').filter(Boolean).map((l) => DetectResponse.parse(JSON.parse(l))) };
}

describe('tw detect', () => {
  it('reads JSON lines and writes spans with JavaScript string offsets, needing no vault', () => {
    const texts = ['🙂 저는 김영철입니다. 전화 010-2233-4455.', 'I left Hoeryong in the spring of 2014, aged 17.'];
    const input = texts.map((text, i) => JSON.stringify({ id: `t${i}`, text })).join('\n') + '\n';
    const out = detect(input);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.lines.map((l) => l.id)).toEqual(['t0', 't1']);
    const surfaces = out.lines.map((line, i) => line.spans.map((s) => `${s.type}:${texts[i]!.slice(s.start, s.end)}`));
    // The emoji is two UTF-16 code units: offsets count them as JavaScript does.
    expect(surfaces[0]).toEqual(['PERSON:김영철', 'CONTACT:010-2233-4455']);
    expect(surfaces[1]).toEqual(['PLACE:Hoeryong', 'DATE:spring of 2014', 'AGE:aged 17']);
    expect(Object.keys(out.lines[0]!.spans[0]!)).toEqual(['start', 'end', 'type']);
  });

  it('adds score and reason with --reasons, and accepts numeric ids, blank lines and a last line without newline', () => {
    const out = detect(`{"id": 7, "text": "최 과장이 왔다."}\n\n{"id": "x", "text": ""}`, ['--reasons']);
    expect(out.status).toBe(0);
    expect(out.lines).toEqual([
      { id: 7, spans: [{ start: 0, end: 1, type: 'PERSON', score: 0.75, reason: 'surname before title "과장"' }] },
      { id: 'x', spans: [] },
    ]);
  });

  it('stops at a malformed line with its number, keeps the whole lines before it, and never quotes the input', () => {
    const secret = '비밀스러운박영수';
    const out = detect(`{"id":1,"text":"a"}\n{"id":2,"text":"b"}\n{"id":3,"text":"${secret}"\n{"id":4,"text":"c"}\n`);
    expect(out.status).toBe(1);
    expect(out.stderr.trim()).toBe('tw: line 3 is not valid JSON');
    expect(out.lines.map((l) => l.id)).toEqual([1, 2]);
    expect(out.stdout.endsWith('\n')).toBe(true);
    expect(out.stderr).not.toContain(secret);
  });

  it('refuses a line without a string text', () => {
    const missing = detect('{"id":"a"}\n');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^tw: line 1: "text" is missing or of the wrong type/);
  });

  it('refuses a line that is not an object', () => {
    const list = detect('["id", "text"]\n');
    expect(list.status).toBe(1);
    expect(list.stderr).toMatch(/^tw: line 1/);
  });

  it('refuses invalid UTF-8', () => {
    const badUtf8 = detect(Buffer.concat([Buffer.from('{"id":"a","text":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n')]));
    expect(badUtf8.status).toBe(1);
    expect(badUtf8.stderr).toMatch(/line 1 is not valid UTF-8/);
  });

  it('refuses an unknown option with usage status 2', () => {
    expect(detect('', ['--fast']).status).toBe(2);
  });

  it('streams: output of early lines arrives before the input ends', async () => {
    const child = spawn(process.execPath, [TW, 'detect'], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.write('{"id":"first","text":"Mr. Pak"}\n');
    const firstLine = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (data: Buffer) => resolve(data.toString('utf8')));
      child.once('error', reject);
    });
    expect(JSON.parse(firstLine.split('\n')[0]!)).toEqual({ id: 'first', spans: [{ start: 4, end: 7, type: 'PERSON' }] });
    child.stdin.end('{"id":"second","text":"x"}\n');
    const status = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(status).toBe(0);
  });

  it('handles many lines with constant output per line', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ id: i, text: `${i}번 줄: 2011년 3월에 회령에서 떠났다.` }));
    const out = detect(lines.join('\n') + '\n');
    expect(out.status).toBe(0);
    expect(out.lines).toHaveLength(2000);
    expect(out.lines[1999]!.spans.map((s) => s.type)).toEqual(['DATE', 'PLACE']);
  });
});
