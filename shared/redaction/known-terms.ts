/**
 * Known terms: every name, number and place already written in a testimony's structured fields is
 * found in its narrative and translation whatever form it takes there: with particles (김영철은),
 * given name alone (영철이가), with a title (김 과장), in the other Korea's spelling (리/이, 림/임,
 * 류/유, 로/노), romanised in any system and order (Kim Young-chul, Kim Yong Chol, Yong-chol Kim),
 * and a phone number with or without country code and separators.
 *
 * A span found this way says "known term: <field path>" and never quotes the value, so that the
 * reason can be shown or logged without repeating the secret.
 */
import { getPlace, placeNames } from '../gazetteer/index';
import type { TestimonyRecord } from '../testimony/schema';
import { formatEdtf } from '../testimony/edtf';
import { foldInitialSound, isHangulChar, hasFinalConsonant } from './hangul';
import { COMPOUND_SURNAMES, ROMAN_SURNAMES, SURNAMES, titleAtStart, honorificAtStart } from './lexicon';
import { isParticleTail, isPlaceTail } from './particles';
import { givenNameSource, surnameSource } from './romanise';
import type { KnownTerm, SpanType } from './types';

// ---------------------------------------------------------------------------------------------
// From a record

/**
 * The identifying terms of a testimony record, each with the field path it came from: the
 * interviewee's real and other names, phone, address and birth date; every person's name and other
 * names (family, brokers, perpetrators, witnesses); the home county; places and facilities of events
 * as told; the interviewer who took consent and the translator.
 */
export function knownTermsOf(record: TestimonyRecord): KnownTerm[] {
  const terms: KnownTerm[] = [];
  const add = (text: string | undefined, type: SpanType, source: string): void => {
    const trimmed = text?.trim();
    if (trimmed && trimmed.length >= 1) terms.push({ text: trimmed, type, source });
  };
  const interviewee = record.interviewee;
  const identity = interviewee?.identity;
  if (identity) {
    add(identity.realName, 'PERSON', 'interviewee.identity.realName');
    identity.otherNames.forEach((name, i) => add(name, 'PERSON', `interviewee.identity.otherNames[${i}]`));
    add(identity.phone, 'CONTACT', 'interviewee.identity.phone');
    if (identity.address) {
      add(identity.address, 'PLACE', 'interviewee.identity.address');
      for (const part of addressParts(identity.address)) add(part, 'PLACE', 'interviewee.identity.address');
    }
    if (identity.birthDate) {
      add(identity.birthDate, 'DATE', 'interviewee.identity.birthDate');
      add(formatEdtf(identity.birthDate, 'ko'), 'DATE', 'interviewee.identity.birthDate');
      add(formatEdtf(identity.birthDate, 'en'), 'DATE', 'interviewee.identity.birthDate');
    }
  }
  const county = interviewee?.homeCounty;
  if (county) {
    add(county.text, 'PLACE', 'interviewee.homeCounty');
    const place = county.gazetteerId ? getPlace(county.gazetteerId) : undefined;
    if (place) for (const name of placeNames(place)) add(name, 'PLACE', 'interviewee.homeCounty');
  }
  record.people.forEach((person, i) => {
    add(person.name, 'PERSON', `people[${i}].name`);
    person.otherNames.forEach((name, j) => add(name, 'PERSON', `people[${i}].otherNames[${j}]`));
  });
  record.events.forEach((event, i) => {
    add(event.place?.text, 'PLACE', `events[${i}].place.text`);
    add(event.facility?.text, 'FACILITY', `events[${i}].facility.text`);
  });
  add(record.consent?.obtainedBy, 'PERSON', 'consent.obtainedBy');
  add(record.translation?.translator, 'PERSON', 'translation.translator');
  return terms;
}

/** The parts of an address worth finding alone: "함경북도 회령시 남문동 3인민반" → 남문동, 3인민반 … */
function addressParts(address: string): string[] {
  return address
    .split(/[\s,;/()]+/)
    .map((part) => part.trim())
    .filter((part) => part.length >= 2 && /[\p{L}]/u.test(part) && !/^(?:apt|apartment|flat|room|floor|street|road|no|unit|호|층|번지|아파트)$/iu.test(part));
}

// ---------------------------------------------------------------------------------------------
// Matching

export type KnownTermSink = (start: number, end: number, type: SpanType, score: number, reason: string, source: string) => void;

interface HangulVariant {
  /** Folded (North/South) spelling, spaces removed. */
  key: string;
  /** Allow one space after this many syllables (surname | given). 0 = none. */
  spaceAt: number;
  /** Must start a word and be followed by a particle, title or the end of the word. */
  boundaryNeeded: boolean;
  kind: 'full' | 'given' | 'surname-title' | 'text';
}

interface CompiledTerm {
  term: KnownTerm;
  reason: string;
  hangulVariants: HangulVariant[];
  /** Regex source (no capturing groups) of the term in Latin script. */
  latinSource: string | undefined;
  /** Latin match is case-sensitive (a one-word name such as "Lili" must be capitalised). */
  latinCaseSensitive: boolean;
  /** Phone numbers: the significant digits. */
  digits: string | undefined;
}

export interface KnownTermMatcher {
  find(text: string, folded: string, sink: KnownTermSink): void;
}

const cache = new WeakMap<readonly KnownTerm[], KnownTermMatcher>();

/** Compiles terms into a matcher; the same array gets the same matcher back. */
export function compileKnownTerms(terms: readonly KnownTerm[]): KnownTermMatcher {
  const cached = cache.get(terms);
  if (cached) return cached;
  const matcher = buildMatcher(terms, (term) => `known term: ${term.source ?? term.type}`);
  cache.set(terms, matcher);
  return matcher;
}

const HAS_LATIN = /[A-Za-z]/;

/**
 * A matcher with reasons of the caller's choosing: the detector also uses it to find again,
 * everywhere in a text, names it recognised once with good evidence. All terms share one regular
 * expression per script, so a text is scanned once however many terms there are.
 */
export function buildMatcher(terms: readonly KnownTerm[], reasonOf: (term: KnownTerm) => string): KnownTermMatcher {
  const compiled = terms.map((term) => compileTerm(term, reasonOf(term))).filter((c): c is CompiledTerm => c !== undefined);
  const byKey = new Map<string, Array<{ variant: HangulVariant; term: CompiledTerm }>>();
  for (const term of compiled) {
    for (const variant of term.hangulVariants) byKey.set(variant.key, [...(byKey.get(variant.key) ?? []), { variant, term }]);
  }
  const hangulSources = [...byKey.keys()].sort((a, b) => b.length - a.length).map((key) => [...key].map(escapeRe).join('\\s?'));
  const hangulRegex = hangulSources.length > 0 ? new RegExp(hangulSources.join('|'), 'g') : undefined;
  const latinRegexes: Array<{ regex: RegExp; terms: CompiledTerm[] }> = [];
  for (const caseSensitive of [false, true]) {
    const group = compiled.filter((t) => t.latinSource !== undefined && t.latinCaseSensitive === caseSensitive);
    if (group.length === 0) continue;
    const source = group.map((t) => `(${t.latinSource})`).join('|');
    latinRegexes.push({ regex: new RegExp(source, caseSensitive ? 'gu' : 'giu'), terms: group });
  }
  const phoneTerms = compiled.filter((t) => t.digits !== undefined);
  return {
    find(text, folded, sink) {
      if (hangulRegex) findHangul(text, folded, hangulRegex, byKey, sink);
      if (latinRegexes.length > 0 && HAS_LATIN.test(text)) for (const { regex, terms: group } of latinRegexes) findLatin(text, regex, group, sink);
      if (phoneTerms.length > 0) {
        for (const run of digitRuns(text)) {
          const significant = significantDigits(run.digits);
          for (const term of phoneTerms) if (significant === term.digits) sink(run.start, run.end, term.term.type, 1, term.reason, term.term.source ?? '');
        }
      }
    },
  };
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compileTerm(term: KnownTerm, reason: string): CompiledTerm | undefined {
  const text = term.text.normalize('NFC').trim();
  if (!text) return undefined;
  const out: CompiledTerm = { term, reason, hangulVariants: [], latinSource: undefined, latinCaseSensitive: false, digits: undefined };
  const digitCount = text.replace(/\D/g, '').length;
  if (term.type === 'CONTACT' && digitCount >= 6 && /^[+\d\s().-]+$/.test(text)) {
    out.digits = significantDigits(text.replace(/\D/g, ''));
    return out;
  }
  const hasHangul = /[\uac00-\ud7a3]/.test(text);
  if (hasHangul) {
    out.hangulVariants = hangulVariants(text, term.type);
    if (term.type === 'PERSON') out.latinSource = romanisedNameSource(text);
  } else if (term.type === 'PERSON') {
    out.latinSource = latinNameSource(text);
    out.latinCaseSensitive = !/[\s-]/.test(text);
  } else {
    out.latinSource = text.split(/[\s-]+/).map(escapeRe).join('[\\s-]*');
  }
  return out;
}

/** Surname and given name of a Hangul personal name (compound surnames included). */
export function splitKoreanName(name: string): { surname: string; given: string } | undefined {
  const compact = name.replace(/\s+/g, '');
  if (!/^[\uac00-\ud7a3]{2,5}$/.test(compact)) return undefined;
  const compound = COMPOUND_SURNAMES.find((c) => compact.startsWith(c) && compact.length >= 3);
  if (compound) return { surname: compound, given: compact.slice(compound.length) };
  if (SURNAMES.has(compact[0]!) || compact.length === 3) return { surname: compact[0]!, given: compact.slice(1) };
  return undefined;
}

function hangulVariants(text: string, type: SpanType): HangulVariant[] {
  const compact = text.replace(/\s+/g, '');
  const key = foldInitialSound(compact);
  if (type !== 'PERSON') {
    const out: HangulVariant[] = [{ key, spaceAt: 0, boundaryNeeded: false, kind: 'text' }];
    // 회령시 is also said 회령; 온성군 보위부 also 온성 보위부 is left to the recognisers.
    const bare = compact.replace(/(?:특별시|직할시|노동자구|구역|시|군|구|도|읍|면|리|동)$/, '');
    if (bare !== compact && bare.length >= 2 && /^[\uac00-\ud7a3]+$/.test(compact)) out.push({ key: foldInitialSound(bare), spaceAt: 0, boundaryNeeded: true, kind: 'text' });
    return out;
  }
  const split = splitKoreanName(compact);
  const out: HangulVariant[] = [{ key, spaceAt: split ? split.surname.length : 0, boundaryNeeded: compact.length <= 2, kind: 'full' }];
  if (split && split.given.length >= 2 && compact.length >= 3) {
    out.push({ key: foldInitialSound(split.given), spaceAt: 0, boundaryNeeded: true, kind: 'given' });
  }
  if (split) out.push({ key: foldInitialSound(split.surname), spaceAt: 0, boundaryNeeded: true, kind: 'surname-title' });
  return out;
}

function findHangul(text: string, folded: string, regex: RegExp, byKey: Map<string, Array<{ variant: HangulVariant; term: CompiledTerm }>>, sink: KnownTermSink): void {
  regex.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = regex.exec(folded)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    regex.lastIndex = start + 1;
    const key = m[0].includes(' ') ? m[0].replace(/\s/g, '') : m[0];
    for (const { variant: v, term } of byKey.get(key) ?? []) {
      if (m[0].includes(' ') && (v.spaceAt === 0 || m[0].indexOf(' ') !== v.spaceAt)) continue;
      if (!acceptHangulMatch(text, start, end, v, term.term.type)) continue;
      const whole = v.kind === 'full' || v.kind === 'text';
      sink(start, end, term.term.type, whole ? 1 : 0.95, whole ? term.reason : `${term.reason} (${v.kind === 'given' ? 'given name' : 'surname + title'})`, term.term.source ?? '');
      break;
    }
  }
}

function acceptHangulMatch(text: string, start: number, end: number, v: HangulVariant, type: SpanType): boolean {
  const atWordStart = !isHangulChar(text[start - 1]);
  if (v.kind === 'surname-title') {
    // 김 과장, 김씨, 김 선생님: the surname alone counts only before a title or 씨.
    if (!atWordStart) return false;
    const after = text.slice(end, end + 8);
    const glued = /^[\uac00-\ud7a3]+/.exec(after)?.[0] ?? '';
    if (glued) return /^씨/.test(glued) || /^가네/.test(glued);
    const next = /^\s([\uac00-\ud7a3]+)/.exec(after)?.[1];
    return next !== undefined && titleAtStart(next) !== undefined;
  }
  if (!v.boundaryNeeded) return true;
  if (!atWordStart) return false;
  let restEnd = end;
  while (restEnd < text.length && isHangulChar(text[restEnd])) restEnd++;
  const rest = text.slice(end, restEnd);
  if (type !== 'PERSON') return isPlaceTail(rest);
  if (isParticleTail(rest) || honorificAtStart(rest) !== undefined || titleAtStart(rest) !== undefined) return true;
  // 영철이는, 영철이가: the familiar 이 after a name ending in a consonant.
  return hasFinalConsonant(text[end - 1]) && rest.startsWith('이') && isParticleTail(rest.slice(1));
}

/** A romanised name in any order: "Kim Young-chul", "Young-chul Kim", "KIM Youngchul", and the given name alone. */
function latinNameSource(name: string): string {
  const words = name.split(/[\s,]+/).filter(Boolean);
  const wordSource = (w: string): string => w.split(/[-'’]/).map(escapeRe).join("[-\\s'’]?");
  if (words.length < 2) {
    return wordSource(words[0] ?? name);
  }
  const isSurname = (w: string): boolean => ROMAN_SURNAMES.has(w[0]!.toUpperCase() + w.slice(1).toLowerCase());
  let surname: string;
  let given: string[];
  if (isSurname(words[0]!)) [surname, given] = [words[0]!, words.slice(1)];
  else if (isSurname(words[words.length - 1]!)) [surname, given] = [words[words.length - 1]!, words.slice(0, -1)];
  else [surname, given] = [words[words.length - 1]!, words.slice(0, -1)];
  const givenSource = given.map(wordSource).join("[-\\s'’]?");
  const s = escapeRe(surname);
  const alternatives = [`${s},?[\\s-]+${givenSource}`, `${givenSource}[\\s-]+${s}`];
  // The given name alone ("Young-chul said"), when it is a two-part Korean given name.
  if (given.join('').length >= 4) alternatives.push(givenSource);
  return alternatives.join('|');
}

/** A Hangul name in every common romanisation, either order, and the given name alone. */
function romanisedNameSource(name: string): string | undefined {
  const split = splitKoreanName(name);
  if (!split || split.given.length < 1) return undefined;
  const s = surnameSource(split.surname);
  const g = givenNameSource(split.given);
  const alternatives = [`${s},?[\\s-]+${g}`, `${g}[\\s-]+${s}`];
  if (split.given.length >= 2) alternatives.push(g);
  return alternatives.join('|');
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function findLatin(text: string, regex: RegExp, terms: readonly CompiledTerm[], sink: KnownTermSink): void {
  regex.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = regex.exec(text)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    // Whole words only; checked here rather than by a lookbehind, which would run at every position.
    if (m[0].length === 0 || (start > 0 && LETTER_OR_DIGIT.test(text[start - 1]!)) || (end < text.length && LETTER_OR_DIGIT.test(text[end]!))) {
      regex.lastIndex = start + 1;
      continue;
    }
    const group = m.findIndex((value, i) => i > 0 && value !== undefined);
    const term = terms[group - 1];
    if (term) sink(start, end, term.term.type, 1, term.reason, term.term.source ?? '');
  }
}

/** Digits of a phone number without country code or trunk zero: +82 10-1234-5678 and 010-1234-5678 meet. */
function significantDigits(digits: string): string {
  let d = digits.replace(/\D/g, '');
  if (d.startsWith('00')) d = d.slice(2);
  if (/^(?:82|86|976|66|856|84|855|7)/.test(d) && d.length >= 10) d = d.replace(/^(?:82|86|976|66|856|84|855|7)/, '');
  return d.replace(/^0+/, '');
}

/** Runs of digits with phone separators: "+86 138 4395 2071", "010-5583-2716", "(0433) 275 4419". */
function digitRuns(text: string): Array<{ start: number; end: number; digits: string }> {
  const out: Array<{ start: number; end: number; digits: string }> = [];
  const re = /\+?\(?\d[\d\s().-]{4,22}\d/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    // A run may swallow a trailing space and the next number; cut at a double space or newline.
    const value = m[0].split(/\s{2,}|\n/)[0]!;
    out.push({ start: m.index, end: m.index + value.length, digits: value.replace(/\D/g, '') });
    re.lastIndex = m.index + value.length;
  }
  return out;
}

/** Finds every known term in `text` (folded is foldInitialSound(text), passed in to fold once). */
export function findKnownTerms(text: string, terms: readonly KnownTerm[], sink: KnownTermSink, folded = foldInitialSound(text)): void {
  if (terms.length === 0) return;
  compileKnownTerms(terms).find(text, folded, sink);
}
