import type { Migration } from './migration';

/**
 * Full-text search inside the encrypted file. Text is pre-tokenised by the search service
 * (Hangul as overlapping syllable pairs after North/South spelling normalisation), so the
 * FTS5 tokenizer only splits on spaces and folds case and diacritics.
 * Facet rows: one per event and violation, with the event's province and years.
 */
export const migration0002Search: Migration = {
  version: 2,
  name: 'search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE testimony_fts USING fts5(
        title, narrative, translation, fields,
        tokenize = 'unicode61 remove_diacritics 2',
        detail = 'full'
      );

      CREATE TABLE testimony_fts_map (
        rowid INTEGER PRIMARY KEY,
        testimony_id TEXT NOT NULL UNIQUE REFERENCES testimonies(id)
      ) STRICT;

      CREATE TABLE testimony_facets (
        testimony_id TEXT NOT NULL REFERENCES testimonies(id),
        violation TEXT,
        province TEXT,
        year_from INTEGER,
        year_to INTEGER
      ) STRICT;
      CREATE INDEX testimony_facets_by_testimony ON testimony_facets(testimony_id);
      CREATE INDEX testimony_facets_by_violation ON testimony_facets(violation, testimony_id);
      CREATE INDEX testimony_facets_by_province ON testimony_facets(province, testimony_id);
    `);
  },
};
