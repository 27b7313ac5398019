import { searchableText, type TestimonyRecord } from '@shared/testimony/schema';
import { parseEdtf } from '@shared/testimony/edtf';
import { getFacility, provinceOf } from '@shared/gazetteer';
import { expandableTerms, filterToken, indexText, type FilterKind } from '@shared/search/fts-text';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { VaultDatabase } from '../vault/database';

/** Statements prepared once per open database (indexing runs them for every testimony written). */
const preparedByDatabase = new WeakMap<VaultDatabase, Map<string, Statement>>();
function prepared(db: VaultDatabase, sql: string): Statement {
  let statements = preparedByDatabase.get(db);
  if (!statements) preparedByDatabase.set(db, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement;
}

/**
 * An event dated to a longer span than this many years is counted under no single year (and found
 * by no year filter): "0000/9999" says nothing about any one year, and would cost 10,000 rows.
 */
export const MAX_YEAR_SPAN = 100;

/** Facet rows of one testimony: one per event and violation, with the event's province and years. */
export function facetRows(record: TestimonyRecord): Array<{ violation: string | null; province: string | null; yearFrom: number | null; yearTo: number | null }> {
  const rows: Array<{ violation: string | null; province: string | null; yearFrom: number | null; yearTo: number | null }> = [];
  for (const event of record.events) {
    const placeId = event.place?.gazetteerId ?? (event.facility?.facilityId ? getFacility(event.facility.facilityId)?.place : undefined);
    const province = placeId ? (provinceOf(placeId)?.id ?? null) : null;
    const date = event.date ? parseEdtf(event.date) : undefined;
    const yearFrom = date?.ok ? date.value.yearFrom : null;
    const yearTo = date?.ok ? date.value.yearTo : null;
    const violations = event.violations.length > 0 ? event.violations : [null];
    for (const violation of violations) rows.push({ violation, province, yearFrom: yearFrom ?? yearTo, yearTo: yearTo ?? yearFrom });
  }
  return rows;
}

export interface FacetValue {
  kind: FilterKind;
  value: string;
}

/**
 * The distinct facet values of one testimony: its events' violation types and provinces, and every
 * year that one of its events may fall in. A testimony is counted under a value exactly when a
 * filter on that value finds it.
 */
export function facetValues(record: TestimonyRecord): FacetValue[] {
  const seen = new Set<string>();
  const values: FacetValue[] = [];
  const add = (kind: FilterKind, value: string) => {
    const key = `${kind}\u0000${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    values.push({ kind, value });
  };
  for (const row of facetRows(record)) {
    if (row.violation !== null) add('violation', row.violation);
    if (row.province !== null) add('province', row.province);
    if (row.yearFrom !== null && row.yearTo !== null && row.yearTo - row.yearFrom < MAX_YEAR_SPAN) {
      for (let year = row.yearFrom; year <= row.yearTo; year += 1) add('year', String(year));
    }
  }
  return values;
}

/** What one testimony contributes to the search index: the FTS5 columns and its facet values. */
export interface SearchIndexEntry {
  title: string;
  narrative: string;
  translation: string;
  fields: string;
  /** The facet values as filter tokens (see filterToken), space-separated. */
  filters: string;
  facets: FacetValue[];
  /** The distinct words a prefix search may expand to, for the term list (see recordTerms). */
  terms: string[];
}

export function searchIndexEntry(record: TestimonyRecord): SearchIndexEntry {
  const text = searchableText(record);
  const facets = facetValues(record);
  const columns = { title: indexText(text.title), narrative: indexText(text.narrative), translation: indexText(text.translation), fields: indexText(text.fields) };
  return {
    ...columns,
    filters: facets.map((facet) => filterToken(facet.kind, facet.value)).join(' '),
    facets,
    terms: [...new Set(Object.values(columns).flatMap(expandableTerms))],
  };
}

/**
 * Adds words to the term list that prefix searches expand from (see SearchService). Each word is
 * recorded once in search_terms and, the first time only, given to search_terms_fts, a small
 * FTS5 table with the same tokenizer: its vocabulary (search_terms_vocab) then holds every term
 * of the main index that a prefix may expand to (see expandableTerms), folded exactly as the main
 * index folds it. Terms are never
 * removed: one left over from an edited testimony only adds an alternative that matches nothing.
 */
export function recordTerms(db: VaultDatabase, terms: readonly string[]): void {
  const remember = prepared(db, 'INSERT OR IGNORE INTO search_terms (term) VALUES (?)');
  const index = prepared(db, 'INSERT INTO search_terms_fts (term) VALUES (?)');
  for (const term of terms) if (remember.run(term).changes > 0) index.run(term);
}

/**
 * Writes the index entry of the document `doc` (its testimony_fts_map rowid), replacing what was
 * there. Shared by indexTestimony and migration 0004, which re-indexes every testimony.
 */
export function writeSearchIndexEntry(db: VaultDatabase, doc: number, entry: SearchIndexEntry, replace: boolean): void {
  if (replace) {
    prepared(db, 'DELETE FROM testimony_fts WHERE rowid = ?').run(doc);
    prepared(db, 'DELETE FROM testimony_facets WHERE doc = ?').run(doc);
  }
  prepared(db, 'INSERT INTO testimony_fts (rowid, title, narrative, translation, fields, filters) VALUES (?, ?, ?, ?, ?, ?)').run(
    doc,
    entry.title,
    entry.narrative,
    entry.translation,
    entry.fields,
    entry.filters,
  );
  prepared(db, 'INSERT INTO testimony_facets (doc, value_ids) VALUES (?, ?)').run(doc, facetValueIds(db, entry.facets));
  recordTerms(db, entry.terms);
}

/**
 * The ids of facet values in search_facet_values (added where new), packed as little-endian 32-bit
 * integers: the form testimony_facets keeps, so that counting the facets of 2,000 matches reads
 * 2,000 short blobs instead of tens of thousands of rows.
 */
export function facetValueIds(db: VaultDatabase, facets: readonly FacetValue[]): Buffer {
  const find = prepared(db, 'SELECT id FROM search_facet_values WHERE kind = ? AND value = ?');
  const add = prepared(db, 'INSERT INTO search_facet_values (kind, value) VALUES (?, ?)');
  const ids = Buffer.alloc(4 * facets.length);
  facets.forEach((facet, index) => {
    const known = find.get(facet.kind, facet.value) as { id: number } | undefined;
    ids.writeUInt32LE(known ? known.id : Number(add.run(facet.kind, facet.value).lastInsertRowid), 4 * index);
  });
  return ids;
}

/** Replaces the index entries of one testimony. Call inside the transaction that stores the record. */
export function indexTestimony(db: VaultDatabase, testimonyId: string, record: TestimonyRecord): void {
  const existing = prepared(db, 'SELECT rowid FROM testimony_fts_map WHERE testimony_id = ?').get(testimonyId) as { rowid: number } | undefined;
  const doc = existing
    ? existing.rowid
    : Number(prepared(db, 'INSERT INTO testimony_fts_map (testimony_id) VALUES (?)').run(testimonyId).lastInsertRowid);
  writeSearchIndexEntry(db, doc, searchIndexEntry(record), existing !== undefined);
}
