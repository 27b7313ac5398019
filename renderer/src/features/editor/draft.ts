/**
 * The editor's working copy of a testimony (strings as typed, lists with React keys) and its
 * conversions: from a stored record, and to the input the schema parses. Validation is the shared
 * schema itself (TestimonyInput), so the form shows exactly what the service would refuse.
 */
import { TestimonyInput, formatFieldPath, type TestimonyRecord } from '@shared/testimony/schema';
import type { z } from 'zod';

export interface PlaceDraft {
  gazetteerId: string;
  text: string;
}

export interface PersonDraft {
  key: string;
  id: string;
  relation: string;
  name: string;
  otherNames: string;
  note: string;
}

export interface PerpetratorDraft {
  key: string;
  institution: string;
  rank: string;
  personId: string;
  note: string;
}

export interface EventDraft {
  key: string;
  id: string;
  violations: string[];
  date: string;
  place: PlaceDraft;
  facilityId: string;
  facilityText: string;
  perpetrators: PerpetratorDraft[];
  victimIds: string[];
  witnessIds: string[];
  description: string;
}

export interface Draft {
  title: string;
  interviewee: {
    code: string;
    realName: string;
    otherNames: string;
    birthDate: string;
    phone: string;
    address: string;
    notes: string;
    birthYear: string;
    sex: string;
    homeProvince: PlaceDraft;
    homeCounty: PlaceDraft;
    yearLeftNorthKorea: string;
    currentCountry: string;
    occupation: string;
  };
  consent: {
    given: boolean;
    scopes: string[];
    obtained: string;
    date: string;
    obtainedBy: string;
    withdrawn: boolean;
    withdrawalDate: string;
    scopesWithdrawn: string[];
    withdrawalNote: string;
  };
  people: PersonDraft[];
  events: EventDraft[];
  narrativeLanguage: string;
  narrative: string;
  translationLanguage: string;
  translation: string;
  translator: string;
  tags: string;
}

let keyCounter = 0;
export function newKey(): string {
  keyCounter += 1;
  return `k${keyCounter}`;
}

const emptyPlace = (): PlaceDraft => ({ gazetteerId: '', text: '' });

export function emptyDraft(language: string): Draft {
  return {
    title: '',
    interviewee: {
      code: '', realName: '', otherNames: '', birthDate: '', phone: '', address: '', notes: '', birthYear: '', sex: '',
      homeProvince: emptyPlace(), homeCounty: emptyPlace(), yearLeftNorthKorea: '', currentCountry: '', occupation: '',
    },
    consent: { given: false, scopes: [], obtained: '', date: '', obtainedBy: '', withdrawn: false, withdrawalDate: '', scopesWithdrawn: [], withdrawalNote: '' },
    people: [],
    events: [],
    narrativeLanguage: language,
    narrative: '',
    translationLanguage: language === 'ko' ? 'en' : 'ko',
    translation: '',
    translator: '',
    tags: '',
  };
}

/** The next free id with a prefix: p1, p2… / e1, e2… */
export function nextLocalId(prefix: string, taken: readonly string[]): string {
  let number = taken.length + 1;
  while (taken.includes(`${prefix}${number}`)) number += 1;
  return `${prefix}${number}`;
}

export function newPerson(taken: readonly string[]): PersonDraft {
  return { key: newKey(), id: nextLocalId('p', taken), relation: 'other', name: '', otherNames: '', note: '' };
}

export function newEvent(taken: readonly string[]): EventDraft {
  return {
    key: newKey(), id: nextLocalId('e', taken), violations: [], date: '', place: emptyPlace(), facilityId: '', facilityText: '',
    perpetrators: [], victimIds: [], witnessIds: [], description: '',
  };
}

export function newPerpetrator(): PerpetratorDraft {
  return { key: newKey(), institution: 'unknown', rank: '', personId: '', note: '' };
}

const joinList = (values: readonly string[] | undefined) => (values ?? []).join(', ');
const splitList = (text: string) =>
  text
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
const placeDraft = (ref: { gazetteerId?: string | undefined; text?: string | undefined } | undefined): PlaceDraft => ({
  gazetteerId: ref?.gazetteerId ?? '',
  text: ref?.text ?? '',
});

export function recordToDraft(record: TestimonyRecord): Draft {
  const person = record.interviewee;
  const identity = person?.identity;
  const consent = record.consent;
  return {
    title: record.title,
    interviewee: {
      code: person?.code ?? '',
      realName: identity?.realName ?? '',
      otherNames: joinList(identity?.otherNames),
      birthDate: identity?.birthDate ?? '',
      phone: identity?.phone ?? '',
      address: identity?.address ?? '',
      notes: identity?.notes ?? '',
      birthYear: person?.birthYear === undefined ? '' : String(person.birthYear),
      sex: person?.sex ?? '',
      homeProvince: placeDraft(person?.homeProvince),
      homeCounty: placeDraft(person?.homeCounty),
      yearLeftNorthKorea: person?.yearLeftNorthKorea === undefined ? '' : String(person.yearLeftNorthKorea),
      currentCountry: person?.currentCountry ?? '',
      occupation: person?.occupation ?? '',
    },
    consent: {
      given: consent !== undefined,
      scopes: [...(consent?.scopes ?? [])],
      obtained: consent?.obtained ?? '',
      date: consent?.date ?? '',
      obtainedBy: consent?.obtainedBy ?? '',
      withdrawn: consent?.withdrawal !== undefined,
      withdrawalDate: consent?.withdrawal?.date ?? '',
      scopesWithdrawn: [...(consent?.withdrawal?.scopesWithdrawn ?? [])],
      withdrawalNote: consent?.withdrawal?.note ?? '',
    },
    people: record.people.map((each) => ({
      key: newKey(), id: each.id, relation: each.relation, name: each.name ?? '', otherNames: joinList(each.otherNames), note: each.note ?? '',
    })),
    events: record.events.map((event) => ({
      key: newKey(),
      id: event.id,
      violations: [...event.violations],
      date: event.date ?? '',
      place: placeDraft(event.place),
      facilityId: event.facility?.facilityId ?? '',
      facilityText: event.facility?.text ?? '',
      perpetrators: event.perpetrators.map((each) => ({
        key: newKey(), institution: each.institution, rank: each.rank ?? '', personId: each.personId ?? '', note: each.note ?? '',
      })),
      victimIds: [...event.victimIds],
      witnessIds: [...event.witnessIds],
      description: event.description ?? '',
    })),
    narrativeLanguage: record.narrative.language,
    narrative: record.narrative.text,
    translationLanguage: record.translation?.language ?? (record.narrative.language === 'ko' ? 'en' : 'ko'),
    translation: record.translation?.text ?? '',
    translator: record.translation?.translator ?? '',
    tags: joinList(record.tags),
  };
}

type Json = Record<string, unknown>;

/** Sets key to value unless the value is empty; returns the object. */
function put(target: Json, key: string, value: unknown): Json {
  if (value === undefined) return target;
  if (typeof value === 'string' && value.trim() === '') return target;
  if (Array.isArray(value) && value.length === 0) return target;
  if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) return target;
  target[key] = value;
  return target;
}

/** A whole number as typed becomes a number; anything else stays text so that the schema names it. */
function numberOrText(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^\d{1,4}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function placeInput(place: PlaceDraft): Json {
  return put(put({}, 'gazetteerId', place.gazetteerId), 'text', place.text);
}

/** The draft as TestimonyInput's input: empty fields left out, lists split, numbers parsed. */
export function draftToInput(draft: Draft): Json {
  const input: Json = { title: draft.title };
  const person = draft.interviewee;
  const identity: Json = {};
  put(identity, 'realName', person.realName);
  put(identity, 'otherNames', splitList(person.otherNames));
  put(identity, 'birthDate', person.birthDate.trim());
  put(identity, 'phone', person.phone);
  put(identity, 'address', person.address);
  put(identity, 'notes', person.notes);
  const interviewee: Json = {};
  put(interviewee, 'code', person.code);
  put(interviewee, 'identity', identity);
  put(interviewee, 'birthYear', numberOrText(person.birthYear));
  put(interviewee, 'sex', person.sex);
  put(interviewee, 'homeProvince', placeInput(person.homeProvince));
  put(interviewee, 'homeCounty', placeInput(person.homeCounty));
  put(interviewee, 'yearLeftNorthKorea', numberOrText(person.yearLeftNorthKorea));
  put(interviewee, 'currentCountry', person.currentCountry);
  put(interviewee, 'occupation', person.occupation);
  put(input, 'interviewee', interviewee);

  const consent = draft.consent;
  if (consent.given) {
    const value: Json = { scopes: consent.scopes, obtained: consent.obtained || undefined, date: consent.date };
    put(value, 'obtainedBy', consent.obtainedBy);
    if (consent.withdrawn) {
      const withdrawal: Json = { date: consent.withdrawalDate, scopesWithdrawn: consent.scopesWithdrawn };
      put(withdrawal, 'note', consent.withdrawalNote);
      value['withdrawal'] = withdrawal;
    }
    input['consent'] = value;
  }

  put(
    input,
    'people',
    draft.people.map((each) => put(put(put({ id: each.id, relation: each.relation }, 'name', each.name), 'otherNames', splitList(each.otherNames)), 'note', each.note)),
  );
  put(
    input,
    'events',
    draft.events.map((event) => {
      const value: Json = { id: event.id };
      put(value, 'violations', event.violations);
      put(value, 'date', event.date.trim());
      put(value, 'place', placeInput(event.place));
      put(value, 'facility', put(put({}, 'facilityId', event.facilityId), 'text', event.facilityText));
      put(
        value,
        'perpetrators',
        event.perpetrators.map((each) => put(put(put({ institution: each.institution }, 'rank', each.rank), 'personId', each.personId), 'note', each.note)),
      );
      put(value, 'victimIds', event.victimIds);
      put(value, 'witnessIds', event.witnessIds);
      put(value, 'description', event.description);
      return value;
    }),
  );
  input['narrative'] = { language: draft.narrativeLanguage, text: draft.narrative };
  if (draft.translation.trim() !== '') {
    input['translation'] = put({ language: draft.translationLanguage, text: draft.translation }, 'translator', draft.translator);
  }
  put(input, 'tags', splitList(draft.tags));
  return input;
}

export type DraftIssue = { path: string; issue: z.core.$ZodIssue };

export type DraftValidation = { ok: true; input: Json } | { ok: false; input: Json; issues: DraftIssue[] };

export function validateDraft(draft: Draft): DraftValidation {
  const input = draftToInput(draft);
  const result = TestimonyInput.safeParse(input);
  if (result.success) return { ok: true, input };
  return { ok: false, input, issues: result.error.issues.map((issue) => ({ path: formatFieldPath(issue.path), issue })) };
}
