/**
 * The redaction detector: finds identifying spans (annotation guide: redaction-devset/ANNOTATION.md)
 * in Korean, English and mixed testimony. Recall comes first: a missed name can get a family punished,
 * an extra redaction costs a reviewer a click. Every span carries a score and the rule (and context
 * word) that fired, never the value itself.
 *
 * Pure TypeScript, no Node or DOM: the command line, the services and the renderer share it. Word lists
 * and the gazetteer are compiled into sets and maps at first use; a text is scanned by a fixed number of
 * precompiled regular expressions and one pass over its Hangul words.
 */
import { foldInitialSound } from './hangul';
import { acceptHangulMatch, buildMatcher, findKnownTerms, hangulVariants, type HangulVariant } from './known-terms';
import { detectAges, detectContactsAndIds, detectDates, lowerSameLength } from './numbers';
import { cuesOf, detectAnswersAndCopulas, detectCuedAges, detectCuedDates, detectCuedFacilitiesAndPlaces, detectCuedIds, detectCuedPersons, detectShortFormsAndMixedScript, extendFacilityTails, repeatOneSyllableNicknames } from './cued';
import { detectLatinPersons } from './latin-names';
import { detectCoordinatedNames, detectHanNames, detectKoreanNicknames, detectKoreanPersons } from './persons';
import { detectAddresses, detectKoreanPlaces, detectLatinFacilities, detectLatinPlaces, detectRomanisedPlaces } from './places';
import { hangulWords, Sink } from './scan';
import { detectGenericOrganisations } from './generic-organisations';
import { detectGenericPersons } from './generic-persons';
import { detectGenericAges } from './generic-ages';
import { detectGenericPlaces } from './generic-places';
import { detectGenericForeignNames } from './generic-foreign-names';
import { detectSinoKoreanDatesAndAges } from './generic-sino-numbers';
import { detectGenericNicknames } from './generic-nicknames';
import { detectGenericStreets } from './generic-streets';
import { detectRoutePlacesThatAreWords } from './generic-route-places';
import { detectLetterAddressees } from './generic-letters';
import { detectChainedPlaces } from './generic-place-chains';
import { detectGenericEnglish } from './generic-english';
import { detectKoreanPersonKinds, isCommonNounPerson } from './kperson-names';
import { detectKoreanNumberKinds } from './kperson-numbers';
import { EN_COMMON, EN_TITLES, PINYIN_SURNAMES, ROMAN_SURNAMES } from './lexicon';

/** Words that are names of people, titles or ordinary English: not places, however they read. */
function isNotAPlaceWord(word: string): boolean {
  const lower = word.toLowerCase();
  return EN_COMMON.has(lower) || ROMAN_SURNAMES.has(word) || PINYIN_SURNAMES.has(word) || EN_TITLES.includes(word) || /^(?:Yalu|Tumen|Mekong|Amnok|Duman|Taedong|Imjin|Songhua|Paektu|Baekdu|Halla|Kumgang|Hanawon|Hana|Juche|Mongolia|Laos|Thailand|Vietnam|Cambodia|Burma|Myanmar|Russia|China|Korea|Japan|America|Europe|Asia|Africa|Christ|Jesus|Allah|Buddha)$/.test(word);
}
import type { DetectedSpan, DetectOptions, KnownTerm, SpanType } from './types';

export type { DetectedSpan, DetectOptions, KnownTerm, SpanType } from './types';
export { SPAN_TYPES } from './types';

const HAS_CAPITAL = /[A-Z]/;
const HAS_HAN = /[\u4e00-\u9fff]/;

/** Spans below this score are dropped (none of the rules emits less today; kept as the one knob). */
const MIN_SCORE = 0.5;
/** Names recognised with at least this score are searched for again everywhere in the text. */
const PROPAGATE_SCORE = 0.6;

/** Finds identifying spans; sorted by start, never overlapping. */
export function detectSpans(text: string, options: DetectOptions = {}): DetectedSpan[] {
  const sink = new Sink();
  const words = hangulWords(text);
  const hasHangul = words.length > 0;
  // Folding changes only Hangul: a text without any is its own fold.
  const folded = hasHangul ? foldInitialSound(text) : text;
  const lower = lowerSameLength(text);
  detectContactsAndIds(text, sink, lower, hasHangul);
  detectDates(text, sink, hasHangul, lower);
  detectAges(text, sink, hasHangul, lower);
  const cues = cuesOf(text);
  detectCuedAges(text, sink, cues);
  detectCuedDates(text, sink, hasHangul, cues);
  detectCuedIds(text, sink, cues);
  detectAddresses(text, sink, hasHangul);
  if (words.length > 0) {
    const placeWords = detectKoreanPlaces(text, folded, words, sink);
    detectKoreanPersons(text, words, sink, placeWords);
    detectKoreanNicknames(text, sink, words);
  }
  // Latin-script recognisers need a capital letter to start anything they find.
  if (HAS_CAPITAL.test(text)) {
    detectLatinFacilities(text, sink);
    detectLatinPlaces(text, sink);
    detectLatinPersons(text, sink, hasHangul);
    detectRomanisedPlaces(text, sink, isNotAPlaceWord, hasHangul);
    detectGenericPlaces(text, sink);
  }
  if (HAS_HAN.test(text)) detectHanNames(text, sink);
  if (words.length > 0) detectCoordinatedNames(text, words, sink);
  detectCuedPersons(text, sink, hasHangul, cues);
  detectCuedFacilitiesAndPlaces(text, sink, hasHangul, cues);
  detectShortFormsAndMixedScript(text, sink, hasHangul, cues);
  detectAnswersAndCopulas(text, sink, hasHangul, cues);
  detectGenericOrganisations(text, sink, hasHangul);
  detectGenericPersons(text, sink, hasHangul);
  detectGenericAges(text, sink, hasHangul);
  detectSinoKoreanDatesAndAges(text, sink, hasHangul);
  detectGenericNicknames(text, sink, hasHangul);
  detectLetterAddressees(text, sink, hasHangul);
  if (words.length > 0) detectGenericForeignNames(text, words, sink);
  if (words.length > 0) detectGenericStreets(text, words, sink);
  if (words.length > 0) detectRoutePlacesThatAreWords(text, words, sink);
  if (words.length > 0) detectChainedPlaces(text, words, sink);
  detectGenericEnglish(text, sink, hasHangul);
  if (hasHangul) { detectKoreanPersonKinds(text, words, sink); detectKoreanNumberKinds(text, sink); }
  extendFacilityTails(text, sink);
  propagateNames(text, folded, sink, hasHangul);
  if (hasHangul) repeatOneSyllableNicknames(text, sink);
  if (options.knownTerms && options.knownTerms.length > 0) {
    findKnownTerms(text, options.knownTerms, (start, end, type, score, reason, source) => sink.add(start, end, type, score, reason, source || undefined), folded);
  }
  return mergeSpans(sink.spans.filter(hasHangul ? (s) => scoresEnough(s) && !isCommonNounPerson(s, text) : scoresEnough), text);
}

/**
 * A name found once with good evidence is found again everywhere: "김영철은 … 영철이가", "Quan said …
 * Quan took". Other spans of a name are often bare (no title, no particle that marks a name).
 */
function propagateNames(text: string, folded: string, sink: Sink, hasHangul: boolean): void {
  const seen = new Set<string>();
  const terms: KnownTerm[] = [];
  for (const span of sink.spans) {
    if (span.type !== 'PERSON' || span.score < PROPAGATE_SCORE) continue;
    const surface = text.slice(span.start, span.end);
    // One-syllable surnames (최 과장) stay with their title; short Latin words are too ambiguous.
    if (/^[\uac00-\ud7a3]$/.test(surface) || (/^[A-Za-z]/.test(surface) && surface.length < 3)) continue;
    const forms = [surface];
    // "Gao Yuming" is later "Gao"; "Kim Young-chul" is later "Young-chul" (surnames alone are too common).
    const latin = /^([A-Z][a-z]+)\s([A-Z][a-z]+(?:-[a-z]+)?)$/.exec(surface);
    if (latin && PINYIN_SURNAMES.has(latin[1]!) && !ROMAN_SURNAMES.has(latin[1]!)) forms.push(latin[1]!);
    if (latin && /-/.test(latin[2]!)) forms.push(latin[2]!);
    for (const form of forms) {
      if (seen.has(form)) continue;
      seen.add(form);
      terms.push({ text: form, type: 'PERSON' });
    }
  }
  if (terms.length === 0) return;
  const reason = 'repeat of a name found elsewhere in the text';
  const add = (start: number, end: number, type: SpanType, _score: number, why: string): void => sink.add(start, end, type, 0.8, why);
  // A text with both Hangul and Latin capitals may name a person in both scripts (김영철 … Kim Yong-chol):
  // the full matcher meets them through their romanisation. Other texts need only the repeats themselves.
  if (hasHangul && HAS_CAPITAL.test(text)) {
    buildMatcher(terms, () => reason, { wholeWordsOnly: true }).find(text, folded, add);
    return;
  }
  const hangul: Array<{ variant: HangulVariant; kind: string }> = [];
  for (const term of terms) {
    if (HAS_HANGUL.test(term.text)) for (const variant of hangulVariants(term.text, 'PERSON')) hangul.push({ variant, kind: variant.kind });
    else findLatinRepeats(text, term.text, (start, end) => add(start, end, 'PERSON', 0.8, reason));
  }
  // Longer spellings first, as the full matcher does, so that 김영철 is taken before 영철 at the same place.
  hangul.sort((a, b) => b.variant.key.length - a.variant.key.length);
  for (const { variant: v } of hangul) {
    v.boundaryNeeded = true;
    const spellings = v.spaceAt > 0 ? [v.key, `${v.key.slice(0, v.spaceAt)} ${v.key.slice(v.spaceAt)}`] : [v.key];
    for (const spelling of spellings) {
      for (let at = folded.indexOf(spelling); at !== -1; at = folded.indexOf(spelling, at + 1)) {
        const end = at + spelling.length;
        if (!acceptHangulMatch(text, at, end, v, 'PERSON')) continue;
        add(at, end, 'PERSON', 0.8, v.kind === 'full' ? reason : `${reason} (${v.kind === 'given' ? 'given name' : 'surname + title'})`);
      }
    }
  }
}

const HAS_HANGUL = /[\uac00-\ud7a3]/;

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 0xc0 && code <= 0x24f) || (code >= 0xac00 && code <= 0xd7a3);
}

/** Every whole-word occurrence of a Latin-script name, as written. */
function findLatinRepeats(text: string, name: string, found: (start: number, end: number) => void): void {
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
    const end = at + name.length;
    if (at > 0 && isWordChar(text.charCodeAt(at - 1))) continue;
    if (end < text.length && isWordChar(text.charCodeAt(end))) continue;
    found(at, end);
  }
}

/** Known terms win over rules, then facility over person over place (a place inside a facility belongs to it). */
const TYPE_PRIORITY: Record<SpanType, number> = { ID: 7, CONTACT: 6, FACILITY: 5, PERSON: 4, PLACE: 3, DATE: 2, AGE: 1 };

/** Known term first, then type priority, then score. */
function rank(span: DetectedSpan): number {
  return (span.knownTermSource !== undefined ? 100 : 0) + TYPE_PRIORITY[span.type] * 2 + span.score;
}

// Module-level, not arrows made on every call: one function object for all texts.
function scoresEnough(span: DetectedSpan): boolean {
  return span.score >= MIN_SCORE;
}

function byStartLongestFirst(a: DetectedSpan, b: DetectedSpan): number {
  return a.start - b.start || b.end - a.end;
}

/** Merges overlapping spans; sorts `spans` (a fresh array of the caller's) in place. */
function mergeSpans(spans: DetectedSpan[], text: string): DetectedSpan[] {
  const sorted = spans.sort(byStartLongestFirst);
  const out: DetectedSpan[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    // A place or facility right before a facility, one space apart, is part of it: 제1군단 후방병원.
    const joins = last && span.type === 'FACILITY' && (last.type === 'FACILITY' || last.type === 'PLACE') && span.start === last.end + 1 && text[last.end] === ' ';
    if (last && (span.start < last.end || joins)) {
      const keepLast = rank(last) >= rank(span);
      const kept = keepLast ? last : span;
      const merged: DetectedSpan = { start: last.start, end: Math.max(last.end, span.end), type: kept.type, score: Math.max(last.score, span.score), reason: kept.reason };
      if (kept.knownTermSource !== undefined) merged.knownTermSource = kept.knownTermSource;
      out[out.length - 1] = merged;
    } else {
      out.push({ ...span });
    }
  }
  return out;
}
