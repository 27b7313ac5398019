/**
 * The word lists of the English recognisers by kind of evidence (generic-english.ts), compiled once:
 * role titles, facility and place heads, words that never make a name specific, transcript and form
 * labels, letter sign-offs, cities abroad. Data: data/generic-english.json.
 */
import data from './data/generic-english.json';
import { EN_COMMON, EN_TITLES, PINYIN_SURNAMES, ROMAN_SURNAMES } from './lexicon';
import type { LatinToken } from './scan';

/** Capitalised words that stand before a surname as a title: ranks, posts, church and school roles, address terms. */
export const ROLE_TITLES: ReadonlySet<string> = new Set([...data.roleTitles, ...EN_TITLES]);
/** Surnames that are also English words or syllables: they need a title and no capitalised word after them. */
export const AMBIGUOUS_SURNAMES: ReadonlySet<string> = new Set(data.ambiguousSurnames);
/** Short words that are surnames in some list but never one after a title ("Director In 2005"). */
export const NEVER_SURNAMES: ReadonlySet<string> = new Set(data.neverSurnamesAfterTitle);
export const FACILITY_HEADS: ReadonlySet<string> = new Set(data.facilityHeads);
export const FACILITY_HEAD_PAIRS: ReadonlySet<string> = new Set(data.facilityHeadPairs);
export const PLACE_HEADS: ReadonlySet<string> = new Set(data.placeHeads);
/** Lower case: words that say what kind of body a name is, not which one ("People's", "County", "Korean"). */
export const NON_SPECIFIC: ReadonlySet<string> = new Set(data.nonSpecific);
export const PROVINCE_ROOT_KEYS: ReadonlySet<string> = new Set(data.provinceRoots.map((w) => w.toLowerCase()));
export const SPEAKER_LABELS: ReadonlySet<string> = new Set(data.speakerLabels.map((w) => w.toLowerCase()));
export const KOREAN_LABELS: ReadonlySet<string> = new Set(data.koreanLabels);
/** Abbreviated ranks and titles, written with a full stop before a name: "Pol. Col.", "Lt.", "Sgt.". */
export const RANK_ABBREVIATIONS: ReadonlySet<string> = new Set(data.rankAbbreviations);
/** Capitalised words after "near", "outside" … that are no town: countries, rivers and ranges, peoples, feasts, months. */
export const NOT_PLACES_AFTER_PREPOSITION: ReadonlySet<string> = new Set(data.notPlacesAfterPreposition);
export const SIGN_OFFS: readonly string[] = [...data.signOffs].sort((a, b) => b.length - a.length);

/** Cities abroad by first word: each entry is the name's words in order. */
export const RESETTLEMENT_BY_FIRST: ReadonlyMap<string, ReadonlyArray<readonly string[]>> = (() => {
  const map = new Map<string, Array<readonly string[]>>();
  for (const name of data.resettlementPlaces) {
    const words = name.split(' ');
    const list = map.get(words[0]!) ?? [];
    list.push(words);
    map.set(words[0]!, list);
  }
  for (const list of map.values()) list.sort((a, b) => b.length - a.length);
  return map;
})();

export const MONTHS_AND_DAYS: ReadonlySet<string> = new Set(['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec']);

export function isCommonWord(word: string): boolean {
  return EN_COMMON.has(word.toLowerCase());
}

export function isSurnameWord(word: string): boolean {
  return ROMAN_SURNAMES.has(word) || PINYIN_SURNAMES.has(word);
}

/** Only one space between two tokens. */
export function spaceBetween(text: string, a: LatinToken, b: LatinToken): boolean {
  return b.start === a.end + 1 && text.charCodeAt(a.end) === 32;
}

/** "Kim", "Ch'ŏl": a capital, then lower-case letters or apostrophes, two letters at least. */
export function nameCased(word: string): boolean {
  if (word.length < 2) return false;
  const c = word.charCodeAt(0);
  if (!((c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde))) return false;
  for (let i = 1; i < word.length; i++) {
    const d = word.charCodeAt(i);
    const lower = (d >= 97 && d <= 122) || (d >= 0xdf && d <= 0x24f && String.fromCharCode(d) !== String.fromCharCode(d).toUpperCase());
    if (!lower && d !== 39 && d !== 0x2019) return false;
  }
  return true;
}
