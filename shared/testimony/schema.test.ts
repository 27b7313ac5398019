import { describe, expect, it } from 'vitest';
import {
  IDENTIFYING_FIELD_PATHS,
  LIMITS,
  TestimonyRecord,
  canTransition,
  collectIdentifyingTerms,
  consentAllows,
  formatFieldPath,
  parseTestimonyInput,
  parseTestimonyJsonText,
  parseTestimonyRecord,
  searchableText,
  testimonyInputJsonSchema,
  testimonyJsonSchema,
  type TestimonyRecord as Record_,
} from './schema';

/** A complete, realistic (fictional) testimony. Names and numbers are invented for the test. */
function fullExample(): Record<string, unknown> {
  return {
    schemaVersion: 1,
    title: '2011년 강제송환 후 온성 보위부 구류장과 전거리교화소 수감',
    interviewee: {
      code: 'NK-2024-031',
      identity: {
        realName: '박순옥',
        otherNames: ['순이', 'Park Sun-ok'],
        birthDate: '1974-05~',
        phone: '010-2345-6789',
        address: '서울특별시 ○○구 ○○로 12',
        notes: '언니가 아직 북한에 있음',
      },
      birthYear: 1974,
      sex: 'female',
      homeProvince: { gazetteerId: 'nk-hamgyongbuk-do' },
      homeCounty: { gazetteerId: 'nk-hoeryong-si', text: '회령 유선' },
      yearLeftNorthKorea: 2012,
      currentCountry: 'kr',
      occupation: '기업소 로동자',
    },
    consent: {
      scopes: ['internal-archive', 'redacted-publication'],
      obtained: 'oral-recorded',
      date: '2024-03-15',
      obtainedBy: '면담자 A',
    },
    people: [
      { id: 'self', relation: 'self' },
      { id: 'p-husband', relation: 'spouse', name: '리명철', note: '중국에서 만난 남편이 아님, 북한의 남편' },
      { id: 'p-broker', relation: 'broker', name: '최 씨', otherNames: ['최 사장'] },
      { id: 'p-interrogator', relation: 'interrogator', otherNames: ['반탐과 지도원'] },
      { id: 'p-cellmate', relation: 'other', name: '김복실' },
    ],
    events: [
      {
        id: 'e1',
        violations: ['trafficking-women-china', 'forced-marriage'],
        date: '2009~',
        place: { gazetteerId: 'cn-helong', text: '화룡 근처 농촌' },
        perpetrators: [{ institution: 'broker', personId: 'p-broker' }],
        victimIds: ['self'],
        description: '도강 후 브로커에게 팔려 한족 남성과 강제로 결혼함.',
      },
      {
        id: 'e2',
        violations: ['forced-repatriation-china'],
        date: '2011-21',
        place: { gazetteerId: 'cn-tumen' },
        perpetrators: [{ institution: 'cn-psb' }],
        victimIds: ['self'],
      },
      {
        id: 'e3',
        violations: ['detention-kuryujang', 'torture-interrogation', 'stress-positions', 'starvation-in-detention'],
        date: '2011-04/2011-06',
        place: { gazetteerId: 'nk-onsong-gun' },
        facility: { facilityId: 'kuryujang-onsong-bowibu' },
        perpetrators: [{ institution: 'state-security-local', rank: '반탐과 지도원', personId: 'p-interrogator' }],
        victimIds: ['self'],
        witnessIds: ['p-cellmate'],
        description: '매일 새벽까지 조사를 받으며 구타당함. 하루 옥수수밥 한 덩이.',
      },
      {
        id: 'e4',
        violations: ['detention-kyohwaso', 'forced-labour-detention'],
        date: '2011-09/2012-XX',
        facility: { facilityId: 'kyohwaso-12-chongori' },
        perpetrators: [{ institution: 'court', rank: '회령시 재판소' }, { institution: 'correctional-administration' }],
        victimIds: ['self'],
      },
    ],
    narrative: {
      language: 'ko',
      text: '저는 함경북도 회령에서 태어났습니다. 2009년경 두만강을 건너 중국으로 갔고, 박순옥이라는 이름을 숨기고 살았습니다. 순이라고 불렀어요...',
    },
    translation: { language: 'en', text: 'I was born in Hoeryŏng, North Hamgyŏng…', translator: 'Translator B' },
    tags: ['강제송환', '교화소', 'trafficking'],
  };
}

function issuesOf(json: unknown): string[] {
  const result = parseTestimonyInput(json);
  if (result.ok) throw new Error('accepted');
  return result.issues;
}

function accepted(json: unknown): Record_ {
  const result = parseTestimonyInput(json);
  if (!result.ok) throw new Error(result.issues.join('\n'));
  return result.value;
}

describe('parseTestimonyInput', () => {
  it('accepts the minimal {title, narrative} and normalises the narrative', () => {
    const korean = accepted({ title: '증언 1', narrative: '저는 회령에서 왔습니다.' });
    expect(korean).toEqual({
      schemaVersion: 1,
      title: '증언 1',
      narrative: { language: 'ko', text: '저는 회령에서 왔습니다.' },
      people: [],
      events: [],
      tags: [],
    });
    expect(accepted({ title: 'Testimony', narrative: 'I came from Hoeryong.' }).narrative.language).toBe('en');
  });

  it('accepts a full realistic Korean testimony', () => {
    const record = accepted(fullExample());
    expect(record.interviewee?.currentCountry).toBe('KR');
    expect(record.events).toHaveLength(4);
    expect(record.events[1]?.witnessIds).toEqual([]);
    // The stored shape parses as a record too, unchanged.
    const again = parseTestimonyRecord(JSON.parse(JSON.stringify(record)));
    expect(again).toEqual({ ok: true, value: record });
  });

  it('rejects an unknown field, naming its path', () => {
    const json = fullExample();
    (json.interviewee as { identity: Record<string, unknown> }).identity.realname = '박순옥';
    expect(issuesOf(json)).toEqual(['interviewee.identity.realname: unknown field (not part of the testimony format)']);
    expect(issuesOf({ title: 't', narrative: 'n', author: 'x' })).toEqual(['author: unknown field (not part of the testimony format)']);
    const withEventField = fullExample();
    (withEventField.events as Record<string, unknown>[])[2]!.severity = 'high';
    expect(issuesOf(withEventField)).toEqual(['events[2].severity: unknown field (not part of the testimony format)']);
  });

  it('rejects missing required fields', () => {
    expect(issuesOf({ title: 't' })).toEqual(['narrative: required']);
    expect(issuesOf({})).toEqual(expect.arrayContaining(['title: required', 'narrative: required']));
    expect(issuesOf('just text')[0]).toBe('(testimony): expected an object {…}, got "just text"');
    expect(issuesOf({ title: '   ', narrative: ' ' })).toEqual(['title: is empty', 'narrative: is empty']);
  });

  it('rejects an oversized title and narrative', () => {
    expect(issuesOf({ title: 'x'.repeat(LIMITS.title + 1), narrative: 'n' })).toEqual([
      `title: too long: at most 300 characters (this has 301)`,
    ]);
    expect(accepted({ title: 'x'.repeat(LIMITS.title), narrative: 'n' }).title).toHaveLength(300);
    expect(issuesOf({ title: 't', narrative: 'n'.repeat(LIMITS.narrative + 1) })[0]).toMatch(/^narrative: too long: at most 2000000 characters/);
    expect(issuesOf({ title: 't', narrative: { language: 'ko', text: 'n'.repeat(LIMITS.narrative + 1) } })[0]).toMatch(/^narrative\.text: too long/);
  });

  it('rejects oversized names and lists', () => {
    const json = fullExample();
    (json.people as { name?: string }[])[1]!.name = '가'.repeat(201);
    expect(issuesOf(json)).toEqual(['people[1].name: too long: at most 200 characters (this has 201)']);
    expect(issuesOf({ title: 't', narrative: 'n', tags: Array.from({ length: 101 }, (_, i) => `tag${i}`) })).toEqual([
      'tags: at most 100 items (this has 101)',
    ]);
  });

  it('rejects an invalid EDTF date with a clear message', () => {
    const json = fullExample();
    (json.events as { date: string }[])[0]!.date = '2011-13';
    expect(issuesOf(json)).toEqual(['events[0].date: 2011-13 has no month 13']);
    const birth = fullExample();
    (birth.interviewee as { identity: { birthDate: string } }).identity.birthDate = '1974-02-30';
    expect(issuesOf(birth)).toEqual(['interviewee.identity.birthDate: 1974-02-30 has no day 30 (February has 28 days)']);
    const consent = fullExample();
    (consent.consent as { date: string }).date = '2024-03';
    expect(issuesOf(consent)).toEqual(['consent.date: 2024-03: give the exact day, e.g. 2024-03-15']);
  });

  it('rejects an unknown gazetteer id, with a suggestion', () => {
    const json = fullExample();
    (json.events as { place: unknown }[])[1]!.place = { gazetteerId: 'nk-hoeryeong-si' };
    expect(issuesOf(json)).toEqual([
      'events[1].place.gazetteerId: no place "nk-hoeryeong-si" in the gazetteer (did you mean "nk-hoeryong-si"?); use {"text": "..."} for places not listed',
    ]);
    const facility = fullExample();
    (facility.events as { facility: unknown }[])[3]!.facility = { facilityId: 'kyohwaso-99-nowhere' };
    expect(issuesOf(facility)[0]).toMatch(/^events\[3\]\.facility\.facilityId: no facility "kyohwaso-99-nowhere" in the gazetteer/);
  });

  it('checks the level and province of home places', () => {
    const json = fullExample();
    (json.interviewee as { homeProvince: unknown }).homeProvince = { gazetteerId: 'nk-ryanggang-do' };
    expect(issuesOf(json)).toEqual(['interviewee.homeCounty.gazetteerId: 회령시 is in 함경북도, not in 량강도']);
    const level = fullExample();
    (level.interviewee as { homeProvince: unknown }).homeProvince = { gazetteerId: 'nk-hoeryong-si' };
    expect(issuesOf(level)[0]).toBe('interviewee.homeProvince.gazetteerId: nk-hoeryong-si (회령시) is not a North Korean province');
    const empty = fullExample();
    (empty.interviewee as { homeCounty: unknown }).homeCounty = {};
    expect(issuesOf(empty)).toEqual(['interviewee.homeCounty: give a gazetteerId, a text, or both']);
  });

  it('rejects unknown codes, listing some valid ones', () => {
    const json = fullExample();
    (json.events as { violations: string[] }[])[0]!.violations = ['torture', 'tortue'];
    const [issue] = issuesOf(json);
    expect(issue).toMatch(/^events\[0\]\.violations\[1\]: "tortue" is not one of "arbitrary-detention", /);
    const relation = fullExample();
    (relation.people as { relation: string }[])[1]!.relation = 'husband';
    expect(issuesOf(relation)[0]).toBe(
      'people[1].relation: "husband" is not one of "self", "parent", "sibling", "spouse", "child", "relative", "neighbour", "broker", … (12 codes, see shared/testimony/README.md)',
    );
  });

  it('checks references to people and unique ids', () => {
    const json = fullExample();
    (json.events as { victimIds: string[] }[])[2]!.victimIds = ['self', 'p-nobody'];
    (json.people as { id: string }[])[4]!.id = 'p-broker';
    expect(issuesOf(json)).toEqual(
      expect.arrayContaining([
        'people[4].id: duplicate person id "p-broker"',
        'events[2].victimIds[1]: no person with id "p-nobody" in people',
        'events[2].witnessIds[0]: no person with id "p-cellmate" in people',
      ]),
    );
  });

  it('rejects implausible years and countries', () => {
    const json = fullExample();
    const interviewee = json.interviewee as Record<string, unknown>;
    interviewee.birthYear = 1850;
    interviewee.currentCountry = 'UK';
    expect(issuesOf(json)).toEqual([
      'interviewee.birthYear: must be at least 1900',
      'interviewee.currentCountry: a country is an ISO 3166-1 alpha-2 code such as "KR", "CN", "GB"',
    ]);
    interviewee.birthYear = new Date().getFullYear() + 1;
    interviewee.currentCountry = 'KR';
    expect(issuesOf(json)).toContain(`interviewee.birthYear: ${new Date().getFullYear() + 1} is in the future`);
    interviewee.birthYear = 1974.5;
    expect(issuesOf(json)).toEqual(['interviewee.birthYear: expected a whole number, got 1974.5']);
  });

  it('reports the object form of a malformed narrative', () => {
    expect(issuesOf({ title: 't', narrative: { language: 'Korean', text: '...' } })).toEqual([
      'narrative.language: a language is a BCP 47 tag such as "ko", "en" or "zh-Hans"',
    ]);
    expect(issuesOf({ title: 't', narrative: 42 })[0]).toMatch(/^narrative: expected a string, got 42/);
  });

  it('rejects another schema version', () => {
    expect(issuesOf({ schemaVersion: 2, title: 't', narrative: 'n' })).toEqual([
      'schemaVersion: this program reads testimony format version 1',
    ]);
  });

  it('requires the full shape for stored records', () => {
    const result = parseTestimonyRecord({ title: 't', narrative: 'n' });
    expect(result.ok).toBe(false);
  });

  it('parses JSON text and reports bad JSON', () => {
    expect(parseTestimonyJsonText('\uFEFF{"title": "t", "narrative": "n"}').ok).toBe(true);
    const bad = parseTestimonyJsonText('{"title": ');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]).toMatch(/^the file is not valid JSON/);
  });
});

describe('formatFieldPath', () => {
  it('writes paths as people do', () => {
    expect(formatFieldPath(['events', 0, 'perpetrators', 1, 'institution'])).toBe('events[0].perpetrators[1].institution');
    expect(formatFieldPath([])).toBe('(testimony)');
  });
});

describe('consentAllows', () => {
  const consent = {
    scopes: ['internal-archive', 'redacted-publication', 'un-or-court-submission'] as const,
    obtained: 'written' as const,
    date: '2024-03-15',
  };

  it('allows only the scopes given', () => {
    const c = { ...consent, scopes: [...consent.scopes] };
    expect(consentAllows(c, 'redacted-publication')).toBe(true);
    expect(consentAllows(c, 'named-publication')).toBe(false);
    expect(consentAllows(undefined, 'internal-archive')).toBe(false);
  });

  it('honours withdrawal', () => {
    const c = { ...consent, scopes: [...consent.scopes], withdrawal: { date: '2024-06-01', scopesWithdrawn: ['redacted-publication' as const] } };
    expect(consentAllows(c, 'redacted-publication')).toBe(false);
    expect(consentAllows(c, 'un-or-court-submission')).toBe(true);
    const all = { ...c, withdrawal: { date: '2024-06-01', scopesWithdrawn: ['internal-archive' as const] } };
    expect(consentAllows(all, 'un-or-court-submission')).toBe(false);
  });

  it('refuses a withdrawal dated before the consent', () => {
    const json = fullExample();
    (json.consent as Record<string, unknown>).withdrawal = { date: '2024-03-01', scopesWithdrawn: ['redacted-publication'] };
    expect(issuesOf(json)).toEqual(['consent.withdrawal.date: consent cannot be withdrawn (2024-03-01) before it was given (2024-03-15)']);
  });
});

describe('status transitions', () => {
  it('follow draft → in-review → approved', () => {
    expect(canTransition('draft', 'in-review')).toBe(true);
    expect(canTransition('in-review', 'approved')).toBe(true);
    expect(canTransition('in-review', 'draft')).toBe(true);
    expect(canTransition('approved', 'in-review')).toBe(true);
    expect(canTransition('draft', 'approved')).toBe(false);
    expect(canTransition('approved', 'draft')).toBe(false);
  });
});

describe('identifying details', () => {
  it('collects every name, other name, phone and address', () => {
    const terms = collectIdentifyingTerms(accepted(fullExample()));
    expect(terms).toEqual(
      expect.arrayContaining([
        '박순옥', '순옥', '순이', 'Park Sun-ok', '010-2345-6789', '01023456789', '서울특별시 ○○구 ○○로 12',
        '리명철', '명철', '최 씨', '최 사장', '반탐과 지도원', '김복실', '복실',
      ]),
    );
    expect(new Set(terms).size).toBe(terms.length);
    // Longest first, so that a detector can prefer the longer match.
    expect(terms[0]).toBe('서울특별시 ○○구 ○○로 12');
  });

  it('lists the identifying field paths', () => {
    expect(IDENTIFYING_FIELD_PATHS).toContain('interviewee.identity.realName');
    expect(IDENTIFYING_FIELD_PATHS).toContain('people[].name');
  });

  it('is empty for a minimal record', () => {
    expect(collectIdentifyingTerms(accepted({ title: 't', narrative: 'n' }))).toEqual([]);
  });
});

describe('testimonyJsonSchema', () => {
  it('describes the stored record', () => {
    const schema = testimonyJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['schemaVersion', 'title', 'narrative', 'people', 'events', 'tags']));
    const properties = schema.properties as Record<string, { maxLength?: number }>;
    expect(properties.title?.maxLength).toBe(300);
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    expect(JSON.stringify(schema)).toContain('detention-kwalliso');
  });

  it('describes the input, where the narrative may be a string', () => {
    const schema = testimonyInputJsonSchema();
    expect(schema.required).toEqual(['title', 'narrative']);
  });
});

describe('searchableText', () => {
  it('gathers places, labels and names in both languages', () => {
    const text = searchableText(accepted(fullExample()));
    expect(text.title).toContain('강제송환');
    expect(text.narrative).toContain('두만강');
    expect(text.translation).toContain('Hoeryŏng');
    for (const expected of [
      '회령시', 'Hoeryŏng', 'Hoeryeong', '함경북도', '온성군', 'Onsŏng', '도문시', 'Tumen',
      '강제송환', 'Forced repatriation from China', '자의적 체포·구금', 'Arbitrary arrest and detention',
      '전거리교화소', 'Chongori', '중국 공안', '반탐과 지도원', '리명철', '2011년 봄', 'spring 2011', 'trafficking',
    ]) {
      expect(text.fields, expected).toContain(expected);
    }
  });

  it('is plain for a minimal record', () => {
    expect(searchableText(accepted({ title: 't', narrative: 'n' }))).toEqual({ title: 't', narrative: 'n', translation: '', fields: '' });
  });
});

describe('TestimonyRecord schema', () => {
  it('is a zod schema usable directly', () => {
    expect(TestimonyRecord.safeParse({ schemaVersion: 1, title: 't', narrative: { language: 'en', text: 'n' } }).success).toBe(true);
  });
});
