import { describe, expect, it } from 'vitest';
import { detectSpans, type SpanType } from './detect';

/** The surfaces of one type that the detector marks in `text`. */
function found(text: string, type: SpanType): string[] {
  return detectSpans(text).filter((s) => s.type === type).map((s) => text.slice(s.start, s.end));
}

describe('Korean persons by kind of evidence (kperson-names.ts)', () => {
  it('finds a given name alone before a title or kinship word that takes the particle', () => {
    expect(found('덕순 아바이가 웃으며 감자를 주었다.', 'PERSON')).toContain('덕순');
    expect(found('그날 밤 봉실 동무는 말이 없었다.', 'PERSON')).toContain('봉실');
    expect(found('옆방에 두영춘 아바이가 있었다.', 'PERSON')).toContain('두영춘');
  });
  it('does not take a relation or place noun before a title for a name', () => {
    expect(found('고향 언니를 만났다. 옆집 아저씨가 왔다. 동네 오빠한테 들었다.', 'PERSON')).toEqual([]);
    expect(found('운전 아저씨가 섰다. 영어 선생님이 왔다. 미용실 언니한테 물었다. 종업원 언니가 왔다.', 'PERSON')).toEqual([]);
    expect(found('회령 할머니가 오셨어요.', 'PERSON')).toEqual([]);
  });
  it('finds a one-syllable given name in the familiar form after a kinship word, and its other uses', () => {
    expect(found('동생 벽이는 여섯 살이었다. 벽이는 그해 겨울을 못 넘겼다.', 'PERSON')).toEqual(['벽', '벽']);
  });
  it('does not take a noun with the subject particle after a kinship word for a name', () => {
    expect(found('동생 손이 아팠다. 동생 집이 멀다. 동생 책이랑 옷을 챙겼다. 한 번 장마당에 갔다. 배를 타고 갔다.', 'PERSON')).toEqual([]);
  });
  it('finds a name after a form label without a particle or colon', () => {
    expect(found('내담자 탁보은(여, 41세). 상담 종료.', 'PERSON')).toContain('탁보은');
    expect(found('대상자: 어진솔 (가명 사용)', 'PERSON')).toContain('어진솔');
  });
  it('does not take the word after a form label for a name when it is a common noun', () => {
    expect(found('피의자 신문조서', 'PERSON')).toEqual([]);
    expect(found('담당 보안원이 왔다. 성명 미상.', 'PERSON')).toEqual([]);
  });
  it('finds a Chinese name in Hangul made of syllables Korean names also use, in a text about China', () => {
    expect(found('중국에서 한족 남자 덩미숙을 만났다. 덩미숙은 공안을 무서워했다.', 'PERSON')).toEqual(['덩미숙', '덩미숙']);
  });
  it('does not take Korean words that begin like a Chinese surname, nor such a name outside a China text', () => {
    expect(found('중국 공안이 쉬는 날 탕수육을 먹고 덩어리를 샀다. 공안에서 취조를 받았다. 쉬운 일은 없었다.', 'PERSON')).toEqual([]);
    expect(found('덩미숙은 집에 있었다.', 'PERSON')).toEqual([]);
  });
});

describe('Korean ages, dates and IDs by the shape of the number (kperson-numbers.ts)', () => {
  it('finds relative ages, 살배기, 만 N세 and 나이 N', () => {
    expect(found('언니는 저보다 세 살 위였어요.', 'AGE')).toEqual(['세 살 위']);
    expect(found('남편은 저보다 다섯 살 연하였어요.', 'AGE')).toEqual(['다섯 살 연하']);
    expect(found('아들은 일곱 살배기였다. 딸은 만 13세.', 'AGE')).toEqual(['일곱 살배기', '만 13세']);
    expect(found('딸은 나이 26, 현재 간호사.', 'AGE')).toEqual(['나이 26']);
    expect(found('그 사람은 나보다 열 살이나 위였다.', 'AGE')).toEqual(['열 살이나 위']);
  });
  it('does not take an age limit, money or a span of years for an age', () => {
    expect(found('마흔 살 아래 여자는 장사를 못 했다. 만 원을 냈다. 만 3년 만에 왔다.', 'AGE')).toEqual([]);
  });
  it('finds hedged, festival, lunar, apostrophe and two-digit dates', () => {
    expect(found('2019년 10월경 만났다. 2018년쯤 잡혔다.', 'DATE')).toEqual(['2019년 10월경', '2018년쯤']);
    expect(found('2008년 음력 설 지나고 떠났다. 2013년 설 전날이었지.', 'DATE')).toEqual(['2008년 음력 설', '2013년 설 전날']);
    expect(found("'98년 겨울이었다. 그러니까 96년이죠.", 'DATE')).toEqual(["'98년 겨울", '96년']);
  });
  it('does not take spans of years or words after a year for a date', () => {
    expect(found('50년 동안 살았다. 60년 전 일이다.', 'DATE')).toEqual([]);
    expect(found('2019년 경찰이 왔다. 2010년 설명회.', 'DATE')).toEqual(['2019년', '2010년']);
  });
  it('finds case numbers, numbers with a slash and numbers after an ID label', () => {
    expect(found('사건 2019-형제-4471 관련', 'ID')).toEqual(['2019-형제-4471']);
    expect(found('제 2003/118 호 판결을 받았다.', 'ID')).toEqual(['제 2003/118 호']);
    expect(found('수감번호 817이었어요.', 'ID')).toEqual(['817']);
    expect(found('사건번호 2014고단1234 판결', 'ID')).toEqual(['2014고단1234']);
  });
  it('does not take a phone number or an ordinary hyphenated word for an ID', () => {
    expect(found('전화번호 010-1234-5678', 'ID')).toEqual([]);
    expect(found('1-2학년 아이들', 'ID')).toEqual([]);
  });
});
