import { describe, expect, it } from 'vitest';
import { ageBand, edtfFinerThanYear, generaliseAgeText, generaliseDateText, generaliseEdtf, generaliseFacilityText, generalisePlaceText, parseAge, yearRange } from './generalise';
import { harmoniseParticle } from './particle-harmony';
import { pseudonymLetters, replacementFor } from './operators';
import { findOccurrences } from './occurrences';

describe('generalisation', () => {
  it('dates become their year or decade, in the language of the text', () => {
    expect(generaliseDateText('2011년 3월 5일', 'year', 'ko')).toBe('2011년');
    expect(generaliseDateText('5 March 2011', 'decade', 'en')).toBe('the 2010s');
    expect(generaliseDateText('2011.3.5', 'decade', 'ko')).toBe('2010년대');
    expect(generaliseDateText('그해 겨울', 'year', 'ko')).toBeUndefined();
  });

  it('ages become bands, from digits, native and Sino-Korean numbers and English words', () => {
    expect(parseAge('스물세 살')).toBe(23);
    expect(parseAge('마흔 살')).toBe(40);
    expect(parseAge('이십삼 세')).toBe(23);
    expect(parseAge('23살')).toBe(23);
    expect(parseAge('twenty-three years old')).toBe(23);
    expect(parseAge('aged seventeen')).toBe(17);
    expect(generaliseAgeText('스물세 살', 'ko')).toBe('20대');
    expect(generaliseAgeText('twenty-three', 'en')).toBe('in their twenties');
    expect(ageBand(7, 'ko')).toBe('10세 미만');
    expect(generaliseAgeText('몇 살', 'ko')).toBeUndefined();
  });

  it('a city or county becomes its province through the gazetteer, in any spelling; a camp becomes its kind', () => {
    expect(generalisePlaceText('회령', 'ko')).toBe('함경북도');
    expect(generalisePlaceText('Hoeryong', 'en')).toMatch(/Hamgy/);
    expect(generalisePlaceText('연길', 'ko')).toBe('길림성');
    expect(generalisePlaceText('어느 마을', 'ko')).toBeUndefined();
    expect(generaliseFacilityText('15호 관리소', 'ko')).toBe('정치범수용소');
    expect(generaliseFacilityText('Camp 15', 'en')).toBe('a political prison camp');
  });

  it('structured dates and years generalise to what EDTF and ranges can say', () => {
    expect(generaliseEdtf('2011-03-05', 'year')).toBe('2011');
    expect(generaliseEdtf('2011-21', 'decade')).toBe('201X');
    expect(generaliseEdtf('2009-05/2011-02', 'year')).toBe('2009/2011');
    expect(edtfFinerThanYear('2011')).toBe(false);
    expect(edtfFinerThanYear('2011-21')).toBe(true);
    expect(yearRange(2012, 'band5')).toEqual({ from: 2010, to: 2014 });
  });
});

describe('replacement texts', () => {
  it('never return the original for remove, pseudonym or generalise; fall back to the typed placeholder', () => {
    expect(replacementFor({ type: 'PERSON', operator: 'remove', surface: '김영철', language: 'ko' })).toBe('[이름]');
    expect(replacementFor({ type: 'PERSON', operator: 'pseudonym', surface: '김영철', language: 'en', pseudonymIndex: 27 })).toBe('Person AB');
    expect(replacementFor({ type: 'PLACE', operator: 'generalise', surface: '어느 마을', language: 'en' })).toBe('[PLACE]');
    expect(replacementFor({ type: 'DATE', operator: 'keep', surface: '2011', language: 'en' })).toBeUndefined();
    expect([0, 25, 26, 701, 702].map(pseudonymLetters)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
  });

  it('Korean particles after a replacement follow its last sound', () => {
    expect(harmoniseParticle('인물 A', '은 연길에서')).toEqual({ length: 1, form: '는' });
    expect(harmoniseParticle('인물 A', '이었습니다.')).toEqual({ length: 5, form: '였습니다' });
    expect(harmoniseParticle('인물 M', '는')).toEqual({ length: 1, form: '은' });
    expect(harmoniseParticle('[이름]', '가 왔다')).toEqual({ length: 1, form: '이' });
    expect(harmoniseParticle('2011년', '으로')).toBeUndefined();
    expect(harmoniseParticle('인물 L', '으로')).toEqual({ length: 2, form: '로' });
    // A syllable that only looks like a particle is left alone.
    expect(harmoniseParticle('인물 A', '이가 왔다')).toBeUndefined();
  });
});

describe('occurrences', () => {
  it('finds a Korean name with its particles, in North or South spelling, and not inside another word', () => {
    const text = '리영철은 이영철한테 갔다. 김리영철 아님.';
    expect(findOccurrences(text, '이영철').map((r) => text.slice(r.start, r.end))).toEqual(['리영철', '이영철']);
  });

  it('finds a romanised name in any case and with any separators, as whole words only', () => {
    const text = 'Kim Young-chul, KIM YOUNG CHUL and Kim Youngchul; not Kimberly.';
    expect(findOccurrences(text, 'Kim Young-chul')).toHaveLength(3);
    expect(findOccurrences(text, 'Kim')).toHaveLength(3);
  });

  it('finds a phone number whatever the separators', () => {
    expect(findOccurrences('전화 010 2345 6789 또는 01023456789', '010-2345-6789')).toHaveLength(2);
  });
});
