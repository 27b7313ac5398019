/**
 * The quasi-identifiers of every testimony's current version in one narrow, indexed table
 * (redaction_quasi), so that counting how many testimonies share a release's values is one
 * indexed query even with 100,000 testimonies. The table is brought up to date before each count:
 * only testimonies whose current version differs from the one recorded are read again, and their
 * values are taken out of the stored JSON inside SQLite (json_extract), without parsing records in
 * JavaScript. Province: the home province, else the province of the home county.
 *
 * A publication copy (a release received from another vault) gets a row of unknowns: it is the
 * same person as some original, here or elsewhere, and must not count as another one sharing the
 * values (which would make a release look safer than it is).
 */
import { getPlace, provinceOf } from '@shared/gazetteer/index';
import { occupationKey, type QuasiIdentifiers } from '@shared/redaction/risk';
import type { VaultDatabase } from '../vault/database';
import { publicationCopyCondition } from '../archive/publication';

function registerFunctions(db: VaultDatabase): void {
  db.function('tw_province_of', { deterministic: true }, (id: unknown) => {
    if (typeof id !== 'string' || !getPlace(id)) return null;
    return provinceOf(id)?.id ?? null;
  });
  db.function('tw_occupation_key', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? occupationKey(text) : null));
}

/** Brings redaction_quasi up to date; returns how many rows were (re)computed. */
export function refreshQuasiIndex(db: VaultDatabase): number {
  // Versions only grow and testimonies are never deleted, so equal counts and equal sums of
  // versions mean every row is current: two sequential scans instead of a join per testimony.
  const totals = db
    .prepare('SELECT (SELECT count(*) FROM testimonies) AS t, (SELECT coalesce(sum(current_version), 0) FROM testimonies) AS tv, (SELECT count(*) FROM redaction_quasi) AS q, (SELECT coalesce(sum(version), 0) FROM redaction_quasi) AS qv')
    .get() as { t: number; tv: number; q: number; qv: number };
  if (totals.t === totals.q && totals.tv === totals.qv) return 0;
  registerFunctions(db);
  return db.transaction(() => {
    const changed = db
      .prepare(
        `INSERT INTO redaction_quasi (testimony_id, version, province, birth_year, sex, year_left, occupation)
         SELECT id, current_version,
                CASE WHEN copy THEN NULL ELSE coalesce(tw_province_of(json_extract(record, '$.interviewee.homeProvince.gazetteerId')),
                                                       tw_province_of(json_extract(record, '$.interviewee.homeCounty.gazetteerId'))) END,
                CASE WHEN copy THEN NULL ELSE json_extract(record, '$.interviewee.birthYear') END,
                CASE WHEN copy THEN NULL ELSE json_extract(record, '$.interviewee.sex') END,
                CASE WHEN copy THEN NULL ELSE json_extract(record, '$.interviewee.yearLeftNorthKorea') END,
                CASE WHEN copy THEN NULL ELSE tw_occupation_key(json_extract(record, '$.interviewee.occupation')) END
           FROM (SELECT t.id, t.current_version, v.record, ${publicationCopyCondition('t.id')} AS copy
                   FROM testimonies t
                   JOIN testimony_versions v ON v.testimony_id = t.id AND v.version = t.current_version
                   LEFT JOIN redaction_quasi q ON q.testimony_id = t.id
                  WHERE q.version IS NULL OR q.version <> t.current_version)
          WHERE true
         ON CONFLICT (testimony_id) DO UPDATE SET version = excluded.version, province = excluded.province, birth_year = excluded.birth_year,
           sex = excluded.sex, year_left = excluded.year_left, occupation = excluded.occupation`,
      )
      .run().changes;
    return changed;
  })();
}

/** Testimonies whose known values fall within every released quasi-identifier (null: not released, matches all). */
export function countSharing(db: VaultDatabase, qi: QuasiIdentifiers): number {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (qi.province !== null) {
    where.push('province = ?');
    params.push(qi.province);
  }
  if (qi.birth !== null) {
    where.push('birth_year BETWEEN ? AND ?');
    params.push(qi.birth.from, qi.birth.to);
  }
  if (qi.sex !== null) {
    where.push('sex = ?');
    params.push(qi.sex);
  }
  if (qi.yearLeft !== null) {
    where.push('year_left BETWEEN ? AND ?');
    params.push(qi.yearLeft.from, qi.yearLeft.to);
  }
  if (qi.occupation !== null) {
    where.push('occupation = ?');
    params.push(qi.occupation);
  }
  const sql = `SELECT count(*) AS n FROM redaction_quasi${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
  return (db.prepare(sql).get(...params) as { n: number }).n;
}

/** Records the quasi-identifiers of a version just written (called in the transaction that writes it). */
export function recordQuasiIdentifiers(
  db: VaultDatabase,
  testimonyId: string,
  version: number,
  interviewee: { homeProvince?: { gazetteerId?: string | undefined } | undefined; homeCounty?: { gazetteerId?: string | undefined } | undefined; birthYear?: number | undefined; sex?: string | undefined; yearLeftNorthKorea?: number | undefined; occupation?: string | undefined } | undefined,
): void {
  const provinceFrom = (id: string | undefined) => (id && getPlace(id) ? provinceOf(id)?.id ?? null : null);
  db.prepare(
    `INSERT INTO redaction_quasi (testimony_id, version, province, birth_year, sex, year_left, occupation) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (testimony_id) DO UPDATE SET version = excluded.version, province = excluded.province, birth_year = excluded.birth_year,
       sex = excluded.sex, year_left = excluded.year_left, occupation = excluded.occupation`,
  ).run(
    testimonyId,
    version,
    provinceFrom(interviewee?.homeProvince?.gazetteerId) ?? provinceFrom(interviewee?.homeCounty?.gazetteerId),
    interviewee?.birthYear ?? null,
    interviewee?.sex ?? null,
    interviewee?.yearLeftNorthKorea ?? null,
    occupationKey(interviewee?.occupation),
  );
}
