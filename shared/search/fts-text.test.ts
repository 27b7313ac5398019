import { describe, expect, it } from 'vitest';
import { ftsQuery, indexText } from './fts-text';

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
});
