/** South Korean road names (generic-streets.ts) and the South Korean divisions gazetteer, both ways. */
import { describe, expect, it } from 'vitest';
import { detectSpans } from './detect';

function places(text: string): string[] {
  return detectSpans(text).filter((s) => s.type === 'PLACE').map((s) => text.slice(s.start, s.end));
}

describe('South Korean roads', () => {
  it.each([
    ['지금은 해안로에 있는 식당에서 일해요.', '해안로'],
    ['경인대로 근처 원룸에 살아요.', '경인대로'],
    ['가게는 해맞이길 27에 있어요.', '해맞이길'],
    ['공장은 산단로에서 가까워요.', '산단로'],
  ])('finds the road in %s', (text, road) => {
    expect(places(text).join(' ')).toContain(road);
  });
  it.each([
    ['그대로 두세요. 마음대로 하세요.'],
    ['집으로 갔어요. 학교로 갔어요. 시장으로 이사했어요.'],
    ['출근길에 넘어졌어요. 산길 쪽으로 걸었어요.'],
    ['도로에 차가 많았어요. 스스로 결정했어요.'],
    ['한 번 장마당에서 배를 타고 갔어요.'],
    ['전화 통화를 했어요.'],
  ])('finds no road in %s', (text) => {
    expect(places(text)).toEqual([]);
  });
});

describe('South Korean divisions', () => {
  it.each([
    ['경상북도 영주시에 살아요.', '영주시'],
    ['의정부시에서 일해요.', '의정부'],
    ['충청남도 당진으로 이사했어요.', '당진'],
    ['She moved to Yangpyeong-gun in 2019.', 'Yangpyeong-gun'],
  ])('finds the division in %s', (text, place) => {
    expect(places(text).join(' ')).toContain(place);
  });
  it.each([
    ['이천 원을 냈어요.'],
    ['영양 상태가 나빴어요.'],
    ['공주처럼 살고 싶었어요.'],
    ['장수하세요.'],
  ])('a division whose name is a word needs its suffix: nothing in %s', (text) => {
    expect(places(text)).toEqual([]);
  });
});

describe('route places beyond the gazetteer (data/route-places-more.json)', () => {
  it.each([
    ['아무르주로 파견됐어요.', '아무르주'],
    ['사할린에서 탄광 일을 했어요.', '사할린'],
    ['도르노고비에서 몽골 군인에게 잡혔어요.', '도르노고비'],
    ['미얀마 타칠레이크로 넘어갔어요.', '타칠레이크'],
  ])('finds the place in %s', (text, place) => {
    expect(places(text)).toContain(place);
  });
});
