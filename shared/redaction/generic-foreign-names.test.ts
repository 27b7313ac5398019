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

describe('foreign full names by their shape', () => {
  it.each([
    ['중국 남편 쑹밍화는 술을 마셨어요.', '쑹밍화'],
    ['중국 식당에서 류하오린을 만났어요.', '류하오린'],
    ['한족 이웃 황위성이 신고했어요.', '황위성'],
    ['러시아 벌목장에서 알렉세이가 도와줬어요.', '알렉세이'],
    ['러시아 경찰 코발렌코가 우리를 잡았어요.', '코발렌코'],
    ['고려인 빅토르 박이 집을 빌려줬어요.', '빅토르 박'],
    ['몽골 국경에서 간바타르가 우리를 찾았어요.', '간바타르'],
    ['몽골 통역 오윤체첵이 따라왔어요.', '오윤체첵'],
    ['중국에서 저우 샤오린의 집에 팔려 갔어요.', '저우 샤오린'],
    ['중국에서 린 웨이가 도와줬어요.', '린 웨이'],
  ])('finds the name in %s', (text, name) => {
    expect(persons(text)).toContain(name);
  });
  it.each([
    ['중국에서 주위를 둘러보니 장터에 사람이 많았어요.'],
    ['중국 국경 근처 주거지에서 정치인을 만난 적은 없어요.'],
    ['러시아에서 스키를 타고 위스키를 마셨어요.'],
    ['몽골 초원에서 사랑을 배웠어요.'],
    ['중국 공안이 한 번 장마당에서 배를 타고 갔어요.'],
    ['중국 돈을 장 위에 올려놓고 두 명이 갔어요.'],
  ])('finds no name in %s', (text) => {
    expect(persons(text)).toEqual([]);
  });
});
