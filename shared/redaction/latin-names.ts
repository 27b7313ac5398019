/**
 * PERSON in Latin script: romanised Korean names in either order and any system (Kim Young-chul,
 * Kim Yong Chol, Yong-chol Kim, Cheolho Kim), pinyin names (Zhang Dequan), familiar Chinese names
 * (Lao Wang, Old Liu), names after titles (Mr. Pak, Lieutenant Colonel O Chang-su), after "called" and
 * "known as", after kinship and role words (my sister Chol-ok, daughter 영란), and hyphenated Korean
 * given names alone (Ok-nim).
 *
 * One walk over the text's Latin words (scan.ts): each word is looked up in the word lists, never
 * matched by a regular expression per name, so the cost does not grow with the lists.
 */
import { EN_COMMON, EN_KINSHIP, EN_LEADERS, EN_TITLES, KO_STOPWORDS, PINYIN_SURNAMES, ROMAN_SURNAMES } from './lexicon';
import { isLatinPlace } from './places';
import { execAtWords, latinTokens, registerCueWords, WordTable, type LatinToken, type LatinWord, type Sink } from './scan';

const TITLE_SET: ReadonlySet<string> = new Set(EN_TITLES);
const KINSHIP_SET: ReadonlySet<string> = new Set(EN_KINSHIP.map((k) => k.toLowerCase()));
const UPPER_SURNAMES: ReadonlySet<string> = new Set([...ROMAN_SURNAMES].map((s) => s.toUpperCase()));
/** Surnames as printed in passports and lists: KIM, ZHANG, LÜ. */
const UPPER_ANY_SURNAMES: ReadonlySet<string> = new Set([...ROMAN_SURNAMES, ...PINYIN_SURNAMES].map((s) => s.toUpperCase()));
const LEADER_NAMES: readonly string[] = EN_LEADERS.map((l) => l.toLowerCase());
const LEADER_SET: ReadonlySet<string> = new Set(LEADER_NAMES);
/** Leaders' names by their first word, longest first: "kim" → ["kim jong-un", "kim jong un", …]. */
const LEADERS_BY_FIRST = new Map<string, string[]>();
for (const name of LEADER_NAMES) {
  const first = name.split(/[\s-]/)[0]!;
  LEADERS_BY_FIRST.set(first, [...(LEADERS_BY_FIRST.get(first) ?? []), name].sort((a, b) => b.length - a.length));
}
/** Given names of the top leaders, which the annotation leaves unmarked even alone. */
const LEADER_GIVEN = new Set(['jong-un', 'jong-il', 'il-sung', 'yo-jong', 'jong-suk', 'jong-nam', 'song-thaek', 'hyong-jik', 'jae-in', 'geun-hye', 'myung-bak', 'suk-yeol', 'moo-hyun', 'dae-jung', 'sol-ju', 'ju-ae', 'doo-hwan', 'tae-woo', 'young-sam', 'chung-hee', 'ryong-hae', 'jae-myung', 'syng-man']);
/** Romanised surnames that are also short English words or sentence starters: they need a two-part given name. */
const AMBIGUOUS_SURNAMES = new Set(['So', 'Do', 'No', 'Oh', 'Ha', 'An', 'In', 'On', 'To', 'U', 'O', 'I', 'Un', 'Ok']);
/** Words after which a title is not a title of the next word: "the Director said". */
const TITLE_CONTINUATIONS = new Set([
  'Colonel', 'General', 'Major', 'Chief', 'Leader', 'Commander', 'Director', 'Secretary', 'Officer', 'Sergeant', 'Lieutenant', 'Captain',
  'Inspector', 'Manager', 'Instructor', 'Section', 'Team', 'Deputy', 'Vice', 'Party', 'Unit', 'Company', 'Platoon', 'Squad', 'Political',
  'Senior', 'Junior', 'First', 'Second', 'Staff', 'Master', 'Police', 'Security', 'Head', 'Work', 'Brigade', 'Battalion', 'Division', 'Warrant',
  'Corporal', 'Private', 'Supervisor', 'Foreman', 'Chairman', 'Guard', 'Interrogator', 'Agent', 'Detective', 'Superintendent', 'Warden',
]);
/** Familiar prefixes of Chinese names: Lao Wang, Xiao Li, Old Liu, Little Zhao. */
const FAMILIAR_PREFIXES = new Set(['Lao', 'Xiao', 'Da', 'Ah']);
const FAMILIAR_ENGLISH = new Set(['Old', 'Little', 'Big', 'Young']);
const DETERMINERS = new Set(['my', 'his', 'her', 'our', 'their', 'the', 'a', 'an', 'whose', 'your', 'and', 'with', 'whom', 'another', 'one', 'other']);
const KIN_ADJECTIVES = new Set([
  'older', 'younger', 'elder', 'little', 'big', 'late', 'first', 'second', 'eldest', 'youngest', 'baby', 'twin', 'new', 'former', 'old', 'best',
  'only', 'local', 'chinese', 'korean', 'korean-chinese', 'north', 'south', 'lao', 'thai', 'han', 'own', 'dear', 'third', 'oldest', 'adopted',
  'vietnamese', 'cambodian', 'mongolian', 'laotian', 'burmese', 'russian', 'american', 'christian', 'catholic', 'buddhist', 'female', 'male', 'retired', 'friendly', 'missionary', 'church', 'village',
  'husband’s', "husband's", 'wife’s', "wife's", 'mother’s', "mother's", 'father’s', "father's", 'elderly', 'young', 'kind', 'other',
]);
/** First halves of English hyphenated words that read like Korean syllables. */
const ENGLISH_PREFIXES = new Set(['mid', 'non', 'co', 'ex', 're', 'pre', 'pro', 'sub', 'self', 'well', 'all', 'far', 'low', 'high', 'full', 'half', 'old', 'new', 'top', 'hard', 'ill', 'one', 'two', 'ten', 'bi', 'tri', 'de', 'war', 'tea', 'sea', 'bus', 'car', 'pan', 'pen', 'bin']);
const HYPHEN_NOT_NAMES = /-(?:si|gun|do|ri|dong|guyok|kuyok|up|eup|gu|ku|myon|myeon|based|year|old|born|like|style|term|time|class|level|made|owned|run|led|speaking|type|in|up|off|out|day|long|way|side|half|free|law|end|age|aged|chinese|korean|american|japanese|lao|thai)$/i;
const ROMAN_SYLLABLE = '(?:[bcdfghjklmnprstwy]|ch|kk|tt|pp|ss|jj|ts|sh|ph|th|kh)?(?:a|ae|ai|ya|yae|eo|o|e|yeo|yo|you|ye|wa|wae|oe|oi|u|wo|weo|we|wi|wee|yu|yoo|eu|ui|eui|i|oo|ou|ee|ŏ|ŭ|yŏ|wŏ|ŭi)(?:k|n|t|l|m|p|ng|g|r|b|d|s|h)?';
/** One romanised Korean syllable, or two run together ("Dongchun", "Cheolho"). */
const GIVEN_PART = new RegExp(`^(?:${ROMAN_SYLLABLE}){1,2}$`, 'i');
const ONE_SYLLABLE = new RegExp(`^${ROMAN_SYLLABLE}$`, 'i');
const PINYIN_GIVEN = /^(?:(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?(?:a|o|e|i|u|ü|ai|ei|ao|ou|an|en|ang|eng|ong|ia|ie|iao|iu|ian|in|iang|ing|iong|ua|uo|uai|ui|uan|un|uang|er)){1,3}$/;
const CALLED_CONTEXT = /\b(?:named|called|nicknamed|nickname,?|surname,?|surname only,?|surname is|surname was|family name,?|family name is|known as|known only as|known to [a-z ]{1,30} as|knew (?:him|her|them) (?:only )?as|knew only as|referred to as|introduced (?:him|her)self as|name was|name is|name,|alias|aka|went by|goes by|go by|calls? (?:him|her)self|called (?:him|her)self|called (?:him|her|them)|call (?:me|him|her|them|us)|calls me|name(?: of)?)\s+(?:(?:only|simply|just|as|the|The)\s+)?(?:["“‘']([^"”’'\n]{1,30})["”’']|([A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,2}))/y;
/** A quoted nickname after "called" and the person it names: called the head guard "Pig Face", called her 'Granny Wolf'. */
const CALLED_OBJECT_QUOTED = /(?:called|call|calls|nicknamed)\s(?:him|her|them|the\s[a-z]+(?:\s[a-z]+){0,2}|(?:[A-Z][a-z]+(?:-[a-z]+)?))\s["“‘']([^"”’'\n]{2,30})["”’']/y;
const CALLED_OBJECT_WORDS = registerCueWords(['called', 'call', 'calls', 'nicknamed']);
const CALLED_FIRST_WORDS = registerCueWords(['named', 'called', 'nicknamed', 'nickname', 'surname', 'family', 'known', 'knew', 'referred', 'introduced', 'name', 'alias', 'aka', 'went', 'goes', 'go', 'call', 'calls']);
const HANGUL_AFTER_CALLED = /\b(?:we call|they call|called|named|nicknamed|known as|name is|name was|calls? (?:him|her)self|called (?:him|her)self|I am|I'm)\s+["“]?([\uac00-\ud7a3]{1,5})(?![\uac00-\ud7a3])/g;

function isCommon(word: string): boolean {
  return EN_COMMON.has(word.toLowerCase());
}

function isLowerLetter(code: number): boolean {
  if (code >= 97 && code <= 122) return true;
  if (code < 0xdf || code > 0x24f) return false;
  const ch = String.fromCharCode(code);
  return ch === ch.toLowerCase() && ch !== ch.toUpperCase();
}

/** "Kim", "Ch'ŏl", "Ok": a capital, then lower-case letters or apostrophes. */
function nameCase(word: string): boolean {
  const c = word.charCodeAt(0);
  if (!((c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde))) return false;
  if (word.length < 2) return false;
  for (let i = 1; i < word.length; i++) {
    const d = word.charCodeAt(i);
    if (!isLowerLetter(d) && d !== 39 && d !== 0x2019) return false;
  }
  return true;
}

/** Every part of a given name reads as one romanised Korean syllable: Young-chul, Yong Chol, Ch'ŏl-su. */
export function koreanGivenShape(given: string): boolean {
  const parts = given.replace(/['’]/g, '').split(/[-\s]+/).filter(Boolean);
  return parts.length > 0 && parts.every((part) => ONE_SYLLABLE.test(part));
}

/** A given name written as one word: "Dongchun", "Cheolho", "Chol". */
function joinedGivenShape(given: string): boolean {
  return GIVEN_PART.test(given.replace(/['’]/g, ''));
}

/** A word, or several joined by hyphens: "Young-chul", "Hoeryong-si", "Yong-Chol". */
interface Unit {
  start: number;
  end: number;
  word: string;
  parts: readonly string[];
  /** Only a space separates it from the next unit. */
  spaceAfter: boolean;
  first: LatinToken;
  /** What the word lists say about `word` (F_* bits), worked out once per distinct word. */
  facts: number;
}

// Facts about a unit's word, one bit each; every one is a pure function of the word (and, for the
// key bits, of its first token's key), so it is worked out once per distinct word and kept.
const F_COMMON = 1 << 0; // isCommon(word)
const F_NOT_A_NAME = 1 << 1; // notAName(unit)
const F_PLACE = 1 << 2; // isLatinPlace(word)
const F_NAME_CASE = 1 << 3; // nameCase(word)
const F_GIVEN_UNIT = 1 << 4; // givenUnit(unit)
const F_ROMAN = 1 << 5; // ROMAN_SURNAMES.has(word)
const F_UPPER_ROMAN = 1 << 6; // UPPER_SURNAMES.has(word)
const F_PINYIN = 1 << 7; // PINYIN_SURNAMES.has(word)
const F_TITLE = 1 << 8; // TITLE_SET.has(word)
const F_ALL_CAPITALS = 1 << 9; // allCapitals(word)
const F_UPPER_ANY = 1 << 10; // UPPER_ANY_SURNAMES.has(word)
const F_AMBIGUOUS = 1 << 11; // AMBIGUOUS_SURNAMES.has(word)
const F_KOREAN_GIVEN = 1 << 12; // koreanGivenShape(word)
const F_JOINED_GIVEN = 1 << 13; // joinedGivenShape(word)
const F_ONE_SYLLABLE = 1 << 14; // ONE_SYLLABLE.test(word)
const F_ONE_SYLLABLE_BARE = 1 << 15; // ONE_SYLLABLE.test(word without apostrophes)
const F_PINYIN_GIVEN_KEY = 1 << 16; // PINYIN_GIVEN.test(first.key), units of one word
const F_WESTERN = 1 << 17; // WESTERN_GIVEN.test(word)
const F_KIN = 1 << 18; // a kinship word, or its plural (lowerOf(unit))
const F_FAMILIAR = 1 << 19; // FAMILIAR_PREFIXES.has(word)
const F_FAMILIAR_ENGLISH = 1 << 20; // FAMILIAR_ENGLISH.has(word)
const F_VIETNAMESE = 1 << 21; // VIETNAMESE_SURNAMES.has(word)
const F_VIETNAMESE_SHORT = 1 << 22; // VIETNAMESE_SHORT.has(word)
const F_RUSSIAN_GIVEN = 1 << 23; // RUSSIAN_GIVEN.has(word)
const F_RUSSIAN_SURNAME = 1 << 24; // RUSSIAN_SURNAME.test(word)
const F_MONGOLIAN = 1 << 25; // MONGOLIAN_NAME.test(word)
const F_LEADER_GIVEN = 1 << 26; // LEADER_GIVEN.has(word in lower case)
const F_LEADER = 1 << 27; // isLeader(word)
const F_LEADER_FIRST = 1 << 28; // LEADERS_BY_FIRST.has(key), for a token's own facts only

/** The facts of a unit's word; `lower` is lowerOf(unit), `key` its first token's key. */
function factsOf(word: string, parts: readonly string[], lower: string, key: string): number {
  let f = 0;
  const bit = (on: boolean, b: number): void => {
    if (on) f |= b;
  };
  bit(isCommon(word), F_COMMON);
  bit(EN_COMMON.has(lower) || isLatinPlace(word) || (parts.length > 1 && HYPHEN_NOT_NAMES.test(word)), F_NOT_A_NAME);
  bit(isLatinPlace(word), F_PLACE);
  bit(nameCase(word), F_NAME_CASE);
  bit(givenUnitParts(parts), F_GIVEN_UNIT);
  bit(ROMAN_SURNAMES.has(word), F_ROMAN);
  bit(UPPER_SURNAMES.has(word), F_UPPER_ROMAN);
  bit(PINYIN_SURNAMES.has(word), F_PINYIN);
  bit(TITLE_SET.has(word), F_TITLE);
  bit(allCapitals(word), F_ALL_CAPITALS);
  bit(UPPER_ANY_SURNAMES.has(word), F_UPPER_ANY);
  bit(AMBIGUOUS_SURNAMES.has(word), F_AMBIGUOUS);
  bit(koreanGivenShape(word), F_KOREAN_GIVEN);
  bit(joinedGivenShape(word), F_JOINED_GIVEN);
  bit(ONE_SYLLABLE.test(word), F_ONE_SYLLABLE);
  bit(ONE_SYLLABLE.test(word.replace(/['’]/g, '')), F_ONE_SYLLABLE_BARE);
  bit(parts.length === 1 && PINYIN_GIVEN.test(key), F_PINYIN_GIVEN_KEY);
  bit(WESTERN_GIVEN.test(word), F_WESTERN);
  bit(KINSHIP_SET.has(lower) || (lower.length > 3 && lower.endsWith('s') && KINSHIP_SET.has(lower.slice(0, -1))), F_KIN);
  bit(FAMILIAR_PREFIXES.has(word), F_FAMILIAR);
  bit(FAMILIAR_ENGLISH.has(word), F_FAMILIAR_ENGLISH);
  bit(VIETNAMESE_SURNAMES.has(word), F_VIETNAMESE);
  bit(VIETNAMESE_SHORT.has(word), F_VIETNAMESE_SHORT);
  bit(RUSSIAN_GIVEN.has(word), F_RUSSIAN_GIVEN);
  bit(RUSSIAN_SURNAME.test(word), F_RUSSIAN_SURNAME);
  bit(MONGOLIAN_NAME.test(word), F_MONGOLIAN);
  bit(LEADER_GIVEN.has(word.toLowerCase()), F_LEADER_GIVEN);
  bit(isLeader(word), F_LEADER);
  bit(LEADERS_BY_FIRST.has(key), F_LEADER_FIRST);
  return f;
}

/** Units of several words ("Young-chul"), by their text: their facts, worked out once per distinct unit. */
const HYPHENATED_UNITS = new WordTable<{ readonly w: string; readonly parts: readonly string[]; readonly facts: number }>((w) => {
  // Tokens hold no hyphen and a unit joins them with exactly one: its parts are its text split at "-".
  const parts = w.split('-');
  return { w, parts, facts: factsOf(w, parts, w.toLowerCase(), '') };
});

/** The facts of one word (a unit of that word alone), kept on the word. */
function tokenFacts(info: LatinWord): number {
  if (info.personFacts < 0) info.personFacts = factsOf(info.w, info.alone, info.key, info.key);
  return info.personFacts;
}

function unitsOf(text: string, tokens: readonly LatinToken[]): Unit[] {
  const units: Unit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i]!;
    let j = i;
    while (j + 1 < tokens.length && tokens[j + 1]!.start === tokens[j]!.end + 1 && text.charCodeAt(tokens[j]!.end) === 45) j++;
    const end = tokens[j]!.end;
    const next = tokens[j + 1];
    const spaceAfter = next !== undefined && next.start === end + 1 && text.charCodeAt(end) === 32;
    if (j === i) {
      const info = first.info;
      units.push({ start: first.start, end, word: info.w, parts: info.alone, spaceAfter, first, facts: tokenFacts(info) });
    } else {
      const unit = HYPHENATED_UNITS.get(text, first.start, end);
      units.push({ start: first.start, end, word: unit.w, parts: unit.parts, spaceAfter, first, facts: unit.facts });
    }
    i = j;
  }
  return units;
}

function givenUnitParts(parts: readonly string[]): boolean {
  if (!nameCase(parts[0]!)) return false;
  for (let k = 1; k < parts.length; k++) {
    const p = parts[k]!;
    if (!(nameCase(p) || /^[a-zŏŭ'’]+$/.test(p))) return false;
  }
  return parts.length <= 2;
}

/** A unit that can be (part of) a given name: "Young-chul", "Yong-Chol", "Chol", "Dongchun". */
function givenUnit(u: Unit): boolean {
  return (u.facts & F_GIVEN_UNIT) !== 0;
}

function isLeader(name: string): boolean {
  const lower = name.toLowerCase();
  if (LEADER_SET.has(lower)) return true;
  for (const l of LEADER_NAMES) if (lower.startsWith(l)) return true;
  return false;
}

/** The end of a top leader's name starting at `u`, or 0. */
function leaderAt(text: string, u: Unit): number {
  if ((tokenFacts(u.first.info) & F_LEADER_FIRST) === 0) return 0;
  const names = LEADERS_BY_FIRST.get(u.first.key);
  if (!names) return 0;
  const ahead = text.slice(u.start, u.start + 24).toLowerCase();
  for (const name of names) {
    if (ahead.startsWith(name) && !/[a-z]/.test(ahead[name.length] ?? '')) return u.start + name.length;
  }
  return 0;
}

/** The unit in lower case: its token key when it is one word (no new string). */
function lowerOf(u: Unit): string {
  return u.parts.length === 1 ? u.first.key : u.word.toLowerCase();
}

function notAName(u: Unit): boolean {
  return (u.facts & F_NOT_A_NAME) !== 0;
}

export function detectLatinPersons(text: string, sink: Sink, hasHangul = HAS_HANGUL.test(text)): void {
  const tokens = latinTokens(text);
  if (tokens.length === 0) return;
  const units = unitsOf(text, tokens);
  for (let k = 0; k < units.length; k++) {
    const u = units[k]!;
    const v = u.spaceAfter ? units[k + 1] : undefined;
    const w = v?.spaceAfter ? units[k + 2] : undefined;
    const word = u.word;
    if (u.first.capitalised) {
      // A top leader's name (Kim Jong Un, Kim Il-sung): not marked, and none of its words starts a name.
      const leader = leaderAt(text, u);
      if (leader > 0) {
        while (k + 1 < units.length && units[k + 1]!.start < leader) k++;
        continue;
      }
    }
    if (!u.first.capitalised) {
      if ((u.facts & F_KIN) !== 0) kinshipName(text, units, k, sink);
      continue;
    }
    // As printed in a passport or on a list: ZHANG MEIHUA, KIM CHOL-NAM (both parts in capitals).
    const capsEnd = capitalsNameEnd(u, v);
    if (capsEnd > 0) {
      sink.add(u.start, capsEnd, 'PERSON', 0.85, 'name in capitals');
      k += 1;
      continue;
    }
    // Given name first in pinyin: Meihua Zhang, Jianguo Liu (a two-syllable given name, then a Chinese surname).
    const uf = u.facts;
    if (u.parts.length === 1 && v && v.parts.length === 1 && (uf & F_NAME_CASE) !== 0 && (v.facts & (F_PINYIN | F_ROMAN)) === F_PINYIN && (uf & (F_PINYIN | F_ROMAN)) === 0 && u.first.key.length >= 4 && (uf & F_PINYIN_GIVEN_KEY) !== 0 && (uf & (F_COMMON | F_PLACE | F_TITLE)) === 0 && !isLeader(`${word} ${v.word}`)) {
      sink.add(u.start, v.end, 'PERSON', 0.7, 'pinyin given name + surname');
      k += 1;
      continue;
    }
    // Surname first: Kim Young-chul, Kim Yong Chol, KIM Yong-chol, Kim Dongchun.
    if (u.parts.length === 1 && (uf & (F_ROMAN | F_UPPER_ROMAN)) !== 0 && v && givenUnit(v)) {
      const third = w && givenUnit(w) && w.parts.length === 1 && v.parts.length === 1 && !notAName(w) && (w.facts & F_KOREAN_GIVEN) !== 0 && (w.facts & F_ONE_SYLLABLE_BARE) !== 0 ? w : undefined;
      const full = text.slice(u.start, (third ?? v).end);
      // "Ban Sop Ruak" is a village: a place after the surname-like word is no given name.
      if (!isLeader(full) && !notAName(v) && !isLatinPlace(`${word} ${v.word}`) && !isLatinPlace(text.slice(v.start, (third ?? v).end)) && !(w && isLatinPlace(text.slice(v.start, w.end)))) {
        const hyphenated = v.parts.length > 1;
        const ambiguous = (uf & F_AMBIGUOUS) !== 0 && !hyphenated && !third;
        if ((hyphenated || third || (v.facts & (v.parts.length === 1 ? F_JOINED_GIVEN : F_KOREAN_GIVEN)) !== 0) && !ambiguous) {
          sink.add(u.start, (third ?? v).end, 'PERSON', hyphenated || third ? 0.9 : 0.7, 'romanised surname + given name');
          k += third ? 2 : 1;
          continue;
        }
      }
    }
    // Given name first: Yong-chol Kim, Myong Hui Pak, Cheolho Kim.
    if (givenUnit(u) && !notAName(u) && (uf & F_TITLE) === 0 && (uf & (u.parts.length > 1 ? F_KOREAN_GIVEN : F_JOINED_GIVEN)) !== 0 && v) {
      const surname = v.parts.length === 1 && (v.facts & (F_ROMAN | F_AMBIGUOUS)) === F_ROMAN && leaderAt(text, v) === 0 ? v : undefined;
      const secondGiven = !surname && v.parts.length === 1 && u.parts.length === 1 && givenUnit(v) && (uf & F_ONE_SYLLABLE) !== 0 && (v.facts & F_ONE_SYLLABLE) !== 0 && w && w.parts.length === 1 && (w.facts & (F_ROMAN | F_AMBIGUOUS)) === F_ROMAN && !notAName(v) ? w : undefined;
      const last = surname ?? secondGiven;
      if (last && !isLeader(text.slice(u.start, last.end)) && (uf & F_ROMAN) === 0 && (u.parts.length > 1 || (uf & F_PINYIN) === 0)) {
        sink.add(u.start, last.end, 'PERSON', u.parts.length > 1 ? 0.9 : 0.7, 'romanised given name + surname');
        k += secondGiven ? 2 : 1;
        continue;
      }
    }
    // A Western given name before a Korean or Chinese surname: Daniel Choi, Grace Liu (defectors and helpers take them).
    if (u.parts.length === 1 && v && v.parts.length === 1 && (uf & F_NAME_CASE) !== 0 && word.length >= 3 && (v.facts & (F_ROMAN | F_PINYIN)) !== 0 && (v.facts & F_AMBIGUOUS) === 0 && (uf & F_WESTERN) !== 0 && (uf & (F_COMMON | F_PLACE | F_TITLE | F_ROMAN | F_PINYIN)) === 0 && !isLatinPlace(`${word} ${v.word}`)) {
      sink.add(u.start, v.end, 'PERSON', 0.65, 'given name + surname');
      k += 1;
      continue;
    }
    // "the Choi family", "the Zhou household": the surname names people.
    if (u.parts.length === 1 && v && (uf & (F_ROMAN | F_PINYIN)) !== 0 && (uf & F_AMBIGUOUS) === 0 && /^(?:family|families|household|clan|couple|brothers|sisters|house)$/.test(v.word) && /\bthe\s$/i.test(text.slice(Math.max(0, u.start - 4), u.start))) {
      sink.add(u.start, u.end, 'PERSON', 0.75, 'surname before "family"');
      k += 1;
      continue;
    }
    // Pinyin: Zhang Dequan, Gao Yuming.
    // A given name may also be a town (Qu Jian, Li Yanji): the pair is not a place, so it is a name.
    if (u.parts.length === 1 && (uf & F_PINYIN) !== 0 && v && v.parts.length === 1 && (v.facts & (F_NAME_CASE | F_COMMON)) === F_NAME_CASE && ((v.facts & F_PLACE) === 0 || (uf & (F_ROMAN | F_PLACE)) === 0) && !isLatinPlace(`${word} ${v.word}`) && (v.facts & F_PINYIN_GIVEN_KEY) !== 0) {
      if (!isLeader(`${word} ${v.word}`)) sink.add(u.start, v.end, 'PERSON', 0.75, 'pinyin name');
      k += 1;
      continue;
    }
    // Familiar Chinese names: Lao Wang, Xiao Jo; Old Liu, Little Zhao (with a surname).
    if (v && v.parts.length === 1 && (v.facts & (F_NAME_CASE | F_COMMON | F_PLACE)) === F_NAME_CASE && ((uf & F_FAMILIAR) !== 0 || ((uf & F_FAMILIAR_ENGLISH) !== 0 && (v.facts & (F_PINYIN | F_ROMAN)) !== 0))) {
      sink.add(u.start, v.end, 'PERSON', 0.8, 'Chinese familiar name');
      k += 1;
      continue;
    }
    // Vietnamese (Nguyen Van Thanh), Russian (Sergei Ivanov) and Mongolian (Batbayar) names by their shape.
    const foreignEnd = foreignNameEnd(text, u, v, w);
    if (foreignEnd > 0) {
      sink.add(u.start, foreignEnd, 'PERSON', 0.65, 'foreign name shape');
      while (k + 1 < units.length && units[k + 1]!.start < foreignEnd) k++;
      continue;
    }
    // Titles: Mr. Pak, Sergeant Cho, Lieutenant Colonel O Chang-su, Section Chief Mo.
    if ((uf & F_TITLE) !== 0 && u.parts.length === 1) {
      let n = k;
      // Skip the rest of a title of several words.
      while (n + 1 < units.length && separatedByTitleGap(text, units[n]!, units[n + 1]!) && TITLE_CONTINUATIONS.has(units[n + 1]!.word)) n++;
      const name = separatedByTitleGap(text, units[n]!, units[n + 1]) ? units[n + 1] : undefined;
      if (name && (givenUnit(name) || name.word === 'O' || name.word === 'U') && (name.facts & (F_COMMON | F_LEADER)) === 0) {
        let end = name.end;
        const second = name.spaceAfter ? units[n + 2] : undefined;
        if (second && givenUnit(second) && !notAName(second) && (second.facts & F_TITLE) === 0) end = second.end;
        const surface = text.slice(name.start, end);
        if (!isLatinPlace(surface) && !isLeader(surface)) {
          sink.add(name.start, end, 'PERSON', 0.85, 'name after a title');
          k = n + (end === name.end ? 1 : 2);
          continue;
        }
      }
    }
    // A hyphenated Korean given name alone: Chol-ok, Ok-nim, So-young (not Mid-air, Co-op).
    if (u.parts.length === 2 && givenUnit(u) && /^[a-zŏŭ'’]+$/.test(u.parts[1]!) && u.parts[0]!.length <= 7 && u.parts[1]!.length <= 6) {
      const firstCommon = (isCommon(u.parts[0]!) && u.parts[0]!.length > 3) || ENGLISH_PREFIXES.has(u.parts[0]!.toLowerCase());
      if (!HYPHEN_NOT_NAMES.test(word) && (uf & F_KOREAN_GIVEN) !== 0 && !firstCommon && (uf & F_PLACE) === 0 && !isLatinPlace(u.parts[0]!) && (uf & (F_LEADER_GIVEN | F_LEADER)) === 0) {
        sink.add(u.start, u.end, 'PERSON', 0.65, 'hyphenated Korean given name');
      }
    }
  }
  calledNames(text, sink);
  execAtWords(CALLED_OBJECT_QUOTED, text, text, CALLED_OBJECT_WORDS, (m) => {
    const name = m[1]!.trim();
    if (CALLED_STOP.has(name) || isLatinPlace(name) || isLeader(name)) return;
    const start = m.index + m[0].lastIndexOf(m[1]!) + (m[1]!.length - m[1]!.trimStart().length);
    sink.add(start, start + name.length, 'PERSON', 0.8, 'quoted name after "called"');
  });
  if (hasHangul) hangulAfterCalled(text, sink);
}

/** Western given names have letters or endings that romanised Korean and pinyin never write (Daniel, Grace, Esther, Paul, John, Maria). */
const WESTERN_GIVEN = /(?:[aeiou]l$|[^aeiou]el$|ce$|se$|ie$|ah$|th$|er$|ph$|ul$|hn$|ry$|ny$|ly$|nd$|ia$|na$|ra$|la$|ta$|sa$|[aeiou]s$|[dfvwxz])/;
const VIETNAMESE_SURNAMES = new Set(['Nguyen', 'Tran', 'Pham', 'Hoang', 'Huynh', 'Phan', 'Dang', 'Bui', 'Ngo', 'Duong', 'Trinh', 'Dinh', 'Truong', 'Vu', 'Vo', 'Le', 'Do', 'Ho', 'Ly', 'Lam', 'Mai', 'Cao']);
/** Vietnamese surnames that are also short words elsewhere (Le, Do, Ho): they need two name words after them. */
const VIETNAMESE_SHORT = new Set(['Vu', 'Vo', 'Le', 'Do', 'Ho', 'Ly', 'Lam', 'Mai', 'Cao']);
const RUSSIAN_SURNAME = /^[A-Z][a-z]{2,}(?:ov|ev|ova|eva|in|ina|sky|skaya|skiy|enko|uk|yuk|ovich|evich|ovna|evna)$/;
const RUSSIAN_GIVEN = new Set(['Sergei', 'Sergey', 'Ivan', 'Dmitri', 'Dmitry', 'Alexei', 'Alexey', 'Aleksei', 'Alexander', 'Aleksandr', 'Andrei', 'Andrey', 'Nikolai', 'Vladimir', 'Yuri', 'Oleg', 'Igor', 'Pavel', 'Mikhail', 'Boris', 'Viktor', 'Anatoly', 'Yevgeny', 'Natasha', 'Natalia', 'Olga', 'Irina', 'Tatiana', 'Svetlana', 'Elena', 'Yelena', 'Galina', 'Ludmila', 'Anna', 'Maria', 'Vera', 'Nina', 'Valentina', 'Marina', 'Lyudmila', 'Oksana', 'Sasha', 'Misha', 'Kolya', 'Volodya']);
/** Endings of Mongolian given names; Ulaanbaatar and the like are kept out as places. */
const MONGOLIAN_NAME = /^[A-Z][a-z]{2,}(?:baatar|bayar|erdene|tsetseg|suren|jargal|tsogt|dorj|gerel|khuu|zaya|tuya|saikhan|sukh|ochir|bold)$|^(?:Bat|Bold|Gan|Enkh|Oyun|Altan|Tsend|Munkh|Erdene|Naran|Sukh)[a-z]{3,}$/;

/** The end of a Vietnamese, Russian or Mongolian name starting at `u`, or 0. */
function foreignNameEnd(text: string, u: Unit, v: Unit | undefined, w: Unit | undefined): number {
  if (u.parts.length !== 1) return 0;
  const uf = u.facts;
  if ((uf & F_VIETNAMESE) !== 0 && v && v.parts.length === 1 && (v.facts & (F_NAME_CASE | F_COMMON | F_PLACE)) === F_NAME_CASE) {
    const third = w && w.parts.length === 1 && (w.facts & (F_NAME_CASE | F_COMMON | F_PLACE)) === F_NAME_CASE ? w : undefined;
    const end = third ? third.end : (uf & F_VIETNAMESE_SHORT) !== 0 ? 0 : v.end;
    // Ho Chi Minh City is a place.
    if (end > 0 && !/^\s+City\b/.test(text.slice(end, end + 6))) return end;
  }
  if ((uf & F_RUSSIAN_GIVEN) !== 0 && v && v.parts.length === 1 && (v.facts & (F_RUSSIAN_SURNAME | F_PLACE)) === F_RUSSIAN_SURNAME) return v.end;
  if ((uf & (F_MONGOLIAN | F_PLACE | F_COMMON)) === F_MONGOLIAN) return u.end;
  return 0;
}

function allCapitals(word: string): boolean {
  return word.length >= 2 && word === word.toUpperCase() && word !== word.toLowerCase();
}

/** The end of a surname and given name both in capitals (ZHANG MEIHUA, KIM CHOL-NAM), or 0. */
function capitalsNameEnd(u: Unit, v: Unit | undefined): number {
  if (!v || u.parts.length !== 1 || (u.facts & (F_ALL_CAPITALS | F_UPPER_ANY)) !== (F_ALL_CAPITALS | F_UPPER_ANY) || !v.parts.every(allCapitals) || v.parts.length > 2) return 0;
  const given = v.word.toLowerCase();
  if (EN_COMMON.has(given) || isLatinPlace(given) || UPPER_ANY_SURNAMES.has(v.word)) return 0;
  const pinyin = v.parts.length === 1 && PINYIN_GIVEN.test(given);
  return pinyin || koreanGivenShape(given) || (v.parts.length === 1 && joinedGivenShape(given)) ? v.end : 0;
}

/** Only a space, or a full stop and a space ("Mr. Pak"), between two units. */
function separatedByTitleGap(text: string, a: Unit, b: Unit | undefined): boolean {
  if (!b) return false;
  if (a.spaceAfter) return true;
  return b.start === a.end + 2 && text.charCodeAt(a.end) === 46 && text.charCodeAt(a.end + 1) === 32;
}

/** A name after a kinship or role word: "my sister Chol-ok", "her son, Yong-nam,", "daughter 영란". */
function kinshipName(text: string, units: readonly Unit[], k: number, sink: Sink): void {
  const kin = units[k]!;
  // A determiner before (my, his, the …), perhaps with adjectives between.
  let back = k - 1;
  let hops = 0;
  while (back >= 0 && hops < 3 && units[back]!.spaceAfter && KIN_ADJECTIVES.has(units[back]!.first.key)) {
    back--;
    hops++;
  }
  const determined = back >= 0 && units[back]!.spaceAfter && DETERMINERS.has(units[back]!.first.key);
  // After the kinship word: an optional "there"/"here" or "(…)" and a comma, then the name.
  let at = kin.end;
  const place = /^ (?:there|here|then)(?=,)/.exec(text.slice(at, at + 7));
  if (place) at += place[0].length;
  const paren = /^\s\([^)\n]{1,20}\)/.exec(text.slice(at, at + 24));
  if (paren) at += paren[0].length;
  if (text[at] === ',') at++;
  if (text[at] !== ' ') return;
  at++;
  if (text[at] === '"' || text[at] === '“') at++;
  const code = text.charCodeAt(at);
  if (code >= 0xac00 && code <= 0xd7a3) {
    let end = at;
    while (end < text.length && end - at <= 5) {
      const c = text.charCodeAt(end);
      if (c < 0xac00 || c > 0xd7a3) break;
      end++;
    }
    const name = text.slice(at, end);
    if (end - at >= 2 && end - at <= 5 && !KO_STOPWORDS.has(name)) sink.add(at, end, 'PERSON', 0.8, 'name after a kinship or role word');
    return;
  }
  if (!determined) {
    // Without a determiner only a name that cannot be an English word: "and daughter Mi-rae".
    const next = unitAt(units, k, at);
    if (next && next.parts.length === 2 && givenUnit(next) && (next.facts & F_KOREAN_GIVEN) !== 0 && !notAName(next)) sink.add(next.start, next.end, 'PERSON', 0.7, 'name after a kinship or role word');
    return;
  }
  const name = unitAt(units, k, at);
  if (!name) return;
  const index = units.indexOf(name, k);
  if (!givenUnit(name) || (name.facts & (F_COMMON | F_PLACE | F_TITLE)) !== 0) return;
  let end = name.end;
  const second = name.spaceAfter ? units[index + 1] : undefined;
  if (second && givenUnit(second) && (second.facts & (F_COMMON | F_PLACE | F_TITLE)) === 0) end = second.end;
  sink.add(name.start, end, 'PERSON', 0.8, 'name after a kinship or role word');
  // "my brothers Chol and Nam": a second name joined by "and" after a plural kinship word.
  const joined = / and ([A-Z][a-zŏŭ'’]+(?:-[a-zŏŭ'’]+)?)\b/y;
  joined.lastIndex = end;
  const and = /s$/.test(kin.word) ? joined.exec(text) : null;
  if (and && !isCommon(and[1]!) && !isLatinPlace(and[1]!) && !TITLE_SET.has(and[1]!) && (koreanGivenShape(and[1]!) || joinedGivenShape(and[1]!))) {
    const start = end + 5;
    sink.add(start, start + and[1]!.length, 'PERSON', 0.75, 'name joined to a name after a kinship word');
  }
}

/** The unit that starts at `at`, looking a few units ahead of `k`. */
function unitAt(units: readonly Unit[], k: number, at: number): Unit | undefined {
  for (let n = k + 1; n < units.length && n <= k + 3; n++) if (units[n]!.start === at) return units[n];
  return undefined;
}

/** Capitalised words that end a name after "called": sentence words, pronouns, ideology and history terms. */
const CALLED_STOP = new Set(['I', 'A', 'An', 'The', 'It', 'This', 'That', 'These', 'Those', 'He', 'She', 'We', 'They', 'You', 'Him', 'Her', 'Them', 'Me', 'Us', 'My', 'His', 'Our', 'Their', 'Your', 'And', 'But', 'Or', 'So', 'Then', 'When', 'If', 'In', 'On', 'At', 'To', 'From', 'For', 'With', 'By', 'Of', 'Juche', 'Songbun', 'Arduous', 'March', 'Chollima', 'Korea', 'Korean', 'Koreans', 'China', 'Chinese', 'God', 'Jesus', 'Christ', 'Christianity', 'Bible']);

/** Names after "called", "named", "known as": quoted, or one to three capitalised words. */
function calledNames(text: string, sink: Sink): void {
  execAtWords(CALLED_CONTEXT, text, text, CALLED_FIRST_WORDS, (m) => {
    const quoted = m[1];
    let name = (quoted ?? m[2] ?? '').trim();
    if (!name) return;
    if (!quoted) {
      const kept: string[] = [];
      // Only titles and kinship words ("called Big Brother", "called him Teacher"): the nickname is all of them.
      const titlesOnly = name.split(' ').every((word) => TITLE_SET.has(word.replace(/[.,;:]$/, '')));
      // "called Mr. Sok", "called Auntie Shin": a title before a surname is the title rule's.
      const words = name.split(' ');
      if (titlesOnly && text[m.index + m[0].length] === '.' && /^(?:Mr|Mrs|Ms|Dr|Rev|Prof|Capt|Lt|Sgt|Col|Gen)$/.test(words[words.length - 1]!)) return;
      if (TITLE_SET.has(words[0]!) && words.length >= 2 && (ROMAN_SURNAMES.has(words[1]!.replace(/[.,;:]$/, '')) || PINYIN_SURNAMES.has(words[1]!.replace(/[.,;:]$/, '')))) return;
      // A title before a word that is no surname is part of the nickname: "went by Little Tiger", "called Uncle Seven".
      // With a kin or church title only an ordinary word or number makes a nickname ("Uncle Seven"; "Brother Daniel" is a name after a title).
      const nicknameTitle = !titlesOnly && words.length >= 2 && (FAMILIAR_ENGLISH.has(words[0]!) || (TITLE_SET.has(words[0]!) && isCommon(words[1]!.replace(/[.,;:]$/, ''))));
      for (const word of name.split(' ')) {
        if (titlesOnly) {
          const bare = word.replace(/[.,;:]$/, '');
          kept.push(bare);
          if (bare !== word) break;
          continue;
        }
        const bare = word.replace(/['’]s$/, '').replace(/[.,;:]$/, '');
        // Nicknames are often ordinary words ("called Big Brother", "called him Teacher"): only function words, places and titles end one.
        if (CALLED_STOP.has(bare) || isLatinPlace(bare) || ((TITLE_SET.has(bare) || TITLE_CONTINUATIONS.has(bare)) && !(nicknameTitle && kept.length === 0))) break;
        kept.push(bare);
        if (bare !== word) break;
      }
      // "known only as Sergeant Cho": the title rule takes the name.
      name = kept.join(' ');
      if (!name || isLeader(name)) return;
    }
    const raw = quoted ?? m[2]!;
    const offset = m[0].lastIndexOf(raw);
    const start = m.index + offset + (raw.length - raw.trimStart().length);
    sink.add(start, start + name.length, 'PERSON', 0.85, 'name after "called/named"');
  });
}

const HAS_HANGUL = /[\uac00-\ud7a3]/;

function hangulAfterCalled(text: string, sink: Sink): void {
  let m: RegExpExecArray | null;
  HANGUL_AFTER_CALLED.lastIndex = 0;
  while ((m = HANGUL_AFTER_CALLED.exec(text)) !== null) {
    const name = m[1]!;
    if (KO_STOPWORDS.has(name)) continue;
    const start = m.index + m[0].length - name.length;
    sink.add(start, start + name.length, 'PERSON', 0.8, 'Hangul name after "called"');
  }
}
