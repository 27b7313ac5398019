import { describe, expect, it } from 'vitest';
import { parseMarkup } from './markup';

describe('parseMarkup', () => {
  it('turns markup into text and span offsets', () => {
    const [doc] = parseMarkup('=== t-1 ko\n저는 [[PERSON:김철]]이고 [[PLACE:회령]]에서 왔다.\n');
    expect(doc).toEqual({
      id: 't-1',
      lang: 'ko',
      text: '저는 김철이고 회령에서 왔다.',
      spans: [
        { start: 3, end: 5, type: 'PERSON', text: '김철' },
        { start: 8, end: 10, type: 'PLACE', text: '회령' },
      ],
    });
  });
  it('refuses unknown types, broken markup and text before a header', () => {
    expect(() => parseMarkup('=== a en\n[[NAME:x]]')).toThrow(/unknown span type NAME/);
    expect(() => parseMarkup('=== a en\n[[PERSON:x]')).toThrow(/unbalanced/);
    expect(() => parseMarkup('hello\n=== a en\nx')).toThrow(/line 1/);
  });
});

describe('the held-out evaluation sets', () => {
  const sets = [
    ['redaction-heldout', 30, ['ko', 'en', 'mixed']], ['redaction-dev3', 30, ['ko', 'en', 'mixed']], ['redaction-dev4', 20, ['ko', 'en', 'mixed']],
    ['redaction-dev5', 12, ['ko', 'en', 'mixed']], ['redaction-dev10', 30, ['ko', 'en', 'mixed']],
    ['redaction-dev11', 30, ['ko', 'mixed']], ['redaction-dev13', 20, ['ko', 'mixed']], ['redaction-dev16', 20, ['ko']],
    ['redaction-dev12', 30, ['en', 'mixed']], ['redaction-dev14', 20, ['en', 'mixed']],
  ] as const;
  for (const [name, least, langs] of sets) {
    it(`${name} is the conversion of its markup: ${least} documents or more in ${langs.join(', ')}`, async () => {
      const fs = await import('node:fs');
      const path = await import('node:path');
      const dir = path.resolve(__dirname, '../../tests/fixtures');
      const fromMarkup = parseMarkup(fs.readFileSync(path.join(dir, `${name}.markup`), 'utf8'));
      const jsonl = fs.readFileSync(path.join(dir, `${name}.jsonl`), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as unknown);
      expect(jsonl).toEqual(fromMarkup);
      expect(fromMarkup.length).toBeGreaterThanOrEqual(least);
      expect(new Set(fromMarkup.map((d) => d.lang))).toEqual(new Set(langs));
    });
  }
});
