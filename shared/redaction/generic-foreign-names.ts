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
import type { Sink, Word } from './scan';
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
