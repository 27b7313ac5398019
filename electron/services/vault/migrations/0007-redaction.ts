import type { Migration } from './migration';
import { refreshQuasiIndex } from '../../redaction/quasi-index';

/**
 * Redaction review and releases (issue 4).
 *
 * - redaction_reviews: one review per testimony, tied to the version and record hash it was made for.
 * - redaction_items: suggested and hand-added spans (field + offsets) and structured-field
 *   decisions; the surface text is kept so that decisions can be carried to a new version.
 * - redaction_term_rules: "apply to every occurrence" decisions, re-applied when the text changes.
 * - redaction_type_operators: the operator for every span of a type.
 * - redaction_pseudonyms: the secret table of who is "Person A"; it never leaves the vault.
 * - redaction_attachment_decisions, redaction_image_regions: inclusion of attachments and
 *   rectangles to black out, applied when a release is prepared.
 * - redaction_releases: prepared and approved releases, linked to the original by id, version and
 *   SHA-256; redaction_release_attachments: their stripped files (encrypted like any attachment).
 * - redaction_quasi: quasi-identifiers of every testimony's current version, for the k-count.
 */
export const migration0007Redaction: Migration = {
  version: 7,
  name: 'redaction',
  up(db) {
    db.exec(`
      CREATE TABLE redaction_reviews (
        testimony_id TEXT PRIMARY KEY REFERENCES testimonies(id),
        version INTEGER NOT NULL,
        record_sha256 TEXT NOT NULL,
        next_item INTEGER NOT NULL DEFAULT 1,
        started_at TEXT NOT NULL,
        started_by TEXT NOT NULL REFERENCES users(id),
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE redaction_items (
        testimony_id TEXT NOT NULL REFERENCES redaction_reviews(testimony_id),
        item_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('span', 'field')),
        field TEXT NOT NULL,
        start INTEGER,
        end INTEGER,
        surface TEXT NOT NULL,
        type TEXT NOT NULL CHECK (type IN ('PERSON', 'PLACE', 'FACILITY', 'DATE', 'AGE', 'CONTACT', 'ID', 'QUASI')),
        score REAL,
        reason TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('detector', 'reviewer', 'occurrence', 'field', 'carried')),
        status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),
        operator TEXT CHECK (operator IN ('remove', 'pseudonym', 'generalise', 'keep')),
        level TEXT CHECK (level IN ('year', 'decade', 'band5')),
        pseudonym_key TEXT,
        decided_by TEXT REFERENCES users(id),
        decided_at TEXT,
        PRIMARY KEY (testimony_id, item_id),
        CHECK ((kind = 'span') = (start IS NOT NULL AND end IS NOT NULL AND start < end))
      ) STRICT;
      CREATE INDEX redaction_items_by_field ON redaction_items(testimony_id, field, start);

      CREATE TABLE redaction_term_rules (
        testimony_id TEXT NOT NULL REFERENCES testimonies(id),
        surface_key TEXT NOT NULL,
        surface TEXT NOT NULL,
        type TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),
        operator TEXT,
        level TEXT,
        pseudonym_key TEXT,
        decided_by TEXT NOT NULL REFERENCES users(id),
        decided_at TEXT NOT NULL,
        PRIMARY KEY (testimony_id, surface_key)
      ) STRICT;

      CREATE TABLE redaction_type_operators (
        testimony_id TEXT NOT NULL REFERENCES testimonies(id),
        type TEXT NOT NULL,
        operator TEXT NOT NULL CHECK (operator IN ('remove', 'pseudonym', 'generalise', 'keep')),
        level TEXT,
        PRIMARY KEY (testimony_id, type)
      ) STRICT;

      CREATE TABLE redaction_pseudonyms (
        testimony_id TEXT NOT NULL REFERENCES testimonies(id),
        pseudonym_key TEXT NOT NULL,
        type TEXT NOT NULL,
        label_index INTEGER NOT NULL,
        PRIMARY KEY (testimony_id, pseudonym_key),
        UNIQUE (testimony_id, type, label_index)
      ) STRICT;

      CREATE TABLE redaction_attachment_decisions (
        attachment_id TEXT PRIMARY KEY REFERENCES attachments(id),
        include INTEGER NOT NULL CHECK (include IN (0, 1)),
        decided_by TEXT NOT NULL REFERENCES users(id),
        decided_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE redaction_image_regions (
        attachment_id TEXT NOT NULL REFERENCES attachments(id),
        region_id TEXT NOT NULL,
        x INTEGER NOT NULL CHECK (x >= 0),
        y INTEGER NOT NULL CHECK (y >= 0),
        width INTEGER NOT NULL CHECK (width > 0),
        height INTEGER NOT NULL CHECK (height > 0),
        created_by TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        PRIMARY KEY (attachment_id, region_id)
      ) STRICT;

      CREATE TABLE redaction_releases (
        id TEXT PRIMARY KEY,
        testimony_id TEXT NOT NULL REFERENCES testimonies(id),
        version INTEGER NOT NULL,
        original_sha256 TEXT NOT NULL,
        decisions_sha256 TEXT NOT NULL,
        release_json TEXT NOT NULL,
        release_sha256 TEXT NOT NULL,
        release_size INTEGER NOT NULL,
        check_ranges TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('prepared', 'approved', 'superseded')),
        risk_k INTEGER NOT NULL,
        risk_count INTEGER NOT NULL,
        prepared_by TEXT NOT NULL REFERENCES users(id),
        prepared_at TEXT NOT NULL,
        approved_by TEXT REFERENCES users(id),
        approved_at TEXT,
        FOREIGN KEY (testimony_id, version) REFERENCES testimony_versions(testimony_id, version),
        -- Four eyes, also in the schema: whoever prepared a release never approves it.
        CHECK (approved_by IS NULL OR approved_by <> prepared_by),
        CHECK ((status = 'approved') <= (approved_by IS NOT NULL))
      ) STRICT;
      CREATE INDEX redaction_releases_by_testimony ON redaction_releases(testimony_id, status);

      CREATE TABLE redaction_release_attachments (
        release_id TEXT NOT NULL REFERENCES redaction_releases(id),
        attachment_id TEXT NOT NULL REFERENCES attachments(id),
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        media_type TEXT NOT NULL,
        blob_id TEXT UNIQUE,
        file_key BLOB,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        PRIMARY KEY (release_id, attachment_id),
        CHECK ((blob_id IS NULL) = (file_key IS NULL))
      ) STRICT;

      CREATE TABLE redaction_quasi (
        testimony_id TEXT PRIMARY KEY REFERENCES testimonies(id),
        version INTEGER NOT NULL,
        province TEXT,
        birth_year INTEGER,
        sex TEXT,
        year_left INTEGER,
        occupation TEXT
      ) STRICT;
      CREATE INDEX redaction_quasi_by_province ON redaction_quasi(province, birth_year);
      CREATE INDEX redaction_quasi_by_year_left ON redaction_quasi(year_left, sex);
    `);
    // Testimonies written before this migration: their quasi-identifiers, from the stored JSON.
    refreshQuasiIndex(db);
  },
};
