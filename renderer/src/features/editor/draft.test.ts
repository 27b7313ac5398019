import { describe, expect, it } from 'vitest';
import { parseTestimonyInput } from '@shared/testimony/schema';
import { draftToInput, emptyDraft, newEvent, newPerson, recordToDraft, validateDraft } from './draft';

const full = {
  title: '회령 보위부 구류장 증언',
  interviewee: {
    code: 'NK-2024-031',
    identity: { realName: '김영희', otherNames: ['영희', 'Kim Young-hee'], birthDate: '1975~', phone: '010-1234-5678' },
    birthYear: 1975,
    sex: 'female',
    homeProvince: { gazetteerId: 'nk-hamgyongbuk-do' },
    homeCounty: { gazetteerId: 'nk-hoeryong-si', text: '회령 근처 마을' },
    yearLeftNorthKorea: 2008,
    currentCountry: 'KR',
    occupation: '교원',
  },
  consent: { scopes: ['internal-archive', 'redacted-publication'], obtained: 'written', date: '2024-03-15', withdrawal: { date: '2024-05-01', scopesWithdrawn: ['redacted-publication'] } },
  people: [{ id: 'p1', relation: 'interrogator', name: '박철수' }, { id: 'p2', relation: 'sibling', otherNames: ['막내'] }],
  events: [
    {
      id: 'e1',
      violations: ['detention-kuryujang', 'beating'],
      date: '2009-21~',
      place: { gazetteerId: 'nk-hoeryong-si' },
      facility: { text: '보위부 구류장' },
      perpetrators: [{ institution: 'state-security-local', rank: '지도원', personId: 'p1' }],
      victimIds: ['p2'],
      witnessIds: [],
      description: '두 달 동안',
    },
  ],
  narrative: { language: 'ko', text: '그해 봄에 잡혀갔습니다.' },
  translation: { language: 'en', text: 'I was taken that spring.', translator: 'J. Lee' },
  tags: ['보위부', '2009'],
};

describe('editor draft', () => {
  it('turns a stored record into a draft and back into the same record', () => {
    const parsed = parseTestimonyInput(full);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const again = parseTestimonyInput(draftToInput(recordToDraft(parsed.value)));
    expect(again).toEqual(parsed);
  });

  it('leaves empty fields out and reports what the schema refuses, by field', () => {
    const draft = emptyDraft('ko');
    const empty = validateDraft(draft);
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(['title', 'narrative.text']));
    expect(draftToInput(draft)).toEqual({ title: '', narrative: { language: 'ko', text: '' } });

    draft.title = '제목';
    draft.narrative = '이야기';
    draft.interviewee.birthYear = '19a5';
    draft.events = [{ ...newEvent([]), date: '2011-13' }];
    draft.people = [newPerson([])];
    draft.events[0]!.victimIds = ['p9'];
    const bad = validateDraft(draft);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.issues.map((issue) => issue.path)).toEqual(expect.arrayContaining(['interviewee.birthYear', 'events[0].date']));
    }
    draft.interviewee.birthYear = '1985';
    draft.events[0]!.date = '2011-21';
    // References are checked once each field is well-formed.
    const dangling = validateDraft(draft);
    expect(dangling.ok ? [] : dangling.issues.map((issue) => issue.path)).toEqual(['events[0].victimIds[0]']);
    draft.events[0]!.victimIds = ['p1'];
    expect(validateDraft(draft).ok).toBe(true);
  });

  it('gives new people and events ids not yet taken', () => {
    expect(newPerson(['p1', 'p3']).id).toBe('p4');
    expect(newPerson(['p2']).id).toBe('p3');
    expect(newEvent([]).id).toBe('e1');
  });
});
