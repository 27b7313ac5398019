/**
 * Builds the redacted record of a release from a testimony and the review's decisions. Pure and
 * deterministic: the same record and decisions give the same release, byte for byte.
 *
 * What leaves, field by field:
 * - always dropped: interviewee.identity (real name, other names, birth date, phone, address, notes),
 *   interviewee.code (it would link releases of one person), people[].name and otherNames,
 *   consent (dates and the interviewer's name; the scopes it covers travel as consentScopes),
 *   translation.translator;
 * - quasi-identifiers as decided (field items): birthYear → decade (default), homeCounty → its
 *   province (default), event dates finer than a year → year (default), event places below a
 *   province → province (default); the rest suggested kept, each an item a reviewer decides;
 * - every free-text field (text-fields.ts) with each span replaced by its operator. A span still
 *   pending is replaced as if accepted with its default (approval is refused while any is pending).
 */
import type { TestimonyRecord } from '../testimony/schema';
import { parseTestimonyRecord } from '../testimony/schema';
import { consentAllows } from '../testimony/schema';
import { CONSENT_SCOPE_TERMS, type ConsentScope } from '../testimony/vocabulary';
import { DEFAULT_OPERATORS, operatorAllowed, replacementFor, type GeneraliseLevel, type Operator } from './operators';
import { decadeOf, edtfFinerThanYear, generaliseEdtf, isProvinceId, placeForSurface, provinceIdOf, yearRange } from './generalise';
import { getAtPath, setAtPath, textFieldsOf, type TextField } from './text-fields';
import type { TextRange } from './occurrences';
import { harmoniseParticle } from './particle-harmony';
import type { SpanType } from './types';

export type ItemStatus = 'pending' | 'accepted' | 'rejected';
/** Field items carry a span type where one fits; sex, occupation and country of residence are QUASI. */
export type ItemType = SpanType | 'QUASI';

export interface DecisionItem {
  id: string;
  kind: 'span' | 'field';
  field: string;
  start?: number | undefined;
  end?: number | undefined;
  surface: string;
  type: ItemType;
  status: ItemStatus;
  operator?: Operator | undefined;
  level?: GeneraliseLevel | undefined;
  pseudonymKey?: string | undefined;
}

export type TypeOperators = Partial<Record<SpanType, { operator: Operator; level?: GeneraliseLevel | undefined }>>;

// ---------------------------------------------------------------------------------------------
// Structured fields

export interface FieldRule {
  type: ItemType;
  operators: readonly Operator[];
  /** The operator applied when no item says otherwise, given the original value. */
  defaultFor(record: TestimonyRecord, path: string): { operator: Operator; level?: GeneraliseLevel };
}

const keep = () => ({ operator: 'keep' as const });

/** Structured fields a reviewer decides on, by path pattern ("events[].date" for every event). */
export const FIELD_RULES: Readonly<Record<string, FieldRule>> = {
  'interviewee.birthYear': { type: 'DATE', operators: ['generalise', 'remove', 'keep'], defaultFor: () => ({ operator: 'generalise', level: 'decade' }) },
  'interviewee.yearLeftNorthKorea': { type: 'DATE', operators: ['generalise', 'remove', 'keep'], defaultFor: keep },
  'interviewee.homeCounty': { type: 'PLACE', operators: ['generalise', 'remove', 'keep'], defaultFor: () => ({ operator: 'generalise' }) },
  'interviewee.homeProvince': { type: 'PLACE', operators: ['remove', 'keep'], defaultFor: keep },
  'interviewee.sex': { type: 'QUASI', operators: ['remove', 'keep'], defaultFor: keep },
  'interviewee.occupation': { type: 'QUASI', operators: ['remove', 'keep'], defaultFor: keep },
  'interviewee.currentCountry': { type: 'QUASI', operators: ['remove', 'keep'], defaultFor: keep },
  'events[].date': {
    type: 'DATE',
    operators: ['generalise', 'remove', 'keep'],
    defaultFor: (record, path) => {
      const value = getAtPath(record, path);
      return typeof value === 'string' && edtfFinerThanYear(value) ? { operator: 'generalise', level: 'year' } : { operator: 'keep' };
    },
  },
  'events[].place': {
    type: 'PLACE',
    operators: ['generalise', 'remove', 'keep'],
    defaultFor: (record, path) => {
      const value = getAtPath(record, path) as { gazetteerId?: string } | undefined;
      return value?.gazetteerId !== undefined && isProvinceId(value.gazetteerId) ? { operator: 'keep' } : { operator: 'generalise' };
    },
  },
  'events[].facility': { type: 'FACILITY', operators: ['remove', 'keep'], defaultFor: keep },
};

/** "events[3].date" → "events[].date"; undefined for a path that is not a decidable field. */
export function fieldRulePattern(path: string): string | undefined {
  const pattern = path.replace(/\[\d+\]/g, '[]');
  return pattern in FIELD_RULES ? pattern : undefined;
}

/** Decidable structured fields present in the record, with their values (for field items). */
export function decidableFieldsOf(record: TestimonyRecord): { path: string; value: unknown }[] {
  const out: { path: string; value: unknown }[] = [];
  const interviewee = record.interviewee;
  if (interviewee) {
    for (const name of ['birthYear', 'yearLeftNorthKorea', 'homeCounty', 'homeProvince', 'sex', 'occupation', 'currentCountry'] as const) {
      if (interviewee[name] !== undefined) out.push({ path: `interviewee.${name}`, value: interviewee[name] });
    }
  }
  record.events.forEach((event, i) => {
    if (event.date !== undefined) out.push({ path: `events[${i}].date`, value: event.date });
    if (event.place !== undefined) out.push({ path: `events[${i}].place`, value: event.place });
    if (event.facility !== undefined) out.push({ path: `events[${i}].facility`, value: event.facility });
  });
  return out;
}

/**
 * Every decidable field present becomes a pending item with its suggestion: the ones that change
 * (birth year → decade, county → province, …) and the ones suggested kept (sex, province, year of
 * leaving, occupation, facilities). The threat model wants every released value explicitly kept
 * by a reviewer, so a value is never released just because nobody looked at it.
 */
export function suggestedFieldItems(record: TestimonyRecord): { path: string; value: unknown; type: ItemType; operator: Operator; level?: GeneraliseLevel }[] {
  return decidableFieldsOf(record).map(({ path, value }) => {
    const rule = FIELD_RULES[fieldRulePattern(path)!]!;
    const decision = rule.defaultFor(record, path);
    return { path, value, type: rule.type, operator: decision.operator, ...(decision.level ? { level: decision.level } : {}) };
  });
}

// ---------------------------------------------------------------------------------------------
// Effective decisions

export function effectiveSpanOperator(item: DecisionItem, typeOperators: TypeOperators): { operator: Operator; level?: GeneraliseLevel | undefined } {
  if (item.status === 'rejected') return { operator: 'keep' };
  const type = item.type as SpanType;
  const chosen = item.operator ? { operator: item.operator, level: item.level } : typeOperators[type] ?? { operator: DEFAULT_OPERATORS[type] };
  // An operator that does not fit the type (a stored decision from an older program) removes: the safe side.
  return chosen.operator === 'keep' || operatorAllowed(type, chosen.operator) ? chosen : { operator: 'remove' };
}

function effectiveFieldOperator(record: TestimonyRecord, path: string, items: Map<string, DecisionItem>): { operator: Operator; level?: GeneraliseLevel | undefined } {
  const rule = FIELD_RULES[fieldRulePattern(path)!]!;
  const item = items.get(path);
  if (!item) return rule.defaultFor(record, path);
  if (item.status === 'rejected') return { operator: 'keep' };
  const chosen = item.operator ? { operator: item.operator, level: item.level } : rule.defaultFor(record, path);
  return rule.operators.includes(chosen.operator) ? chosen : { operator: 'remove' };
}

/** Pseudonym keys in order of first appearance (reading order of the text fields), with their type. */
export function pseudonymKeysInOrder(record: TestimonyRecord, items: readonly DecisionItem[], typeOperators: TypeOperators): { key: string; type: SpanType }[] {
  const order = new Map(textFieldsOf(record).map((field, index) => [field.path, index]));
  const spans = items
    .filter((item) => item.kind === 'span' && item.pseudonymKey !== undefined && effectiveSpanOperator(item, typeOperators).operator === 'pseudonym')
    .sort((a, b) => (order.get(a.field) ?? 1e9) - (order.get(b.field) ?? 1e9) || a.start! - b.start!);
  const seen = new Map<string, SpanType>();
  for (const span of spans) if (!seen.has(span.pseudonymKey!)) seen.set(span.pseudonymKey!, span.type as SpanType);
  return [...seen].map(([key, type]) => ({ key, type }));
}

// ---------------------------------------------------------------------------------------------
// Texts

export interface AppliedText {
  text: string;
  /** In the release text: where replacements stand, and where the reviewer kept the original. */
  replaced: TextRange[];
  kept: TextRange[];
}

/** Replaces the field's spans (non-overlapping; an overlapping later one is skipped) by their operators. */
export function applySpans(field: TextField, spans: readonly DecisionItem[], typeOperators: TypeOperators, pseudonymIndex: ReadonlyMap<string, number>): AppliedText {
  const sorted = [...spans].filter((s) => s.start !== undefined && s.end !== undefined).sort((a, b) => a.start! - b.start! || b.end! - a.end!);
  let out = '';
  let cursor = 0;
  const replaced: TextRange[] = [];
  const kept: TextRange[] = [];
  // Accepted and pending spans first claim their text; kept ones only mark what they cover.
  const redacting = sorted.filter((s) => effectiveSpanOperator(s, typeOperators).operator !== 'keep');
  const claimed: DecisionItem[] = [];
  for (const span of redacting) {
    const last = claimed[claimed.length - 1];
    if (last && span.start! < last.end!) {
      // Overlap (e.g. a reviewer span over part of a detector span): widen the earlier one.
      if (span.end! > last.end!) claimed[claimed.length - 1] = { ...last, end: span.end, surface: field.text.slice(last.start!, span.end!) };
      continue;
    }
    claimed.push(span);
  }
  const keptSpans = sorted.filter((s) => effectiveSpanOperator(s, typeOperators).operator === 'keep');
  const shiftAt = (position: number, deltas: { at: number; delta: number }[]): number => position + deltas.filter((d) => d.at <= position).reduce((sum, d) => sum + d.delta, 0);
  const deltas: { at: number; delta: number }[] = [];
  for (const span of claimed) {
    const { operator, level } = effectiveSpanOperator(span, typeOperators);
    const surface = field.text.slice(span.start!, span.end!);
    const replacement =
      replacementFor({
        type: span.type as SpanType,
        operator,
        level,
        surface,
        language: field.language,
        pseudonymIndex: span.pseudonymKey !== undefined ? pseudonymIndex.get(span.pseudonymKey) : undefined,
      }) ?? surface;
    out += field.text.slice(cursor, span.start!);
    replaced.push({ start: out.length, end: out.length + replacement.length });
    out += replacement;
    cursor = span.end!;
    let delta = replacement.length - (span.end! - span.start!);
    // 김영철은 → 인물 A는: the particle follows the replacement's last sound.
    const next = claimed[claimed.indexOf(span) + 1];
    const particle = field.language === 'ko' && replacement !== surface ? harmoniseParticle(replacement, field.text.slice(cursor, next ? next.start! : undefined)) : undefined;
    if (particle) {
      out += particle.form;
      cursor += particle.length;
      delta += particle.form.length - particle.length;
    }
    deltas.push({ at: span.end!, delta });
  }
  out += field.text.slice(cursor);
  for (const span of keptSpans) {
    if (claimed.some((c) => c.start! < span.end! && span.start! < c.end!)) continue;
    kept.push({ start: shiftAt(span.start!, deltas), end: shiftAt(span.end!, deltas) });
  }
  return { text: out, replaced, kept };
}

// ---------------------------------------------------------------------------------------------
// The release

export interface BuiltRelease {
  record: TestimonyRecord;
  generalised: { birthDecade?: number; yearLeftNorthKorea?: { from: number; to: number } };
  consentScopes: ConsentScope[];
  /** Per text field path of the release: replaced and kept ranges, for the residual check. */
  ranges: Record<string, { replaced: TextRange[]; kept: TextRange[] }>;
}

export function buildRelease(
  original: TestimonyRecord,
  items: readonly DecisionItem[],
  typeOperators: TypeOperators,
  pseudonymIndex: ReadonlyMap<string, number>,
): BuiltRelease {
  const fieldItems = new Map(items.filter((item) => item.kind === 'field').map((item) => [item.field, item]));
  const op = (path: string) => effectiveFieldOperator(original, path, fieldItems);
  const generalised: BuiltRelease['generalised'] = {};

  // Structured fields: start from a copy and take away.
  const release = structuredClone(original) as TestimonyRecord & Record<string, unknown>;
  delete (release as Partial<TestimonyRecord>).consent;
  if (release.translation) delete release.translation.translator;
  release.people = release.people.map((person) => ({ id: person.id, relation: person.relation, otherNames: [], ...(person.note !== undefined ? { note: person.note } : {}) }));

  const source = original.interviewee;
  if (source) {
    const interviewee: NonNullable<TestimonyRecord['interviewee']> = {};
    if (source.birthYear !== undefined) {
      const { operator } = op('interviewee.birthYear');
      if (operator === 'keep') interviewee.birthYear = source.birthYear;
      else if (operator === 'generalise') generalised.birthDecade = decadeOf(source.birthYear);
    }
    if (source.yearLeftNorthKorea !== undefined) {
      const { operator, level } = op('interviewee.yearLeftNorthKorea');
      if (operator === 'keep') interviewee.yearLeftNorthKorea = source.yearLeftNorthKorea;
      else if (operator === 'generalise') generalised.yearLeftNorthKorea = yearRange(source.yearLeftNorthKorea, level === 'decade' ? 'decade' : 'band5');
    }
    const provinceKept = source.homeProvince !== undefined && op('interviewee.homeProvince').operator === 'keep';
    if (provinceKept) interviewee.homeProvince = { ...source.homeProvince! };
    if (source.homeCounty !== undefined) {
      const { operator } = op('interviewee.homeCounty');
      if (operator === 'keep') interviewee.homeCounty = { ...source.homeCounty };
      else if (operator === 'generalise' && (provinceKept || source.homeProvince === undefined)) {
        const provinceId = provinceIdOf(source.homeCounty.gazetteerId) ?? provinceIdOf(source.homeCounty.text ? placeForSurface(source.homeCounty.text)?.id : undefined);
        if (provinceId && isProvinceId(provinceId) && !interviewee.homeProvince) interviewee.homeProvince = { gazetteerId: provinceId };
      }
    }
    for (const name of ['sex', 'occupation', 'currentCountry'] as const) {
      if (source[name] !== undefined && op(`interviewee.${name}`).operator === 'keep') (interviewee as Record<string, unknown>)[name] = source[name];
    }
    release.interviewee = interviewee;
  }

  release.events = original.events.map((event, i) => {
    const out = structuredClone(event);
    if (event.date !== undefined) {
      const { operator, level } = op(`events[${i}].date`);
      const date = operator === 'keep' ? event.date : operator === 'generalise' ? generaliseEdtf(event.date, level === 'decade' ? 'decade' : 'year') : undefined;
      if (date === undefined) delete out.date;
      else out.date = date;
    }
    if (event.place !== undefined) {
      const { operator } = op(`events[${i}].place`);
      if (operator === 'keep') out.place = { ...event.place };
      else {
        delete out.place;
        if (operator === 'generalise') {
          const provinceId = provinceIdOf(event.place.gazetteerId) ?? (event.place.text ? provinceIdOf(placeForSurface(event.place.text)?.id) : undefined);
          if (provinceId) out.place = { gazetteerId: provinceId };
        }
      }
    }
    if (event.facility !== undefined && op(`events[${i}].facility`).operator !== 'keep') delete out.facility;
    return out;
  });

  // Texts: every free-text field of the original that still exists in the release.
  const ranges: BuiltRelease['ranges'] = {};
  const spansByField = new Map<string, DecisionItem[]>();
  for (const item of items) {
    if (item.kind !== 'span') continue;
    const list = spansByField.get(item.field) ?? [];
    list.push(item);
    spansByField.set(item.field, list);
  }
  for (const field of textFieldsOf(original)) {
    if (getAtPath(release, field.path) === undefined) continue;
    const applied = applySpans(field, spansByField.get(field.path) ?? [], typeOperators, pseudonymIndex);
    setAtPath(release, field.path, applied.text);
    ranges[field.path] = { replaced: applied.replaced, kept: applied.kept };
  }

  const parsed = parseTestimonyRecord(release);
  // Redaction only removes and replaces, so a failure here is a bug, never the user's input.
  if (!parsed.ok) throw new Error(`redacted record fails the testimony schema: ${parsed.issues.slice(0, 3).join('; ')}`);
  const consentScopes = CONSENT_SCOPE_TERMS.map((term) => term.code as ConsentScope).filter((scope) => consentAllows(original.consent, scope));
  return { record: parsed.value, generalised, consentScopes, ranges };
}
