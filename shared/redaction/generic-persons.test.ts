/**
 * PERSON by the frame that introduces or addresses a name (generic-persons.ts), both ways. The names are
 * invented for these tests, not taken from any evaluation set.
 */
import { describe, expect, it } from 'vitest';
import { detectSpans } from './detect';

function persons(text: string): string[] {
  return detectSpans(text)
    .filter((span) => span.type === 'PERSON')
    .map((span) => text.slice(span.start, span.end));
}

describe('names introduced with 라는 and a person', () => {
  it.each([
    ['국경에서 쩐이라는 베트남 남자를 만났어요.', '쩐'],
    ['바야르라는 몽골 운전사가 태워 줬어요.', '바야르'],
    ['Somchai라는 태국 경찰이 물어봤어요.', 'Somchai'],
    ['미꾸라지라는 브로커가 있었어요. 미꾸라지가 돈을 받았어요.', '미꾸라지'],
  ])('finds the name in %s', (text, name) => {
    expect(persons(text)).toContain(name);
  });
  it('finds a name introduced once again where it is bare', () => {
    expect(persons('투르바트라는 사람이 도와줬어요. 나중에 투르바트가 떠났어요.').length).toBe(2);
  });
  it.each([
    ['탈북자라는 사람들이 많았어요.'],
    ['회령이라는 곳에서 살았어요.'],
    ['희망이라는 말을 한 사람은 없었어요.'],
    ['김 씨라는 사람을 찾았어요.'],
    ['한 번 장마당에서 배를 타고 갔어요.'],
  ])('finds no new name in %s', (text) => {
    expect(persons(text).filter((p) => p !== '김')).toEqual([]);
  });
});

describe('nicknames with a kinship word, quoted or called so', () => {
  it.each([
    ['길잡이는 두더지 아저씨라고 불리던 사람이었어요.', '두더지'],
    ["'망치' 아저씨가 문을 열어 줬어요.", '망치'],
    ['“주전자” 반장은 술을 좋아했어요.', '주전자'],
  ])('finds the nickname in %s', (text, name) => {
    expect(persons(text)).toContain(name);
  });
  it.each([['옆집 아저씨라고 불렀어요.'], ['다들 형이라고 했어요.'], ["'그' 아저씨가 왔어요."], ['우리 언니라고 했어요.']])('finds no nickname in %s', (text) => {
    expect(persons(text)).toEqual([]);
  });
});

describe('letters: the name addressed and the name signing', () => {
  it.each([
    ['[편지] 미령아, 잘 지내니?', '미령'],
    ['보고 싶다. 춘화 올림', '춘화'],
    ['Dear Sora,\nI am well.', 'Sora'],
    ['See you soon.\nYour brother, Kwang-il', 'Kwang-il'],
  ])('finds the name in %s', (text, name) => {
    expect(persons(text)).toContain(name);
  });
  it.each([['Dear Sir,\nPlease help.'], ['Dear friends, we arrived.'], ['Love, always.'], ['아무도 몰라, 정말이야.']])('finds no name in %s', (text) => {
    expect(persons(text)).toEqual([]);
  });
});

describe('one syllable that is not a usual surname, before a title or role', () => {
  it.each([
    ['쥐 경관이라는 사람이 우리를 때렸어요.', '쥐'],
    ['통 반장은 무서웠어요.', '통'],
    ['뼈 아저씨가 길을 알려 줬어요.', '뼈'],
  ])('finds the name in %s', (text, name) => {
    expect(persons(text)).toContain(name);
  });
  it.each([['그 사장이 왔어요.'], ['옆 아저씨가 왔어요.'], ['새 반장이 왔어요.'], ['큰 아저씨는 착했어요.'], ['한 번 장마당에서 배를 타고 갔어요.']])('finds no name in %s', (text) => {
    expect(persons(text)).toEqual([]);
  });
});

describe('compound surnames with a given name', () => {
  it.each([
    ['저는 독고은철입니다.', '독고은철'],
    ['선우미정이에요, 제 이름은.', '선우미정'],
  ])('finds the name in %s', (text, name) => {
    expect(persons(text)).toContain(name);
  });
  it.each([['남궁전이 아름다웠어요.'], ['사공이 배를 저었어요.']])('finds no name in %s', (text) => {
    expect(persons(text)).toEqual([]);
  });
});
