/**
 * Redaction review of a testimony: detection suggestions stored as pending items, a reviewer's
 * decisions (accept with an operator, reject = keep), spans added by hand, "apply to every
 * occurrence", operators per type, structured-field decisions, and the attachment choices
 * (include or not, rectangles to black out).
 *
 * A review belongs to the testimony version (and record SHA-256) it was made for. When a new
 * version is saved the review is stale: every decision is refused until `start` runs again, which
 * re-runs detection on the new version and carries decisions over where the text is unchanged:
 * a decided span keeps its decision if it lies in the unchanged beginning or end of its field
 * (common prefix and suffix of the old and new text) and its text is the same; a field decision
 * carries over if the field's value is the same; "every occurrence" rules apply again to the
 * new text. Spans added by hand in a changed stretch come back as pending where their text occurs.
 * Everything else starts pending again: a changed passage is reviewed afresh.
 *
 * The audit log records ids, counts, statuses and operators, never the text of a span.
 */
import crypto from 'node:crypto';
import { UserError } from '@shared/errors';
import { detectSpans } from '@shared/redaction/detect';
import type { DetectedSpan, DetectOptions, KnownTerm, SpanType } from '@shared/redaction/types';
import { SPAN_TYPES } from '@shared/redaction/types';
import { knownTermsOf } from '@shared/redaction/known-terms';
import { contains, findOccurrences, findTermsEverywhere, overlaps, surfaceKey, type TextRange } from '@shared/redaction/occurrences';
import { ALLOWED_OPERATORS, DEFAULT_OPERATORS, pseudonymLabel, type GeneraliseLevel, type Operator } from '@shared/redaction/operators';
import { derivePseudonymKey, personKeyIndex } from '@shared/redaction/pseudonyms';
import { FIELD_RULES, fieldRulePattern, decidableFieldsOf, suggestedFieldItems, effectiveSpanOperator, type ItemStatus, type ItemType } from '@shared/redaction/release';
import { normaliseFieldPath, textFieldsOf, type TextField } from '@shared/redaction/text-fields';
import type { TestimonyRecord } from '@shared/testimony/schema';
import type { Vault } from '../vault/vault';
import type { VaultDatabase } from '../vault/database';
import { TestimonyService } from '../testimony/testimony-service';
import { AttachmentService } from '../attachments/attachment-service';
import {
  allocatePseudonyms,
  insertItem,
  itemRows,
  nextItemId,
  pseudonymIndex,
  reviewRow,
  toDecisionItem,
  typeOperators,
  updateDecision,
  type ItemOrigin,
  type ItemRow,
  type ReviewRow,
} from './review-store';
import { planAttachments, readAttachmentBytes, type AttachmentPlan } from './release-attachments';
import { readImageInfo, type Rectangle } from './image-sanitiser';

export type Detector = (text: string, options?: DetectOptions) => DetectedSpan[];

export interface ReviewItemView {
  id: string;
  kind: 'span' | 'field';
  field: string;
  start?: number;
  end?: number;
  /** The original text (or, for a field, its value as JSON). Shown to reviewers inside the vault only. */
  surface: string;
  type: ItemType;
  score?: number;
  reason: string;
  origin: ItemOrigin;
  status: ItemStatus;
  /** The operator that will apply: the item's own, else its type's, else the default. */
  operator: Operator;
  level?: GeneraliseLevel;
  /** For pseudonyms already allocated: the label as it appears in a Korean / English text. */
  pseudonym?: { ko: string; en: string };
  decidedBy?: string;
  decidedAt?: string;
}

export interface ReviewView {
  testimonyId: string;
  version: number;
  recordSha256: string;
  currentVersion: number;
  stale: boolean;
  counts: { pending: number; accepted: number; rejected: number };
  typeOperators: Partial<Record<SpanType, { operator: Operator; level?: GeneraliseLevel }>>;
  items: ReviewItemView[];
}

export interface StartResult {
  testimonyId: string;
  version: number;
  /** "created", "refreshed" (a new version: decisions carried over) or "current" (nothing to do). */
  outcome: 'created' | 'refreshed' | 'current';
  items: number;
  pending: number;
  carried: number;
}

export type Decision = 'accept' | 'reject';

export interface DecideOptions {
  operator?: Operator;
  level?: GeneraliseLevel;
  /** Apply to every occurrence of the same text (in every form) in every text field. */
  all?: boolean;
  /** Use the same pseudonym as this other item. */
  sameAs?: string;
}

export interface DecideResult {
  /** Items whose decision was set (the one named, and with --all every occurrence). */
  decided: number;
  /** Occurrences found by --all that were not yet items and were added. */
  added: number;
  /** Occurrences skipped because they overlap an item of other text. */
  skipped: number;
}

interface CurrentTestimony {
  record: TestimonyRecord;
  version: number;
  sha256: string;
}

const now = () => new Date().toISOString();

function typeOfField(path: string): ItemType {
  return FIELD_RULES[fieldRulePattern(path)!]!.type;
}

export class ReviewService {
  constructor(
    private readonly vault: Vault,
    private readonly detect: Detector = detectSpans,
  ) {}

  private get db(): VaultDatabase {
    return this.vault.db;
  }

  private current(testimonyId: string, version?: number): CurrentTestimony {
    const detail = new TestimonyService(this.vault).show(testimonyId, version);
    return { record: detail.record, version: version ?? detail.version, sha256: detail.recordSha256 };
  }

  /** Known identifying terms of a record, for detection and the residual check. */
  static knownTerms(record: TestimonyRecord): KnownTerm[] {
    return knownTermsOf(record);
  }

  // -------------------------------------------------------------------------------------------
  // Start and refresh

  start(testimonyId: string): StartResult {
    const user = this.vault.require('testimony.review');
    const current = this.current(testimonyId);
    const db = this.db;
    return db.transaction((): StartResult => {
      const existing = reviewRow(db, testimonyId);
      if (existing && existing.version === current.version && existing.record_sha256 === current.sha256) {
        const rows = itemRows(db, testimonyId);
        return { testimonyId, version: current.version, outcome: 'current', items: rows.length, pending: rows.filter((r) => r.status === 'pending').length, carried: 0 };
      }
      const previous = existing ? { review: existing, items: itemRows(db, testimonyId), record: this.current(testimonyId, existing.version).record } : undefined;
      if (existing) {
        db.prepare('DELETE FROM redaction_items WHERE testimony_id = ?').run(testimonyId);
        db.prepare('UPDATE redaction_reviews SET version = ?, record_sha256 = ?, updated_at = ? WHERE testimony_id = ?').run(current.version, current.sha256, now(), testimonyId);
      } else {
        db.prepare('INSERT INTO redaction_reviews (testimony_id, version, record_sha256, next_item, started_at, started_by, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?)').run(
          testimonyId, current.version, current.sha256, now(), user.id, now(),
        );
      }
      const carried = this.suggest(testimonyId, current.record, previous);
      const rows = itemRows(db, testimonyId);
      const pending = rows.filter((r) => r.status === 'pending').length;
      this.vault.audit(existing ? 'review.refresh' : 'review.start', testimonyId, {
        version: current.version,
        sha256: current.sha256,
        items: rows.length,
        pending,
        carried,
        ...(existing ? { fromVersion: existing.version } : {}),
      });
      return { testimonyId, version: current.version, outcome: existing ? 'refreshed' : 'created', items: rows.length, pending, carried };
    })();
  }

  /** Inserts detector and field suggestions, carries decisions from `previous`; returns how many were carried. */
  private suggest(testimonyId: string, record: TestimonyRecord, previous: { review: ReviewRow; items: ItemRow[]; record: TestimonyRecord } | undefined): number {
    const db = this.db;
    const knownTerms = ReviewService.knownTerms(record);
    const persons = personKeyIndex(record);
    const fields = textFieldsOf(record);
    const fresh: ItemRow[] = [];
    const base = (kind: 'span' | 'field'): Pick<ItemRow, 'testimony_id' | 'item_id' | 'kind' | 'decided_by' | 'decided_at' | 'operator' | 'level'> => ({
      testimony_id: testimonyId, item_id: nextItemId(db, testimonyId, kind), kind, decided_by: null, decided_at: null, operator: null, level: null,
    });
    for (const field of fields) {
      for (const span of this.detect(field.text, { knownTerms })) {
        const surface = field.text.slice(span.start, span.end);
        fresh.push({
          ...base('span'), field: field.path, start: span.start, end: span.end, surface, type: span.type, score: span.score, reason: span.reason,
          origin: 'detector', status: 'pending', pseudonym_key: personKeyOfSource(record, span.knownTermSource, span.type) ?? derivePseudonymKey(persons, surface, span.type),
        });
      }
    }
    for (const suggestion of suggestedFieldItems(record)) {
      fresh.push({
        ...base('field'), field: suggestion.path, start: null, end: null, surface: JSON.stringify(suggestion.value), type: suggestion.type, score: null,
        reason: 'structured field', origin: 'field', status: 'pending', operator: suggestion.operator, level: suggestion.level ?? null, pseudonym_key: null,
      });
    }

    let carried = 0;
    if (previous) {
      const oldFields = new Map(textFieldsOf(previous.record).map((field) => [field.path, field.text]));
      const newFields = new Map(fields.map((field) => [field.path, field]));
      for (const old of previous.items) {
        const decided = old.status !== 'pending';
        if (old.kind === 'field') {
          if (!decided) continue;
          const value = decidableFieldsOf(record).find((f) => f.path === old.field);
          if (!value || JSON.stringify(value.value) !== old.surface) continue;
          const match = fresh.find((item) => item.kind === 'field' && item.field === old.field);
          if (match) Object.assign(match, decisionOf(old));
          else fresh.push({ ...base('field'), field: old.field, start: null, end: null, surface: old.surface, type: old.type, score: null, reason: 'structured field', origin: 'carried', pseudonym_key: null, ...decisionOf(old) });
          carried += 1;
          continue;
        }
        const field = newFields.get(old.field);
        const oldText = oldFields.get(old.field);
        if (!field || oldText === undefined) continue;
        const mapped = mapUnchanged(oldText, field.text, { start: old.start!, end: old.end! });
        if (mapped && field.text.slice(mapped.start, mapped.end) === old.surface) {
          if (!decided && old.origin !== 'reviewer') continue;
          const match = fresh.find((item) => item.kind === 'span' && item.field === old.field && item.start === mapped.start && item.end === mapped.end);
          if (match) {
            if (decided) Object.assign(match, decisionOf(old));
          } else if (!fresh.some((item) => item.kind === 'span' && item.field === old.field && overlaps(item as TextRange & ItemRow, mapped) && item.status !== 'pending')) {
            // Drop detector suggestions this carried span covers; it replaces them.
            for (let i = fresh.length - 1; i >= 0; i--) {
              const item = fresh[i]!;
              if (item.kind === 'span' && item.field === old.field && overlaps({ start: item.start!, end: item.end! }, mapped)) fresh.splice(i, 1);
            }
            fresh.push({ ...base('span'), field: old.field, start: mapped.start, end: mapped.end, surface: old.surface, type: old.type, score: old.score, reason: `${old.reason} (carried from version ${previous.review.version})`, origin: 'carried', pseudonym_key: old.pseudonym_key, ...decisionOf(old) });
          }
          if (decided) carried += 1;
        } else if (old.origin === 'reviewer') {
          for (const range of findOccurrences(field.text, old.surface)) {
            if (fresh.some((item) => item.kind === 'span' && item.field === old.field && overlaps({ start: item.start!, end: item.end! }, range))) continue;
            fresh.push({
              ...base('span'), field: old.field, start: range.start, end: range.end, surface: field.text.slice(range.start, range.end), type: old.type, score: null,
              reason: `added by a reviewer on version ${previous.review.version}; the text around it changed`, origin: 'carried', status: 'pending', pseudonym_key: old.pseudonym_key,
            });
          }
        }
      }
    }
    for (const row of fresh) insertItem(db, row);
    // "Every occurrence" rules decide whatever is still pending and add occurrences not yet found.
    const rules = db.prepare('SELECT * FROM redaction_term_rules WHERE testimony_id = ?').all(testimonyId) as TermRuleRow[];
    for (const rule of rules) {
      this.applyEverywhere(testimonyId, record, { surface: rule.surface, type: rule.type as SpanType, pseudonymKey: rule.pseudonym_key }, {
        status: rule.status, operator: rule.operator as Operator | null, level: rule.level as GeneraliseLevel | null, decided_by: rule.decided_by, decided_at: rule.decided_at,
      }, { onlyPending: true });
    }
    return carried;
  }

  // -------------------------------------------------------------------------------------------
  // Reading

  show(testimonyId: string): ReviewView {
    this.vault.require('testimony.read');
    const review = this.requireReview(testimonyId);
    const currentVersion = (this.db.prepare('SELECT current_version FROM testimonies WHERE id = ?').get(testimonyId) as { current_version: number }).current_version;
    const current = this.current(testimonyId);
    const operators = typeOperators(this.db, testimonyId);
    const labels = pseudonymIndex(this.db, testimonyId);
    const rows = itemRows(this.db, testimonyId);
    const items = rows.map((row): ReviewItemView => {
      const decision = row.kind === 'span' ? effectiveSpanOperator(toDecisionItem(row), operators) : { operator: row.status === 'rejected' ? ('keep' as const) : row.operator ?? 'keep', level: row.level ?? undefined };
      const labelIndex = row.pseudonym_key !== null ? labels.get(row.pseudonym_key) : undefined;
      return {
        id: row.item_id,
        kind: row.kind,
        field: row.field,
        ...(row.start !== null ? { start: row.start, end: row.end! } : {}),
        surface: row.surface,
        type: row.type,
        ...(row.score !== null ? { score: row.score } : {}),
        reason: row.reason,
        origin: row.origin,
        status: row.status,
        operator: decision.operator,
        ...(decision.level ? { level: decision.level } : {}),
        ...(labelIndex !== undefined && decision.operator === 'pseudonym' && row.type !== 'QUASI'
          ? { pseudonym: { ko: pseudonymLabel(row.type, labelIndex, 'ko'), en: pseudonymLabel(row.type, labelIndex, 'en') } }
          : {}),
        ...(row.decided_by ? { decidedBy: row.decided_by, decidedAt: row.decided_at! } : {}),
      };
    });
    return {
      testimonyId,
      version: review.version,
      recordSha256: review.record_sha256,
      currentVersion,
      stale: review.version !== currentVersion || review.record_sha256 !== current.sha256,
      counts: {
        pending: rows.filter((r) => r.status === 'pending').length,
        accepted: rows.filter((r) => r.status === 'accepted').length,
        rejected: rows.filter((r) => r.status === 'rejected').length,
      },
      typeOperators: operators,
      items,
    };
  }

  // -------------------------------------------------------------------------------------------
  // Decisions

  decide(testimonyId: string, itemId: string, decision: Decision, options: DecideOptions = {}): DecideResult {
    const user = this.vault.require('testimony.review');
    const db = this.db;
    return db.transaction((): DecideResult => {
      const { record } = this.requireCurrentReview(testimonyId);
      const row = this.requireItem(testimonyId, itemId);
      const operator = options.operator;
      if (operator) this.assertOperator(row, operator);
      let pseudonymKey = row.pseudonym_key;
      if (options.sameAs) {
        const other = this.requireItem(testimonyId, options.sameAs);
        if (other.kind !== 'span' || row.kind !== 'span' || other.type !== row.type) {
          throw new UserError('usage', `--same-as needs another span of type ${row.type}`);
        }
        pseudonymKey = other.pseudonym_key;
      }
      const status: ItemStatus = decision === 'reject' || operator === 'keep' ? 'rejected' : 'accepted';
      const decided = {
        status,
        operator: status === 'rejected' ? null : operator ?? row.operator,
        level: status === 'rejected' ? null : options.level ?? (operator ? null : row.level),
        decided_by: user.id,
        decided_at: now(),
      };
      updateDecision(db, { testimony_id: testimonyId, item_id: itemId, pseudonym_key: pseudonymKey, ...decided });
      let result: DecideResult = { decided: 1, added: 0, skipped: 0 };
      if (options.all) {
        if (row.kind !== 'span') throw new UserError('usage', '--all applies to spans of text, not to structured fields');
        const everywhere = this.applyEverywhere(testimonyId, record, { surface: row.surface, type: row.type as SpanType, pseudonymKey }, decided, { onlyPending: false });
        result = { decided: 1 + everywhere.decided, added: everywhere.added, skipped: everywhere.skipped };
        db.prepare(
          `INSERT INTO redaction_term_rules (testimony_id, surface_key, surface, type, status, operator, level, pseudonym_key, decided_by, decided_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (testimony_id, surface_key) DO UPDATE SET surface = excluded.surface, type = excluded.type, status = excluded.status, operator = excluded.operator,
             level = excluded.level, pseudonym_key = excluded.pseudonym_key, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
        ).run(testimonyId, surfaceKey(row.surface), row.surface, row.type, decided.status, decided.operator, decided.level, pseudonymKey, user.id, decided.decided_at);
      }
      this.vault.audit('review.decide', testimonyId, {
        item: itemId,
        decision: status,
        operator: decided.operator,
        all: options.all === true,
        decided: result.decided,
        added: result.added,
      });
      return result;
    })();
  }

  /**
   * Sets a decision on every occurrence of a surface (and, for a person named in the structured
   * fields, of every recorded spelling of their name) in every text field.
   */
  private applyEverywhere(
    testimonyId: string,
    record: TestimonyRecord,
    term: { surface: string; type: SpanType; pseudonymKey: string | null },
    decided: Pick<ItemRow, 'status' | 'operator' | 'level' | 'decided_by' | 'decided_at'>,
    options: { onlyPending: boolean },
  ): DecideResult {
    const db = this.db;
    const terms = new Set<string>([term.surface]);
    if (term.pseudonymKey?.startsWith('person:')) {
      for (const name of namesOfPerson(record, term.pseudonymKey)) {
        terms.add(name);
        if (/^[\uac00-\ud7a3]{3}$/u.test(name.trim())) terms.add(name.trim().slice(1));
      }
    }
    const result: DecideResult = { decided: 0, added: 0, skipped: 0 };
    const rows = itemRows(db, testimonyId).filter((row) => row.kind === 'span');
    for (const field of textFieldsOf(record)) {
      const ranges = findTermsEverywhere(field.text, [...terms].map((text) => ({ text, type: term.type })));
      const inField = rows.filter((row) => row.field === field.path);
      for (const range of ranges) {
        const overlapping = inField.filter((row) => overlaps({ start: row.start!, end: row.end! }, range));
        if (overlapping.length === 0) {
          insertItem(db, {
            testimony_id: testimonyId, item_id: nextItemId(db, testimonyId, 'span'), kind: 'span', field: field.path, start: range.start, end: range.end,
            surface: field.text.slice(range.start, range.end), type: term.type, score: null, reason: 'another occurrence of a decided text', origin: 'occurrence',
            pseudonym_key: term.pseudonymKey, ...decided,
          });
          result.added += 1;
          continue;
        }
        for (const row of overlapping) {
          const same = contains({ start: row.start!, end: row.end! }, range) || contains(range, { start: row.start!, end: row.end! });
          if (!same || row.type !== term.type) {
            result.skipped += 1;
            continue;
          }
          if (options.onlyPending && row.status !== 'pending') continue;
          updateDecision(db, { testimony_id: testimonyId, item_id: row.item_id, pseudonym_key: term.pseudonymKey ?? row.pseudonym_key, ...decided });
          result.decided += 1;
        }
      }
    }
    return result;
  }

  /** Adds a span by hand (accepted: a reviewer marks what must go). Spans it covers whole are replaced by it. */
  add(testimonyId: string, span: { field?: string; start: number; end: number; type: SpanType; operator?: Operator; level?: GeneraliseLevel }): ReviewItemView {
    const user = this.vault.require('testimony.review');
    const db = this.db;
    return db.transaction(() => {
      const { record } = this.requireCurrentReview(testimonyId);
      const path = normaliseFieldPath(span.field ?? 'narrative.text');
      const field = textFieldsOf(record).find((f) => f.path === path);
      if (!field) throw new UserError('no-such-field', `The testimony has no text field ${path}`);
      if (!Number.isInteger(span.start) || !Number.isInteger(span.end) || span.start < 0 || span.end > field.text.length || span.start >= span.end) {
        throw new UserError('bad-span', `A span of ${path} runs from 0 to ${field.text.length} with start before end`);
      }
      if (splitsSurrogate(field.text, span.start) || splitsSurrogate(field.text, span.end)) throw new UserError('bad-span', 'The span would cut a character in two');
      if (!(SPAN_TYPES as readonly string[]).includes(span.type)) throw new UserError('usage', `unknown type ${span.type}: use ${SPAN_TYPES.join(', ')}`);
      if (span.operator && !ALLOWED_OPERATORS[span.type].includes(span.operator)) {
        throw new UserError('bad-operator', `${span.operator} does not apply to ${span.type} (use ${ALLOWED_OPERATORS[span.type].join(', ')})`);
      }
      const range = { start: span.start, end: span.end };
      const existing = itemRows(db, testimonyId).filter((row) => row.kind === 'span' && row.field === path && overlaps({ start: row.start!, end: row.end! }, range));
      const partial = existing.find((row) => !contains(range, { start: row.start!, end: row.end! }));
      if (partial) {
        throw new UserError('span-overlap', `The span overlaps ${partial.item_id} (${partial.start}–${partial.end}) without covering it; cover it whole or decide on it instead`);
      }
      for (const row of existing) db.prepare('DELETE FROM redaction_items WHERE testimony_id = ? AND item_id = ?').run(testimonyId, row.item_id);
      const surface = field.text.slice(span.start, span.end);
      const status: ItemStatus = span.operator === 'keep' ? 'rejected' : 'accepted';
      const row: ItemRow = {
        testimony_id: testimonyId, item_id: nextItemId(db, testimonyId, 'span'), kind: 'span', field: path, start: span.start, end: span.end, surface, type: span.type,
        score: null, reason: 'added by a reviewer', origin: 'reviewer', status, operator: status === 'rejected' ? null : span.operator ?? null, level: span.level ?? null,
        pseudonym_key: derivePseudonymKey(personKeyIndex(record), surface, span.type), decided_by: user.id, decided_at: now(),
      };
      insertItem(db, row);
      this.vault.audit('review.add', testimonyId, { item: row.item_id, field: path, type: span.type, replaced: existing.length });
      return this.show(testimonyId).items.find((item) => item.id === row.item_id)!;
    })();
  }

  /** The operator for every span of a type that has no operator of its own. */
  setTypeOperator(testimonyId: string, type: SpanType, operator: Operator, level?: GeneraliseLevel): void {
    this.vault.require('testimony.review');
    if (!ALLOWED_OPERATORS[type].includes(operator)) throw new UserError('bad-operator', `${operator} does not apply to ${type} (use ${ALLOWED_OPERATORS[type].join(', ')})`);
    const db = this.db;
    db.transaction(() => {
      this.requireCurrentReview(testimonyId);
      if (operator === DEFAULT_OPERATORS[type] && level === undefined) {
        db.prepare('DELETE FROM redaction_type_operators WHERE testimony_id = ? AND type = ?').run(testimonyId, type);
      } else {
        db.prepare('INSERT INTO redaction_type_operators (testimony_id, type, operator, level) VALUES (?, ?, ?, ?) ON CONFLICT (testimony_id, type) DO UPDATE SET operator = excluded.operator, level = excluded.level').run(
          testimonyId, type, operator, level ?? null,
        );
      }
      this.vault.audit('review.operator', testimonyId, { type, operator, level: level ?? null });
    })();
  }

  /** A decision on a structured field: `interviewee.birthYear generalise`, `events[0].date keep`. */
  setField(testimonyId: string, path: string, operator: Operator, level?: GeneraliseLevel): ReviewItemView {
    const user = this.vault.require('testimony.review');
    const db = this.db;
    return db.transaction(() => {
      const { record } = this.requireCurrentReview(testimonyId);
      const pattern = fieldRulePattern(path);
      if (!pattern) throw new UserError('no-such-field', `${path} is not a field decided in review (use one of ${Object.keys(FIELD_RULES).join(', ')} with an index for events)`);
      const value = decidableFieldsOf(record).find((f) => f.path === path);
      if (!value) throw new UserError('no-such-field', `The testimony has no ${path}`);
      const rule = FIELD_RULES[pattern]!;
      if (!rule.operators.includes(operator)) throw new UserError('bad-operator', `${operator} does not apply to ${path} (use ${rule.operators.join(', ')})`);
      const status: ItemStatus = operator === 'keep' ? 'rejected' : 'accepted';
      const existing = itemRows(db, testimonyId).find((row) => row.kind === 'field' && row.field === path);
      const decided = { status, operator: status === 'rejected' ? null : operator, level: level ?? null, decided_by: user.id, decided_at: now() };
      let itemId: string;
      if (existing) {
        itemId = existing.item_id;
        updateDecision(db, { testimony_id: testimonyId, item_id: itemId, pseudonym_key: null, ...decided });
      } else {
        itemId = nextItemId(db, testimonyId, 'field');
        insertItem(db, { testimony_id: testimonyId, item_id: itemId, kind: 'field', field: path, start: null, end: null, surface: JSON.stringify(value.value), type: typeOfField(path), score: null, reason: 'set by a reviewer', origin: 'field', pseudonym_key: null, ...decided });
      }
      this.vault.audit('review.field', testimonyId, { item: itemId, field: path, operator });
      return this.show(testimonyId).items.find((item) => item.id === itemId)!;
    })();
  }

  // -------------------------------------------------------------------------------------------
  // Attachments

  /** Includes or leaves out an attachment. Audio and video need this to be included at all. */
  includeAttachment(attachmentId: string, include: boolean): { warning?: string } {
    const user = this.vault.require('testimony.review');
    const info = this.attachmentInfo(attachmentId);
    const db = this.db;
    db.transaction(() => {
      this.requireCurrentReview(info.testimonyId);
      db.prepare('INSERT INTO redaction_attachment_decisions (attachment_id, include, decided_by, decided_at) VALUES (?, ?, ?, ?) ON CONFLICT (attachment_id) DO UPDATE SET include = excluded.include, decided_by = excluded.decided_by, decided_at = excluded.decided_at').run(
        attachmentId, include ? 1 : 0, user.id, now(),
      );
      this.vault.audit('review.attachment', info.testimonyId, { attachment: attachmentId, include });
    })();
    if (include && /^(audio|video)\//.test(info.mediaType)) {
      return { warning: 'A voice identifies a person as surely as a name, and the file is released as recorded (its own metadata included): include it only with the interviewee\'s informed consent' };
    }
    return {};
  }

  /** Adds a rectangle to black out, in the pixels of the image as displayed (after EXIF orientation). */
  async addRegion(attachmentId: string, rectangle: Rectangle): Promise<{ regionId: string }> {
    const user = this.vault.require('testimony.review');
    const info = this.attachmentInfo(attachmentId);
    const bytes = await readAttachmentBytes(this.vault, attachmentId);
    let image;
    try {
      image = readImageInfo(bytes);
    } finally {
      bytes.fill(0);
    }
    const { x, y, width, height } = rectangle;
    if (![x, y, width, height].every((n) => Number.isInteger(n)) || x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > image.orientedWidth || y + height > image.orientedHeight) {
      throw new UserError('bad-region', `A region must lie inside the image, ${image.orientedWidth}×${image.orientedHeight} pixels as displayed`);
    }
    const regionId = `r${crypto.randomBytes(4).toString('hex')}`;
    const db = this.db;
    db.transaction(() => {
      this.requireCurrentReview(info.testimonyId);
      db.prepare('INSERT INTO redaction_image_regions (attachment_id, region_id, x, y, width, height, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        attachmentId, regionId, x, y, width, height, user.id, now(),
      );
      this.vault.audit('review.region', info.testimonyId, { attachment: attachmentId, region: regionId });
    })();
    return { regionId };
  }

  removeRegion(attachmentId: string, regionId: string): void {
    this.vault.require('testimony.review');
    const info = this.attachmentInfo(attachmentId);
    const db = this.db;
    db.transaction(() => {
      this.requireCurrentReview(info.testimonyId);
      const removed = db.prepare('DELETE FROM redaction_image_regions WHERE attachment_id = ? AND region_id = ?').run(attachmentId, regionId).changes;
      if (removed === 0) throw new UserError('no-such-region', `Attachment ${attachmentId} has no region ${regionId}`);
      this.vault.audit('review.region-remove', info.testimonyId, { attachment: attachmentId, region: regionId });
    })();
  }

  regions(attachmentId: string): (Rectangle & { regionId: string })[] {
    this.vault.require('testimony.read');
    return this.db
      .prepare('SELECT region_id AS regionId, x, y, width, height FROM redaction_image_regions WHERE attachment_id = ? ORDER BY created_at, region_id')
      .all(attachmentId) as (Rectangle & { regionId: string })[];
  }

  /** What a release would do with each attachment of the testimony, from the choices made so far. */
  attachmentPlans(testimonyId: string): AttachmentPlan[] {
    this.vault.require('testimony.read');
    this.current(testimonyId);
    return planAttachments(this.vault, testimonyId);
  }

  /** An image's size as displayed (after its EXIF orientation): the space regions are drawn in. */
  async imageSize(attachmentId: string): Promise<{ width: number; height: number }> {
    this.vault.require('testimony.read');
    this.attachmentInfo(attachmentId);
    const bytes = await readAttachmentBytes(this.vault, attachmentId);
    try {
      const image = readImageInfo(bytes);
      return { width: image.orientedWidth, height: image.orientedHeight };
    } finally {
      bytes.fill(0);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Checks

  private attachmentInfo(attachmentId: string): { testimonyId: string; mediaType: string } {
    const row = this.db.prepare('SELECT testimony_id, media_type FROM attachments WHERE id = ?').get(attachmentId) as { testimony_id: string; media_type: string } | undefined;
    if (!row) throw new UserError('no-such-attachment', `There is no attachment ${attachmentId}`);
    return { testimonyId: row.testimony_id, mediaType: row.media_type };
  }

  private requireReview(testimonyId: string): ReviewRow {
    const review = reviewRow(this.db, testimonyId);
    if (!review) {
      this.current(testimonyId); // "no such testimony" first, if that is the problem
      throw new UserError('no-review', `Testimony ${testimonyId} has no review yet; start one with tw review start ${testimonyId}`);
    }
    return review;
  }

  /** The review, refusing one made for an older version: decisions on stale offsets would land on the wrong words. */
  requireCurrentReview(testimonyId: string): { review: ReviewRow; record: TestimonyRecord; version: number; sha256: string } {
    const review = this.requireReview(testimonyId);
    const current = this.current(testimonyId);
    if (review.version !== current.version || review.record_sha256 !== current.sha256) {
      throw new UserError('review-stale', `Testimony ${testimonyId} changed since its review (review of version ${review.version}, now version ${current.version}); run tw review start ${testimonyId} to carry the decisions over`);
    }
    return { review, ...current };
  }

  private requireItem(testimonyId: string, itemId: string): ItemRow {
    const row = this.db.prepare('SELECT * FROM redaction_items WHERE testimony_id = ? AND item_id = ?').get(testimonyId, itemId) as ItemRow | undefined;
    if (!row) throw new UserError('no-such-item', `The review of ${testimonyId} has no item ${itemId}`);
    return row;
  }

  private assertOperator(row: ItemRow, operator: Operator): void {
    const allowed = row.kind === 'field' ? FIELD_RULES[fieldRulePattern(row.field)!]!.operators : ALLOWED_OPERATORS[row.type as SpanType];
    if (!allowed.includes(operator)) throw new UserError('bad-operator', `${operator} does not apply to ${row.kind === 'field' ? row.field : row.type} (use ${allowed.join(', ')})`);
  }

  /** Ensures every pseudonym in use has a label (in order of first appearance). Inside the caller's transaction. */
  static allocate(db: VaultDatabase, testimonyId: string, keys: readonly { key: string; type: SpanType }[]): void {
    allocatePseudonyms(db, testimonyId, keys);
  }
}

interface TermRuleRow {
  surface: string;
  type: string;
  status: 'accepted' | 'rejected';
  operator: string | null;
  level: string | null;
  pseudonym_key: string | null;
  decided_by: string;
  decided_at: string;
}

function decisionOf(row: ItemRow): Pick<ItemRow, 'status' | 'operator' | 'level' | 'decided_by' | 'decided_at'> & { pseudonym_key?: string | null } {
  return { status: row.status, operator: row.operator, level: row.level, decided_by: row.decided_by, decided_at: row.decided_at, ...(row.pseudonym_key ? { pseudonym_key: row.pseudonym_key } : {}) };
}

/**
 * Maps a range of the old text to the new one when it lies in their common beginning or end.
 * Anything in between is the changed stretch and is not mapped.
 */
export function mapUnchanged(oldText: string, newText: string, range: TextRange): TextRange | undefined {
  const max = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < max && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix += 1;
  let suffix = 0;
  while (suffix < max - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix += 1;
  if (range.end <= prefix) return { ...range };
  const delta = newText.length - oldText.length;
  if (range.start >= oldText.length - suffix) return { start: range.start + delta, end: range.end + delta };
  return undefined;
}

/** A span found from a person's recorded name (knownTermSource "people[1].otherNames[0]") belongs to that person. */
function personKeyOfSource(record: TestimonyRecord, source: string | undefined, type: SpanType): string | undefined {
  if (type !== 'PERSON' || !source) return undefined;
  const person = /^people\[(\d+)\]\.(?:name|otherNames)/.exec(source);
  if (person) {
    const id = record.people[Number(person[1])]?.id;
    return id ? `person:${id}` : undefined;
  }
  if (/^interviewee\.identity\.(?:realName|otherNames)/.test(source)) return `person:${record.people.find((p) => p.relation === 'self')?.id ?? 'self'}`;
  return undefined;
}

function namesOfPerson(record: TestimonyRecord, personKey: string): string[] {
  const id = personKey.slice('person:'.length);
  const person = record.people.find((p) => p.id === id);
  const names = person ? [person.name, ...person.otherNames] : [];
  const selfId = record.people.find((p) => p.relation === 'self')?.id ?? 'self';
  if (id === selfId && record.interviewee?.identity) names.push(record.interviewee.identity.realName, ...record.interviewee.identity.otherNames);
  return names.filter((name): name is string => typeof name === 'string' && name.trim().length > 0);
}

function splitsSurrogate(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return false;
  const before = text.charCodeAt(index - 1);
  return before >= 0xd800 && before <= 0xdbff;
}

export type { TextField };
