/** Kinds of identifying span, as defined by the annotation guide (redaction-devset/ANNOTATION.md). */
export const SPAN_TYPES = ['PERSON', 'PLACE', 'FACILITY', 'DATE', 'AGE', 'CONTACT', 'ID'] as const;
export type SpanType = (typeof SPAN_TYPES)[number];

/**
 * A span the detector proposes for redaction. Offsets are JavaScript string indices, end exclusive.
 * `reason` names the rule (and context word) that fired, so a reviewer can see why.
 */
export interface DetectedSpan {
  start: number;
  end: number;
  type: SpanType;
  /** Confidence 0..1; rules with positive context evidence score higher. */
  score: number;
  reason: string;
}

export interface KnownTerm {
  text: string;
  type: SpanType;
}

export interface DetectOptions {
  /** Names and places the interviewer already knows to be identifying; always found. */
  knownTerms?: KnownTerm[];
}
