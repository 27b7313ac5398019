import { describe, expect, it } from 'vitest';
import { parseTestimonyInput, parseTestimonyRecord, type TestimonyRecord } from '../testimony/schema';
import { identifyingTestimony } from './identifying-testimony.fixture';
import { applySpans, buildRelease, type DecisionItem } from './release';
import { assessRisk, nextSteps, type QuasiIdentifiers } from './risk';
import { residualHits } from './residual';
import { detectSpans } from './detect';
import { knownTermsOf } from './known-terms';

function record(): TestimonyRecord {
  const parsed = parseTestimonyInput(identifyingTestimony());
  if (!parsed.ok) throw new Error(parsed.issues.join('; '));
  return parsed.value;
}

function span(id: string, field: string, text: string, surface: string, type: DecisionItem['type'], extra: Partial<DecisionItem> = {}): DecisionItem {
  const start = text.indexOf(surface);
  return { id, kind: 'span', field, start, end: start + surface.length, surface, type, status: 'accepted', ...extra };
}

describe('buildRelease', () => {
  it('drops identity, names, the code, consent and translator; generalises the defaults; still parses as a testimony', () => {
    const built = buildRelease(record(), [], {}, new Map());
    expect(parseTestimonyRecord(built.record).ok).toBe(true);
    // Texts are only redacted by span decisions (none here); every structured identifying field is gone.
    const { narrative: _n, translation: _t, events, tags: _tags, people, title: _title, ...rest } = built.record;
    const structured = JSON.stringify([rest, events.map(({ description: _d, ...event }) => event), people.map(({ note: _note, ...person }) => person)]);
    for (const gone of ['박순희', 'Park Sun-hee', '010-2345-6789', '목동로', 'NK-2024-031', '이정민', '2024-03-15', '1974', 'nk-hoeryong-si', 'nk-onsong-gun', '김영철', 'identity', 'consent']) {
      expect(structured).not.toContain(gone);
    }
    expect(built.record.translation?.translator).toBeUndefined();
    expect(built.record.interviewee).toEqual({ sex: 'female', homeProvince: { gazetteerId: 'nk-hamgyongbuk-do' }, yearLeftNorthKorea: 2011, currentCountry: 'KR', occupation: '교원' });
    expect(built.record.events[0]).toMatchObject({ date: '2011', place: { gazetteerId: 'nk-hamgyongbuk-do' } });
    expect(built.generalised).toEqual({ birthDecade: 1970 });
    expect(built.consentScopes).toEqual(['internal-archive', 'redacted-publication']);
  });

  it('keeps what a reviewer kept, and removes what a reviewer removed', () => {
    const items: DecisionItem[] = [
      { id: 'f1', kind: 'field', field: 'interviewee.birthYear', surface: '1974', type: 'DATE', status: 'rejected' },
      { id: 'f2', kind: 'field', field: 'interviewee.sex', surface: '"female"', type: 'QUASI', status: 'accepted', operator: 'remove' },
      { id: 'f3', kind: 'field', field: 'events[0].date', surface: '"2011-03-05"', type: 'DATE', status: 'accepted', operator: 'generalise', level: 'decade' },
    ];
    const built = buildRelease(record(), items, {}, new Map());
    expect(built.record.interviewee?.birthYear).toBe(1974);
    expect(built.record.interviewee?.sex).toBeUndefined();
    expect(built.record.events[0]!.date).toBe('201X');
    expect(built.generalised).toEqual({});
  });

  it('replaces spans and reports where replacements and kept spans stand in the release text', () => {
    const text = '김영철은 회령에서 2011년 3월 5일에 왔다.';
    const items = [span('s1', 'narrative.text', text, '김영철', 'PERSON', { pseudonymKey: 'p' }), span('s2', 'narrative.text', text, '회령', 'PLACE', { status: 'rejected' }), span('s3', 'narrative.text', text, '2011년 3월 5일', 'DATE')];
    const applied = applySpans({ path: 'narrative.text', text, language: 'ko' }, items, {}, new Map([['p', 0]]));
    expect(applied.text).toBe('인물 A는 회령에서 2011년에 왔다.');
    expect(applied.replaced.map((r) => applied.text.slice(r.start, r.end))).toEqual(['인물 A', '2011년']);
    expect(applied.kept.map((r) => applied.text.slice(r.start, r.end))).toEqual(['회령']);
  });
});

describe('residual check', { timeout: 240_000 }, () => {
  it('finds a name from the identifying fields in a kept span, and detector hits outside replacements', () => {
    const original = record();
    const text = original.narrative.text;
    const items = [span('s1', 'narrative.text', text, '김영철', 'PERSON', { status: 'rejected' })];
    const built = buildRelease(original, items, {}, new Map());
    const hits = residualHits({ built, identifyingTerms: knownTermsOf(original), markedTerms: [], detect: detectSpans });
    expect(hits.some((hit) => hit.source === 'identifying-field' && built.record.narrative.text.slice(hit.start, hit.end) === '김영철')).toBe(true);
    expect(hits.some((hit) => hit.source === 'detector')).toBe(true);
  });
});

describe('re-identification risk', () => {
  const qi: QuasiIdentifiers = { province: 'nk-hamgyongbuk-do', birth: { from: 1970, to: 1979 }, sex: 'female', yearLeft: { from: 2011, to: 2011 }, occupation: '교원' };

  it('suggests the step that raises the count most', () => {
    const count = (q: QuasiIdentifiers) => (q.occupation === null ? 3 : q.yearLeft && q.yearLeft.to - q.yearLeft.from >= 4 ? 7 : 1);
    const risk = assessRisk(qi, count, 5);
    expect(risk).toMatchObject({ count: 1, belowK: true, suggestion: { count: 7, step: { quasiField: 'yearLeft' } } });
    expect(assessRisk(qi, () => 5, 5).suggestion).toBeUndefined();
  });

  it('steps each field from exact to coarser to not released', () => {
    expect(nextSteps(qi).map((s) => s.description)).toEqual([
      'birth decade → not released',
      'year of leaving → 5-year band',
      'occupation → not released',
      'home province → not released',
      'sex → not released',
    ]);
  });
});
