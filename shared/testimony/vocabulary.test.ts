import { describe, expect, it } from 'vitest';
import { ISO_COUNTRY_CODES, isIsoCountryCode } from './countries';
import {
  ConsentMethod,
  ConsentScope,
  InstitutionCode,
  RelationKind,
  ViolationCode,
  findTerm,
  termLabel,
  termWithAncestors,
  vocabularyTerms,
  type VocabularyName,
} from './vocabulary';

const NAMES: VocabularyName[] = ['violation', 'institution', 'consentScope', 'consentMethod', 'relation'];

describe('vocabularies', () => {
  it.each(NAMES)('%s: codes are unique slugs, parents exist and come first, labels are given', (name) => {
    const terms = vocabularyTerms(name);
    const seen = new Set<string>();
    for (const term of terms) {
      expect(term.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(seen.has(term.code), term.code).toBe(false);
      if (term.parent !== undefined) expect(seen.has(term.parent), `${term.code} → ${term.parent}`).toBe(true);
      seen.add(term.code);
      expect(term.ko).toMatch(/[\uac00-\ud7a3]/u);
      expect(term.en.length).toBeGreaterThan(2);
    }
  });

  it('builds zod enums from the codes', () => {
    expect(ViolationCode.safeParse('detention-jipkyulso').success).toBe(true);
    expect(ViolationCode.safeParse('detention').success).toBe(false);
    expect(InstitutionCode.safeParse('cn-psb').success).toBe(true);
    expect(ConsentScope.options).toEqual(['internal-archive', 'redacted-publication', 'named-publication', 'un-or-court-submission']);
    expect(ConsentMethod.options).toEqual(['written', 'oral-recorded', 'oral-witnessed']);
    expect(RelationKind.options).toHaveLength(12);
  });

  it('has a separate term for each kind of detention place', () => {
    for (const code of ['detention-jipkyulso', 'detention-kuryujang', 'detention-rodong-danryondae', 'detention-kyohwaso', 'detention-kwalliso'] as const) {
      expect(findTerm('violation', code)?.parent).toBe('arbitrary-detention');
    }
  });

  it('gives labels and broader terms', () => {
    expect(termLabel('violation', 'public-execution', 'ko')).toBe('공개처형');
    expect(termLabel('violation', 'public-execution', 'en')).toBe('Public execution');
    expect(termLabel('violation', 'no-such-code', 'en')).toBe('no-such-code');
    expect(termWithAncestors('violation', 'detention-kwalliso').map((t) => t.code)).toEqual(['detention-kwalliso', 'arbitrary-detention']);
    expect(termWithAncestors('institution', 'state-security-local').map((t) => t.code)).toEqual(['state-security-local', 'state-security']);
  });
});

describe('ISO country codes', () => {
  it('lists the 249 assigned codes', () => {
    expect(ISO_COUNTRY_CODES.size).toBe(249);
    expect(isIsoCountryCode('KR')).toBe(true);
    expect(isIsoCountryCode('KP')).toBe(true);
    expect(isIsoCountryCode('UK')).toBe(false);
  });
});
