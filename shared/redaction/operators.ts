/**
 * What a reviewer can do with an identifying span, and the text that replaces it in a release.
 *
 * - remove: a typed placeholder in the text's language ("[이름]", "[PERSON]"), so that a reader
 *   still sees that someone or somewhere was named; the placeholder says nothing else.
 * - pseudonym: the same label for the same person (or place, or facility) everywhere in the
 *   testimony and its translation: "인물 A" / "Person A". Which label stands for whom is kept in
 *   the vault (redaction_pseudonyms) and never written into a release.
 * - generalise: a coarser value (generalise.ts); where none can be derived, the placeholder.
 * - keep: the original text stays (the reviewer's explicit decision, recorded with their id).
 */
import { z } from 'zod';
import { SPAN_TYPES, type SpanType } from './types';
import { generaliseAgeText, generaliseDateText, generaliseFacilityText, generalisePlaceText, type DateLevel } from './generalise';
import type { TextLanguage } from './text-fields';

export const SpanTypeSchema = z.enum(SPAN_TYPES);
export const Operator = z.enum(['remove', 'pseudonym', 'generalise', 'keep']);
export type Operator = z.infer<typeof Operator>;
/** Parameter of generalise: dates to year or decade; structured years to 5-year bands or decades. */
export const GeneraliseLevel = z.enum(['year', 'decade', 'band5']);
export type GeneraliseLevel = z.infer<typeof GeneraliseLevel>;

/** The operator a span of each type gets unless the reviewer chooses another, per span or per type. */
export const DEFAULT_OPERATORS: Readonly<Record<SpanType, Operator>> = {
  PERSON: 'pseudonym',
  PLACE: 'generalise',
  FACILITY: 'generalise',
  DATE: 'generalise',
  AGE: 'generalise',
  CONTACT: 'remove',
  ID: 'remove',
};

/** Operators that make sense for a type: a phone number has no pseudonym, a name no generalisation. */
export const ALLOWED_OPERATORS: Readonly<Record<SpanType, readonly Operator[]>> = {
  PERSON: ['remove', 'pseudonym', 'keep'],
  PLACE: ['remove', 'pseudonym', 'generalise', 'keep'],
  FACILITY: ['remove', 'pseudonym', 'generalise', 'keep'],
  DATE: ['remove', 'generalise', 'keep'],
  AGE: ['remove', 'generalise', 'keep'],
  CONTACT: ['remove', 'keep'],
  ID: ['remove', 'keep'],
};

export const PLACEHOLDERS: Readonly<Record<TextLanguage, Record<SpanType, string>>> = {
  ko: { PERSON: '[이름]', PLACE: '[장소]', FACILITY: '[시설]', DATE: '[날짜]', AGE: '[나이]', CONTACT: '[연락처]', ID: '[번호]' },
  en: { PERSON: '[PERSON]', PLACE: '[PLACE]', FACILITY: '[FACILITY]', DATE: '[DATE]', AGE: '[AGE]', CONTACT: '[CONTACT]', ID: '[ID]' },
};

const PSEUDONYM_NOUNS: Readonly<Record<TextLanguage, Partial<Record<SpanType, string>>>> = {
  ko: { PERSON: '인물', PLACE: '장소', FACILITY: '시설' },
  en: { PERSON: 'Person', PLACE: 'Place', FACILITY: 'Facility' },
};

/** 0 → "A", 25 → "Z", 26 → "AA": spreadsheet-style letters, unbounded. */
export function pseudonymLetters(index: number): string {
  let n = index;
  let out = '';
  do {
    out = String.fromCharCode(65 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}

export function pseudonymLabel(type: SpanType, index: number, language: TextLanguage): string {
  const noun = PSEUDONYM_NOUNS[language][type] ?? PSEUDONYM_NOUNS[language].PERSON!;
  return `${noun} ${pseudonymLetters(index)}`;
}

export function operatorAllowed(type: SpanType, operator: Operator): boolean {
  return ALLOWED_OPERATORS[type].includes(operator);
}

export interface ReplacementInput {
  type: SpanType;
  operator: Operator;
  level?: GeneraliseLevel | undefined;
  surface: string;
  language: TextLanguage;
  /** The label index of this span's pseudonym (needed for operator "pseudonym"). */
  pseudonymIndex?: number | undefined;
}

/** The release text for a span; `undefined` means keep the original. Never returns the surface otherwise. */
export function replacementFor(input: ReplacementInput): string | undefined {
  const placeholder = PLACEHOLDERS[input.language][input.type];
  switch (input.operator) {
    case 'keep':
      return undefined;
    case 'remove':
      return placeholder;
    case 'pseudonym':
      return input.pseudonymIndex === undefined ? placeholder : pseudonymLabel(input.type, input.pseudonymIndex, input.language);
    case 'generalise': {
      const level: DateLevel = input.level === 'decade' ? 'decade' : 'year';
      const generalised =
        input.type === 'DATE' ? generaliseDateText(input.surface, level, input.language)
        : input.type === 'AGE' ? generaliseAgeText(input.surface, input.language)
        : input.type === 'PLACE' ? generalisePlaceText(input.surface, input.language)
        : input.type === 'FACILITY' ? generaliseFacilityText(input.surface, input.language)
        : undefined;
      return generalised ?? placeholder;
    }
  }
}
