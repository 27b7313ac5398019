import crypto from 'node:crypto';
import type { VaultDatabase } from './database';

/**
 * The audit log: every change with who, when and what, hash-chained so that an edited, inserted or
 * removed entry is detected. The newest entry's hash is also kept in `meta`, so that cutting entries
 * off the end is detected too. Entries hold ids, versions and hashes only, never testimony content.
 */

const GENESIS = '0'.repeat(64);
const HEAD_KEY = 'audit_head';

export type AuditDetails = Record<string, string | number | boolean | null | string[]>;

export interface AuditEntry {
  seq: number;
  at: string;
  userId: string | null;
  action: string;
  target: string | null;
  details: AuditDetails;
  prevHash: string;
  hash: string;
}

function entryHash(entry: Omit<AuditEntry, 'hash'>, detailsText: string): string {
  return crypto
    .createHash('sha256')
    .update(JSON.stringify([entry.prevHash, entry.seq, entry.at, entry.userId, entry.action, entry.target, detailsText]))
    .digest('hex');
}

/** Appends one entry; call inside the transaction that makes the change it records. */
export function appendAudit(
  db: VaultDatabase,
  entry: { userId: string | null; action: string; target?: string | null; details?: AuditDetails },
): AuditEntry {
  // Inside the caller's transaction this is a savepoint; alone it is its own transaction.
  return db.transaction(() => appendAuditEntry(db, entry))();
}

function appendAuditEntry(
  db: VaultDatabase,
  entry: { userId: string | null; action: string; target?: string | null; details?: AuditDetails },
): AuditEntry {
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; hash: string }
    | undefined;
  const detailsText = JSON.stringify(entry.details ?? {});
  const unsigned = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    userId: entry.userId,
    action: entry.action,
    target: entry.target ?? null,
    details: entry.details ?? {},
    prevHash: last?.hash ?? GENESIS,
  };
  const hash = entryHash(unsigned, detailsText);
  db.prepare(
    'INSERT INTO audit_log (seq, at, user_id, action, target, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(unsigned.seq, unsigned.at, unsigned.userId, unsigned.action, unsigned.target, detailsText, unsigned.prevHash, hash);
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    HEAD_KEY,
    `${unsigned.seq}:${hash}`,
  );
  return { ...unsigned, hash };
}

export type AuditVerification = { ok: true; entries: number } | { ok: false; entries: number; problem: string };

export function verifyAuditChain(db: VaultDatabase): AuditVerification {
  const rows = db
    .prepare('SELECT seq, at, user_id, action, target, details, prev_hash, hash FROM audit_log ORDER BY seq')
    .iterate() as IterableIterator<{
    seq: number;
    at: string;
    user_id: string | null;
    action: string;
    target: string | null;
    details: string;
    prev_hash: string;
    hash: string;
  }>;
  let expectedSeq = 1;
  let previous = GENESIS;
  let count = 0;
  for (const row of rows) {
    if (row.seq !== expectedSeq) return { ok: false, entries: count, problem: `entry ${expectedSeq} is missing` };
    if (row.prev_hash !== previous) return { ok: false, entries: count, problem: `entry ${row.seq} does not follow entry ${row.seq - 1}` };
    let details: AuditDetails;
    try {
      details = JSON.parse(row.details) as AuditDetails;
    } catch {
      return { ok: false, entries: count, problem: `entry ${row.seq} has damaged details` };
    }
    const recomputed = entryHash(
      { seq: row.seq, at: row.at, userId: row.user_id, action: row.action, target: row.target, details, prevHash: row.prev_hash },
      row.details,
    );
    if (recomputed !== row.hash) return { ok: false, entries: count, problem: `entry ${row.seq} was altered` };
    previous = row.hash;
    expectedSeq += 1;
    count += 1;
  }
  const head = (db.prepare('SELECT value FROM meta WHERE key = ?').get(HEAD_KEY) as { value: string } | undefined)?.value;
  const expectedHead = count === 0 ? undefined : `${count}:${previous}`;
  if (head !== expectedHead) {
    return { ok: false, entries: count, problem: 'entries were removed from the end of the log' };
  }
  return { ok: true, entries: count };
}

export function listAudit(db: VaultDatabase, options: { target?: string; limit?: number } = {}): AuditEntry[] {
  const limit = Math.min(options.limit ?? 1000, 100_000);
  const rows = (
    options.target
      ? db.prepare('SELECT * FROM audit_log WHERE target = ? ORDER BY seq LIMIT ?').all(options.target, limit)
      : db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?').all(limit)
  ) as Array<{ seq: number; at: string; user_id: string | null; action: string; target: string | null; details: string; prev_hash: string; hash: string }>;
  return rows.map((row) => ({
    seq: row.seq,
    at: row.at,
    userId: row.user_id,
    action: row.action,
    target: row.target,
    details: JSON.parse(row.details) as AuditDetails,
    prevHash: row.prev_hash,
    hash: row.hash,
  }));
}
