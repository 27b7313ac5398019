/**
 * PERSON: a foreign name written in Hangul, with no cue but a particle (친쥔룽은, 응우옌 아저씨, 쑤메이가).
 * The evidence is the spelling: syllables that Korean writes almost only when transliterating Mandarin,
 * Vietnamese, Thai, Lao, Khmer or Russian names (data/generic-foreign-names.json), in a text that is
 * about those countries. Two such syllables in a two-syllable word, or one in a longer word, with a
 * particle, kinship word or title after it. Ordinary words and place words are left to their rules.
 *
 * Prefilter: runs only when the text names one of the countries or peoples (중국, 조선족, 몽골 …) and
 * then looks only at words containing a listed syllable.
 */
import { KINSHIP_BEFORE, KO_STOPWORDS, TITLES } from './lexicon';
import { SyllableSet } from './hangul';
import { isParticleTail } from './particles';
import { memoByString, type Sink, type Word } from './scan';
import data from './data/generic-foreign-names.json';

const STRONG = new SyllableSet(data.strongSyllables.filter((s) => s.length === 1));
const STRONG_PAIRS: readonly string[] = data.strongSyllables.filter((s) => s.length > 1);
const CONTEXT = new RegExp(data.contextWords.join('|'));
const NOT_NAMES: ReadonlySet<string> = new Set(data.notNames);

function strongCount(core: string): number {
  let n = 0;
  for (let i = 0; i < core.length; i++) if (STRONG.hasCode(core.charCodeAt(i))) n++;
  for (const pair of STRONG_PAIRS) if (core.includes(pair)) n++;
  return n;
}

export function detectGenericForeignNames(text: string, words: readonly Word[], sink: Sink): void {
  if (!CONTEXT.test(text)) return;
  for (const word of words) {
    const w = text.slice(word.start, word.end);
    if (strongCount(w) === 0) continue;
    const found = coreOf(text, word, w);
    if (found === 0) continue;
    const core = w.slice(0, found);
    if (NOT_NAMES.has(core) || KO_STOPWORDS.has(core) || TITLES.has(core) || KINSHIP_BEFORE.has(core)) continue;
    // Below the propagation threshold: every occurrence is judged by its own spelling, a guess is not spread.
    sink.add(word.start, word.start + found, 'PERSON', 0.55, 'foreign name in Hangul');
  }
  detectForeignFullNames(text, words, sink);
}

/** The length of the name at the start of `w`, or 0: the longest core with a particle after it, else the whole word before a title or punctuation. */
function coreOf(text: string, word: Word, w: string): number {
  for (let len = Math.min(4, w.length - 1); len >= 2; len--) {
    const count = strongCount(w.slice(0, len));
    if (count === 0 || (len === 2 && count < 2)) continue;
    // 쩐이라는: the 이(라) after a final consonant is the copula, not the name.
    const core = w.slice(0, len);
    const copula = /이라?$/.exec(core);
    if (copula && copula.index > 0 && (core.charCodeAt(copula.index - 1) - 0xac00) % 28 !== 0) continue;
    if (isParticleTail(w.slice(len))) return len;
  }
  if (w.length < 2 || w.length > 4 || /[은는이가을를의도에와과소요다어아지고서게네니까죠]$/.test(w)) return 0;
  const count = strongCount(w);
  if (count === 0 || (w.length === 2 && count < 2)) return 0;
  const after = text[word.end];
  if (after === undefined || /[,.)!?]/.test(after)) return w.length;
  const next = text.slice(word.end + 1, word.end + 5);
  return after === ' ' && TITLED.some((t) => next.startsWith(t)) ? w.length : 0;
}

const TITLED: readonly string[] = [...KINSHIP_BEFORE, ...TITLES];

// ---------------------------------------------------------------------------------------------
// Full names without a listed syllable: the shape of the name is the evidence.
//
// - Mandarin: a Mandarin surname (왕, 류, 가오 …) and one or two given-name units, at least one of them a
//   syllable Korean given names almost never use (슈, 하오, 밍, 위 …): 류슈란, 장위민, 가오밍량, 왕하오.
//   Three syllables or more, so that 주위, 장터 and other two-syllable words stay out.
// - Russian: a listed given name (세르게이, 나탈리야) or a surname ending (-스키, -예프, -비치) in three
//   syllables or more; a Koryo-saram name joins the given name and a one-syllable Korean surname (세르게이 김).
// - Mongolian: a word built wholly from the parts Mongolian names are made of, with at least one
//   distinctive part (바트볼드, 에르덴체첵, 바타르).
// Each needs a particle, title or punctuation after it, and the country context of the prefilter above.

const MANDARIN_SURNAMES: ReadonlySet<string> = new Set(data.mandarinSurnames);
const MANDARIN_RARE: ReadonlySet<string> = new Set(data.mandarinGivenRare);
const MANDARIN_COMMON: ReadonlySet<string> = new Set(data.mandarinGivenCommon);
const RUSSIAN_GIVEN: ReadonlySet<string> = new Set(data.russianGivenNames);
const RUSSIAN_ENDINGS: readonly string[] = data.russianSurnameEndings;
const MONGOLIAN_STRONG: ReadonlySet<string> = new Set(data.mongolianNameParts.strong);
const MONGOLIAN_WEAK: ReadonlySet<string> = new Set(data.mongolianNameParts.weak);
const KOREAN_ONE_SYLLABLE_SURNAME = /^(?:김|박|리|이|최|한|정|강|조|윤|장|림|임|신|오|허|남|천|황|안|송|류|유|홍|전|고|문|손|량|양|배|백|조|허|마|현|채|명|탁)$/;

/** True when `core` is a Mandarin surname and given name. */
function mandarinFullName(core: string): boolean {
  if (core.length < 3 || core.length > 5) return false;
  for (const surnameLength of [2, 1]) {
    if (!MANDARIN_SURNAMES.has(core.slice(0, surnameLength))) continue;
    if (givenUnits(core.slice(surnameLength), 0, false)) return true;
  }
  return false;
}

/** True when `rest` splits into one or two units of the Mandarin given-name inventory, one of them rare. */
function givenUnits(rest: string, used: number, rare: boolean): boolean {
  if (rest === '') return used > 0 && rare;
  if (used === 2) return false;
  for (const len of [2, 1]) {
    const unit = rest.slice(0, len);
    if (unit.length !== len) continue;
    const isRare = MANDARIN_RARE.has(unit);
    if ((isRare || MANDARIN_COMMON.has(unit)) && givenUnits(rest.slice(len), used + 1, rare || isRare)) return true;
  }
  return false;
}

function russianName(core: string): boolean {
  if (RUSSIAN_GIVEN.has(core)) return true;
  return core.length >= 3 && RUSSIAN_ENDINGS.some((ending) => core.endsWith(ending) && core.length - ending.length >= 1);
}

function mongolianName(core: string): boolean {
  return core.length >= 3 && mongolianParts(core, 0, false);
}

function mongolianParts(rest: string, used: number, strong: boolean): boolean {
  if (rest === '') return strong && used > 0;
  for (let len = Math.min(5, rest.length); len >= 1; len--) {
    const part = rest.slice(0, len);
    const isStrong = MONGOLIAN_STRONG.has(part);
    if (!isStrong && !MONGOLIAN_WEAK.has(part)) continue;
    // One part alone must be a distinctive one of three syllables or more (바타르, 에르덴).
    if (used === 0 && len === rest.length && (!isStrong || len < 3)) continue;
    if (mongolianParts(rest.slice(len), used + 1, strong || isStrong)) return true;
  }
  return false;
}

const FULL_NAME_KINDS: ReadonlyArray<readonly [(core: string) => boolean, string]> = [
  [mandarinFullName, 'Mandarin full name in Hangul'],
  [russianName, 'Russian name in Hangul'],
  [mongolianName, 'Mongolian name in Hangul'],
];

/** Per distinct word: [core length, kind index], or undefined. One analysis per word, not per occurrence. */
const fullNameOf = memoByString((w: string): readonly [number, number] | undefined => {
  for (let len = Math.min(6, w.length); len >= 3; len--) {
    const rest = w.slice(len);
    if (rest !== '' && !isParticleTail(rest)) continue;
    const core = w.slice(0, len);
    if (NOT_NAMES.has(core) || KO_STOPWORDS.has(core) || TITLES.has(core) || KINSHIP_BEFORE.has(core)) continue;
    for (let kind = 0; kind < FULL_NAME_KINDS.length; kind++) if (FULL_NAME_KINDS[kind]![0](core)) return [len, kind];
  }
  return undefined;
});

/** Per distinct word: the length of a Mandarin given name of two syllables or more at its start (궈창의, 메이였어요), or 0. */
const spacedGivenOf = memoByString((w: string): number => {
  for (let len = Math.min(4, w.length); len >= 2; len--) {
    if (isParticleTail(w.slice(len)) && givenUnits(w.slice(0, len), 0, false)) return len;
  }
  return 0;
});

function detectForeignFullNames(text: string, words: readonly Word[], sink: Sink): void {
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    // 쑨 궈창의, 진 메이였어요: a Mandarin surname alone, one space, a Mandarin given name.
    const next = words[i + 1];
    if (next && next.start === word.end + 1 && (text[word.end] === ' ' || text[word.end] === '\n') && MANDARIN_SURNAMES.has(word.entry.w)) {
      const given = spacedGivenOf(next.entry.w);
      if (given > 0) {
        sink.add(word.start, next.start + given, 'PERSON', 0.7, 'Mandarin surname and given name in Hangul');
        continue;
      }
    }
    const found = fullNameOf(word.entry.w);
    if (!found) continue;
    const [len, kind] = found;
    let end = word.start + len;
    // 세르게이 김을: a Koryo-saram given name and a Korean surname after it are one name.
    if (kind === 1 && len === word.end - word.start && next && next.start === word.end + 1 && text[word.end] === ' ') {
      const surname = next.entry.w[0]!;
      if (KOREAN_ONE_SYLLABLE_SURNAME.test(surname) && isParticleTail(next.entry.w.slice(1))) end = next.start + 1;
    }
    sink.add(word.start, end, 'PERSON', 0.7, FULL_NAME_KINDS[kind]![1]);
  }
}
