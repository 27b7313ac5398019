import { describe, expect, it } from 'vitest';
import { detectSpans } from './detect';
import type { SpanType } from './types';

/** Surfaces of detected spans of one type (or all). */
function found(text: string, type?: SpanType, knownTerms?: Array<{ text: string; type: SpanType }>): string[] {
  return detectSpans(text, knownTerms ? { knownTerms } : {})
    .filter((span) => type === undefined || span.type === type)
    .map((span) => text.slice(span.start, span.end));
}

describe('detectSpans basics', () => {
  it('returns sorted, non-overlapping spans with reasons and scores', () => {
    const text = '1999년 3월에 회령시에서 박영수 씨를 만났다. 전화 010-1234-5678.';
    const spans = detectSpans(text);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
    for (const span of spans) {
      expect(span.score).toBeGreaterThan(0);
      expect(span.score).toBeLessThanOrEqual(1);
      expect(span.reason.length).toBeGreaterThan(0);
    }
  });
});

describe('CONTACT and ID', () => {
  it.each([
    ['연락처는 010-9876-5432입니다.', '010-9876-5432'],
    ['Call +82 10-2222-3333 any time.', '+82 10-2222-3333'],
    ['His Chinese number was +86 139 1234 5678.', '+86 139 1234 5678'],
    ['중국 번호 13912345678로 연락했다.', '13912345678'],
    ['Write to helper.kim@example.org please.', 'helper.kim@example.org'],
    ['위챗 아이디는 river_crossing77 이었다.', 'river_crossing77'],
    ['She gave her WeChat ID, moon_lake21, to the broker.', 'moon_lake21'],
  ])('finds the contact in %s', (text, expected) => {
    expect(found(text, 'CONTACT')).toContain(expected);
  });
  it('does not take ordinary words after "id" as handles', () => {
    expect(found('He did everything he could, and I identified them.', 'CONTACT')).toEqual([]);
  });
  it('finds resident registration numbers and passport numbers', () => {
    expect(found('주민등록번호 850101-2123456이 찍혀 있었다.', 'ID')).toContain('850101-2123456');
    expect(found('Her passport number is M12345678.', 'ID')).toContain('M12345678');
    expect(found('The case number was HR-2016-0042.', 'ID')).toContain('HR-2016-0042');
  });
});

describe('DATE', () => {
  it.each([
    ['2011년 3월 5일에 잡혔다.', '2011년 3월 5일'],
    ['2011.3.5에 잡혔다.', '2011.3.5'],
    ['2009년 겨울에 강을 건넜다.', '2009년 겨울'],
    ['1997년 봄부터 배급이 끊겼다.', '1997년 봄'],
    ['We crossed in March 2011.', 'March 2011'],
    ['It was the spring of 2014.', 'spring of 2014'],
    ['I was born in 1998.', '1998'],
    ['The record is dated 2015-06-30.', '2015-06-30'],
  ])('finds the date in %s', (text, expected) => {
    expect(found(text, 'DATE')).toContain(expected);
  });
  it('does not mark counts', () => {
    expect(found('돈 300원과 옥수수 20kg을 받았다.', 'DATE')).toEqual([]);
    expect(found('We walked for 3 days with 12 people.', 'DATE')).toEqual([]);
  });
});

describe('AGE', () => {
  it.each([
    ['그때 저는 스물세 살이었습니다.', '스물세 살'],
    ['동생은 열두 살이었다.', '열두 살'],
    ['아들은 23살이었어요.', '23살'],
    ['딸은 일곱 살이었다.', '일곱 살'],
    ['I left home aged 17.', 'aged 17'],
    ['She was 17 years old then.', '17 years old'],
    ['He joined the army at 17.', '17'],
    ['a 14-year-old boy', '14-year-old'],
  ])('finds the age in %s', (text, expected) => {
    expect(found(text, 'AGE')).toContain(expected);
  });
  it('does not mark durations or counts', () => {
    expect(found('We waited 3 days and paid 20 dollars.', 'AGE')).toEqual([]);
    expect(found('한 번 더 가 보았다.', 'AGE')).toEqual([]);
  });
});

describe('PLACE and FACILITY', () => {
  it('finds gazetteer places with suffixes, particles and North/South spellings', () => {
    expect(found('함경북도 회령시에서 태어났다.', 'PLACE')).toEqual(['함경북도', '회령시']);
    expect(found('양강도 혜산에 살았다.', 'PLACE')).toEqual(['양강도', '혜산']);
    expect(found('량강도에서 왔다.', 'PLACE')).toEqual(['량강도']);
    expect(found('I grew up in Hoeryong and crossed to Yanji.', 'PLACE')).toEqual(['Hoeryong', 'Yanji']);
  });
  it('finds a village or neighbourhood after a known county', () => {
    expect(found('무산군 샘물리에 살았다.', 'PLACE')).toContain('샘물리');
    expect(found('청진시 새날동에서 장사를 했다.', 'PLACE')).toContain('새날동');
  });
  it('does not mark rivers as places', () => {
    expect(found('We crossed the Tumen River at night.', 'PLACE')).toEqual([]);
  });
  it.each([
    ['무산군 보위부 구류장에 갇혔다.', '무산군 보위부 구류장'],
    ['그 뒤 15호 관리소로 보내졌다.', '15호 관리소'],
    ['요덕 15호 관리소에서 3년을 살았다.', '요덕 15호 관리소'],
    ['전거리 교화소에 있었다.', '전거리 교화소'],
    ['제315군부대에서 복무했다.', '제315군부대'],
    ['He was sent to Kwalliso No. 16.', 'Kwalliso No. 16'],
    ['Former prisoners of Camp 14 spoke.', 'Camp 14'],
    ['She spent a year in Chongori Kyohwaso.', 'Chongori Kyohwaso'],
    ['I was held at the Onsong jipkyulso.', 'Onsong jipkyulso'],
    ['We worked in the Musan Mine every day.', 'Musan Mine'],
  ])('finds the facility in %s, with the place word inside it', (text, expected) => {
    expect(found(text, 'FACILITY')).toContain(expected);
    expect(found(text, 'PLACE')).toEqual([]);
  });
});

describe('PERSON', () => {
  it.each([
    ['아버지 김영철은 광부였다.', '김영철'],
    ['박순희 씨가 도와주었다.', '박순희'],
    ['저는 리명수입니다.', '리명수'],
    ['보위원 최광혁이 조사했다.', '최광혁'],
    ['림춘옥 동무는 반장이었다.', '림춘옥'],
    ['최 과장이 돈을 받았다.', '최'],
    ['옆집 방씨 할머니가 도와주셨다.', '방'],
    ['남궁태식이라는 사람이 왔다.', '남궁태식'],
    ['까치라는 브로커가 길을 안내했다.', '까치'],
    ['동생 영남이는 아홉 살이었다.', '영남'],
  ])('finds the Korean name in %s', (text, expected) => {
    expect(found(text, 'PERSON')).toContain(expected);
  });
  it('finds the given name again after the full name', () => {
    expect(found('언니 송미옥은 남았다. 미옥이는 지금도 혜산에 있다.', 'PERSON')).toEqual(['송미옥', '미옥']);
  });
  it.each([
    ['My father, Kim Young-chul, was a miner.', 'Kim Young-chul'],
    ['Pak Sun-hui helped us.', 'Pak Sun-hui'],
    ['Yong-chol Kim was the guard.', 'Yong-chol Kim'],
    ['Mr. Kim took our money.', 'Kim'],
    ['a broker called "Big Brother" met us', 'Big Brother'],
    ['My sister Chol-ok stayed behind.', 'Chol-ok'],
  ])('finds the romanised name in %s', (text, expected) => {
    expect(found(text, 'PERSON')).toContain(expected);
  });
  it('does not fire on common words that start with a surname syllable', () => {
    const text =
      '한 번 한국에 가 보고 싶었다. 장마당에서 배를 타고 조선으로 돌아왔다. 이때 정말 무서웠다. 안에서 강을 보고 문을 닫았다. '
      + '신발도 없었고 전기도 없었다. 고난의 행군 때 주민들은 김치와 박스를 팔았다. 오늘 양강도 조사가 있었고 선생님이 오셨다.';
    expect(found(text, 'PERSON')).toEqual([]);
  });
  it('does not mark top leaders', () => {
    expect(found('김정일 초상화와 Kim Jong Un의 사진', 'PERSON')).toEqual([]);
  });
  it('finds known terms with particles, and the given name of a 3-syllable Korean name', () => {
    const terms = [{ text: '도영팔', type: 'PERSON' as const }, { text: '검은바위', type: 'PLACE' as const }];
    expect(found('도영팔이 검은바위에서 기다렸다. 영팔은 떠났다.', undefined, terms)).toEqual(['도영팔', '검은바위', '영팔']);
  });
});
