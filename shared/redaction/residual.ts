/**
 * The residual check of a release, run before approval: the released texts are scanned again with
 * the detector, and every identifying term the vault knows for the testimony is searched for in
 * every released string. Any hit blocks approval.
 *
 * - Detector hits are ignored only where the release shows a replacement or a span the reviewer
 *   explicitly kept (a hit may run one character past it: "인물 A씨").
 * - Terms from the identifying fields (interviewee.identity, people's names) block wherever they
 *   occur outside a replacement, even inside a kept span: a name recorded as identifying is never
 *   released. They are found in every form the detector knows (knownTermsOf, findKnownTerms).
 * - Other known terms of the record (home county, places and facilities as told, the interviewer's
 *   and translator's names) and surfaces the reviewer marked for redaction block outside
 *   replacements and spans the reviewer explicitly kept.
 */
import type { DetectedSpan, DetectOptions, KnownTerm } from './types';
import { findTermsEverywhere, overlaps, surfaceKey, type TextRange } from './occurrences';
import { textFieldsOf } from './text-fields';
import type { BuiltRelease, ItemType } from './release';

export interface ResidualHit {
  field: string;
  start: number;
  end: number;
  type: ItemType;
  source: 'detector' | 'identifying-field' | 'reviewer-marked';
  reason: string;
}

export interface ResidualInput {
  built: BuiltRelease;
  /** The record's known terms (knownTermsOf), with their field path in `source`. */
  identifyingTerms: readonly KnownTerm[];
  markedTerms: readonly KnownTerm[];
  detect: (text: string, options?: DetectOptions) => DetectedSpan[];
}

function uncoveredLength(text: string, hit: TextRange, protectedRanges: readonly TextRange[]): number {
  let count = 0;
  for (let i = hit.start; i < hit.end; i++) {
    if (protectedRanges.some((r) => r.start <= i && i < r.end)) continue;
    if (/[\p{L}\p{N}]/u.test(text[i]!)) count += 1;
  }
  return count;
}

const MARKED = 'marked by a reviewer';

/** Names and contact details of the interviewee and of every person: never released, even where kept. */
function isIdentifyingSource(source: string | undefined): boolean {
  return source !== undefined && (source.startsWith('interviewee.identity.') || /^people\[\d+\]\.(?:name|otherNames)/.test(source));
}

function usableTerms(terms: readonly KnownTerm[]): KnownTerm[] {
  const seen = new Set<string>();
  return terms.filter((term) => {
    const key = `${surfaceKey(term.text)} ${term.source ?? ''}`;
    if (surfaceKey(term.text).length < 2 || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Every string in a JSON value with its path, except those listed in `skip`. */
function stringsOf(value: unknown, path: string, skip: ReadonlySet<string>, out: { path: string; text: string }[]): void {
  if (typeof value === 'string') {
    if (!skip.has(path)) out.push({ path, text: value });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => stringsOf(item, `${path}[${i}]`, skip, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) stringsOf(item, path ? `${path}.${key}` : key, skip, out);
  }
}

export function residualHits(input: ResidualInput): ResidualHit[] {
  const hits: ResidualHit[] = [];
  const identifying = usableTerms(input.identifyingTerms);
  const marked = usableTerms(input.markedTerms);
  const terms: KnownTerm[] = [...identifying, ...marked.map((term) => ({ ...term, source: MARKED }))];
  const searchTerms = (path: string, text: string, replaced: readonly TextRange[], kept: readonly TextRange[]) => {
    for (const hit of findTermsEverywhere(text, terms)) {
      const source = hit.term.source;
      if (replaced.some((r) => r.start <= hit.start && hit.end <= r.end)) continue;
      if (isIdentifyingSource(source)) {
        hits.push({ field: path, start: hit.start, end: hit.end, type: hit.type, source: 'identifying-field', reason: `a term from ${source}` });
        continue;
      }
      if ([...replaced, ...kept].some((r) => overlaps(r, hit))) continue;
      hits.push({ field: path, start: hit.start, end: hit.end, type: hit.type, source: 'reviewer-marked', reason: source === MARKED ? 'a text marked for redaction elsewhere' : `a term from ${source ?? 'the record'}` });
    }
  };

  const textPaths = new Set<string>();
  for (const field of textFieldsOf(input.built.record)) {
    textPaths.add(field.path);
    const { replaced, kept } = input.built.ranges[field.path] ?? { replaced: [], kept: [] };
    const protectedRanges = [...replaced, ...kept];
    for (const span of input.detect(field.text)) {
      if (uncoveredLength(field.text, span, protectedRanges) <= 1 && protectedRanges.some((r) => overlaps(r, span))) continue;
      hits.push({ field: field.path, start: span.start, end: span.end, type: span.type, source: 'detector', reason: span.reason });
    }
    searchTerms(field.path, field.text, replaced, kept);
  }
  const others: { path: string; text: string }[] = [];
  stringsOf(input.built.record, '', textPaths, others);
  for (const { path, text } of others) searchTerms(path, text, [], []);
  return hits.sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : a.start - b.start));
}
