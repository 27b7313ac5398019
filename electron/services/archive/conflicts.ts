import { UserError } from '@shared/errors';
import type { ConflictInfo } from '@shared/archive/reports';
import type { Vault } from '../vault/vault';
import { indexTestimony } from '../search/search-index';
import { parseTestimonyRecord } from '@shared/testimony/schema';

type ConflictRow = {
  id: string;
  testimony_id: string;
  archive_id: string;
  detected_at: string;
  base_version: number;
  local_version: number;
  resolved_at: string | null;
  resolved_by_name: string | null;
  resolution: 'kept-local' | 'took-incoming' | null;
  sender_name: string;
};

const CONFLICT_SELECT = `SELECT c.id, c.testimony_id, c.archive_id, c.detected_at, c.base_version, c.local_version, c.resolved_at,
    c.resolution, u.name AS resolved_by_name, i.sender_name
  FROM testimony_conflicts c JOIN archive_imports i ON i.archive_id = c.archive_id LEFT JOIN users u ON u.id = c.resolved_by`;

/**
 * Conflicting edits found by imports: the vault's version stayed current, the other workstation's
 * versions are kept here until someone decides. Keeping the local version only closes the flag;
 * taking the incoming one stores it as a new version on top (history keeps both).
 */
export class ConflictService {
  constructor(private readonly vault: Vault) {}

  list(options: { testimonyId?: string; includeResolved?: boolean } = {}): ConflictInfo[] {
    this.vault.require('testimony.read');
    const where: string[] = [];
    const params: string[] = [];
    if (options.testimonyId) {
      where.push('c.testimony_id = ?');
      params.push(options.testimonyId);
    }
    if (!options.includeResolved) where.push('c.resolved_at IS NULL');
    const rows = this.vault.db
      .prepare(`${CONFLICT_SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY c.detected_at, c.rowid`)
      .all(...params) as ConflictRow[];
    const versionsOf = this.vault.db.prepare(
      'SELECT position, origin_version, record_sha256, origin_created_at, origin_created_by FROM testimony_conflict_versions WHERE conflict_id = ? ORDER BY position',
    );
    return rows.map((row) => ({
      id: row.id,
      testimonyId: row.testimony_id,
      archiveId: row.archive_id,
      senderName: row.sender_name,
      detectedAt: row.detected_at,
      baseVersion: row.base_version,
      localVersion: row.local_version,
      incoming: (
        versionsOf.all(row.id) as Array<{ position: number; origin_version: number; record_sha256: string; origin_created_at: string; origin_created_by: string | null }>
      ).map((version) => ({
        position: version.position,
        originVersion: version.origin_version,
        recordSha256: version.record_sha256,
        createdAt: version.origin_created_at,
        createdBy: version.origin_created_by,
      })),
      resolved: row.resolved_at ? { at: row.resolved_at, by: row.resolved_by_name ?? '(removed user)', resolution: row.resolution! } : null,
    }));
  }

  /** Ids of the given testimonies (all if none given) that have an open conflict. */
  openConflictIds(): Set<string> {
    this.vault.require('testimony.read');
    return new Set(
      (this.vault.db.prepare('SELECT DISTINCT testimony_id FROM testimony_conflicts WHERE resolved_at IS NULL').all() as Array<{ testimony_id: string }>).map(
        (row) => row.testimony_id,
      ),
    );
  }

  /** The record an incoming conflicting version holds, to compare before deciding. */
  incomingRecord(conflictId: string, position?: number): unknown {
    this.vault.require('testimony.read');
    const row = this.vault.db
      .prepare(
        position === undefined
          ? 'SELECT record FROM testimony_conflict_versions WHERE conflict_id = ? ORDER BY position DESC LIMIT 1'
          : 'SELECT record FROM testimony_conflict_versions WHERE conflict_id = ? AND position = ?',
      )
      .get(...(position === undefined ? [conflictId] : [conflictId, position])) as { record: string } | undefined;
    if (!row) throw new UserError('no-such-conflict', `There is no conflict ${conflictId}${position ? ` with version ${position}` : ''}`);
    return JSON.parse(row.record);
  }

  /**
   * Closes a conflict: keep the vault's version (nothing else changes), or take the other side's
   * newest version as a new version on top. Either way both stay in the history.
   */
  resolve(conflictId: string, choice: 'kept-local' | 'took-incoming'): { version: number } {
    const user = this.vault.require('archive.import');
    const db = this.vault.db;
    return db.transaction(() => {
      const conflict = db.prepare('SELECT testimony_id, archive_id, resolved_at FROM testimony_conflicts WHERE id = ?').get(conflictId) as
        | { testimony_id: string; archive_id: string; resolved_at: string | null }
        | undefined;
      if (!conflict) throw new UserError('no-such-conflict', `There is no conflict ${conflictId}`);
      if (conflict.resolved_at) throw new UserError('conflict-resolved', `Conflict ${conflictId} was resolved already`);
      const testimony = db.prepare('SELECT status, current_version FROM testimonies WHERE id = ?').get(conflict.testimony_id) as {
        status: string;
        current_version: number;
      };
      const now = new Date().toISOString();
      let version = testimony.current_version;
      if (choice === 'took-incoming') {
        if (testimony.status === 'approved') {
          throw new UserError('testimony-approved', 'An approved testimony cannot be edited; return it to draft first');
        }
        const head = db
          .prepare('SELECT origin_version, record, record_sha256 FROM testimony_conflict_versions WHERE conflict_id = ? ORDER BY position DESC LIMIT 1')
          .get(conflictId) as { origin_version: number; record: string; record_sha256: string };
        const parsed = parseTestimonyRecord(JSON.parse(head.record));
        if (!parsed.ok) throw new Error('a stored conflict version fails its schema');
        version += 1;
        db.prepare(
          'INSERT INTO testimony_versions (testimony_id, version, record, record_sha256, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(conflict.testimony_id, version, head.record, head.record_sha256, now, user.id);
        db.prepare('INSERT INTO imported_versions (testimony_id, version, archive_id, origin_version, origin_created_by) VALUES (?, ?, ?, ?, NULL)').run(
          conflict.testimony_id,
          version,
          conflict.archive_id,
          head.origin_version,
        );
        db.prepare('UPDATE testimonies SET title = ?, current_version = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(
          parsed.value.title,
          version,
          now,
          user.id,
          conflict.testimony_id,
        );
        indexTestimony(db, conflict.testimony_id, parsed.value);
      }
      db.prepare('UPDATE testimony_conflicts SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE id = ?').run(now, user.id, choice, conflictId);
      this.vault.audit('testimony.conflict-resolve', conflict.testimony_id, { conflict: conflictId, resolution: choice, version });
      return { version };
    })();
  }
}
