/** Sino-Korean years and bracketed sex-and-age (generic-sino-numbers.ts), both ways. */
import { describe, expect, it } from 'vitest';
import { detectSpans } from './detect';
import { sinoKoreanValue } from './generic-sino-numbers';

function spansOf(text: string, type: string): string[] {
  return detectSpans(text).filter((s) => s.type === type).map((s) => text.slice(s.start, s.end));
}

describe('Sino-Korean years and bracketed ages', () => {
  it('reads Sino-Korean numbers', () => {
    expect(sinoKoreanValue('천구백육십이')).toBe(1962);
    expect(sinoKoreanValue('이천십')).toBe(2010);
    expect(sinoKoreanValue('구십칠')).toBe(97);
    expect(sinoKoreanValue('구구')).toBeNaN();
  });
  it.each([
    ['저는 구십칠 년에 태어났어요.', '구십칠 년'],
    ['이천십 년 겨울이었어요.', '이천십 년 겨울'],
    ['아버지는 천구백육십이 년생이에요.', '천구백육십이 년'],
    ['큰아버지는 팔십구 년에 돌아가셨어요.', '팔십구 년'],
    ['이천이십삼년 삼월에 입국했어요.', '이천이십삼년 삼월'],
  ])('finds the year in %s', (text, year) => {
    expect(spansOf(text, 'DATE')).toContain(year);
  });
  it.each([
    ['십 년 동안 감옥에 있었어요.'],
    ['오십 년 만에 고향 소식을 들었어요.'],
    ['구십칠 년 동안 그 마을은 그대로였어요.'],
    ['한 번 장마당에서 배를 타고 갔어요.'],
    ['삼십 년 전 일이에요.'],
  ])('finds no year in %s', (text) => {
    expect(spansOf(text, 'DATE')).toEqual([]);
  });
  it.each([
    ['그 사람은 마흔 좀 넘었어요.', '마흔'],
    ['서른쯤 돼 보였어요.', '서른'],
    ['엄마는 쉰다섯이 넘었어요.', '쉰다섯'],
  ])('finds the native Korean age in %s', (text, age) => {
    expect(spansOf(text, 'AGE')).toContain(age);
  });
  it.each([['서른 명이 넘었어요.'], ['마흔 군데가 넘는 집을 돌았어요.'], ['스물 가구가 살았어요.']])('finds no age in the count %s', (text) => {
    expect(spansOf(text, 'AGE')).toEqual([]);
  });
  it('finds an age after a sex marker in brackets, not other bracketed numbers', () => {
    expect(spansOf('Client Pyon (F, 29) arrived.', 'AGE')).toEqual(['29']);
    expect(spansOf('내담자 (남, 52세) 입국.', 'AGE')).toEqual(['52세']);
    expect(spansOf('See page (12) and room (F2).', 'AGE')).toEqual([]);
  });
});

describe('a form value ends at its line', () => {
  it('keeps a record number and the date on the next line apart', () => {
    const text = '등록번호: 2021-0387\n2019년 12월 도강';
    expect(detectSpans(text).map((s) => [s.type, text.slice(s.start, s.end)])).toEqual([['ID', '2021-0387'], ['DATE', '2019년 12월']]);
  });
});
