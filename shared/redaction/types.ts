/** Kinds of identifying span, as defined by the annotation guide (redaction-devset/ANNOTATION.md). */
export const SPAN_TYPES = ['PERSON', 'PLACE', 'FACILITY', 'DATE', 'AGE', 'CONTACT', 'ID'] as const;
export type SpanType = (typeof SPAN_TYPES)[number];

/**
 * A span the detector proposes for redaction. Offsets are JavaScript string indices, end exclusive.
 * `reason` names the rule (and context word) that fired, so a reviewer can see why. Spans returned by
 * detectSpans are sorted by start and never overlap.
 */
export interface DetectedSpan {
  start: number;
  end: number;
  type: SpanType;
  /** Confidence 0..1; rules with positive context evidence score higher; known terms score 1. */
  score: number;
  /**
   * Why it fired, for the reviewer: "surname + title \"과장\"", "gazetteer \"회령시\"", or for a term
   * from the record's fields "known term: people[2].name" (the field path, never the value).
   */
  reason: string;
  /** Field path of the known term that produced this span, when one did ("people[2].name"). */
  knownTermSource?: string;
}

/**
 * A term already known to be identifying, usually from the testimony's structured fields
 * (see knownTermsOf in known-terms.ts). The detector finds it in every inflected form.
 */
export interface KnownTerm {
  text: string;
  type: SpanType;
  /** Field path it comes from ("interviewee.identity.realName", "people[2].otherNames[0]"). */
  source?: string;
}

export interface DetectOptions {
  /**
   * Names, numbers and places known to be identifying; always found, with particles, titles,
   * North/South spellings and romanisation variants. The compiled matcher is cached per array, so
   * passing the same array for a testimony's narrative and translation compiles it once.
   */
  knownTerms?: readonly KnownTerm[];
}
