import { describe, expect, it } from 'vitest';
import { FILTER_MARK, filterQuery, filterToken, ftsQuery, indexText } from './fts-text';

describe('full-text tokens', () => {
  it('indexes Hangul as syllable pairs so that a word followed by a particle is found', () => {
    expect(indexText('회령에서')).toBe('회영 영에 에서 서');
  });
  it('folds North Korean spellings to the South Korean form on both sides', () => {
    expect(indexText('로동단련대')).toBe(indexText('노동단련대'));
    expect(ftsQuery('로동')).toBe(ftsQuery('노동'));
    expect(indexText('녀성')).toBe(indexText('여성'));
  });
  it('keeps Latin words whole, lower-cased, and never mixes them with Hangul', () => {
    expect(indexText('Hoeryong회령 Camp 15')).toBe('hoeryong 회영 영 camp 15');
  });
  it('quotes user text so that FTS5 syntax cannot be injected', () => {
    expect(ftsQuery('a" OR x:*')).toBe('"a"* AND "or"* AND "x"*');
    expect(ftsQuery('  ;; ')).toBeUndefined();
  });
  it('turns a Korean word into a phrase of its pairs', () => {
    expect(ftsQuery('김영철')).toBe('"김영 영철"');
    expect(ftsQuery('김')).toBe('"김"*');
  });
  it('searches a word as the whole terms it begins where they are listed, else as a prefix', () => {
    const listed: Record<string, string[]> = { detent: ['detention'], river: ['river', 'rivers'] };
    const expand = (word: string) => listed[word];
    expect(ftsQuery('Detent', expand)).toBe('"detention"');
    expect(ftsQuery('river 회령 kim', expand)).toBe('("river" OR "rivers") AND "회영" AND "kim"*');
    expect(ftsQuery('rivers', expand)).toBe('"rivers"*');
    // Hangul is never expanded: a one-syllable word stays a prefix of its pairs.
    expect(ftsQuery('김', () => ['never'])).toBe('"김"*');
    expect(ftsQuery('x', () => ['a"b'])).toBe('"a""b"');
  });
  it('never emits the filter mark, whatever the text', () => {
    const hostile = `${FILTER_MARK}vtorture a${FILTER_MARK}b 회령${FILTER_MARK}`;
    expect(indexText(hostile)).not.toContain(FILTER_MARK);
    expect(ftsQuery(hostile)).not.toContain(FILTER_MARK);
  });
});

describe('filter tokens', () => {
  it('are one token each, distinct for distinct values and kinds', () => {
    const tokens = [
      filterToken('violation', 'forced-repatriation-china'),
      filterToken('violation', 'forced-repatriationx-china'),
      filterToken('violation', 'Torture'),
      filterToken('violation', 'torture'),
      filterToken('province', 'torture'),
      filterToken('year', 2009),
      filterToken('year', '2009x'),
    ];
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens) expect(token).toMatch(new RegExp(`^${FILTER_MARK}[vpy][a-z0-9]+$`));
  });
  it('keep quotes and FTS5 syntax out of the query', () => {
    expect(filterQuery({ violation: 'a" OR "b' })).toMatch(/^"[^"]+"$/);
    expect(filterQuery({})).toBeUndefined();
    expect(filterQuery({ violation: 'torture', province: 'nk-hamgyongbuk-do', year: 2009 })?.split(' AND ')).toHaveLength(3);
  });
});
