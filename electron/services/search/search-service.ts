import { UserError } from '@shared/errors';
import { ftsQuery } from '@shared/search/fts-text';
import type { TestimonyStatus } from '@shared/testimony/schema';
import type { Vault } from '../vault/vault';

export interface SearchFilters {
  violation?: string;
  province?: string;
  year?: number;
}

export interface SearchHit {
  id: string;
  title: string;
  status: TestimonyStatus;
  score: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  facets: { violation: FacetCount[]; province: FacetCount[]; year: FacetCount[] };
}

const MAX_QUERY_LENGTH = 500;

/**
 * Full-text search over titles, narratives, translations and fields, inside the encrypted database,
 * with counts by violation type, province and year for the matching testimonies.
 */
export class SearchService {
  constructor(private readonly vault: Vault) {}

  search(query: string, filters: SearchFilters = {}, options: { limit?: number; facets?: boolean } = {}): SearchResult {
    this.vault.require('search');
    if (query.length > MAX_QUERY_LENGTH) throw new UserError('query-too-long', `A search is at most ${MAX_QUERY_LENGTH} characters`);
    const match = ftsQuery(query);
    if (query.trim() !== '' && !match) {
      return { total: 0, hits: [], facets: { violation: [], province: [], year: [] } };
    }
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 1000);
    const conditions: string[] = [];
    const parameters: Array<string | number> = [];
    if (filters.violation) {
      conditions.push('t.id IN (SELECT testimony_id FROM testimony_facets WHERE violation = ?)');
      parameters.push(filters.violation);
    }
    if (filters.province) {
      conditions.push('t.id IN (SELECT testimony_id FROM testimony_facets WHERE province = ?)');
      parameters.push(filters.province);
    }
    if (filters.year !== undefined) {
      conditions.push('t.id IN (SELECT testimony_id FROM testimony_facets WHERE year_from <= ? AND year_to >= ?)');
      parameters.push(filters.year, filters.year);
    }
    const where = conditions.length > 0 ? `AND ${conditions.join(' AND ')}` : '';
    // Matches as a CTE: ranked once, then counted and faceted without running the MATCH again.
    const matched = match
      ? `SELECT m.testimony_id AS id, fts.rank AS score
           FROM testimony_fts AS fts JOIN testimony_fts_map AS m ON m.rowid = fts.rowid
          WHERE testimony_fts MATCH ?`
      : 'SELECT id, 0 AS score FROM testimonies';
    const matchParameters = match ? [match] : [];
    const db = this.vault.db;
    const base = `WITH matched AS MATERIALIZED (
        SELECT t.id, t.title, t.status, x.score FROM (${matched}) AS x JOIN testimonies AS t ON t.id = x.id WHERE 1 ${where}
      )`;
    const hits = db
      .prepare(`${base} SELECT id, title, status, score FROM matched ORDER BY score, id LIMIT ?`)
      .all(...matchParameters, ...parameters, limit) as SearchHit[];
    const total = (db.prepare(`${base} SELECT count(*) AS n FROM matched`).get(...matchParameters, ...parameters) as { n: number }).n;
    const facets = { violation: [] as FacetCount[], province: [] as FacetCount[], year: [] as FacetCount[] };
    if (options.facets !== false && total > 0) {
      const facet = (column: string) =>
        db
          .prepare(
            `${base} SELECT f.${column} AS value, count(DISTINCT f.testimony_id) AS count
               FROM testimony_facets AS f JOIN matched ON matched.id = f.testimony_id
              WHERE f.${column} IS NOT NULL GROUP BY f.${column} ORDER BY count DESC, value LIMIT 100`,
          )
          .all(...matchParameters, ...parameters) as Array<{ value: string | number; count: number }>;
      facets.violation = facet('violation').map((row) => ({ value: String(row.value), count: row.count }));
      facets.province = facet('province').map((row) => ({ value: String(row.value), count: row.count }));
      facets.year = facet('year_from').map((row) => ({ value: String(row.value), count: row.count }));
    }
    return { total, hits: hits.map((hit) => ({ ...hit, score: -hit.score })), facets };
  }
}
