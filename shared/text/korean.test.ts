import { describe, expect, it } from 'vitest';
import { containsHangul, normaliseKoreanInitialSound, searchKey } from './korean';

describe('normaliseKoreanInitialSound', () => {
  it('folds North Korean initial ㄹ/ㄴ onto South Korean spelling', () => {
    expect(normaliseKoreanInitialSound('량강도')).toBe(normaliseKoreanInitialSound('양강도'));
    expect(normaliseKoreanInitialSound('로동')).toBe('노동');
    expect(normaliseKoreanInitialSound('리원')).toBe('이원');
    expect(normaliseKoreanInitialSound('녀성')).toBe('여성');
    expect(normaliseKoreanInitialSound('녕변')).toBe('영변');
    expect(normaliseKoreanInitialSound('락원')).toBe('낙원');
    expect(normaliseKoreanInitialSound('룡천')).toBe('용천');
  });

  it('applies to every syllable, so word-internal spellings fold too', () => {
    expect(normaliseKoreanInitialSound('은률')).toBe(normaliseKoreanInitialSound('은율'));
    expect(normaliseKoreanInitialSound('회령')).toBe('회영');
  });

  it('keeps final consonants and leaves other text alone', () => {
    expect(normaliseKoreanInitialSound('력포 Ryokpo 2011')).toBe('역포 Ryokpo 2011');
    expect(normaliseKoreanInitialSound('김철수')).toBe('김철수');
  });

  it('accepts decomposed (NFD) Hangul', () => {
    expect(normaliseKoreanInitialSound('량강도'.normalize('NFD'))).toBe('양강도');
  });
});

describe('searchKey', () => {
  it('ignores case, diacritics, apostrophes and hyphens', () => {
    expect(searchKey("P'yŏngyang")).toBe('pyongyang');
    expect(searchKey('Hoeryŏng')).toBe(searchKey('HOERYONG'));
    expect(searchKey('Hoe-ryong')).toBe('hoeryong');
  });
});

describe('containsHangul', () => {
  it('detects Hangul', () => {
    expect(containsHangul('I crossed at 회령')).toBe(true);
    expect(containsHangul('I crossed the river')).toBe(false);
  });
});
