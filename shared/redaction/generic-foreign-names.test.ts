/** PERSON: foreign names written in Hangul, known by their spelling (generic-foreign-names.ts), both ways. */
import { describe, expect, it } from 'vitest';
import { detectSpans } from './detect';

function persons(text: string): string[] {
  return detectSpans(text)
    .filter((span) => span.type === 'PERSON')
    .map((span) => text.slice(span.start, span.end));
}

describe('foreign names in Hangul', () => {
  it.each([
    ['중국 공안 쉐룽이 저를 잡았어요.', '쉐룽'],
    ['조선족 식당 주인 뤄젠화는 친절했어요.', '뤄젠화'],
    ['베트남에서 쩐반훙 아저씨가 숨겨 줬어요.', '쩐반훙'],
  ])('finds the name in %s', (text, name) => {
    expect(persons(text)).toContain(name);
  });
  it.each([
    ['중국에서 샤워를 하고 누룽지를 먹었어요.'],
    ['중국 국경에서 쓰러졌어요. 어쩌겠소, 모르겠소.'],
    ['쥔 돈을 다 썼어요.'],
    ['한 번 장마당에서 배를 타고 갔어요.'],
  ])('finds no name in %s', (text) => {
    expect(persons(text)).toEqual([]);
  });
  it('needs a text about the countries the spellings come from', () => {
    expect(persons('뤄젠화는 친절했어요.')).toEqual([]);
  });
});
