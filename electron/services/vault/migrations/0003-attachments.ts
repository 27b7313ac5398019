import type { Migration } from './migration';

/** Attachments: one random key per encrypted file, and the SHA-256 of the plaintext taken at ingest. */
export const migration0003Attachments: Migration = {
  version: 3,
  name: 'attachments',
  up(db) {
    db.exec(`
      CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        testimony_id TEXT NOT NULL REFERENCES testimonies(id),
        blob_id TEXT NOT NULL UNIQUE,
        file_key BLOB NOT NULL,
        file_name TEXT NOT NULL,
        media_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id)
      ) STRICT;
      CREATE INDEX attachments_by_testimony ON attachments(testimony_id);
    `);
  },
};
