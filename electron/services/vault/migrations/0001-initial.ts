import type { Migration } from './migration';

/** Users, testimonies with their versions, the audit chain and vault metadata. */
export const migration0001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        roles TEXT NOT NULL,
        is_admin INTEGER NOT NULL DEFAULT 0,
        slot_id TEXT UNIQUE,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE testimonies (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('draft', 'in-review', 'approved')),
        current_version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL REFERENCES users(id)
      ) STRICT;

      CREATE TABLE testimony_versions (
        testimony_id TEXT NOT NULL REFERENCES testimonies(id),
        version INTEGER NOT NULL,
        record TEXT NOT NULL,
        record_sha256 TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        PRIMARY KEY (testimony_id, version)
      ) STRICT;

      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_id TEXT,
        action TEXT NOT NULL,
        target TEXT,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
    `);
  },
};
