import path from 'node:path';
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/helpers/temp';
import { openEncryptedDatabase } from '../database';
import { assertMigrationsMonotonic, migrate, MIGRATIONS, SCHEMA_VERSION } from './index';

function freshDatabase() {
  return openEncryptedDatabase(path.join(tempDir(), 'm.db'), crypto.randomBytes(32), { create: true });
}

describe('migrations', () => {
  it('are numbered 1, 2, 3 … in the order they run', () => {
    expect(() => assertMigrationsMonotonic(MIGRATIONS)).not.toThrow();
    expect(() => assertMigrationsMonotonic([MIGRATIONS[1]!, MIGRATIONS[0]!])).toThrow(/expected 1/);
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('0001-initial creates users, testimonies, versions, audit and meta', () => {
    const db = freshDatabase();
    migrate(db, 1);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    db.prepare("INSERT INTO users (id, name, roles, created_at) VALUES ('u', 'n', '[]', 'now')").run();
    db.prepare("INSERT INTO testimonies VALUES ('t', 'title', 'draft', 1, 'now', 'u', 'now', 'u')").run();
    expect(() => db.prepare("INSERT INTO testimonies VALUES ('t2', 'x', 'published', 1, 'now', 'u', 'now', 'u')").run()).toThrow(/CHECK/);
    db.close();
  });

  it('0002-search adds the full-text index and facets, keeping the testimonies of version 1', () => {
    const db = freshDatabase();
    migrate(db, 1);
    db.prepare("INSERT INTO users (id, name, roles, created_at) VALUES ('u', 'n', '[]', 'now')").run();
    db.prepare("INSERT INTO testimonies VALUES ('t', 'title', 'draft', 1, 'now', 'u', 'now', 'u')").run();
    migrate(db, 2);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare('SELECT id FROM testimonies').all()).toEqual([{ id: 't' }]);
    db.prepare("INSERT INTO testimony_fts (rowid, title, narrative, translation, fields) VALUES (1, '회영 영', '', '', '')").run();
    expect(db.prepare("SELECT rowid FROM testimony_fts WHERE testimony_fts MATCH '\"회영\"'").all()).toEqual([{ rowid: 1 }]);
    db.close();
  });

  it('0003-attachments adds attachments linked to testimonies, keeping earlier rows', () => {
    const db = freshDatabase();
    migrate(db, 2);
    db.prepare("INSERT INTO users (id, name, roles, created_at) VALUES ('u', 'n', '[]', 'now')").run();
    db.prepare("INSERT INTO testimonies VALUES ('t', 'title', 'draft', 1, 'now', 'u', 'now', 'u')").run();
    migrate(db, 3);
    db.prepare(
      "INSERT INTO attachments VALUES ('a', 't', 'b', x'00', 'photo.jpg', 'image/jpeg', 1, 'sha', 'now', 'u')",
    ).run();
    expect(() =>
      db.prepare("INSERT INTO attachments VALUES ('a2', 'missing', 'b2', x'00', 'p', 'image/jpeg', 1, 'sha', 'now', 'u')").run(),
    ).toThrow(/FOREIGN KEY/);
    expect(db.prepare('SELECT id FROM testimonies').all()).toEqual([{ id: 't' }]);
    db.close();
  });

  it('0005-archive-keys adds own keys (one current) and trusted workstations (unique while active)', () => {
    const db = freshDatabase();
    migrate(db, 4);
    db.prepare("INSERT INTO users (id, name, roles, created_at) VALUES ('u', 'n', '[]', 'now')").run();
    db.prepare("INSERT INTO testimonies VALUES ('t', 'title', 'draft', 1, 'now', 'u', 'now', 'u')").run();
    migrate(db, 5);
    const addKey = db.prepare("INSERT INTO archive_keys VALUES (?, 'AGE-SECRET-KEY-1X', ?, 's', 'RW', ?, 'now', 'u', ?)");
    addKey.run('k1', 'age1a', 'f1', 'then');
    addKey.run('k2', 'age1b', 'f2', null);
    expect(() => addKey.run('k3', 'age1c', 'f3', null)).toThrow(/UNIQUE/);
    const trust = db.prepare("INSERT INTO trusted_workstations VALUES (?, ?, ?, ?, 'fp', 'internal-archive', 'u', 'now', NULL, ?)");
    trust.run('w1', 'Seoul', 'age1x', 'RWx', 'removed');
    trust.run('w2', 'Seoul', 'age1x', 'RWx', null);
    expect(() => trust.run('w3', 'Seoul', 'age1y', 'RWy', null)).toThrow(/UNIQUE/);
    expect(() => trust.run('w4', 'Geneva', 'age1x', 'RWz', null)).toThrow(/UNIQUE/);
    expect(() =>
      db.prepare("INSERT INTO trusted_workstations VALUES ('w5', 'x', 'a', 'm', 'fp', 'publish-all', 'u', 'now', NULL, NULL)").run(),
    ).toThrow(/CHECK/);
    expect(db.prepare('SELECT id FROM testimonies').all()).toEqual([{ id: 't' }]);
    db.close();
  });

  it('0006-archive-custody adds exports, imports, custody, provenance and conflicts tied to testimonies', () => {
    const db = freshDatabase();
    migrate(db, 5);
    db.prepare("INSERT INTO users (id, name, roles, created_at) VALUES ('u', 'n', '[]', 'now')").run();
    db.prepare("INSERT INTO testimonies VALUES ('t', 'title', 'draft', 1, 'now', 'u', 'now', 'u')").run();
    db.prepare("INSERT INTO testimony_versions VALUES ('t', 1, '{}', 'sha', 'now', 'u')").run();
    migrate(db, 6);
    db.prepare(
      "INSERT INTO archive_imports VALUES ('a1', 'full', NULL, 'Seoul', 'fp', '[]', 'then', 'now', 'u', 'f', 1, 'tm', '1.1', '{}')",
    ).run();
    db.prepare("INSERT INTO imported_versions VALUES ('t', 1, 'a1', 1, 'minji')").run();
    expect(() => db.prepare("INSERT INTO imported_versions VALUES ('t', 2, 'a1', 2, 'minji')").run()).toThrow(/FOREIGN KEY/);
    db.prepare("INSERT INTO custody_events VALUES ('c1', 't', 'imported', 'now', 'a1', 'fp', '[]', 'me', '{}', NULL)").run();
    expect(() =>
      db.prepare("INSERT INTO custody_events VALUES ('c2', 'missing', 'imported', 'now', 'a1', 'fp', '[]', 'me', '{}', NULL)").run(),
    ).toThrow(/FOREIGN KEY/);
    db.prepare("INSERT INTO testimony_conflicts VALUES ('k', 't', 'a1', 'now', 1, 1, 'sha', NULL, NULL, NULL)").run();
    expect(db.prepare('SELECT id FROM testimonies').all()).toEqual([{ id: 't' }]);
    db.close();
  });

  it('0007-redaction adds review and release tables, with the quasi-identifiers of testimonies written before it', () => {
    const db = freshDatabase();
    migrate(db, 3);
    db.prepare("INSERT INTO users (id, name, roles, created_at) VALUES ('u', 'n', '[]', 'now'), ('v', 'm', '[]', 'now')").run();
    db.prepare("INSERT INTO testimonies VALUES ('t', 'title', 'draft', 1, 'now', 'u', 'now', 'u')").run();
    const record = { interviewee: { birthYear: 1974, sex: 'female', homeCounty: { gazetteerId: 'nk-hoeryong-si' }, yearLeftNorthKorea: 2011, occupation: ' 교원 ' } };
    db.prepare("INSERT INTO testimony_versions VALUES ('t', 1, ?, 'sha', 'now', 'u')").run(JSON.stringify(record));
    const version = MIGRATIONS.findIndex((m) => m.name === 'redaction') + 1;
    migrate(db, version);
    expect(db.prepare('SELECT testimony_id, version, province, birth_year, sex, year_left, occupation FROM redaction_quasi').all()).toEqual([
      { testimony_id: 't', version: 1, province: 'nk-hamgyongbuk-do', birth_year: 1974, sex: 'female', year_left: 2011, occupation: '교원' },
    ]);
    db.prepare("INSERT INTO redaction_reviews VALUES ('t', 1, 'sha', 1, 'now', 'u', 'now')").run();
    db.prepare("INSERT INTO redaction_items (testimony_id, item_id, kind, field, start, end, surface, type, reason, origin, status) VALUES ('t', 's1', 'span', 'narrative.text', 0, 3, 'x', 'PERSON', 'r', 'detector', 'pending')").run();
    // A span needs offsets; a release must link to an existing version; whoever prepared it never approves it.
    expect(() => db.prepare("INSERT INTO redaction_items (testimony_id, item_id, kind, field, surface, type, reason, origin, status) VALUES ('t', 's2', 'span', 'f', 'x', 'PERSON', 'r', 'detector', 'pending')").run()).toThrow(/CHECK/);
    const release = "INSERT INTO redaction_releases (id, testimony_id, version, original_sha256, decisions_sha256, release_json, release_sha256, release_size, check_ranges, status, risk_k, risk_count, prepared_by, prepared_at, approved_by, approved_at) VALUES (?, 't', ?, 'sha', 'd', '{}', 'h', 2, '{}', ?, 5, 1, 'u', 'now', ?, ?)";
    expect(() => db.prepare(release).run('r0', 9, 'prepared', null, null)).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare(release).run('r1', 1, 'approved', 'u', 'now')).toThrow(/CHECK/);
    expect(() => db.prepare(release).run('r2', 1, 'approved', null, null)).toThrow(/CHECK/);
    db.prepare(release).run('r3', 1, 'approved', 'v', 'now');
    expect(db.prepare('SELECT id FROM testimonies').all()).toEqual([{ id: 't' }]);
    db.close();
  });

  it('running migrate again on a current database changes nothing', () => {
    const db = freshDatabase();
    migrate(db);
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });
});
