/** Chinese townships and villages chained after their county or city (generic-place-chains.ts), both ways. */
import { describe, expect, it } from 'vitest';
import { detectSpans } from './detect';

function places(text: string): string[] {
  return detectSpans(text).filter((s) => s.type === 'PLACE').map((s) => text.slice(s.start, s.end));
}

describe('places chained after a known place', () => {
  it.each([
    ['도문시 흥안향에서 일했어요.', '흥안향'],
    ['훈춘 마적달둔에 숨었어요.', '마적달둔'],
  ])('finds the township in %s', (text, place) => {
    expect(places(text)).toContain(place);
  });
  it.each([
    ['연길 삼촌이 왔어요. 연길 사촌도 왔어요.'],
    ['회령 방향으로 걸었어요.'],
    ['혜산 고향을 떠났어요.'],
    ['한 번 장마당에서 배를 타고 갔어요.'],
  ])('finds nothing more in %s', (text) => {
    expect(places(text).filter((p) => !['연길', '회령', '혜산'].includes(p))).toEqual([]);
  });
});
