/**
 * The detector's word lists, read once from the JSON under data/ and turned into sets. Everything is
 * built at first use and kept: detection itself only does set and map look-ups.
 */
import surnameData from './data/surnames.json';
import nameData from './data/korean-names.json';
import stopData from './data/korean-stopwords.json';
import englishData from './data/english.json';
import { firstSyllables, SyllableSet } from './hangul';

const syllables = (text: string): SyllableSet => new SyllableSet(text.split(/\s+/).filter(Boolean));

/** One-syllable Korean surnames, North and South spellings (리/이, 림/임, 류/유, 로/노). */
export const SURNAMES = new SyllableSet(surnameData.hangul);
/** Two-syllable surnames: 남궁, 황보, 제갈, 선우 … */
export const COMPOUND_SURNAMES: readonly string[] = surnameData.hangulCompound;
export const COMPOUND_SURNAME_SET: ReadonlySet<string> = new Set(surnameData.hangulCompound);
/** Romanised Korean surnames: Kim, Ri, Lee, Pak, Park, Choe … */
export const ROMAN_SURNAMES: ReadonlySet<string> = new Set(surnameData.roman);
/** Chinese surnames in pinyin, for Korean-Chinese and Han Chinese people named in testimony. */
export const PINYIN_SURNAMES: ReadonlySet<string> = new Set(surnameData.chineseRoman);
/** Chinese surnames in characters (劉, 刘, 王 …), for names written in Hanja or hanzi. */
export const HAN_SURNAMES: ReadonlySet<string> = new Set([...surnameData.hanSurnames]);

export const HONORIFICS: readonly string[] = nameData.honorifics;
export const TITLES: ReadonlySet<string> = new Set(nameData.titles);
export const KINSHIP_BEFORE: ReadonlySet<string> = new Set(nameData.kinshipBefore);
export const NICKNAME_HEADS: ReadonlySet<string> = new Set(nameData.nicknameHeads);
export const GIVEN_SYLLABLES = syllables(nameData.givenSyllables);
export const GIVEN_STRICT = syllables(nameData.givenStrictSyllables);
export const GIVEN_FINAL = syllables(nameData.givenFinalSyllables);
export const FOREIGN_NAME_SYLLABLES = syllables(nameData.foreignNameSyllables);
export const SURNAME_TITLE_EXCLUDED: ReadonlySet<string> = new Set(nameData.surnameTitleExcluded);

/** Korean words that look like names but are not (정말, 장마당, 한번 …), and top leaders. */
export const KO_STOPWORDS: ReadonlySet<string> = new Set([...stopData.common, ...stopData.leaders, ...stopData.nouns]);
export const KO_LEADERS: ReadonlySet<string> = new Set(stopData.leaders);
/** Words ending in 리/동/촌/역 … that are not places (거리, 노동, 운동, 번역). */
export const KO_NOT_PLACES: ReadonlySet<string> = new Set(stopData.notPlaces);

/** English words that are capitalised without being names (months, pronouns, common sentence starts). */
export const EN_COMMON: ReadonlySet<string> = new Set(englishData.common.map((w: string) => w.toLowerCase()));
export const EN_TITLES: readonly string[] = englishData.titles;
export const EN_KINSHIP: readonly string[] = englishData.kinship;
export const EN_LEADERS: readonly string[] = englishData.leaders;

/** The longest title that `word` starts with. */
const TITLE_FIRSTS = firstSyllables(nameData.titles);
const HONORIFIC_FIRSTS = firstSyllables(nameData.honorifics);

export function titleAtStart(word: string): string | undefined {
  if (!TITLE_FIRSTS.has(word[0])) return undefined;
  for (let len = Math.min(word.length, 6); len >= 1; len--) {
    const head = word.slice(0, len);
    if (TITLES.has(head)) return head;
  }
  return undefined;
}

/** The longest honorific `word` starts with. */
export function honorificAtStart(word: string): string | undefined {
  if (!HONORIFIC_FIRSTS.has(word[0])) return undefined;
  let best: string | undefined;
  for (const h of HONORIFICS) if (word.startsWith(h) && (!best || h.length > best.length)) best = h;
  return best;
}

/** One look-up for "is this word in any list", since every look-up of a fresh slice hashes it again. */
export const WORD_STOP = 1;
export const WORD_KIN = 2;
export const WORD_TITLE = 4;
export const WORD_HEAD = 8;
export const WORD_LEADER = 16;
const WORD_FLAGS = new Map<string, number>();
const flag = (words: Iterable<string>, bit: number): void => {
  for (const w of words) WORD_FLAGS.set(w, (WORD_FLAGS.get(w) ?? 0) | bit);
};
flag(KO_STOPWORDS, WORD_STOP);
flag(KINSHIP_BEFORE, WORD_KIN);
flag(TITLES, WORD_TITLE);
flag(NICKNAME_HEADS, WORD_HEAD);
flag(KO_LEADERS, WORD_LEADER);

export function wordFlags(word: string): number {
  return WORD_FLAGS.get(word) ?? 0;
}

/** First syllables of compound surnames and of top leaders' names, to skip the look-ups for most words. */
export const COMPOUND_SURNAME_FIRSTS = firstSyllables(surnameData.hangulCompound);
export const LEADER_FIRSTS = firstSyllables(stopData.leaders);
