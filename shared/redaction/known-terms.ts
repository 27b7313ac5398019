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
import { romaniseHangul, romanKey, surnameKeys } from './romanise';
import { latinTokens, memoByString } from './scan';
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

export interface HangulVariant {
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
  /** Keys of the term in Latin script: "w:<key>" for a whole run of words, "p:<surname>|<given>" for a name. */
  latinKeys: string[];
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

/**
 * A matcher with reasons of the caller's choosing: the detector also uses it to find again,
 * everywhere in a text, names it recognised once with good evidence. No regular expression is built
 * per term: Hangul spellings are found with indexOf in the folded text, Latin ones by looking up the
 * canonical romanisation key of each run of capitalised words.
 */
export function buildMatcher(terms: readonly KnownTerm[], reasonOf: (term: KnownTerm) => string, options: { wholeWordsOnly?: boolean } = {}): KnownTermMatcher {
  const compiled = terms.map((term) => compileTerm(term, reasonOf(term))).filter((c): c is CompiledTerm => c !== undefined);
  // Names the detector found itself are looked for again as whole words only (with particles):
  // a guess must not spread into the middle of other words.
  if (options.wholeWordsOnly) for (const term of compiled) for (const v of term.hangulVariants) v.boundaryNeeded = true;
  const hangul: Array<{ variant: HangulVariant; term: CompiledTerm }> = [];
  for (const term of compiled) for (const variant of term.hangulVariants) hangul.push({ variant, term });
  // Longer spellings first, so that 김영철 is taken before its given name 영철 at the same place.
  hangul.sort((a, b) => b.variant.key.length - a.variant.key.length);
  const phoneTerms = compiled.filter((t) => t.digits !== undefined);
  // The Latin index is built the first time a text with capital letters comes: Korean-only texts never pay for it.
  let latinIndex: { keys: Map<string, CompiledTerm>; prefixes: Set<string>; longestWindow: number } | undefined;
  const latinTerms = compiled.filter((t) => t.latinKeys.length > 0);
  const buildLatin = (): NonNullable<typeof latinIndex> => {
    const keys = new Map<string, CompiledTerm>();
    let longestWindow = 1;
    for (const term of latinTerms) {
      for (const key of term.latinKeys) {
        if (!keys.has(key)) keys.set(key, term);
        longestWindow = Math.max(longestWindow, key.startsWith('p:') ? 4 : Math.min(4, term.term.text.split(/[\s-]+/).length + 1));
      }
    }
    // Every prefix of every key, so that a run of words is extended only while it can still match.
    const prefixes = new Set<string>();
    const givens = new Set<string>();
    for (const key of keys.keys()) {
      const [surname, given] = key.startsWith('p:') ? (key.slice(2).split('|') as [string, string]) : ['', key.slice(2)];
      if (surname) prefixes.add(`s:${surname}`);
      if (!givens.has(given)) {
        givens.add(given);
        for (let n = 1; n <= given.length; n++) prefixes.add(given.slice(0, n));
      }
      if (surname) prefixes.add(given + surname);
    }
    return { keys, prefixes, longestWindow };
  };
  return {
    find(text, folded, sink) {
      if (hangul.length > 0 && HAS_HANGUL_OR_LATIN.test(text)) findHangul(text, folded, hangul, sink);
      if (latinTerms.length > 0 && HAS_CAPITAL.test(text)) {
        latinIndex ??= buildLatin();
        findLatin(text, latinIndex.keys, latinIndex.prefixes, latinIndex.longestWindow, sink);
      }
      if (phoneTerms.length > 0) {
        for (const run of digitRuns(text)) {
          const significant = significantDigits(run.digits);
          for (const term of phoneTerms) if (significant === term.digits) sink(run.start, run.end, term.term.type, 1, term.reason, term.term.source ?? '');
        }
      }
    },
  };
}

const HAS_CAPITAL = /[A-Z\u00c0-\u00de]/;
const HAS_HANGUL_OR_LATIN = /[\uac00-\ud7a3A-Za-z0-9]/;

/** What a term's text and type alone decide; shared by every matcher that holds the same term. */
type TermForms = Pick<CompiledTerm, 'hangulVariants' | 'latinKeys' | 'digits'>;

/**
 * Term forms by type and text. The same names and places recur across the testimonies of a vault (and
 * the detector's own repeats across texts), and working out their spellings (romanisation, surname
 * variants, folding) costs more than finding them. Bounded; the variants are copied out because
 * matchers change their boundaryNeeded.
 */
const formsOf = memoByString((typeAndText: string): TermForms | undefined => {
  const split = typeAndText.indexOf('\u0000');
  return termForms(typeAndText.slice(split + 1), typeAndText.slice(0, split) as SpanType);
});

function compileTerm(term: KnownTerm, reason: string): CompiledTerm | undefined {
  const forms = formsOf(`${term.type}\u0000${term.text}`);
  if (!forms) return undefined;
  return { term, reason, hangulVariants: forms.hangulVariants.map((v) => ({ ...v })), latinKeys: forms.latinKeys, digits: forms.digits };
}

function termForms(termText: string, type: SpanType): TermForms | undefined {
  const text = termText.normalize('NFC').trim();
  if (!text) return undefined;
  const out: TermForms = { hangulVariants: [], latinKeys: [], digits: undefined };
  const digitCount = text.replace(/\D/g, '').length;
  if (type === 'CONTACT' && digitCount >= 6 && /^[+\d\s().-]+$/.test(text)) {
    out.digits = significantDigits(text.replace(/\D/g, ''));
    return out;
  }
  if (/[\uac00-\ud7a3]/.test(text)) {
    out.hangulVariants = hangulVariants(text, type);
    if (type === 'PERSON') out.latinKeys = romanisedNameKeys(text);
  } else if (type === 'PERSON') {
    out.latinKeys = latinNameKeys(text);
  } else if (/[A-Za-z]/.test(text)) {
    const key = romanKey(text);
    if (key.length >= 3) out.latinKeys = [`w:${key}`];
  }
  // IDs, handles and e-mail addresses are matched as written (case-insensitive), wherever they occur.
  if (out.hangulVariants.length === 0 && out.latinKeys.length === 0 && type !== 'PERSON') {
    out.hangulVariants = [{ key: text.toLowerCase(), spaceAt: 0, boundaryNeeded: false, kind: 'text' }];
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

export function hangulVariants(text: string, type: SpanType): HangulVariant[] {
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

function findHangul(text: string, folded: string, variants: ReadonlyArray<{ variant: HangulVariant; term: CompiledTerm }>, sink: KnownTermSink): void {
  let lower: string | undefined;
  for (const { variant: v, term } of variants) {
    const plainText = !/[\uac00-\ud7a3]/.test(v.key);
    const haystack = plainText ? (lower ??= text.replace(/[A-Z]/g, (c) => c.toLowerCase())) : folded;
    const spellings = v.spaceAt > 0 ? [v.key, `${v.key.slice(0, v.spaceAt)} ${v.key.slice(v.spaceAt)}`] : [v.key];
    for (const spelling of spellings) {
      for (let at = haystack.indexOf(spelling); at !== -1; at = haystack.indexOf(spelling, at + 1)) {
        const end = at + spelling.length;
        if (!acceptHangulMatch(text, at, end, v, term.term.type)) continue;
        const whole = v.kind === 'full' || v.kind === 'text';
        sink(at, end, term.term.type, whole ? 1 : 0.95, whole ? term.reason : `${term.reason} (${v.kind === 'given' ? 'given name' : 'surname + title'})`, term.term.source ?? '');
      }
    }
  }
}

export function acceptHangulMatch(text: string, start: number, end: number, v: HangulVariant, type: SpanType): boolean {
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

/** Keys of a name written in Latin letters: "Kim Young-chul" → surname + given in either order, and the given name alone. */
function latinNameKeys(name: string): string[] {
  const words = name.split(/[\s,]+/).filter(Boolean);
  if (words.length < 2) {
    const key = romanKey(name);
    return key.length >= 3 ? [`w:${key}`] : [];
  }
  const isSurname = (w: string): boolean => ROMAN_SURNAMES.has(w[0]!.toUpperCase() + w.slice(1).toLowerCase());
  const [surname, given] = isSurname(words[0]!) || !isSurname(words[words.length - 1]!) ? [words[0]!, words.slice(1)] : [words[words.length - 1]!, words.slice(0, -1)];
  const givenKey = romanKey(given.join(''));
  const keys = [`p:${romanKey(surname)}|${givenKey}`, `w:${romanKey(words.join(''))}`];
  // The given name alone ("Young-chul said"), when it has two syllables or more.
  if (givenKey.length >= 4 && given.join('').length >= 4) keys.push(`w:${givenKey}`);
  return keys;
}

/** Keys of a Hangul name in romanisation: every usual surname spelling with the given name, and the given name alone. */
function romanisedNameKeys(name: string): string[] {
  const split = splitKoreanName(name);
  if (!split) return [];
  const givenKey = romanKey(romaniseHangul(split.given));
  const keys = surnameKeys(split.surname).map((s) => `p:${s}|${givenKey}`);
  if (split.given.length >= 2 && givenKey.length >= 4) keys.push(`w:${givenKey}`);
  return keys;
}

/** Runs of Latin words joined by a space, a hyphen or ", ", looked up by their canonical keys. */
function findLatin(text: string, keys: ReadonlyMap<string, CompiledTerm>, prefixes: ReadonlySet<string>, longestWindow: number, sink: KnownTermSink): void {
  const tokens = latinTokens(text);
  const joinable = (a: { end: number }, b: { start: number }): boolean => {
    const gap = text.slice(a.end, b.start);
    return gap === ' ' || gap === '-' || gap === ', ' || gap === '\u2010' || gap === '\u2011';
  };
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i]!;
    if (!first.capitalised) continue;
    if (i > 0 && /[\p{L}\p{N}]/u.test(text[first.start - 1] ?? '')) continue;
    let best: { end: number; term: CompiledTerm; next: number } | undefined;
    // The key of a word is kept on the word: worked out once, not once per occurrence.
    const firstKey = (first.info.romanKey ??= romanKey(first.word));
    // Most words start no known name: one set look-up and on.
    if (!prefixes.has(firstKey) && !prefixes.has(`s:${firstKey}`)) continue;
    const keysOf: string[] = [firstKey];
    for (let j = i; j < tokens.length && j - i < longestWindow; j++) {
      if (j > i) {
        if (!joinable(tokens[j - 1]!, tokens[j]!)) break;
        const token = tokens[j]!;
        keysOf.push((token.info.romanKey ??= romanKey(token.word)));
      }
      const whole = keysOf.join('');
      const rest = keysOf.slice(1).join('');
      if (j > i && !prefixes.has(whole) && !(prefixes.has(`s:${firstKey}`) && prefixes.has(rest)) && !prefixes.has(`s:${keysOf[keysOf.length - 1]}`)) {
        // Neither the run nor "surname + rest" can still grow into a key.
        if (!keys.has(`p:${keysOf[keysOf.length - 1]}|${keysOf.slice(0, -1).join('')}`)) break;
      }
      const candidates = [`w:${whole}`];
      if (j > i) {
        candidates.push(`p:${keysOf[0]}|${keysOf.slice(1).join('')}`, `p:${keysOf[keysOf.length - 1]}|${keysOf.slice(0, -1).join('')}`);
      }
      for (const key of candidates) {
        const term = keys.get(key);
        if (term) {
          best = { end: tokens[j]!.end, term, next: j };
          break;
        }
      }
    }
    if (best && !/[\p{L}\p{N}]/u.test(text[best.end] ?? '')) {
      sink(first.start, best.end, best.term.term.type, 1, best.term.reason, best.term.term.source ?? '');
      i = best.next;
    }
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
