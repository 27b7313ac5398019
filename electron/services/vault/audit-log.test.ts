import path from 'node:path';
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/helpers/temp';
import { openEncryptedDatabase, type VaultDatabase } from './database';
import { migrate } from './migrations';
import { appendAudit, verifyAuditChain } from './audit-log';

function logWithEntries(count: number): VaultDatabase {
  const db = openEncryptedDatabase(path.join(tempDir(), 'audit.db'), crypto.randomBytes(32), { create: true });
  migrate(db);
  for (let index = 0; index < count; index += 1) {
    appendAudit(db, { userId: 'u1', action: 'testimony.add', target: `t${index}`, details: { version: 1 } });
  }
  return db;
}

describe('audit chain', () => {
  it('verifies an intact chain', () => {
    const db = logWithEntries(5);
    expect(verifyAuditChain(db)).toEqual({ ok: true, entries: 5 });
    db.close();
  });

  it.each([
    ['an edited action', "UPDATE audit_log SET action = 'testimony.view' WHERE seq = 3", /entry 3 was altered/],
    ['an edited user', "UPDATE audit_log SET user_id = 'someone else' WHERE seq = 2", /entry 2 was altered/],
    ['edited details', `UPDATE audit_log SET details = '{"version":2}' WHERE seq = 4`, /entry 4 was altered/],
    ['a deleted entry in the middle', 'DELETE FROM audit_log WHERE seq = 2', /entry 2 is missing/],
    ['the last entry deleted', 'DELETE FROM audit_log WHERE seq = 5', /removed from the end/],
    ['every entry deleted', 'DELETE FROM audit_log', /removed from the end/],
  ])('detects %s', (_name, sql, problem) => {
    const db = logWithEntries(5);
    db.exec(sql);
    const result = verifyAuditChain(db);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.problem).toMatch(problem);
    db.close();
  });

  it('detects an entry rewritten with a recomputed hash, because the next entry no longer follows', () => {
    const db = logWithEntries(4);
    db.prepare("UPDATE audit_log SET action = 'x', hash = ? WHERE seq = 2").run('f'.repeat(64));
    const result = verifyAuditChain(db);
    expect(result.ok).toBe(false);
    db.close();
  });
});
