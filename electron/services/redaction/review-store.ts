/**
 * Rows of the redaction tables (migration 0007) and the conversions to the pure types of
 * shared/redaction. Everything here runs inside the caller's transaction.
 */
import crypto from 'node:crypto';
import type { DecisionItem, ItemStatus, ItemType, TypeOperators } from '@shared/redaction/release';
import type { GeneraliseLevel, Operator } from '@shared/redaction/operators';
import type { SpanType } from '@shared/redaction/types';
import type { VaultDatabase } from '../vault/database';

export type ItemOrigin = 'detector' | 'reviewer' | 'occurrence' | 'field' | 'carried';

export interface ItemRow {
  testimony_id: string;
  item_id: string;
  kind: 'span' | 'field';
  field: string;
  start: number | null;
  end: number | null;
  surface: string;
  type: ItemType;
  score: number | null;
  reason: string;
  origin: ItemOrigin;
  status: ItemStatus;
  operator: Operator | null;
  level: GeneraliseLevel | null;
  pseudonym_key: string | null;
  decided_by: string | null;
  decided_at: string | null;
}

export interface ReviewRow {
  testimony_id: string;
  version: number;
  record_sha256: string;
  next_item: number;
  started_at: string;
  started_by: string;
  updated_at: string;
}

export function toDecisionItem(row: ItemRow): DecisionItem {
  return {
    id: row.item_id,
    kind: row.kind,
    field: row.field,
    ...(row.start !== null ? { start: row.start } : {}),
    ...(row.end !== null ? { end: row.end } : {}),
    surface: row.surface,
    type: row.type,
    status: row.status,
    ...(row.operator ? { operator: row.operator } : {}),
    ...(row.level ? { level: row.level } : {}),
    ...(row.pseudonym_key ? { pseudonymKey: row.pseudonym_key } : {}),
  };
}

export function reviewRow(db: VaultDatabase, testimonyId: string): ReviewRow | undefined {
  return db.prepare('SELECT * FROM redaction_reviews WHERE testimony_id = ?').get(testimonyId) as ReviewRow | undefined;
}

export function itemRows(db: VaultDatabase, testimonyId: string): ItemRow[] {
  return db.prepare('SELECT * FROM redaction_items WHERE testimony_id = ? ORDER BY kind DESC, field, start, item_id').all(testimonyId) as ItemRow[];
}

export function insertItem(db: VaultDatabase, row: ItemRow): void {
  db.prepare(
    `INSERT INTO redaction_items (testimony_id, item_id, kind, field, start, end, surface, type, score, reason, origin, status, operator, level, pseudonym_key, decided_by, decided_at)
     VALUES (@testimony_id, @item_id, @kind, @field, @start, @end, @surface, @type, @score, @reason, @origin, @status, @operator, @level, @pseudonym_key, @decided_by, @decided_at)`,
  ).run(row);
}

export function updateDecision(db: VaultDatabase, row: Pick<ItemRow, 'testimony_id' | 'item_id' | 'status' | 'operator' | 'level' | 'pseudonym_key' | 'decided_by' | 'decided_at'>): void {
  db.prepare(
    `UPDATE redaction_items SET status = @status, operator = @operator, level = @level, pseudonym_key = @pseudonym_key, decided_by = @decided_by, decided_at = @decided_at
     WHERE testimony_id = @testimony_id AND item_id = @item_id`,
  ).run(row);
}

/** Allocates the next item id ("s12" for a span, "f3" for a field); ids are never reused. */
export function nextItemId(db: VaultDatabase, testimonyId: string, kind: 'span' | 'field'): string {
  const row = db.prepare('UPDATE redaction_reviews SET next_item = next_item + 1 WHERE testimony_id = ? RETURNING next_item - 1 AS n').get(testimonyId) as { n: number };
  return `${kind === 'span' ? 's' : 'f'}${row.n}`;
}

export function typeOperators(db: VaultDatabase, testimonyId: string): TypeOperators {
  const rows = db.prepare('SELECT type, operator, level FROM redaction_type_operators WHERE testimony_id = ?').all(testimonyId) as Array<{ type: SpanType; operator: Operator; level: GeneraliseLevel | null }>;
  const out: TypeOperators = {};
  for (const row of rows) out[row.type] = { operator: row.operator, ...(row.level ? { level: row.level } : {}) };
  return out;
}

export function pseudonymIndex(db: VaultDatabase, testimonyId: string): Map<string, number> {
  const rows = db.prepare('SELECT pseudonym_key, label_index FROM redaction_pseudonyms WHERE testimony_id = ?').all(testimonyId) as Array<{ pseudonym_key: string; label_index: number }>;
  return new Map(rows.map((row) => [row.pseudonym_key, row.label_index]));
}

/** Gives every key a label index of its type (A, B, …) in the order given; existing ones stay. */
export function allocatePseudonyms(db: VaultDatabase, testimonyId: string, keys: readonly { key: string; type: SpanType }[]): void {
  const existing = pseudonymIndex(db, testimonyId);
  for (const { key, type } of keys) {
    if (existing.has(key)) continue;
    const next = (db.prepare('SELECT coalesce(max(label_index) + 1, 0) AS n FROM redaction_pseudonyms WHERE testimony_id = ? AND type = ?').get(testimonyId, type) as { n: number }).n;
    db.prepare('INSERT INTO redaction_pseudonyms (testimony_id, pseudonym_key, type, label_index) VALUES (?, ?, ?, ?)').run(testimonyId, key, type, next);
    existing.set(key, next);
  }
}

export interface AttachmentDecisionRow {
  attachment_id: string;
  include: number;
}

export interface RegionRow {
  attachment_id: string;
  region_id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A hash of every decision that shapes a release: items, operators per type, pseudonyms,
 * attachment choices and image regions. A prepared release remembers it; approval refuses a
 * release prepared before a later decision.
 */
export function decisionsSha256(db: VaultDatabase, testimonyId: string): string {
  const review = reviewRow(db, testimonyId);
  const items = itemRows(db, testimonyId).map((row) => [row.item_id, row.kind, row.field, row.start, row.end, row.type, row.status, row.operator, row.level, row.pseudonym_key]);
  const types = db.prepare('SELECT type, operator, level FROM redaction_type_operators WHERE testimony_id = ? ORDER BY type').all(testimonyId);
  const pseudonyms = db.prepare('SELECT pseudonym_key, type, label_index FROM redaction_pseudonyms WHERE testimony_id = ? ORDER BY pseudonym_key').all(testimonyId);
  const attachments = db
    .prepare('SELECT d.attachment_id, d.include FROM redaction_attachment_decisions d JOIN attachments a ON a.id = d.attachment_id WHERE a.testimony_id = ? ORDER BY d.attachment_id')
    .all(testimonyId);
  const regions = db
    .prepare('SELECT r.attachment_id, r.region_id, r.x, r.y, r.width, r.height FROM redaction_image_regions r JOIN attachments a ON a.id = r.attachment_id WHERE a.testimony_id = ? ORDER BY r.attachment_id, r.region_id')
    .all(testimonyId);
  const canonical = JSON.stringify([review?.version ?? null, review?.record_sha256 ?? null, items, types, pseudonyms, attachments, regions]);
  return crypto.createHash('sha256').update(canonical, 'utf8').digest('hex');
}
