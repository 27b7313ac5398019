import type { AuditDetails, AuditEntry } from '../vault/audit-log';
import type { Vault } from '../vault/vault';

/** An entry as the audit screen shows it: the chain's hashes stay with verify(). */
export type AuditPageEntry = Omit<AuditEntry, 'prevHash' | 'hash'>;

/** The audit log in pages, newest first, for the app's audit screen. Entries hold ids, never content. */
export class AuditQuery {
  constructor(private readonly vault: Vault) {}

  page(options: { beforeSeq?: number; limit: number }): { entries: AuditPageEntry[]; total: number } {
    this.vault.require('audit.read');
    const db = this.vault.db;
    const limit = Math.min(Math.max(Math.floor(options.limit), 1), 500);
    const rows = (
      options.beforeSeq === undefined
        ? db.prepare('SELECT seq, at, user_id, action, target, details FROM audit_log ORDER BY seq DESC LIMIT ?').all(limit)
        : db.prepare('SELECT seq, at, user_id, action, target, details FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?').all(options.beforeSeq, limit)
    ) as Array<{ seq: number; at: string; user_id: string | null; action: string; target: string | null; details: string }>;
    const total = (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    return {
      total,
      entries: rows.map((row) => ({
        seq: row.seq,
        at: row.at,
        userId: row.user_id,
        action: row.action,
        target: row.target,
        details: parseDetails(row.details),
      })),
    };
  }

  verify(): { intact: boolean; entries: number; problem?: string } {
    this.vault.require('audit.read');
    const result = this.vault.verifyAudit();
    return result.ok ? { intact: true, entries: result.entries } : { intact: false, entries: result.entries, problem: result.problem };
  }
}

/** A damaged details column is shown as such; verify() reports it as tampering. */
function parseDetails(text: string): AuditDetails {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as AuditDetails) : { damaged: true };
  } catch {
    return { damaged: true };
  }
}
