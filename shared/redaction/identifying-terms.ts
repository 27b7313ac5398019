/**
 * Identifying terms of a testimony, typed, for detection (always found) and the residual check.
 * Built on collectIdentifyingTerms (schema.ts): names and other names of the interviewee and of
 * every person, a Korean given name alone, the phone (also as bare digits) and the address.
 */
import { collectIdentifyingTerms, type TestimonyRecord } from '../testimony/schema';
import type { KnownTerm, SpanType } from './types';

export function identifyingTermsOf(record: TestimonyRecord): KnownTerm[] {
  const identity = record.interviewee?.identity;
  const phones = new Set<string>();
  if (identity?.phone) {
    phones.add(identity.phone.trim());
    phones.add(identity.phone.replace(/\D/g, ''));
  }
  const address = identity?.address?.trim();
  const typeOf = (term: string): SpanType => (phones.has(term) ? 'CONTACT' : term === address ? 'PLACE' : 'PERSON');
  return collectIdentifyingTerms(record).map((text) => ({ text, type: typeOf(text) }));
}
