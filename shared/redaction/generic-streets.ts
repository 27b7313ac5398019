/**
 * PLACE: South Korean road names, where a resettled defector lives or works: 하남대로 근처, 다대로에 있는,
 * 원곡로 45, 중앙로12번길. Road names end in 대로, 로 or 길; the evidence that one is a road and not the
 * particle 로 (서울로 갔다) or a word (제대로, 출근길) is what follows it:
 *
 * - 대로 or 로 with 에/에서 after it in the same word (다대로에, 하남대로에서): the particle 로 is never
 *   followed by 에, so X로에 is a road; 대로 words that are adverbs (그대로, 마음대로) are stop-listed;
 * - 대로, 로 or 길 followed by a house number (원곡로 45, 평화길 12-3) or 근처/쪽/사거리/방면, with no
 *   district before it (places.ts reads 양천구 목동로 212 and 중앙로12번길).
 *
 * Per distinct word, one look-up (memoByString); the text after the word is read only for words that
 * end in a road suffix.
 */
import { KO_STOPWORDS } from './lexicon';
import { memoByString, type Sink, type Word } from './scan';

/** Words ending in 대로 or 로 that are adverbs, nouns or particles, never roads. */
const NOT_ROADS: ReadonlySet<string> = new Set([
  '그대로', '이대로', '저대로', '제대로', '마음대로', '멋대로', '뜻대로', '생각대로', '말대로', '법대로', '순서대로', '있는대로',
  '하는대로', '시키는대로', '원래대로', '예정대로', '계획대로', '약속대로', '명령대로', '규정대로', '사실대로', '본대로', '들은대로',
  '지시대로', '대로', '마구잡이로', '스스로', '새로', '따로', '홀로', '서로', '절로', '저절로', '날로', '실로', '진실로', '대체로',
  '주로', '정말로', '참으로', '바로', '그러므로', '므로', '오로', '통로', '도로', '차로', '항로', '수로', '철로', '선로', '진로',
  '경로', '활로', '미로', '퇴로', '하수로', '고속도로', '국도로', '뒤로', '앞으로', '위로', '아래로', '옆으로', '밖으로', '안으로',
  '쪽으로', '처음으로', '마지막으로', '억지로', '일부로', '일부러', '함부로', '대놓고', '차례로', '한꺼번에로', '걸로', '것으로',
  '길', '골목길', '산길', '밤길', '눈길', '빗길', '오솔길', '기찻길', '지름길', '뒷길', '큰길', '돌길', '물길', '뱃길', '철길', '찻길',
  '출근길', '퇴근길', '귀갓길', '등굣길', '하굣길', '피난길', '탈북길', '북송길', '귀국길', '여행길', '장삿길', '고갯길', '샛길', '외길',
  '활주로', '교차로', '기로', '회로', '해로', '마을길', '들판길', '갈림길', '자갈길', '진흙길', '꽃길', '바닷길', '하늘길', '저승길', '먼길', '첫길', '들길', '논길', '흙길', '비탈길', '강변길',
]);

const ROAD_SUFFIXES = ['대로', '로', '길'] as const;
/** In-word tails after a road that the particle 로 cannot take: 다대로에, 하남대로에서는. */
const ROAD_TAILS: ReadonlySet<string> = new Set(['에', '에서', '에서는', '에서도', '에는', '에도', '에서요', '에요', '예요', '이에요', '근처', '근처에', '근처에서', '쪽', '쪽에', '변', '가', '가에']);
/** After the word: a house number (45, 12-3, 123번지) or a word of nearness. */
const AFTER_ROAD = /^ (?:\d{1,4}(?:-\d{1,4})?(?:(?![\d\uac00-\ud7a3])|번지|번길|호|층|에|에서|이에요|예요)|근처|쪽|사거리|삼거리|방면|부근|일대|변에|가에)/;

interface RoadShape {
  /** Length of the road name inside the word; 0 for none. */
  length: number;
  /** True when the word itself proves a road (a tail 로 cannot take); false when the text after must. */
  proven: boolean;
}

const NONE: RoadShape = { length: 0, proven: false };

const roadShapeOf = memoByString((w: string): RoadShape => {
  for (const suffix of ROAD_SUFFIXES) {
    let at = w.indexOf(suffix, 1);
    while (at !== -1) {
      const end = at + suffix.length;
      const name = w.slice(0, end);
      const rest = w.slice(end);
      const stem = w.slice(0, at);
      // 로 alone after one syllable is a particle or a noun (서울로 is not, but 대로/길 after 1 syllable is: 종로, 을지로 are 2+).
      const acceptable = stem.length >= 1 && name.length >= 2 && !NOT_ROADS.has(name) && !KO_STOPWORDS.has(name) && !KO_STOPWORDS.has(stem) && !(suffix === '로' && stem.endsWith('으'));
      if (acceptable && rest === '') return { length: end, proven: false };
      if (acceptable && suffix !== '길' && ROAD_TAILS.has(rest)) return { length: end, proven: true };
      at = w.indexOf(suffix, at + 1);
    }
  }
  return NONE;
});

export function detectGenericStreets(text: string, words: readonly Word[], sink: Sink): void {
  for (const word of words) {
    const w = word.entry.w;
    // Cheap first test: no road suffix in the word, nothing to do.
    if (!(w.includes('로') || w.includes('길'))) continue;
    const shape = roadShapeOf(w);
    if (shape.length === 0) continue;
    if (shape.proven) {
      sink.add(word.start, word.start + shape.length, 'PLACE', 0.75, 'road name with 에/에서 after it');
      continue;
    }
    if (AFTER_ROAD.test(text.slice(word.end, word.end + 8))) sink.add(word.start, word.end, 'PLACE', 0.8, 'road name before a house number or 근처');
  }
}
