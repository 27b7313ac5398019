import { searchableText, type TestimonyRecord } from '@shared/testimony/schema';
import { parseEdtf } from '@shared/testimony/edtf';
import { getFacility, provinceOf } from '@shared/gazetteer';
import { indexText } from '@shared/search/fts-text';
import type { VaultDatabase } from '../vault/database';

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

/** Replaces the index entries of one testimony. Call inside the transaction that stores the record. */
export function indexTestimony(db: VaultDatabase, testimonyId: string, record: TestimonyRecord): void {
  const text = searchableText(record);
  const existing = db.prepare('SELECT rowid FROM testimony_fts_map WHERE testimony_id = ?').get(testimonyId) as { rowid: number } | undefined;
  if (existing) db.prepare('DELETE FROM testimony_fts WHERE rowid = ?').run(existing.rowid);
  const rowid = existing
    ? existing.rowid
    : Number(db.prepare('INSERT INTO testimony_fts_map (testimony_id) VALUES (?)').run(testimonyId).lastInsertRowid);
  db.prepare('INSERT INTO testimony_fts (rowid, title, narrative, translation, fields) VALUES (?, ?, ?, ?, ?)').run(
    rowid,
    indexText(text.title),
    indexText(text.narrative),
    indexText(text.translation),
    indexText(text.fields),
  );
  db.prepare('DELETE FROM testimony_facets WHERE testimony_id = ?').run(testimonyId);
  const insertFacet = db.prepare('INSERT INTO testimony_facets (testimony_id, violation, province, year_from, year_to) VALUES (?, ?, ?, ?, ?)');
  for (const row of facetRows(record)) insertFacet.run(testimonyId, row.violation, row.province, row.yearFrom, row.yearTo);
}
