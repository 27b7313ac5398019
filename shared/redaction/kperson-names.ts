/**
 * PERSON in Korean testimony by kind of evidence the other rules miss (dev16):
 * - a given name alone before a kinship word or title that takes the particle: 덕보 아바이가, 순덕 언니한테;
 * - a one-syllable given name in the familiar form after a kinship word: 동생 명이는 (명 + 이 + 는);
 * - a name after a form label with no particle or colon: 내담자 진소라(여, 37세), 대상자: 연보람 (가명 …);
 * - a Chinese name in Hangul in a text about China: a Mandarin-only surname (덩, 탕, 저우, 자오 …) and
 *   given syllables Korean names also use (덩수진은, 탕리나가, 자오신은).
 * Each frame starts from its cue: a title, kinship word or label among the text's Hangul words (one pass),
 * a word starting with a Mandarin surname in a text about China; names found here are spread by propagateNames.
 * dropCommonNouns removes PERSON guesses that are a surname syllable + a common noun (피의자, 본적).
 */
import { GIVEN_FINAL, GIVEN_SYLLABLES, KINSHIP_BEFORE, KO_STOPWORDS, SURNAMES, TITLES } from './lexicon';
import { firstSyllables, hangulRunFrom, hasFinalConsonant, isHangulAt, SyllableSet } from './hangul';
import { isParticleTail } from './particles';
import type { Sink, Word } from './scan';
import type { DetectedSpan } from './types';
import data from './data/kperson-words.json';

const TITLE_WORDS = [...data.titlesAfterGivenName].sort((a, b) => b.length - a.length);
const TITLE_FIRSTS = firstSyllables(TITLE_WORDS);
const NOT_GIVEN: ReadonlySet<string> = new Set(data.notGivenNames);
const RARE_SURNAMES = new SyllableSet(data.rareSurnames);

function isSurname(syllable: string | undefined): boolean {
  return SURNAMES.has(syllable) || RARE_SURNAMES.has(syllable);
}
const LABELS: ReadonlySet<string> = new Set(data.formLabels);
const CHINA = new RegExp(data.chineseContext.join('|'));
// Mandarin surnames Korean does not share: 장, 왕, 류 … are the Korean surname rule's.
const CHINESE_SURNAMES = data.chineseSurnamesOnly.filter((s) => s.length > 1 || !SURNAMES.has(s)).sort((a, b) => b.length - a.length);
const CHINESE_FIRSTS = firstSyllables(CHINESE_SURNAMES);
const CHINESE_GIVEN = new SyllableSet([...data.chineseGivenExtra.filter((s) => s.length === 1)]);
const CHINESE_GIVEN_PAIRS: ReadonlySet<string> = new Set(data.chineseGivenExtra.filter((s) => s.length === 2));
const NOT_CHINESE: ReadonlySet<string> = new Set(data.notChineseNames);
const COMMON_NOUNS: ReadonlySet<string> = new Set(data.commonNounsNotNames);
/** Particles a title or kinship word takes when a name stands before it. */
const TITLE_TAIL = /^(?:이|가|은|는|을|를|의|도|한테|한테서|에게|께|께서|랑|이랑|하고|와|과|님|네|이네|였|이었|이에요|예요|였어요|이었어요|$)/;
/** 명이는, 철이가: one syllable, the familiar 이, then a second particle (not the bare subject 이 of 손이, nor 이랑/이야 after any noun). */
const FAMILIAR_ONE = /^([\uac00-\ud7a3])이(?:는|가|를|도|한테|의|와|까지)(?![\uac00-\ud7a3])/;
const FAMILIAR_KIN: ReadonlySet<string> = new Set(['동생', '오빠', '언니', '누나', '형', '아들', '딸', '조카', '손자', '손녀', '막내', '친구']);

function isOrdinary(word: string): boolean {
  return NOT_GIVEN.has(word) || KO_STOPWORDS.has(word) || TITLES.has(word) || KINSHIP_BEFORE.has(word) || COMMON_NOUNS.has(word);
}

function givenBeforeTitles(text: string, words: readonly Word[], candidates: readonly number[], sink: Sink): void {
  let placeStarts: Set<number> | undefined;
  // One pass over the words: a word that starts with a title, one space after a word of two or three syllables.
  for (const k of candidates) {
    if (k === 0) continue;
    const word = words[k]!;
    if (!TITLE_FIRSTS.hasCode(text.charCodeAt(word.start))) continue;
    const prev = words[k - 1]!;
    const length = prev.end - prev.start;
    if (prev.end !== word.start - 1 || length < 2 || length > 3 || text.charCodeAt(prev.end) !== 32) continue;
    const w = text.slice(word.start, word.end);
    const title = TITLE_WORDS.find((t) => w.startsWith(t) && TITLE_TAIL.test(w.slice(t.length)));
    if (title === undefined) continue;
    const name = text.slice(prev.start, prev.end);
    // Syllables that end as given names do (운전, 영어, 직장 before a title are what the person does or where).
    // Three syllables are a full name: a surname first (두영순 아주머니).
    if (isOrdinary(name) || !GIVEN_SYLLABLES.all(name.slice(length - 2)) || !GIVEN_FINAL.has(name[length - 1]) || (length === 3 && !isSurname(name[0])) || /[의에서을를은는도와과로]$/.test(name)) continue;
    // 회령 할머니, 청진 동무: a place before a kinship word says where the person is from.
    if (placeStarts === undefined) {
      placeStarts = new Set<number>();
      for (const span of sink.spans) if (span.type === 'PLACE' || span.type === 'FACILITY') placeStarts.add(span.start);
    }
    if (placeStarts.has(prev.start)) continue;
    sink.add(prev.start, prev.end, 'PERSON', 0.75, `given name before "${title}"`);
  }
}

function familiarAfterKin(text: string, words: readonly Word[], candidates: readonly number[], sink: Sink): void {
  const found = new Set<string>();
  for (const k of candidates) {
    if (k + 1 >= words.length) continue;
    const word = words[k]!;
    const w = word.entry.w;
    // 막내 or a kinship word, or one with a prefix (큰딸, 남동생): the kinship word ends the word.
    if (!FAMILIAR_KIN.has(w) && !(w.length === 3 && /[막큰작남여]/.test(w[0]!) && FAMILIAR_KIN.has(w.slice(1)))) continue;
    const next = words[k + 1]!;
    if (next.start !== word.end + 1 || text.charCodeAt(word.end) !== 32) continue;
    const m = FAMILIAR_ONE.exec(next.entry.w);
    if (!m || !hasFinalConsonant(m[1]) || !GIVEN_SYLLABLES.has(m[1])) continue;
    found.add(m[1]!);
  }
  // Every familiar use of the name in the text: the one-syllable name is not spread by propagateNames.
  for (const name of found) {
    for (let at = text.indexOf(`${name}이`); at !== -1; at = text.indexOf(`${name}이`, at + 1)) {
      if (isHangulAt(text, at - 1) || !FAMILIAR_ONE.test(text.slice(at, at + 6))) continue;
      sink.add(at, at + 1, 'PERSON', 0.7, 'one-syllable given name in the familiar form after a kinship word');
    }
  }
}

function namesAfterLabels(text: string, words: readonly Word[], candidates: readonly number[], sink: Sink): void {
  for (const k of candidates) {
    const labelWord = words[k]!;
    const label = labelWord.entry.w;
    if (!LABELS.has(label)) continue;
    let i = labelWord.end;
    if (text[i] === ':' || text[i] === '：') i++;
    while (text[i] === ' ' || text[i] === '\t') i++;
    const word = hangulRunFrom(text, i);
    const end = i + word.length;
    if (word.length < 2 || word.length > 4 || isOrdinary(word)) continue;
    // The name ends the word: a bracket, comma, line end, or a space and a bracket or title after it.
    const after = text[end];
    const titleAfter = after === ' ' && TITLES.has(hangulRunFrom(text, end + 1));
    if (!(after === undefined || after === '(' || after === ',' || after === '\n' || after === ')' || titleAfter || (after === ' ' && text[end + 1] === '('))) continue;
    if (!isSurname(word[0]) || !GIVEN_SYLLABLES.all(word.slice(1))) continue;
    sink.add(i, end, 'PERSON', 0.8, `name after the form label "${label}"`);
  }
}

function chineseNames(text: string, words: readonly Word[], candidates: readonly number[], sink: Sink): void {
  if (!CHINA.test(text)) return;
  for (const k of candidates) {
    const w = words[k]!;
    if (!CHINESE_FIRSTS.hasCode(text.charCodeAt(w.start))) continue;
    const word = w.entry.w;
    const at = w.start;
    for (const surname of CHINESE_SURNAMES) {
      if (!word.startsWith(surname)) continue;
      for (let len = Math.min(2, word.length - surname.length); len >= 1; len--) {
        const given = word.slice(surname.length, surname.length + len);
        const tail = word.slice(surname.length + len);
        // Two syllables alone (쉬운, 탕약) are too often words: they need a particle after them.
        if (!isParticleTail(tail) || (tail === '' && len === 1 && surname.length === 1)) continue;
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

/** First syllables of every cue word of this module: one look at each word picks the few that may start a frame. */
const CUE_FIRSTS = firstSyllables([...TITLE_WORDS, ...FAMILIAR_KIN, '막', '큰', '작', '남', '여', ...LABELS, ...CHINESE_SURNAMES]);

export function detectKoreanPersonKinds(text: string, words: readonly Word[], sink: Sink): void {
  const candidates: number[] = [];
  for (let k = 0; k < words.length; k++) if (CUE_FIRSTS.hasCode(text.charCodeAt(words[k]!.start))) candidates.push(k);
  if (candidates.length === 0) return;
  givenBeforeTitles(text, words, candidates, sink);
  familiarAfterKin(text, words, candidates, sink);
  namesAfterLabels(text, words, candidates, sink);
  chineseNames(text, words, candidates, sink);
}

/** A PERSON guess that is a common noun beginning with a surname syllable (피의자, 본적) is no name. */
export function isCommonNounPerson(span: DetectedSpan, text: string): boolean {
  return span.type === 'PERSON' && span.knownTermSource === undefined && COMMON_NOUNS.has(text.slice(span.start, span.end));
}
