/** Nicknames that are ordinary words, named by a calling frame and found again (generic-nicknames.ts), both ways. */
import { describe, expect, it } from 'vitest';
import { detectSpans } from './detect';
import { detectGenericNicknames } from './generic-nicknames';
import { Sink } from './scan';

function persons(text: string): string[] {
  return detectSpans(text).filter((s) => s.type === 'PERSON').map((s) => text.slice(s.start, s.end));
}

describe('nicknames named by a frame', () => {
  it('finds the nickname and its later bare uses with a particle', () => {
    const text = '진짜 이름은 몰랐지만 다들 메뚜기라고 했어요. 메뚜기한테 돈을 다 줬는데, 메뚜기가 역에서 사라졌어요.';
    expect(persons(text).filter((p) => p === '메뚜기')).toHaveLength(3);
  });
  it.each([
    ['동네에서는 그 남자를 족제비라고 불렀어요.', '족제비'],
    ['브로커는 두꺼비라는 별명으로 통했어요.', '두꺼비'],
    ['피조사자 (가명 모영) 진술.', '모영'],
    ['일명 부엉이는 밤에만 움직였다.', '부엉이'],
    ['배를 몰던 사람은 오징어라는 별명으로 불리던 밀수꾼이었어요.', '오징어'],
  ])('finds the nickname in %s', (text, name) => {
    expect(persons(text)).toContain(name);
  });
  it.each([
    ['다들 그렇게라고 했어요.'],
    ['사람들은 간다고 했어요.'],
    ['그 사람은 메뚜기를 잡아서 구워 먹었어요.'],
    ['한 번 장마당에서 배를 타고 갔어요.'],
    ['엄마는 집안 사정이 어렵다고 했어요.'],
  ])('finds no name in %s', (text) => {
    expect(persons(text)).toEqual([]);
  });
  it.each([
    ['아이들은 공부방이라고 부르는 곳에서 글을 배웠어요.'],
    ['죄수들은 그 고개를 눈물고개라고 불렀습니다.'],
    ['다들 큰형이라고 불렀어요.'],
    ['다들 곰이라고 했어요.'],
  ])('the calling frame itself names no person in %s (things, places, titles, one syllable)', (text) => {
    const sink = new Sink();
    detectGenericNicknames(text, sink, true);
    expect(sink.spans).toEqual([]);
  });
});
