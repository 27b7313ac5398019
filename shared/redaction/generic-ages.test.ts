/**
 * AGE in approximate and hedged forms (generic-ages.ts), both ways. Examples written for these tests.
 */
import { describe, expect, it } from 'vitest';
import { detectSpans } from './detect';

function ages(text: string): string[] {
  return detectSpans(text)
    .filter((span) => span.type === 'AGE')
    .map((span) => text.slice(span.start, span.end));
}

describe('approximate ages', () => {
  it.each([
    ['그 브로커는 마흔 후반으로 보였어요.', '마흔 후반'],
    ['저는 그때 서른초반이라고 했어요.', '서른초반'],
    ['동생은 열넷밖에 안 됐어요.', '열넷'],
    ['She was perhaps sixty, with white hair.', 'sixty'],
    ['My cousin Hye-ran was barely fourteen then.', 'fourteen'],
    ['I sold herbs in the market from 11, every day.', '11'],
  ])('finds the age in %s', (text, age) => {
    expect(ages(text)).toContain(age);
  });
  it.each([
    ['사람이 열 명밖에 안 됐어요.'],
    ['한 번 장마당에서 배를 타고 갔어요.'],
    ['There were about fifty of us in the truck.'],
    ['The fine was about twenty dollars.'],
    ['We worked from 8 to 6 in the fields.'],
  ])('finds no age in %s', (text) => {
    expect(ages(text)).toEqual([]);
  });
});
