import path from 'node:path';
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/helpers/temp';
import { filterToken, ftsQuery } from '@shared/search/fts-text';
import { parseTestimonyInput } from '@shared/testimony/schema';
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

  it('0004-search-filters re-indexes every testimony from its current version, with filter tokens and per-document facets', () => {
    const db = freshDatabase();
    migrate(db, 3);
    const record = (input: unknown) => {
      const parsed = parseTestimonyInput(input);
      if (!parsed.ok) throw new Error(parsed.issues.join('; '));
      return JSON.stringify(parsed.value);
    };
    db.prepare("INSERT INTO users (id, name, roles, created_at) VALUES ('u', 'n', '[]', 'now')").run();
    const addTestimony = db.prepare("INSERT INTO testimonies VALUES (?, ?, 'draft', ?, ?, 'u', 'now', 'u')");
    const addVersion = db.prepare("INSERT INTO testimony_versions VALUES (?, ?, ?, 'sha', 'now', 'u')");
    // "a" was edited: only its version 2 may be found. "b" has no index rows at all.
    addTestimony.run('a', 'edited', 2, '2020-01-01');
    addVersion.run('a', 1, record({ title: 'first draft', narrative: 'oldword' }));
    addVersion.run('a', 2, record({
      title: 'edited', narrative: '1997년 회령 구류장 newword',
      events: [{ id: 'e1', violations: ['torture', 'beating'], date: '2009/2010', place: { gazetteerId: 'nk-hoeryong-si' } }],
    }));
    addTestimony.run('b', 'unindexed', 1, '2021-01-01');
    addVersion.run('b', 1, record({ title: 'unindexed', narrative: 'otherword', events: [{ id: 'e1', violations: ['torture'] }] }));
    // The layout of version 3, with a rowid that is not 1, which must survive.
    db.prepare("INSERT INTO testimony_fts_map (rowid, testimony_id) VALUES (7, 'a')").run();
    db.prepare("INSERT INTO testimony_fts (rowid, title, narrative, translation, fields) VALUES (7, 'first draft', 'oldword', '', '')").run();
    db.prepare("INSERT INTO testimony_facets VALUES ('a', 'torture', NULL, 2009, 2010)").run();

    migrate(db, 4);
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    const docOf = Object.fromEntries((db.prepare('SELECT rowid, testimony_id FROM testimony_fts_map').all() as Array<{ rowid: number; testimony_id: string }>).map((row) => [row.testimony_id, row.rowid]));
    expect(docOf.a).toBe(7);
    expect(docOf.b).toBeGreaterThan(7);
    const find = (match: string) => (db.prepare('SELECT rowid FROM testimony_fts WHERE testimony_fts MATCH ? ORDER BY rowid').pluck().all(match) as number[]);
    expect(find(ftsQuery('newword')!)).toEqual([7]);
    expect(find(ftsQuery('oldword')!)).toEqual([]);
    expect(find(ftsQuery('회령 구류장')!)).toEqual([7]);
    expect(find(ftsQuery('otherword')!)).toEqual([docOf.b]);
    expect(find(`"${filterToken('violation', 'torture')}"`)).toEqual([7, docOf.b]);
    expect(find(`"${filterToken('violation', 'beating')}" AND "${filterToken('province', 'nk-hamgyongbuk-do')}" AND "${filterToken('year', 2010)}"`)).toEqual([7]);
    const valueOf = new Map((db.prepare('SELECT id, kind, value FROM search_facet_values').all() as Array<{ id: number; kind: string; value: string }>).map((row) => [row.id, { kind: row.kind, value: row.value }]));
    const facets = (db.prepare('SELECT doc, value_ids FROM testimony_facets ORDER BY doc').all() as Array<{ doc: number; value_ids: Buffer }>).map((row) => ({
      doc: row.doc,
      values: Array.from({ length: row.value_ids.length / 4 }, (_, index) => valueOf.get(row.value_ids.readUInt32LE(4 * index))).sort((x, y) =>
        `${x!.kind}${x!.value}`.localeCompare(`${y!.kind}${y!.value}`),
      ),
    }));
    expect(facets).toEqual([
      {
        doc: 7,
        values: [
          { kind: 'province', value: 'nk-hamgyongbuk-do' },
          { kind: 'violation', value: 'beating' },
          { kind: 'violation', value: 'torture' },
          { kind: 'year', value: '2009' },
          { kind: 'year', value: '2010' },
        ],
      },
      { doc: docOf.b, values: [{ kind: 'violation', value: 'torture' }] },
    ]);
    expect(() => db.prepare("INSERT INTO search_facet_values (kind, value) VALUES ('colour', 'red')").run()).toThrow(/CHECK/);
    // The term list that prefix searches expand from holds the words that are not Hangul, folded as FTS5 folds them.
    expect(db.prepare("SELECT term FROM search_terms_vocab WHERE term >= 'new' AND term < 'nez'").pluck().all()).toEqual(['newword']);
    const hoeryong = db.prepare("SELECT term FROM search_terms_vocab WHERE term >= 'hoe' AND term < 'hof'").pluck().all();
    expect(hoeryong).toContain('hoeryong'); // from Hoeryŏng, folded
    expect(hoeryong.every((term) => /^[a-z]+$/.test(term as string))).toBe(true);
    expect(db.prepare("SELECT count(*) FROM search_terms_vocab WHERE term = 'oldword'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT id FROM testimonies ORDER BY id').pluck().all()).toEqual(['a', 'b']);
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
    const record = { schemaVersion: 1, title: 'title', narrative: { language: 'ko', text: '증언' }, people: [], events: [], tags: [], interviewee: { birthYear: 1974, sex: 'female', homeCounty: { gazetteerId: 'nk-hoeryong-si' }, yearLeftNorthKorea: 2011, occupation: ' 교원 ' } };
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
