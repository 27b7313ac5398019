/**
 * PERSON in Korean testimony by kind of evidence the other rules miss (dev16):
 * - a given name alone before a kinship word or title that takes the particle: 덕보 아바이가, 순덕 언니한테;
 * - a one-syllable given name in the familiar form after a kinship word: 동생 명이는 (명 + 이 + 는);
 * - a name after a form label with no particle or colon: 내담자 진소라(여, 37세), 대상자: 연보람 (가명 …);
 * - a Chinese name in Hangul in a text about China: a Mandarin-only surname (덩, 탕, 저우, 자오 …) and
 *   given syllables Korean names also use (덩수진은, 탕리나가, 자오신은).
 * Each frame runs only when its cue word occurs (indexOf); names found here are spread by propagateNames.
 * dropCommonNouns removes PERSON guesses that are a surname syllable + a common noun (피의자, 본적).
 */
import { GIVEN_SYLLABLES, KINSHIP_BEFORE, KO_STOPWORDS, SURNAMES, TITLES } from './lexicon';
import { hasFinalConsonant, isHangulCode, SyllableSet } from './hangul';
import { isParticleTail } from './particles';
import type { Sink } from './scan';
import type { DetectedSpan } from './types';
import data from './data/kperson-words.json';

const TITLE_WORDS = [...data.titlesAfterGivenName].sort((a, b) => b.length - a.length);
const NOT_GIVEN: ReadonlySet<string> = new Set(data.notGivenNames);
const LABELS = data.formLabels;
const CHINA = data.chineseContext;
// Mandarin surnames Korean does not share: 장, 왕, 류 … are the Korean surname rule's.
const CHINESE_SURNAMES = data.chineseSurnamesOnly.filter((s) => s.length > 1 || !SURNAMES.has(s)).sort((a, b) => b.length - a.length);
const CHINESE_GIVEN = new SyllableSet([...data.chineseGivenExtra.filter((s) => s.length === 1)]);
const CHINESE_GIVEN_PAIRS: ReadonlySet<string> = new Set(data.chineseGivenExtra.filter((s) => s.length === 2));
const NOT_CHINESE: ReadonlySet<string> = new Set(data.notChineseNames);
const COMMON_NOUNS: ReadonlySet<string> = new Set(data.commonNounsNotNames);
/** Particles a title or kinship word takes when a name stands before it. */
const TITLE_TAIL = /^(?:이|가|은|는|을|를|의|도|한테|한테서|에게|께|께서|랑|이랑|하고|와|과|님|네|이네|였|이었|이에요|예요|였어요|이었어요|$)/;
/** 명이는, 순이가: one syllable, the familiar 이, then a second particle (not the bare subject 이 of 손이). */
const FAMILIAR_ONE = /^([\uac00-\ud7a3])이(?:는|가|를|도|랑|한테|하고|의|와|네|도|만|까지|야|요)(?![\uac00-\ud7a3])/;

function isHangulAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && isHangulCode(text.charCodeAt(i));
}

function isOrdinary(word: string): boolean {
  return NOT_GIVEN.has(word) || KO_STOPWORDS.has(word) || TITLES.has(word) || KINSHIP_BEFORE.has(word) || COMMON_NOUNS.has(word);
}

/** The Hangul word ending at `end` (exclusive), or ''. */
function wordBefore(text: string, end: number): string {
  let start = end;
  while (start > 0 && isHangulAt(text, start - 1)) start--;
  return text.slice(start, end);
}

/** The Hangul word starting at `start`. */
function wordAt(text: string, start: number): string {
  let end = start;
  while (end < text.length && isHangulAt(text, end)) end++;
  return text.slice(start, end);
}

function givenBeforeTitles(text: string, sink: Sink): void {
  // 회령 할머니, 청진 동무: a place before a kinship word says where the person is from.
  const placeStarts = new Set<number>();
  for (const span of sink.spans) if (span.type === 'PLACE' || span.type === 'FACILITY') placeStarts.add(span.start);
  for (const title of TITLE_WORDS) {
    for (let at = text.indexOf(` ${title}`); at !== -1; at = text.indexOf(` ${title}`, at + 1)) {
      const tail = wordAt(text, at + 1).slice(title.length);
      if (!TITLE_TAIL.test(tail)) continue;
      const name = wordBefore(text, at);
      if (name.length < 2 || name.length > 3 || isOrdinary(name) || !GIVEN_SYLLABLES.all(name)) continue;
      // 고향 언니, 옆집 아저씨: a place or relation noun before the title is no name; a name's last syllable is not a particle.
      if (/[의에서을를은는도와과로]$/.test(name) || !isHangulAt(text, at - 1) || isHangulAt(text, at - name.length - 1) || placeStarts.has(at - name.length)) continue;
      sink.add(at - name.length, at, 'PERSON', 0.75, `given name before "${title}"`);
    }
  }
}

function familiarAfterKin(text: string, sink: Sink): void {
  const found = new Set<string>();
  for (const kin of ['동생', '오빠', '언니', '누나', '형', '아들', '딸', '조카', '손자', '손녀', '막내', '친구']) {
    for (let at = text.indexOf(`${kin} `); at !== -1; at = text.indexOf(`${kin} `, at + 1)) {
      if (isHangulAt(text, at - 1) && !/[막큰작남여]/.test(text[at - 1]!)) continue;
      const m = FAMILIAR_ONE.exec(text.slice(at + kin.length + 1, at + kin.length + 8));
      if (!m || !hasFinalConsonant(m[1]) || !GIVEN_SYLLABLES.has(m[1])) continue;
      found.add(m[1]!);
    }
  }
  // Every familiar use of the name in the text: the one-syllable name is not spread by propagateNames.
  for (const name of found) {
    for (let at = text.indexOf(`${name}이`); at !== -1; at = text.indexOf(`${name}이`, at + 1)) {
      if (isHangulAt(text, at - 1) || !FAMILIAR_ONE.test(text.slice(at, at + 6))) continue;
      sink.add(at, at + 1, 'PERSON', 0.7, 'one-syllable given name in the familiar form after a kinship word');
    }
  }
}

function namesAfterLabels(text: string, sink: Sink): void {
  for (const label of LABELS) {
    for (let at = text.indexOf(label); at !== -1; at = text.indexOf(label, at + 1)) {
      if (isHangulAt(text, at - 1)) continue;
      let i = at + label.length;
      if (isHangulAt(text, i)) continue;
      if (text[i] === ':' || text[i] === '：') i++;
      while (text[i] === ' ' || text[i] === '\t') i++;
      const word = wordAt(text, i);
      const end = i + word.length;
      if (word.length < 2 || word.length > 4 || isOrdinary(word)) continue;
      // The name ends the word: a bracket, comma, line end or a space and a bracket or title after it.
      const after = text[end];
      if (!(after === undefined || after === '(' || after === ',' || after === '\n' || after === ')' || (after === ' ' && /^ (?:\(|[\uac00-\ud7a3]{1,3}(?:\s|$|,|\)))/.test(text.slice(end, end + 6)) && TITLES.has(wordAt(text, end + 1))) || (after === ' ' && text[end + 1] === '('))) continue;
      const surnameLength = SURNAMES.has(word[0]) ? 1 : 0;
      if (surnameLength === 0 || !GIVEN_SYLLABLES.all(word.slice(1))) continue;
      sink.add(i, end, 'PERSON', 0.8, `name after the form label "${label}"`);
    }
  }
}

function chineseNames(text: string, sink: Sink): void {
  if (!CHINA.some((w) => text.includes(w))) return;
  for (const surname of CHINESE_SURNAMES) {
    for (let at = text.indexOf(surname); at !== -1; at = text.indexOf(surname, at + 1)) {
      if (isHangulAt(text, at - 1)) continue;
      const word = wordAt(text, at);
      for (let len = Math.min(2, word.length - surname.length); len >= 1; len--) {
        const given = word.slice(surname.length, surname.length + len);
        const tail = word.slice(surname.length + len);
        if (!isParticleTail(tail) || (tail === '' && len === 1 && surname.length === 1 && !/[\s,.()]/.test(text[at + word.length] ?? '.'))) continue;
        const isGiven = [...given].every((s) => GIVEN_SYLLABLES.has(s) || CHINESE_GIVEN.has(s)) || CHINESE_GIVEN_PAIRS.has(given);
        const name = surname + given;
        // 샤오린의, 웨이가: a last syllable that is a particle belongs to the sentence, not the name.
        if (tail === '' && /[의이가은는을를도와과]$/.test(given)) continue;
        if (!isGiven || NOT_CHINESE.has(name) || NOT_CHINESE.has(word) || isOrdinary(name)) continue;
        sink.add(at, at + name.length, 'PERSON', 0.75, 'Chinese surname and given name in Hangul');
        break;
      }
    }
  }
}

export function detectKoreanPersonKinds(text: string, sink: Sink): void {
  givenBeforeTitles(text, sink);
  familiarAfterKin(text, sink);
  namesAfterLabels(text, sink);
  chineseNames(text, sink);
}

/** A PERSON guess that is a common noun beginning with a surname syllable (피의자, 본적) is no name. */
export function isCommonNounPerson(span: DetectedSpan, text: string): boolean {
  return span.type === 'PERSON' && span.knownTermSource === undefined && COMMON_NOUNS.has(text.slice(span.start, span.end));
}
