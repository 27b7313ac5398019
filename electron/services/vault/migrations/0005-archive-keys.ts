import type { Migration } from './migration';

/**
 * Keys for sealed archives. `archive_keys`: this vault's own age identity and minisign signing key
 * (secrets live only here, inside the encrypted database); one row is current, rotated-out rows are
 * kept (retired) so that archives sealed to an earlier recipient still open.
 * `trusted_workstations`: other vaults this one exports to and accepts archives from. A removed
 * workstation keeps its row (custody refers to it); names and keys are unique among active rows.
 */
export const migration0005ArchiveKeys: Migration = {
  version: 5,
  name: 'archive-keys',
  up(db) {
    db.exec(`
      CREATE TABLE archive_keys (
        id TEXT PRIMARY KEY,
        age_identity TEXT NOT NULL,
        age_recipient TEXT NOT NULL UNIQUE,
        minisign_secret_key TEXT NOT NULL,
        minisign_public_key TEXT NOT NULL,
        fingerprint TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        created_by TEXT REFERENCES users(id),
        retired_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX archive_keys_one_current ON archive_keys ((retired_at IS NULL)) WHERE retired_at IS NULL;

      CREATE TABLE trusted_workstations (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        age_recipient TEXT NOT NULL,
        minisign_public_key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        purpose TEXT NOT NULL CHECK (purpose IN ('internal-archive', 'redacted-publication', 'named-publication', 'un-or-court-submission')),
        added_by TEXT NOT NULL REFERENCES users(id),
        added_at TEXT NOT NULL,
        removed_by TEXT REFERENCES users(id),
        removed_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX trusted_workstations_active_name ON trusted_workstations(name) WHERE removed_at IS NULL;
      CREATE UNIQUE INDEX trusted_workstations_active_age ON trusted_workstations(age_recipient) WHERE removed_at IS NULL;
      CREATE UNIQUE INDEX trusted_workstations_active_minisign ON trusted_workstations(minisign_public_key) WHERE removed_at IS NULL;
    `);
  },
};
