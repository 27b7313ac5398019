/**
 * PLACE: a town whose name is also a Korean word (집안 Ji'an "household", 통화 Tonghua "phone call",
 * 대련 Dalian "sparring"), found only where the sentence moves someone through it: 집안으로 갔어요,
 * 통화를 거쳐, 도문을 통해 북송, 통화와 심양을 거쳐, or where its Hanja (集安) is written in the same text;
 * and South Korean cities that are words (이천 "two thousand", 안성, 양주 "liquor") where someone lives,
 * works or moves house: 이천에서 일해요, 양주로 이사했어요. The word senses (집안 사정, 전화 통화를
 * 했어요, 이천 원, 광산에서 일했다) have none of these frames.
 *
 * Which names need a frame is read from the data, not listed here: every gazetteer or route place whose
 * name without its 시/현/군 is one of the ambiguous stems of data/korean-stopwords.json (the place
 * index refuses those stems without their suffix). Per distinct word, one table look-up.
 */
import { borderPlaces, nkPlaces, placeNames } from '../gazetteer/index';
import placesExtra from './data/places-extra.json';
import stopData from './data/korean-stopwords.json';
import southKorea from './data/south-korea-divisions.json';
import { isKnownPlaceWord } from './places';
import { firstSyllables } from './hangul';
import { memoByString, type Sink, type Word } from './scan';

const AMBIGUOUS: ReadonlySet<string> = new Set(stopData.ambiguousPlaceStems);
const SUFFIX = /(?:특별시|직할시|광역시|자치주|자치현|시|군|현|구|진|성)$/;

/** Ambiguous stem → the Hanja names of the places it stands for (may be empty). */
const ROUTE_WORDS = new Map<string, string[]>();
for (const place of [...nkPlaces, ...borderPlaces]) {
  for (const name of placeNames(place)) {
    const stem = name.replace(SUFFIX, '');
    if (!AMBIGUOUS.has(stem)) continue;
    const hanja = 'zh' in place && typeof place.zh === 'string' ? [place.zh, place.zh.replace(/[市县縣]$/, '')] : [];
    ROUTE_WORDS.set(stem, [...(ROUTE_WORDS.get(stem) ?? []), ...hanja]);
  }
}
for (const name of placesExtra.hangul) {
  const stem = name.replace(SUFFIX, '');
  if (AMBIGUOUS.has(stem) && !ROUTE_WORDS.has(stem)) ROUTE_WORDS.set(stem, []);
}
// South Korean cities and counties whose names are words (이천, 안성, 양주): where someone lives and works.
for (const stem of southKorea.stemsThatAreWords) if (!ROUTE_WORDS.has(stem)) ROUTE_WORDS.set(stem, []);
/** Words that are also places but name a workplace or a home in the frames of living and working (광산에서 일했다, 집안에 살던). */
const WORKPLACE_WORDS: ReadonlySet<string> = new Set(southKorea.stemsThatAreWorkplaces);

/** First syllables of the stems: most words are passed over on one bitmap test. */
const STEM_FIRSTS = firstSyllables(ROUTE_WORDS.keys());

/** The stem at the start of a word and the particles after it, or undefined. */
const routeWordOf = memoByString((w: string): { stem: string; tail: string } | undefined => {
  for (const len of [3, 2]) {
    const stem = w.slice(0, len);
    if (stem.length === len && ROUTE_WORDS.has(stem)) return { stem, tail: w.slice(len) };
  }
  return undefined;
});

/** Movement after the word: the tail in the word, then up to a dozen characters of what follows. */
const MOVEMENT: ReadonlyArray<readonly [RegExp, RegExp]> = [
  // 통화를 거쳐, 장백을 지나, 도문을 통해 북송
  [/^(?:을|를)$/, /^ (?:거쳐|거치|지나|지났|경유|통해 (?:북송|들어|나와|넘어|건너|이동|도망|탈출|중국|한국|왔|갔|가))/],
  // 집안으로 갔어요, 대련으로 팔려, 통화로 도망 (not 들어가다: 집안으로 들어가다 is "into the house")
  [/^(?:으로|로)(?:는|도)?$/, /^ (?:갔|가서|가게|가기|가려|왔|와서|넘어|건너|이동|도망|팔려|옮|향|떠|보내|데려|끌려|도착|출발)/],
  // 통화까지 갔어요, 통화까지 트럭에 태워 줬어요: a verb of taking or going within the clause
  [/^까지(?:는|도)?$/, /^ (?:[^.!?\n]{0,10}?)(?:갔|가서|가야|왔|와서|데려|태워|걸어|도망|이동|끌려|기차|버스)/],
  [/^에서(?:는|도)?$/, /^ (?:기차|버스|잡혔|잡혀|붙잡|체포|북송|출발|떠났|떠나|넘어|건너|팔려)/],
  [/^에(?:는|도)?$/, /^ (?:도착|숨어|머물|정착|도망|팔려)/],
];

/** Living, working and moving house: 이천에서 일해요, 안성에 살아요, 양주로 이사했어요, 통화에 정착. */
const SETTLING: ReadonlyArray<readonly [RegExp, RegExp]> = [
  [/^(?:에|에서)(?:는|도)?$/, /^ (?:살|사는|산다|삽니|일하|일해|일했|일합|지내|지냈|정착|배정|자리 잡|자리잡)/],
  [/^(?:으로|로)(?:는|도)?$/, /^ (?:이사|이주|전학|발령|배정|이전)/],
  [/^(?:에|에서)$/, /^ 있는 (?:공장|회사|식당|가게|교회|학교|병원|아파트|원룸|임대아파트|센터)/],
];

const LOCATIVE_TAIL = /^(?:에서|에|으로|로|까지|부터)(?:는|도|의)?$/;
const COORDINATION_TAIL = /^(?:와|과|하고|이랑|랑)$/;

export function detectRoutePlacesThatAreWords(text: string, words: readonly Word[], sink: Sink): void {
  const established = new Set<string>();
  // Whether a stem's Hanja is in the text: searched once per stem and text, not once per occurrence.
  const hanjaSeen = new Map<string, boolean>();
  let hasHan: boolean | undefined;
  const hanjaInText = (stem: string): boolean => {
    if (!(hasHan ??= /[\u4e00-\u9fff]/.test(text))) return false;
    let seen = hanjaSeen.get(stem);
    if (seen === undefined) hanjaSeen.set(stem, (seen = ROUTE_WORDS.get(stem)!.some((hanja) => hanja.length > 1 && text.includes(hanja))));
    return seen;
  };
  const pending: Array<{ start: number; stem: string }> = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!STEM_FIRSTS.hasCode(text.charCodeAt(word.start))) continue;
    const found = routeWordOf(word.entry.w);
    if (!found) continue;
    const { stem, tail } = found;
    const after = text.slice(word.end, word.end + 24);
    let reason: string | undefined;
    if (MOVEMENT.some(([tailRe, afterRe]) => tailRe.test(tail) && afterRe.test(after))) reason = 'town that is also a word, in a movement frame';
    else if (!WORKPLACE_WORDS.has(stem) && SETTLING.some(([tailRe, afterRe]) => tailRe.test(tail) && afterRe.test(after))) reason = 'town that is also a word, where someone lives or works';
    else if (LOCATIVE_TAIL.test(tail) && hanjaInText(stem)) reason = 'town that is also a word, its Hanja in the text';
    else if (coordinatedWithPlace(text, words, i, tail)) reason = 'town that is also a word, beside another place';
    if (reason) {
      established.add(stem);
      sink.add(word.start, word.start + stem.length, 'PLACE', 0.8, reason);
    } else if (LOCATIVE_TAIL.test(tail)) pending.push({ start: word.start, stem });
  }
  // Once the text has used the word as a town, its other locative uses are the town too (통화에서는 …).
  for (const { start, stem } of pending) if (established.has(stem)) sink.add(start, start + stem.length, 'PLACE', 0.7, 'town that is also a word, named as a town earlier in the text');
}

/** 통화와 심양을 거쳐, 심양과 대련으로, 심양, 대련, 청도: a known place next to it in a list. */
function coordinatedWithPlace(text: string, words: readonly Word[], i: number, tail: string): boolean {
  const word = words[i]!;
  const next = words[i + 1];
  if (next && next.start <= word.end + 2 && (COORDINATION_TAIL.test(tail) || (tail === '' && text[word.end] === ','))) {
    if (knownPlaceWithParticle(next.entry.w)) return true;
  }
  const previous = words[i - 1];
  if (previous && word.start <= previous.end + 2 && (LOCATIVE_TAIL.test(tail) || /^(?:을|를)$/.test(tail))) {
    const pw = previous.entry.w;
    const coordinated = /(?:와|과|하고|이랑|랑)$/.exec(pw);
    if (coordinated && isKnownPlaceWord(pw.slice(0, coordinated.index))) return true;
    if (text[previous.end] === ',' && isKnownPlaceWord(pw)) return true;
  }
  return false;
}

function knownPlaceWithParticle(w: string): boolean {
  for (let len = w.length; len >= 2; len--) if (isKnownPlaceWord(w.slice(0, len))) return true;
  return false;
}
