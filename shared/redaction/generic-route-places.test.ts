/** Towns whose names are Korean words, found only in a movement frame (generic-route-places.ts), both ways. */
import { describe, expect, it } from 'vitest';
import { detectSpans } from './detect';

function places(text: string): string[] {
  return detectSpans(text).filter((s) => s.type === 'PLACE').map((s) => text.slice(s.start, s.end));
}

describe('towns that are also words', () => {
  it.each([
    ['강을 건너 집안으로 갔어요.', '집안'],
    ['거기서 통화를 거쳐 북경까지 갔어요.', '통화'],
    ['통화와 심양을 거쳐 남쪽으로 내려갔어요.', '통화'],
    ['대련으로 팔려 갔어요.', '대련'],
    ['集安 쪽이었어요. 집안에서 사흘을 기다렸어요.', '집안'],
    ['아저씨가 저를 통화까지 트럭에 태워 줬어요.', '통화'],
    ['지금은 이천에서 일해요.', '이천'],
    ['작년에 양주로 이사했어요.', '양주'],
    ['안성에 있는 공장에 다녀요.', '안성'],
  ])('finds the town in %s', (text, town) => {
    expect(places(text)).toContain(town);
  });
  it.each([
    ['집안 사정이 너무 어려웠어요.'],
    ['언니와 전화 통화를 했어요.'],
    ['통화를 통해 소식을 들었어요.'],
    ['집안에서 일했어요. 집안으로 들어갔어요.'],
    ['한 번 장마당에서 배를 타고 갔어요.'],
    ['마을 뒷산은 산골짜기였고 배불리 먹은 적이 없어요.'],
    ['아버지는 광산에서 일했어요. 이천 원을 벌었어요.'],
    ['양주를 마시고 영양 상태가 나빠졌어요.'],
  ])('finds no place in %s', (text) => {
    expect(places(text)).toEqual([]);
  });
  it('finds the town again where the same text uses it with a locative particle', () => {
    const text = '통화까지 기차로 갔어요. 통화에서는 농가에서 일했어요. 저녁에 언니와 통화를 했어요.';
    expect(places(text)).toEqual(['통화', '통화']);
  });
});
