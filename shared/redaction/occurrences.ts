/**
 * Finding every occurrence of a term in a text, in the forms testimony writes it:
 * - Korean: the term at the start of a word, whatever follows (particles and endings: 김영철은,
 *   김영철한테서, 김영철씨), in North or South spelling (리영철 / 이영철), with or without spaces
 *   inside (김 영철);
 * - Latin script: whole words, any case, with hyphens, spaces or nothing between the parts
 *   (Young-chul, Young chul, Youngchul), a possessive after it (Kim's);
 * - numbers: the same digits with any separators (010-1234-5678 / 010 1234 5678 / 01012345678).
 * Used for "apply to every occurrence" and for the residual check of a release.
 */
import { normaliseKoreanInitialSound, searchKey } from '../text/korean';
import { findKnownTerms } from './known-terms';
import type { KnownTerm, SpanType } from './types';

export interface TextRange {
  start: number;
  end: number;
}

const HANGUL = /[\uac00-\ud7a3]/;
const MAX_TERM_LENGTH = 500;

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Folds North/South initial sounds where it keeps the text's length (it does for NFC text). */
function foldInitialSound(text: string): string {
  const folded = normaliseKoreanInitialSound(text);
  return folded.length === text.length ? folded : text;
}

function patternFor(term: string): { source: string; flags: string; fold: boolean } | undefined {
  const trimmed = term.normalize('NFC').trim();
  if (trimmed.length === 0 || trimmed.length > MAX_TERM_LENGTH) return undefined;
  if (HANGUL.test(trimmed)) {
    const folded = foldInitialSound(trimmed);
    const source = [...folded.replace(/\s+/g, '')].map(escapeRe).join('\\s?');
    return { source: `(?<![\\uac00-\\ud7a3])${source}`, flags: 'gu', fold: true };
  }
  const digits = trimmed.replace(/\D/g, '');
  if (/^[\d\s().+-]+$/.test(trimmed) && digits.length >= 4) {
    return { source: `(?<!\\d)${[...digits].join('[\\s.()+-]{0,3}')}(?!\\d)`, flags: 'g', fold: false };
  }
  const parts = trimmed.split(/[\s\-‐'’.]+/u).filter(Boolean);
  if (parts.length === 0) return undefined;
  const source = parts.map(escapeRe).join("[\\s\\-‐'’.]*");
  return { source: `(?<![\\p{L}\\p{N}])${source}(?![\\p{L}\\p{N}])`, flags: 'giu', fold: false };
}

/** Ranges where `term` occurs in `text`, in order, not overlapping. */
export function findOccurrences(text: string, term: string): TextRange[] {
  const pattern = patternFor(term);
  if (!pattern) return [];
  const haystack = pattern.fold ? foldInitialSound(text.normalize('NFC')) : text;
  // Offsets must be those of `text`: only use the folded copy when it lines up character for character.
  const aligned = haystack.length === text.length ? haystack : text;
  const re = new RegExp(pattern.source, pattern.flags);
  const ranges: TextRange[] = [];
  for (const match of aligned.matchAll(re)) {
    if (match[0].length === 0) continue;
    ranges.push({ start: match.index, end: match.index + match[0].length });
  }
  return ranges;
}

/** Whether two surfaces are "the same text" for apply-to-every-occurrence and pseudonyms. */
export function surfaceKey(surface: string): string {
  return searchKey(surface);
}

export function overlaps(a: TextRange, b: TextRange): boolean {
  return a.start < b.end && b.start < a.end;
}

export function contains(outer: TextRange, inner: TextRange): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

export interface TermOccurrence extends TextRange {
  type: SpanType;
  /** The term that matched (its `source` where it has one). */
  term: KnownTerm;
}

/**
 * Every occurrence of any of the terms: the forms findOccurrences knows, and every form the
 * detector's known-term matcher knows (given name alone, surname before a title, romanisations in
 * any system and order, phone numbers with a country code). Overlapping hits are merged.
 */
export function findTermsEverywhere(text: string, terms: readonly KnownTerm[]): TermOccurrence[] {
  const hits: TermOccurrence[] = [];
  for (const term of terms) for (const range of findOccurrences(text, term.text)) hits.push({ ...range, type: term.type, term });
  const bySource = new Map(terms.map((term, index) => [term.source ?? `#${index}`, term]));
  const tagged = terms.map((term, index) => ({ ...term, source: term.source ?? `#${index}` }));
  findKnownTerms(text, tagged, (start, end, type, _score, _reason, source) => {
    hits.push({ start, end, type, term: bySource.get(source) ?? { text: text.slice(start, end), type } });
  });
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: TermOccurrence[] = [];
  for (const hit of hits) {
    const last = merged[merged.length - 1];
    if (last && hit.start < last.end) last.end = Math.max(last.end, hit.end);
    else merged.push({ ...hit });
  }
  return merged;
}
