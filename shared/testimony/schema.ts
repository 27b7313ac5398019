/**
 * The testimony record (format version 1) and what a user may submit to create one.
 *
 * - `TestimonyInput` is what `tw testimony add --file T.json` and the editor accept: only `title`
 *   and `narrative` are required, and the narrative may be a plain string.
 * - `TestimonyRecord` is the stored shape (in the vault and, as JSON, inside sealed archives):
 *   the same fields with shorthands expanded and lists present.
 *
 * Identifying details (real names, phone, address) sit in `interviewee.identity` and in `people`,
 * apart from the rest, so that redaction can find and drop them: see IDENTIFYING_FIELD_PATHS and
 * collectIdentifyingTerms. Every object is strict (an unknown field is an error, not silently
 * dropped: a misspelt "realname" must not end up unprotected) and every string and list is bounded.
 */
import { z } from 'zod';
import { facilityNames, getFacility, getPlace, isNkPlace, placeLabel, placeNames, provinceOf, searchPlaces, searchFacilities } from '../gazetteer/index';
import { containsHangul } from '../text/korean';
import { isIsoCountryCode } from './countries';
import { EdtfDayString, EdtfString, formatEdtf, parseEdtf } from './edtf';
import {
  ConsentMethod,
  ConsentScope,
  InstitutionCode,
  RelationKind,
  ViolationCode,
  termWithAncestors,
  termLabel,
} from './vocabulary';

export const TESTIMONY_SCHEMA_VERSION = 1;

/** Size limits, exported so that the UI can show them and tests can probe them. */
export const LIMITS = {
  title: 300,
  name: 200,
  shortText: 300,
  note: 10_000,
  description: 100_000,
  narrative: 2_000_000,
  otherNames: 50,
  people: 1_000,
  events: 2_000,
  violationsPerEvent: 50,
  perpetratorsPerEvent: 50,
  peoplePerEvent: 500,
  tags: 100,
  tag: 100,
  scopes: 10,
} as const;

// ---------------------------------------------------------------------------------------------
// Building blocks

/** A required piece of text: trimmed, not empty, bounded. */
function text(max: number) {
  return z.string().trim().min(1).max(max);
}

/** Free text kept as written (notes, descriptions): bounded, may be empty. */
function freeText(max: number) {
  return z.string().max(max);
}

const name = text(LIMITS.name);
const otherNames = z.array(name).max(LIMITS.otherNames).default([]);

/** Ids of people and events, unique within one record: "p1", "mother", "event-3". */
const LocalId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'an id is 1–64 letters, digits, ".", "_" or "-", e.g. "p1"');

const LanguageTag = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language is a BCP 47 tag such as "ko", "en" or "zh-Hans"');

function currentYear(): number {
  return new Date().getFullYear();
}

/** A year between `min` and the current year (checked when parsed, so it moves with time). */
function yearSince(min: number) {
  return z
    .int()
    .min(min)
    .superRefine((year, ctx) => {
      if (year > currentYear()) ctx.addIssue({ code: 'custom', message: `${year} is in the future` });
    });
}

type PlaceRule = 'any' | 'nk-province' | 'nk-below-province';

/**
 * A place: a gazetteer entry, the words of the testimony, or both ({gazetteerId: "nk-hoeryong-si",
 * text: "회령 근처 마을"}). Text is kept because it is what the person said, and it is identifying.
 */
function placeRef(rule: PlaceRule) {
  return z
    .strictObject({
      gazetteerId: z.string().max(100).describe('Id of a place in the gazetteer shipped with the program, e.g. nk-hoeryong-si, cn-yanji').optional(),
      text: text(LIMITS.shortText).describe('The place as the testimony names it').optional(),
    })
    .superRefine((value, ctx) => {
      if (value.gazetteerId === undefined && value.text === undefined) {
        ctx.addIssue({ code: 'custom', message: 'give a gazetteerId, a text, or both' });
        return;
      }
      if (value.gazetteerId === undefined) return;
      const place = getPlace(value.gazetteerId);
      if (!place) {
        ctx.addIssue({ code: 'custom', path: ['gazetteerId'], message: unknownIdMessage('place', value.gazetteerId, guessPlace(value.gazetteerId)) });
      } else if (rule === 'nk-province' && !(isNkPlace(place) && place.level === 'province')) {
        ctx.addIssue({ code: 'custom', path: ['gazetteerId'], message: `${place.id} (${place.ko}) is not a North Korean province` });
      } else if (rule === 'nk-below-province' && !(isNkPlace(place) && place.level !== 'province')) {
        ctx.addIssue({ code: 'custom', path: ['gazetteerId'], message: `${place.id} (${place.ko}) is not a North Korean city, county or district` });
      }
    });
}

/** A place of detention: a gazetteer facility, the words of the testimony, or both. */
const FacilityRef = z
  .strictObject({
    facilityId: z.string().max(100).describe('Id of a place of detention in the gazetteer, e.g. kwalliso-15-yodok').optional(),
    text: text(LIMITS.shortText).describe('The place of detention as the testimony names it').optional(),
  })
  .superRefine((value, ctx) => {
    if (value.facilityId === undefined && value.text === undefined) {
      ctx.addIssue({ code: 'custom', message: 'give a facilityId, a text, or both' });
    } else if (value.facilityId !== undefined && !getFacility(value.facilityId)) {
      const guess = searchFacilities(value.facilityId.replace(/-/g, ' '), 1)[0]?.id;
      ctx.addIssue({ code: 'custom', path: ['facilityId'], message: unknownIdMessage('facility', value.facilityId, guess) });
    }
  });

function unknownIdMessage(what: string, id: string, guess: string | undefined): string {
  return `no ${what} "${id}" in the gazetteer${guess ? ` (did you mean "${guess}"?)` : ''}; use {"text": "..."} for ${what}s not listed`;
}

/** "nk-hoeryeong-si" → the closest gazetteer entry, for the error message. */
function guessPlace(id: string): string | undefined {
  const bare = id.replace(/^[a-z]{2}-/, '').replace(/-(si|gun|guyok|gu|jigu|do)$/, '').replace(/-/g, ' ');
  return bare.length >= 2 ? searchPlaces(bare, 1)[0]?.id : undefined;
}

// ---------------------------------------------------------------------------------------------
// Parts of the record

/** IDENTIFYING. Who the interviewee is; never leaves the vault in a redacted release. */
export const Identity = z
  .strictObject({
    realName: name.optional(),
    otherNames,
    /** EDTF: 1975-03-02, 1975, 1975~. */
    birthDate: EdtfString.optional(),
    phone: text(100).optional(),
    address: text(1_000).optional(),
    notes: freeText(LIMITS.note).optional(),
  })
  .describe('IDENTIFYING: who the interviewee is. Never part of a redacted release.');

export const Sex = z.enum(['female', 'male', 'other', 'undisclosed']);

export const Interviewee = z
  .strictObject({
    /** Pseudonymous code used instead of a name: "NK-2024-031". */
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a code is 1–64 letters, digits, ".", "_" or "-", e.g. "NK-2024-031"')
      .optional(),
    identity: Identity.optional(),
    // The fields below are quasi-identifiers: harmless alone, identifying together.
    birthYear: yearSince(1900).optional(),
    sex: Sex.optional(),
    homeProvince: placeRef('nk-province').optional(),
    homeCounty: placeRef('nk-below-province').optional(),
    yearLeftNorthKorea: yearSince(1945).optional(),
    /** ISO 3166-1 alpha-2, where the interviewee lives now: "KR". */
    currentCountry: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isIsoCountryCode, 'a country is an ISO 3166-1 alpha-2 code such as "KR", "CN", "GB"')
      .optional(),
    occupation: text(LIMITS.shortText).optional(),
  })
  .superRefine((person, ctx) => {
    const provinceId = person.homeProvince?.gazetteerId;
    const countyId = person.homeCounty?.gazetteerId;
    if (provinceId && countyId && getPlace(provinceId) && getPlace(countyId)) {
      const actual = provinceOf(countyId);
      if (actual && actual.id !== provinceId) {
        ctx.addIssue({
          code: 'custom',
          path: ['homeCounty', 'gazetteerId'],
          message: `${getPlace(countyId)!.ko} is in ${actual.ko}, not in ${getPlace(provinceId)!.ko}`,
        });
      }
    }
    if (person.birthYear !== undefined && person.yearLeftNorthKorea !== undefined && person.yearLeftNorthKorea < person.birthYear) {
      ctx.addIssue({ code: 'custom', path: ['yearLeftNorthKorea'], message: `${person.yearLeftNorthKorea} is before the birth year ${person.birthYear}` });
    }
  });

export const ConsentWithdrawal = z.strictObject({
  date: EdtfDayString,
  scopesWithdrawn: z.array(ConsentScope).min(1).max(LIMITS.scopes),
  note: freeText(LIMITS.note).optional(),
});

export const Consent = z
  .strictObject({
    scopes: z.array(ConsentScope).min(1).max(LIMITS.scopes),
    obtained: ConsentMethod,
    /** The day consent was given: YYYY-MM-DD. */
    date: EdtfDayString,
    /** Who obtained it (the interviewer). */
    obtainedBy: name.optional(),
    withdrawal: ConsentWithdrawal.optional(),
  })
  .superRefine((consent, ctx) => {
    const given = parseEdtf(consent.date);
    const withdrawn = consent.withdrawal ? parseEdtf(consent.withdrawal.date) : undefined;
    if (given.ok && withdrawn?.ok && withdrawn.value.earliest! < given.value.earliest!) {
      ctx.addIssue({ code: 'custom', path: ['withdrawal', 'date'], message: `consent cannot be withdrawn (${consent.withdrawal!.date}) before it was given (${consent.date})` });
    }
  });

/**
 * Someone named in the testimony: family, brokers, perpetrators, witnesses. Events refer to people
 * by `id`, so that a name is written (and redacted) once. `name` and `otherNames` are IDENTIFYING.
 */
export const Person = z.strictObject({
  id: LocalId,
  relation: RelationKind,
  name: name.describe('IDENTIFYING').optional(),
  otherNames: otherNames.describe('IDENTIFYING: aliases, nicknames, other spellings'),
  note: freeText(LIMITS.note).optional(),
});

export const Perpetrator = z.strictObject({
  institution: InstitutionCode,
  /** Rank or post as told: "보위부 반탐과 지도원", "captain". */
  rank: text(LIMITS.name).optional(),
  /** The person, if named in `people`. */
  personId: LocalId.optional(),
  note: freeText(LIMITS.note).optional(),
});

export const TestimonyEvent = z.strictObject({
  id: LocalId,
  violations: z.array(ViolationCode).max(LIMITS.violationsPerEvent).default([]),
  /** EDTF: 2011-21 (spring 2011), 2009~, 2010-03/2010-05. */
  date: EdtfString.optional(),
  place: placeRef('any').optional(),
  facility: FacilityRef.optional(),
  perpetrators: z.array(Perpetrator).max(LIMITS.perpetratorsPerEvent).default([]),
  victimIds: z.array(LocalId).max(LIMITS.peoplePerEvent).default([]),
  witnessIds: z.array(LocalId).max(LIMITS.peoplePerEvent).default([]),
  description: freeText(LIMITS.description).optional(),
});

export const Narrative = z.strictObject({
  language: LanguageTag,
  text: z.string().max(LIMITS.narrative).refine((value) => value.trim().length > 0, 'is empty'),
});

export const Translation = z.strictObject({
  language: LanguageTag,
  text: z.string().max(LIMITS.narrative),
  translator: name.optional(),
});

const Tags = z.array(text(LIMITS.tag)).max(LIMITS.tags).default([]);
const Title = z.string().trim().min(1).max(LIMITS.title);

// ---------------------------------------------------------------------------------------------
// The record

const recordFields = {
  title: Title,
  interviewee: Interviewee.optional(),
  consent: Consent.optional(),
  people: z.array(Person).max(LIMITS.people).default([]),
  events: z.array(TestimonyEvent).max(LIMITS.events).default([]),
  narrative: Narrative,
  translation: Translation.optional(),
  tags: Tags,
};

type RecordLike = {
  people: { id: string; relation: string }[];
  events: { id: string; perpetrators: { personId?: string | undefined }[]; victimIds: string[]; witnessIds: string[] }[];
};

/** Checks that need the whole record: ids unique, references to people resolve. */
function checkReferences(record: RecordLike, ctx: z.RefinementCtx): void {
  const personIds = new Set<string>();
  record.people.forEach((person, index) => {
    if (personIds.has(person.id)) ctx.addIssue({ code: 'custom', path: ['people', index, 'id'], message: `duplicate person id "${person.id}"` });
    personIds.add(person.id);
  });
  const selves = record.people.filter((person) => person.relation === 'self').length;
  if (selves > 1) ctx.addIssue({ code: 'custom', path: ['people'], message: `${selves} people have relation "self"; only the interviewee has` });

  const eventIds = new Set<string>();
  const checkPerson = (id: string | undefined, path: (string | number)[]) => {
    if (id !== undefined && !personIds.has(id)) {
      ctx.addIssue({ code: 'custom', path, message: `no person with id "${id}" in people` });
    }
  };
  record.events.forEach((event, index) => {
    if (eventIds.has(event.id)) ctx.addIssue({ code: 'custom', path: ['events', index, 'id'], message: `duplicate event id "${event.id}"` });
    eventIds.add(event.id);
    event.perpetrators.forEach((perpetrator, p) => checkPerson(perpetrator.personId, ['events', index, 'perpetrators', p, 'personId']));
    event.victimIds.forEach((id, v) => checkPerson(id, ['events', index, 'victimIds', v]));
    event.witnessIds.forEach((id, w) => checkPerson(id, ['events', index, 'witnessIds', w]));
  });
}

/** The stored testimony (format version 1). */
export const TestimonyRecord = z
  .strictObject({
    schemaVersion: z.literal(TESTIMONY_SCHEMA_VERSION, { error: `this program reads testimony format version ${TESTIMONY_SCHEMA_VERSION}` }),
    ...recordFields,
  })
  .superRefine(checkReferences);
export type TestimonyRecord = z.output<typeof TestimonyRecord>;

/** The narrative of an input: a plain string, or {language, text}. */
const NarrativeInput = z.union([z.string().max(LIMITS.narrative).refine((value) => value.trim().length > 0, 'is empty'), Narrative]);

/** Guesses the language of a narrative given as a plain string: Korean if it contains Hangul. */
export function detectNarrativeLanguage(narrative: string): 'ko' | 'en' {
  return containsHangul(narrative) ? 'ko' : 'en';
}

/** What a user submits: at least {"title": "...", "narrative": "..."}. Parses into a TestimonyRecord. */
export const TestimonyInput = z
  .strictObject({
    schemaVersion: z
      .literal(TESTIMONY_SCHEMA_VERSION, { error: `this program reads testimony format version ${TESTIMONY_SCHEMA_VERSION}` })
      .optional(),
    ...recordFields,
    narrative: NarrativeInput,
  })
  .superRefine(checkReferences)
  .transform(
    (input): TestimonyRecord => ({
      ...input,
      schemaVersion: TESTIMONY_SCHEMA_VERSION,
      narrative: typeof input.narrative === 'string' ? { language: detectNarrativeLanguage(input.narrative), text: input.narrative } : input.narrative,
    }),
  );
export type TestimonyInput = z.input<typeof TestimonyInput>;

// ---------------------------------------------------------------------------------------------
// Parsing with readable messages

export type TestimonyParseResult = { ok: true; value: TestimonyRecord } | { ok: false; issues: string[] };

/**
 * Parses what a user submitted. Issues name the field: "events[0].date: 2011-13 has no month 13",
 * "interviewee.identity.realname: unknown field".
 */
export function parseTestimonyInput(json: unknown): TestimonyParseResult {
  const result = TestimonyInput.safeParse(json);
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: formatIssues(result.error.issues, json) };
}

/** Parses a stored record (from the vault or an archive), which must be in the full shape. */
export function parseTestimonyRecord(json: unknown): TestimonyParseResult {
  const result = TestimonyRecord.safeParse(json);
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: formatIssues(result.error.issues, json) };
}

/** Parses the text of a JSON file (e.g. `tw testimony add --file T.json`). */
export function parseTestimonyJsonText(jsonText: string): TestimonyParseResult {
  let json: unknown;
  try {
    json = JSON.parse(jsonText.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, issues: [`the file is not valid JSON: ${(error as Error).message}`] };
  }
  return parseTestimonyInput(json);
}

/** A field path as people write it: events[0].perpetrators[1].institution. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(testimony)' : out;
}

const MAX_LISTED_VALUES = 8;

function formatIssues(issues: readonly z.core.$ZodIssue[], input: unknown, prefix: readonly PropertyKey[] = []): string[] {
  const messages: string[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    const at = formatFieldPath(path);
    const value = valueAt(input, path);
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) messages.push(`${formatFieldPath([...path, key])}: unknown field (not part of the testimony format)`);
        break;
      case 'invalid_union': {
        // Report the branch that matches the kind of value given (an object → the object form).
        const branches = issue.errors.filter((branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0));
        const chosen = branches[0] ?? issue.errors[0];
        if (chosen && chosen.length > 0) messages.push(...formatIssues(chosen, input, path));
        else messages.push(`${at}: ${issue.message}`);
        break;
      }
      case 'invalid_type':
        messages.push(value === undefined ? `${at}: required` : `${at}: expected ${describeExpected(issue.expected)}, got ${describeValue(value)}`);
        break;
      case 'too_big':
        messages.push(`${at}: ${describeBound('at most', issue.origin, issue.maximum, value)}`);
        break;
      case 'too_small':
        if (issue.origin === 'string' && Number(issue.minimum) === 1) messages.push(`${at}: is empty`);
        else messages.push(`${at}: ${describeBound('at least', issue.origin, issue.minimum, value)}`);
        break;
      case 'invalid_value': {
        const allowed = issue.values.map((v) => JSON.stringify(v));
        const list = allowed.length > MAX_LISTED_VALUES ? `${allowed.slice(0, MAX_LISTED_VALUES).join(', ')}, … (${allowed.length} codes, see shared/testimony/README.md)` : allowed.join(', ');
        messages.push(allowed.length === 1 ? `${at}: ${issue.message}` : `${at}: ${describeValue(value)} is not one of ${list}`);
        break;
      }
      default:
        messages.push(`${at}: ${issue.message}`);
    }
  }
  return messages;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describeExpected(expected: string): string {
  return expected === 'int' ? 'a whole number' : expected === 'object' ? 'an object {…}' : expected === 'array' ? 'a list […]' : `a ${expected}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.length > 40 ? `"${value.slice(0, 40)}…"` : JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function describeBound(relation: string, origin: string, bound: number | bigint, value: unknown): string {
  if (origin === 'string') return `too ${relation === 'at most' ? 'long' : 'short'}: ${relation} ${bound} characters (this has ${typeof value === 'string' ? value.length : '?'})`;
  if (origin === 'array') return `${relation} ${bound} ${Number(bound) === 1 ? 'item' : 'items'} (this has ${Array.isArray(value) ? value.length : '?'})`;
  return `must be ${relation} ${bound}`;
}

// ---------------------------------------------------------------------------------------------
// Status

export const TestimonyStatus = z.enum(['draft', 'in-review', 'approved']);
export type TestimonyStatus = z.infer<typeof TestimonyStatus>;

/** A reviewer sends a testimony back to draft or approves it; an approved one can be reopened. */
export const STATUS_TRANSITIONS: Readonly<Record<TestimonyStatus, readonly TestimonyStatus[]>> = {
  draft: ['in-review'],
  'in-review': ['draft', 'approved'],
  approved: ['in-review'],
};

export function canTransition(from: TestimonyStatus, to: TestimonyStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

// ---------------------------------------------------------------------------------------------
// Consent

/**
 * Whether the interviewee's consent covers a use. A withdrawn scope is refused whatever the
 * dates; withdrawing "internal-archive" withdraws everything, since nothing can be published or
 * submitted from a record that may not be kept. No consent recorded means no use beyond drafting.
 */
export function consentAllows(consent: z.output<typeof Consent> | undefined, scope: ConsentScope): boolean {
  if (!consent || !consent.scopes.includes(scope)) return false;
  const withdrawn = consent.withdrawal?.scopesWithdrawn ?? [];
  return !withdrawn.includes(scope) && !withdrawn.includes('internal-archive');
}

// ---------------------------------------------------------------------------------------------
// Identifying details

/** Fields that identify a person directly. `[]` stands for every element of a list. */
export const IDENTIFYING_FIELD_PATHS = [
  'interviewee.identity.realName',
  'interviewee.identity.otherNames[]',
  'interviewee.identity.birthDate',
  'interviewee.identity.phone',
  'interviewee.identity.address',
  'interviewee.identity.notes',
  'people[].name',
  'people[].otherNames[]',
] as const;

/**
 * Fields that identify in combination, or may hold identifying words as told (free text, places,
 * dates). A redacted release generalises or drops them unless a reviewer keeps them.
 */
export const QUASI_IDENTIFYING_FIELD_PATHS = [
  'interviewee.birthYear',
  'interviewee.sex',
  'interviewee.homeProvince',
  'interviewee.homeCounty',
  'interviewee.yearLeftNorthKorea',
  'interviewee.currentCountry',
  'interviewee.occupation',
  'consent.obtainedBy',
  'consent.withdrawal.note',
  'people[].note',
  'events[].date',
  'events[].place',
  'events[].facility.text',
  'events[].perpetrators[].rank',
  'events[].perpetrators[].note',
  'events[].description',
  'translation.translator',
] as const;

/**
 * Every name, other name, phone number and address written in the record's identifying fields,
 * longest first, for the redaction detector and reviewer to find in the narrative. Also added:
 * a phone number's digits alone, and the given name of a three-syllable Korean name (김영희 → 영희),
 * because testimonies often call people by their given name.
 */
export function collectIdentifyingTerms(record: TestimonyRecord): string[] {
  const terms = new Set<string>();
  const addName = (value: string | undefined) => {
    const trimmed = value?.trim();
    if (!trimmed) return;
    terms.add(trimmed);
    if (/^[\uac00-\ud7a3]{3}$/u.test(trimmed)) terms.add(trimmed.slice(1));
    // "Kim Young-hee" → also "Young-hee" is not derived: romanised name order varies too much.
  };
  const identity = record.interviewee?.identity;
  addName(identity?.realName);
  identity?.otherNames.forEach(addName);
  if (identity?.phone) {
    terms.add(identity.phone.trim());
    const digits = identity.phone.replace(/\D/g, '');
    if (digits.length >= 6) terms.add(digits);
  }
  if (identity?.address) terms.add(identity.address.trim());
  for (const person of record.people) {
    addName(person.name);
    person.otherNames.forEach(addName);
  }
  return [...terms].sort((a, b) => b.length - a.length || a.localeCompare(b));
}

// ---------------------------------------------------------------------------------------------
// JSON Schema and full-text search

/**
 * JSON Schema (draft 2020-12) of the stored record, shipped inside archives so that the data can
 * be read without this program. Checks that need code (EDTF, gazetteer ids, references between
 * fields) are described in the field descriptions but cannot be expressed in JSON Schema.
 */
export function testimonyJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(TestimonyRecord, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://testimony-workstation.invalid/schema/testimony-record-v1.json',
    title: 'Testimony record, format version 1',
    description:
      'A testimony recorded with Testimony Workstation. Dates are EDTF (ISO 8601-2) level 0/1 strings; place, facility, violation and institution codes refer to the gazetteer and vocabularies shipped with the program.',
  };
}

/** JSON Schema of what `tw testimony add --file` accepts (the narrative may be a plain string). */
export function testimonyInputJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(TestimonyInput, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

export interface SearchableText {
  title: string;
  narrative: string;
  translation: string;
  /** Every other human text: names, places in all spellings, labels in Korean and English, tags. */
  fields: string;
}

/** The record's text for full-text indexing (inside the encrypted vault only). */
export function searchableText(record: TestimonyRecord): SearchableText {
  const parts: string[] = [];
  const add = (...values: (string | undefined)[]) => {
    for (const value of values) if (value && value.trim()) parts.push(value.trim());
  };
  const addPlace = (ref: { gazetteerId?: string | undefined; text?: string | undefined } | undefined) => {
    if (!ref) return;
    add(ref.text);
    const place = ref.gazetteerId ? getPlace(ref.gazetteerId) : undefined;
    if (place) {
      add(...placeNames(place));
      const province = provinceOf(place.id);
      if (province && province.id !== place.id) add(placeLabel(province, 'ko'), placeLabel(province, 'en'));
    }
  };
  const addDate = (edtf: string | undefined) => {
    if (edtf) add(edtf, formatEdtf(edtf, 'ko'), formatEdtf(edtf, 'en'));
  };

  const interviewee = record.interviewee;
  if (interviewee) {
    add(interviewee.code, interviewee.occupation, interviewee.currentCountry);
    add(interviewee.identity?.realName, ...(interviewee.identity?.otherNames ?? []), interviewee.identity?.address, interviewee.identity?.notes);
    addPlace(interviewee.homeProvince);
    addPlace(interviewee.homeCounty);
  }
  for (const person of record.people) {
    add(person.name, ...person.otherNames, person.note, termLabel('relation', person.relation, 'ko'), termLabel('relation', person.relation, 'en'));
  }
  for (const event of record.events) {
    for (const code of event.violations) {
      // A search for the broader term ("detention") finds the narrower ones.
      for (const term of termWithAncestors('violation', code)) add(term.ko, term.en);
    }
    addDate(event.date);
    addPlace(event.place);
    if (event.facility) {
      add(event.facility.text);
      const facility = event.facility.facilityId ? getFacility(event.facility.facilityId) : undefined;
      if (facility) add(...facilityNames(facility));
    }
    for (const perpetrator of event.perpetrators) {
      for (const term of termWithAncestors('institution', perpetrator.institution)) add(term.ko, term.en);
      add(perpetrator.rank, perpetrator.note);
    }
    add(event.description);
  }
  add(...record.tags);
  return {
    title: record.title,
    narrative: record.narrative.text,
    translation: record.translation?.text ?? '',
    fields: [...new Set(parts)].join('\n'),
  };
}
