/**
 * PLACE: a Chinese township or hamlet written after its county or city, the way addresses are chained:
 * 도문시 월청향, 용정시 지신향에서, 훈춘 X둔. The suffixes (향 township, 둔/툰 hamlet) are words or parts
 * of words on their own (고향, 방향, 주둔), so the evidence is the chain: a known place right before, one
 * space apart. (places.ts reads the suffixes it knows, 리/동/진/촌 …, in the same chain.)
 *
 * Per word, one suffix test on the last syllable before its particles; the place look-up runs only for
 * the word before a candidate.
 */
import { KINSHIP_BEFORE, KO_STOPWORDS } from './lexicon';
import { isPlaceTail } from './particles';
import { isKnownPlaceWord } from './places';
import { memoByString, type Sink, type Word } from './scan';

const CHAIN_SUFFIXES = new Set(['향', '둔', '툰']);
/** Words ending in those suffixes that are not places: 고향, 방향, 주둔. */
const NOT_PLACES: ReadonlySet<string> = new Set([
  '고향', '방향', '영향', '동향', '지향', '취향', '성향', '의향', '음향', '반향', '타향', '귀향', '낙향', '실향', '망향', '본향',
  '향수', '분향', '방향제', '주둔', '둔', '향', '툰', '카툰',
]);

/** Per distinct word: the length of a stem + chain suffix at its start with a place particle after it, or 0. */
const chainPlaceOf = memoByString((w: string): number => {
  for (let len = Math.min(5, w.length); len >= 2; len--) {
    if (!CHAIN_SUFFIXES.has(w[len - 1]!)) continue;
    const core = w.slice(0, len);
    if (NOT_PLACES.has(core) || KO_STOPWORDS.has(core) || KINSHIP_BEFORE.has(core)) continue;
    if (isPlaceTail(w.slice(len))) return len;
  }
  return 0;
});

export function detectChainedPlaces(text: string, words: readonly Word[], sink: Sink): void {
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    const length = chainPlaceOf(word.entry.w);
    if (length === 0) continue;
    const previous = words[i - 1]!;
    if (previous.end + 1 !== word.start || text[previous.end] !== ' ' || !isKnownPlaceWord(previous.entry.w)) continue;
    sink.add(word.start, word.start + length, 'PLACE', 0.75, 'township or village after its county or city');
  }
}
