import { parseTestimonyRecord } from '@shared/testimony/schema';
import { searchIndexEntry } from '../../search/search-index';
import type { Migration } from './migration';

/**
 * Search that stays fast at 100,000 testimonies:
 * - Filters become tokens in a fifth FTS5 column, `filters`, so that FTS5 intersects them with the
 *   words and bm25 ranks only the intersection (bm25 gives that column weight 0, so a filter never
 *   changes the order); before, every word match was probed against the facet table.
 * - Prefix indexes for 3 and 4 characters, so that short English prefixes ("kim", "yong"), which
 *   expand to dozens of terms, are read as one list instead of being merged at query time.
 * - Facet values numbered once (search_facet_values) and kept as one short blob of numbers per
 *   document, keyed by the FTS rowid, so that counting the facets of the matches is one seek and a
 *   few integers per match.
 * - A list of the index's longer terms that are not Hangul (search_terms, search_terms_fts and its
 *   vocabulary), so that a longer prefix ("detent") is searched as the few whole terms it begins
 *   ("detention") instead of an FTS5 prefix query, which merges every such term's list first.
 * FTS5 cannot add a column, so the index is rebuilt from each testimony's current version. The
 * rowids of testimony_fts_map (the order "newest first" lists by) are kept.
 * The INSERTs are written out here rather than shared with search-index.ts, so that a later change
 * of the index layout cannot change what this migration writes.
 */
export const migration0004SearchFilters: Migration = {
  version: 4,
  name: 'search-filters',
  up(db) {
    db.exec(`
      DROP TABLE testimony_fts;
      DROP TABLE testimony_facets;

      CREATE VIRTUAL TABLE testimony_fts USING fts5(
        title, narrative, translation, fields, filters,
        tokenize = 'unicode61 remove_diacritics 2',
        detail = 'full',
        prefix = '3 4'
      );

      CREATE TABLE search_facet_values (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('violation', 'province', 'year')),
        value TEXT NOT NULL,
        UNIQUE (kind, value)
      ) STRICT;
      -- value_ids: the ids of the document's facet values, each once, as little-endian 32-bit integers.
      CREATE TABLE testimony_facets (
        doc INTEGER PRIMARY KEY REFERENCES testimony_fts_map(rowid),
        value_ids BLOB NOT NULL
      ) STRICT;

      CREATE TABLE search_terms (term TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
      CREATE VIRTUAL TABLE search_terms_fts USING fts5(
        term,
        tokenize = 'unicode61 remove_diacritics 2',
        content = '',
        detail = 'none'
      );
      CREATE VIRTUAL TABLE search_terms_vocab USING fts5vocab(search_terms_fts, 'row');
    `);

    // Every testimony has a map row (the two are written in one transaction); add any that lacks one.
    db.exec('INSERT INTO testimony_fts_map (testimony_id) SELECT id FROM testimonies WHERE id NOT IN (SELECT testimony_id FROM testimony_fts_map) ORDER BY created_at, id');
    const insertText = db.prepare('INSERT INTO testimony_fts (rowid, title, narrative, translation, fields, filters) VALUES (?, ?, ?, ?, ?, ?)');
    const insertFacets = db.prepare('INSERT INTO testimony_facets (doc, value_ids) VALUES (?, ?)');
    const findValue = db.prepare('SELECT id FROM search_facet_values WHERE kind = ? AND value = ?').pluck();
    const addValue = db.prepare('INSERT INTO search_facet_values (kind, value) VALUES (?, ?)');
    const rememberTerm = db.prepare('INSERT OR IGNORE INTO search_terms (term) VALUES (?)');
    const indexTerm = db.prepare('INSERT INTO search_terms_fts (term) VALUES (?)');
    const rows = db.prepare(
      `SELECT m.rowid AS doc, t.id, v.record
         FROM testimony_fts_map AS m
         JOIN testimonies AS t ON t.id = m.testimony_id
         JOIN testimony_versions AS v ON v.testimony_id = t.id AND v.version = t.current_version
        WHERE m.rowid > ? ORDER BY m.rowid LIMIT 500`,
    );
    // In pages, so that neither the statement nor the records of a large vault are held at once.
    for (let after = 0; ; ) {
      const page = rows.all(after) as Array<{ doc: number; id: string; record: string }>;
      if (page.length === 0) break;
      for (const row of page) {
        const parsed = parseTestimonyRecord(JSON.parse(row.record));
        if (!parsed.ok) throw new Error(`stored testimony ${row.id} fails its schema: ${parsed.issues.join('; ')}`);
        const entry = searchIndexEntry(parsed.value);
        insertText.run(row.doc, entry.title, entry.narrative, entry.translation, entry.fields, entry.filters);
        const ids = Buffer.alloc(4 * entry.facets.length);
        entry.facets.forEach((facet, index) => {
          const known = findValue.get(facet.kind, facet.value) as number | undefined;
          ids.writeUInt32LE(known ?? Number(addValue.run(facet.kind, facet.value).lastInsertRowid), 4 * index);
        });
        insertFacets.run(row.doc, ids);
        for (const term of entry.terms) if (rememberTerm.run(term).changes > 0) indexTerm.run(term);
      }
      after = page[page.length - 1]!.doc;
    }
    // One segment instead of the many that bulk inserting leaves: fewer b-tree probes per term.
    db.exec(`INSERT INTO testimony_fts (testimony_fts) VALUES ('optimize')`);
  },
};
