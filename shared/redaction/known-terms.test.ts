import { describe, expect, it } from 'vitest';
import { parseTestimonyInput, type TestimonyRecord } from '../testimony/schema';
import { detectSpans } from './detect';
import { knownTermsOf } from './known-terms';
import type { KnownTerm } from './types';

function record(input: unknown): TestimonyRecord {
  const parsed = parseTestimonyInput(input);
  if (!parsed.ok) throw new Error(parsed.issues.join('; '));
  return parsed.value;
}

/** Surfaces found from known terms (reason "known term: …") in `text`. */
function knownSurfaces(text: string, terms: readonly KnownTerm[]): string[] {
  return detectSpans(text, { knownTerms: terms })
    .filter((span) => span.knownTermSource !== undefined)
    .map((span) => text.slice(span.start, span.end));
}

const RECORD = record({
  title: 't',
  narrative: 'n',
  interviewee: {
    identity: { realName: '도갑룡', otherNames: ['Do Kap-ryong', '큰곰'], phone: '010-4417-2093', address: '함경북도 새별군 송아리 5반', birthDate: '1971-04-09' },
    homeCounty: { gazetteerId: 'nk-hoeryong-si' },
  },
  people: [
    { id: 'wife', relation: 'spouse', name: '림복순' },
    { id: 'broker', relation: 'broker', name: 'Jin Guoqiang', otherNames: ['돼지아재'] },
    { id: 'guard', relation: 'guard', name: '류승혁' },
  ],
});

describe('knownTermsOf', () => {
  it('lists names, phone, address, birth date and home county with their field paths', () => {
    const terms = knownTermsOf(RECORD);
    const sources = new Map(terms.map((t) => [t.text, t.source]));
    expect(sources.get('도갑룡')).toBe('interviewee.identity.realName');
    expect(sources.get('큰곰')).toBe('interviewee.identity.otherNames[1]');
    expect(sources.get('010-4417-2093')).toBe('interviewee.identity.phone');
    expect(sources.get('림복순')).toBe('people[0].name');
    expect(sources.get('돼지아재')).toBe('people[1].otherNames[0]');
    expect(sources.get('송아리')).toBe('interviewee.identity.address');
    expect(sources.get('1971년 4월 9일')).toBe('interviewee.identity.birthDate');
    expect(terms.find((t) => t.text === '회령시')?.source).toBe('interviewee.homeCounty');
    expect(terms.find((t) => t.text === '010-4417-2093')?.type).toBe('CONTACT');
  });
  it('gives nothing for a record without identifying fields', () => {
    expect(knownTermsOf(record({ title: 't', narrative: 'n' }))).toEqual([]);
  });
});

describe('detectSpans with known terms', () => {
  const terms = knownTermsOf(RECORD);
  it('finds a Korean name with particles, the given name alone, and the surname with a title', () => {
    const text = '도갑룡은 일했다. 갑룡이는 떠났다. 갑룡이가 왔다. 도 반장이 불렀다. 도갑룡씨.';
    expect(knownSurfaces(text, terms)).toEqual(['도갑룡', '갑룡', '갑룡', '도', '도갑룡']);
  });
  it('finds North and South Korean spellings of the same name', () => {
    expect(knownSurfaces('임복순과 함께 갔다. 유승혁이 때렸다. 복순이도 왔다.', terms)).toEqual(['임복순', '유승혁', '복순']);
  });
  it('finds romanised forms of a Hangul name in any order and spelling', () => {
    const text = 'Rim Pok-sun left first. Later Lim Boksun wrote. Pok-sun Rim is her passport name. Ryu Sung-hyok hit me; Yoo Seung-hyeok denies it.';
    expect(knownSurfaces(text, terms)).toEqual(['Rim Pok-sun', 'Lim Boksun', 'Pok-sun Rim', 'Ryu Sung-hyok', 'Yoo Seung-hyeok']);
  });
  it('finds a romanised name with hyphens, spaces and the order swapped', () => {
    const text = 'Do Kap-ryong, Do Kap Ryong, Kap-ryong Do and DO Kapryong are one man. Guoqiang Jin paid.';
    expect(knownSurfaces(text, terms)).toEqual(['Do Kap-ryong', 'Do Kap Ryong', 'Kap-ryong Do', 'DO Kapryong', 'Guoqiang Jin']);
  });
  it('finds the phone number with country code and other separators', () => {
    expect(knownSurfaces('전화 +82 10 4417 2093, or 01044172093, or 010.4417.2093.', terms)).toEqual(['+82 10 4417 2093', '01044172093', '010.4417.2093']);
  });
  it('finds nicknames, the home county without its suffix, and says which field, never the value', () => {
    const text = '"큰곰"이라고 불렸다. 회령에서 왔다. 돼지아재한테 돈을 줬다.';
    const spans = detectSpans(text, { knownTerms: terms }).filter((s) => s.knownTermSource);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['큰곰', '회령', '돼지아재']);
    expect(spans.map((s) => s.reason)).toEqual(['known term: interviewee.identity.otherNames[1]', 'known term: interviewee.homeCounty', 'known term: people[1].otherNames[0]']);
    for (const span of spans) expect(span.reason).not.toMatch(/큰곰|회령|돼지/);
  });
  it('does not take a given name inside another word, nor a surname without a title', () => {
    expect(knownSurfaces('갑룡산에 올랐다. 도시에 갔다. 도 보위부.', terms)).toEqual([]);
  });
});
