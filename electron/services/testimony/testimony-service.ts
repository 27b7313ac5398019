import crypto from 'node:crypto';
import { UserError } from '@shared/errors';
import {
  canTransition,
  parseTestimonyInput,
  parseTestimonyRecord,
  type TestimonyRecord,
  type TestimonyStatus,
} from '@shared/testimony/schema';
import type { Vault } from '../vault/vault';
import { indexTestimony } from '../search/search-index';
import { recordQuasiIdentifiers } from '../redaction/quasi-index';

export interface TestimonySummary {
  id: string;
  title: string;
  status: TestimonyStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface TestimonyDetail extends TestimonySummary {
  record: TestimonyRecord;
  recordSha256: string;
}

export interface TestimonyVersionInfo {
  version: number;
  createdAt: string;
  createdBy: string;
  recordSha256: string;
}

/** Canonical text of a record, so that its hash is stable across writes. */
export function canonicalRecordText(record: TestimonyRecord): string {
  return JSON.stringify(record);
}

function sha256(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

function invalid(issues: string[]): UserError {
  const shown = issues.slice(0, 5).join('; ');
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  return new UserError('invalid-testimony', `Invalid testimony: ${shown}${more}`);
}

type SummaryRow = { id: string; title: string; status: TestimonyStatus; current_version: number; created_at: string; updated_at: string };
const toSummary = (row: SummaryRow): TestimonySummary => ({
  id: row.id,
  title: row.title,
  status: row.status,
  version: row.current_version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** Testimonies: every change is a new version, in one transaction with its index rows and audit entry. */
export class TestimonyService {
  constructor(private readonly vault: Vault) {}

  /** Adds a testimony from user input (validated); returns its id. */
  add(input: unknown): string {
    const user = this.vault.require('testimony.write');
    const parsed = parseTestimonyInput(input);
    if (!parsed.ok) throw invalid(parsed.issues);
    const record = parsed.value;
    const id = crypto.randomUUID();
    const now = new Date().toISOString();
    const text = canonicalRecordText(record);
    const db = this.vault.db;
    db.transaction(() => {
      db.prepare(
        `INSERT INTO testimonies (id, title, status, current_version, created_at, created_by, updated_at, updated_by)
         VALUES (?, ?, 'draft', 1, ?, ?, ?, ?)`,
      ).run(id, record.title, now, user.id, now, user.id);
      db.prepare(
        'INSERT INTO testimony_versions (testimony_id, version, record, record_sha256, created_at, created_by) VALUES (?, 1, ?, ?, ?, ?)',
      ).run(id, text, sha256(text), now, user.id);
      indexTestimony(db, id, record);
      recordQuasiIdentifiers(db, id, 1, record.interviewee);
      this.vault.audit('testimony.add', id, { version: 1, sha256: sha256(text) });
    })();
    return id;
  }

  /** Stores a new version. `expectedVersion` guards against overwriting an edit made meanwhile. */
  update(id: string, input: unknown, expectedVersion?: number): number {
    const user = this.vault.require('testimony.write');
    const parsed = parseTestimonyInput(input);
    if (!parsed.ok) throw invalid(parsed.issues);
    const record = parsed.value;
    const text = canonicalRecordText(record);
    const now = new Date().toISOString();
    const db = this.vault.db;
    return db.transaction(() => {
      const current = this.summaryRow(id);
      if (expectedVersion !== undefined && current.current_version !== expectedVersion) {
        throw new UserError('version-conflict', `Testimony ${id} changed meanwhile (now version ${current.current_version}); reload before saving`);
      }
      if (current.status === 'approved') {
        throw new UserError('testimony-approved', 'An approved testimony cannot be edited; return it to draft first');
      }
      const version = current.current_version + 1;
      db.prepare(
        'INSERT INTO testimony_versions (testimony_id, version, record, record_sha256, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(id, version, text, sha256(text), now, user.id);
      db.prepare('UPDATE testimonies SET title = ?, current_version = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(
        record.title,
        version,
        now,
        user.id,
        id,
      );
      indexTestimony(db, id, record);
      recordQuasiIdentifiers(db, id, version, record.interviewee);
      this.vault.audit('testimony.update', id, { version, sha256: sha256(text) });
      return version;
    })();
  }

  setStatus(id: string, status: TestimonyStatus): void {
    const needed = status === 'approved' ? 'testimony.review' : 'testimony.write';
    this.vault.require(needed);
    const db = this.vault.db;
    db.transaction(() => {
      const current = this.summaryRow(id);
      if (!canTransition(current.status, status)) {
        throw new UserError('bad-status-change', `A testimony cannot go from ${current.status} to ${status}`);
      }
      db.prepare('UPDATE testimonies SET status = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(
        status,
        new Date().toISOString(),
        this.vault.user!.id,
        id,
      );
      this.vault.audit('testimony.status', id, { from: current.status, to: status });
    })();
  }

  list(options: { status?: TestimonyStatus; limit?: number; offset?: number } = {}): TestimonySummary[] {
    this.vault.require('testimony.read');
    const limit = Math.min(Math.max(options.limit ?? 1000, 1), 100_000);
    const offset = Math.max(options.offset ?? 0, 0);
    const rows = (
      options.status
        ? this.vault.db
            .prepare('SELECT id, title, status, current_version, created_at, updated_at FROM testimonies WHERE status = ? ORDER BY created_at, id LIMIT ? OFFSET ?')
            .all(options.status, limit, offset)
        : this.vault.db
            .prepare('SELECT id, title, status, current_version, created_at, updated_at FROM testimonies ORDER BY created_at, id LIMIT ? OFFSET ?')
            .all(limit, offset)
    ) as SummaryRow[];
    return rows.map(toSummary);
  }

  count(): number {
    this.vault.require('testimony.read');
    return (this.vault.db.prepare('SELECT count(*) AS n FROM testimonies').get() as { n: number }).n;
  }

  show(id: string, version?: number): TestimonyDetail {
    this.vault.require('testimony.read');
    const summary = this.summaryRow(id);
    const wanted = version ?? summary.current_version;
    const row = this.vault.db
      .prepare('SELECT record, record_sha256 FROM testimony_versions WHERE testimony_id = ? AND version = ?')
      .get(id, wanted) as { record: string; record_sha256: string } | undefined;
    if (!row) throw new UserError('no-such-version', `Testimony ${id} has no version ${wanted}`);
    const parsed = parseTestimonyRecord(JSON.parse(row.record));
    if (!parsed.ok) throw new Error(`stored testimony ${id} v${wanted} fails its schema: ${parsed.issues.join('; ')}`);
    return { ...toSummary(summary), record: parsed.value, recordSha256: row.record_sha256 };
  }

  versions(id: string): TestimonyVersionInfo[] {
    this.vault.require('testimony.read');
    this.summaryRow(id);
    return (
      this.vault.db
        .prepare('SELECT version, created_at, created_by, record_sha256 FROM testimony_versions WHERE testimony_id = ? ORDER BY version')
        .all(id) as Array<{ version: number; created_at: string; created_by: string; record_sha256: string }>
    ).map((row) => ({ version: row.version, createdAt: row.created_at, createdBy: row.created_by, recordSha256: row.record_sha256 }));
  }

  private summaryRow(id: string): SummaryRow {
    const row = this.vault.db
      .prepare('SELECT id, title, status, current_version, created_at, updated_at FROM testimonies WHERE id = ?')
      .get(id) as SummaryRow | undefined;
    if (!row) throw new UserError('no-such-testimony', `There is no testimony ${id}`);
    return row;
  }
}
