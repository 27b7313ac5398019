/** The addressee of a Korean letter (generic-letters.ts), both ways. */
import { describe, expect, it } from 'vitest';
import { detectSpans } from './detect';

function persons(text: string): string[] {
  return detectSpans(text).filter((s) => s.type === 'PERSON').map((s) => text.slice(s.start, s.end));
}

describe('letter addressees', () => {
  it.each([
    ['사랑하는 금실에게.\n잘 지내니?', '금실'],
    ['보고 싶은 두만아, 엄마는 잘 있다.', '두만'],
    ['그리운 경애 언니께\n오랜만에 편지를 씁니다.', '경애'],
    ['춘심에게\n여기는 춥다.', '춘심'],
  ])('finds the addressee in %s', (text, name) => {
    expect(persons(text)).toContain(name);
  });
  it.each([
    ['어머니께\n잘 지내시죠?'],
    ['사랑하는 동생에게.\n잘 있니?'],
    ['사랑하는 여러분께 감사드립니다.'],
    ['그 돈을 브로커에게 줬어요.'],
    ['한 번 장마당에서 배를 타고 갔어요.'],
  ])('finds no name in %s', (text) => {
    expect(persons(text)).toEqual([]);
  });
});
