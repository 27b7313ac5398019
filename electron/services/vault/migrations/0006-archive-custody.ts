import type { Migration } from './migration';

/**
 * What sealed archives did to this vault, kept apart from the testimonies they carried:
 * - `archive_exports` (+ items): every archive sealed here, with what state of each testimony went
 *   into it, so that `--since-last` knows what changed since.
 * - `archive_imports`: every archive imported, with sender, time and the archive's hashes; a second
 *   import of the same archive id is recognised here and changes nothing.
 * - `custody_events`: the chain of custody of each testimony (exported, imported), recorded here or
 *   learned from an archive that carried it; ids are global, so a chain crossing several vaults
 *   never duplicates an event.
 * - `imported_versions`, `imported_attachments`, `imported_audit_entries`: provenance of what came
 *   from elsewhere (who wrote a version at the sender, the sender's audit entries).
 * - `testimony_conflicts` (+ versions): an edit from another workstation that diverged from the
 *   edits here. The local version stays current; the incoming versions are kept here, flagged,
 *   until someone resolves the conflict.
 */
export const migration0006ArchiveCustody: Migration = {
  version: 6,
  name: 'archive-custody',
  up(db) {
    db.exec(`
      CREATE TABLE archive_exports (
        archive_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('full', 'redacted')),
        workstation_id TEXT NOT NULL REFERENCES trusted_workstations(id),
        sender_fingerprint TEXT NOT NULL,
        recipient_fingerprints TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL REFERENCES users(id),
        file_sha256 TEXT NOT NULL,
        file_size INTEGER NOT NULL,
        testimony_count INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX archive_exports_by_workstation ON archive_exports(workstation_id, created_at);

      CREATE TABLE archive_export_items (
        archive_id TEXT NOT NULL REFERENCES archive_exports(archive_id),
        testimony_id TEXT NOT NULL REFERENCES testimonies(id),
        version INTEGER NOT NULL,
        status TEXT NOT NULL,
        attachments_digest TEXT NOT NULL,
        PRIMARY KEY (archive_id, testimony_id)
      ) STRICT;
      CREATE INDEX archive_export_items_by_testimony ON archive_export_items(testimony_id);

      CREATE TABLE archive_imports (
        archive_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('full', 'redacted')),
        sender_workstation_id TEXT REFERENCES trusted_workstations(id),
        sender_name TEXT NOT NULL,
        sender_fingerprint TEXT NOT NULL,
        recipient_fingerprints TEXT NOT NULL,
        sealed_at TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL REFERENCES users(id),
        file_sha256 TEXT NOT NULL,
        file_size INTEGER NOT NULL,
        tagmanifest_sha256 TEXT NOT NULL,
        payload_oxum TEXT NOT NULL,
        summary TEXT NOT NULL
      ) STRICT;

      CREATE TABLE custody_events (
        id TEXT PRIMARY KEY,
        testimony_id TEXT NOT NULL REFERENCES testimonies(id),
        event TEXT NOT NULL CHECK (event IN ('exported', 'imported')),
        at TEXT NOT NULL,
        archive_id TEXT NOT NULL,
        sender_fingerprint TEXT NOT NULL,
        recipient_fingerprints TEXT NOT NULL,
        recorded_by_fingerprint TEXT NOT NULL,
        details TEXT NOT NULL,
        learned_from_archive TEXT
      ) STRICT;
      CREATE INDEX custody_events_by_testimony ON custody_events(testimony_id, at);

      CREATE TABLE imported_versions (
        testimony_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        archive_id TEXT NOT NULL REFERENCES archive_imports(archive_id),
        origin_version INTEGER NOT NULL,
        origin_created_by TEXT,
        PRIMARY KEY (testimony_id, version),
        FOREIGN KEY (testimony_id, version) REFERENCES testimony_versions(testimony_id, version)
      ) STRICT;

      CREATE TABLE imported_attachments (
        attachment_id TEXT PRIMARY KEY REFERENCES attachments(id),
        archive_id TEXT NOT NULL REFERENCES archive_imports(archive_id),
        origin_created_by TEXT
      ) STRICT;

      CREATE TABLE imported_audit_entries (
        hash TEXT PRIMARY KEY,
        testimony_id TEXT NOT NULL REFERENCES testimonies(id),
        archive_id TEXT NOT NULL REFERENCES archive_imports(archive_id),
        origin_fingerprint TEXT NOT NULL,
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        user_name TEXT,
        action TEXT NOT NULL,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL
      ) STRICT;
      CREATE INDEX imported_audit_by_testimony ON imported_audit_entries(testimony_id, at);

      CREATE TABLE testimony_conflicts (
        id TEXT PRIMARY KEY,
        testimony_id TEXT NOT NULL REFERENCES testimonies(id),
        archive_id TEXT NOT NULL REFERENCES archive_imports(archive_id),
        detected_at TEXT NOT NULL,
        base_version INTEGER NOT NULL,
        local_version INTEGER NOT NULL,
        incoming_head_sha256 TEXT NOT NULL,
        resolved_at TEXT,
        resolved_by TEXT REFERENCES users(id),
        resolution TEXT CHECK (resolution IN ('kept-local', 'took-incoming'))
      ) STRICT;
      CREATE INDEX testimony_conflicts_by_testimony ON testimony_conflicts(testimony_id);

      CREATE TABLE testimony_conflict_versions (
        conflict_id TEXT NOT NULL REFERENCES testimony_conflicts(id),
        position INTEGER NOT NULL,
        origin_version INTEGER NOT NULL,
        record TEXT NOT NULL,
        record_sha256 TEXT NOT NULL,
        origin_created_at TEXT NOT NULL,
        origin_created_by TEXT,
        PRIMARY KEY (conflict_id, position)
      ) STRICT;
    `);
  },
};
