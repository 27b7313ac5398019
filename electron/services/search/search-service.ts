import { UserError } from '@shared/errors';
import { ftsQuery } from '@shared/search/fts-text';
import type { TestimonyStatus } from '@shared/testimony/schema';
import type { Vault } from '../vault/vault';

export interface SearchFilters {
  violation?: string;
  province?: string;
  year?: number;
  status?: TestimonyStatus;
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
  /** False when facets were not asked for, or the matches exceed FACET_LIMIT. */
  facetsComputed: boolean;
  /** True when more than RANK_LIMIT match: `total` is then RANK_LIMIT, meaning "at least". */
  totalIsLowerBound: boolean;
  /** True when hits are in bm25 order; false for browsing and for searches beyond RANK_LIMIT (newest first). */
  rankedByRelevance: boolean;
}

/** Up to this many matches are counted exactly and ranked by relevance. */
export const RANK_LIMIT = 10_000;

/** Above this many matches, facet counts are not computed (see search()). */
export const FACET_LIMIT = 2000;

const MAX_QUERY_LENGTH = 500;

/**
 * Full-text search over titles, narratives, translations and fields, inside the encrypted database,
 * with counts by violation type, province and year for the matching testimonies.
 */
export class SearchService {
  constructor(
    private readonly vault: Vault,
    private readonly limits: { rankLimit: number; facetLimit: number } = { rankLimit: RANK_LIMIT, facetLimit: FACET_LIMIT },
  ) {}

  search(query: string, filters: SearchFilters = {}, options: { limit?: number; offset?: number; facets?: boolean } = {}): SearchResult {
    this.vault.require('search');
    if (query.length > MAX_QUERY_LENGTH) throw new UserError('query-too-long', `A search is at most ${MAX_QUERY_LENGTH} characters`);
    const match = ftsQuery(query);
    if (query.trim() !== '' && !match) {
      return { total: 0, hits: [], facets: { violation: [], province: [], year: [] }, facetsComputed: false, totalIsLowerBound: false, rankedByRelevance: false };
    }
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 1000);
    // Paging for the list screen; past RANK_LIMIT a deep page is as costly as listing all before it.
    const offset = Math.min(Math.max(Math.floor(options.offset ?? 0), 0), 1_000_000);
    const db = this.vault.db;
    // Filters as correlated EXISTS on the facet index: an IN (…) list here made SQLite walk the
    // match map once per listed id (quadratic at 100k).
    const conditions: string[] = [];
    const parameters: Array<string | number> = [];
    if (filters.violation) {
      conditions.push('EXISTS (SELECT 1 FROM testimony_facets AS f WHERE f.testimony_id = ID AND f.violation = ?)');
      parameters.push(filters.violation);
    }
    if (filters.province) {
      conditions.push('EXISTS (SELECT 1 FROM testimony_facets AS f WHERE f.testimony_id = ID AND f.province = ?)');
      parameters.push(filters.province);
    }
    if (filters.year !== undefined) {
      conditions.push('EXISTS (SELECT 1 FROM testimony_facets AS f WHERE f.testimony_id = ID AND f.year_from <= ? AND f.year_to >= ?)');
      parameters.push(filters.year, filters.year);
    }
    if (filters.status) {
      conditions.push('EXISTS (SELECT 1 FROM testimonies AS s WHERE s.id = ID AND s.status = ?)');
      parameters.push(filters.status);
    }
    const filterOn = (column: string) => conditions.map((condition) => ` AND ${condition.replace('ID', column)}`).join('');

    let hits: SearchHit[];
    let total: number;
    let totalIsLowerBound = false;
    let matchedIds: string;
    let matchedParameters: Array<string | number>;
    if (match) {
      const fromMatch = `FROM testimony_fts AS fts JOIN testimony_fts_map AS m ON m.rowid = fts.rowid WHERE testimony_fts MATCH ?${filterOn('m.testimony_id')}`;
      // Counting stops past RANK_LIMIT: beyond that the exact number costs more than the search.
      const counted = (
        db.prepare(`SELECT count(*) AS n FROM (SELECT 1 ${fromMatch} LIMIT ${this.limits.rankLimit + 1})`).get(match, ...parameters) as { n: number }
      ).n;
      totalIsLowerBound = counted > this.limits.rankLimit;
      total = Math.min(counted, this.limits.rankLimit);
      // Relevance (bm25) ranks every match, so it is used up to RANK_LIMIT matches; a broader search
      // lists the newest first and says so, and the UI asks to narrow it.
      const order = totalIsLowerBound ? 'fts.rowid DESC' : 'fts.rank';
      hits = db
        .prepare(
          `SELECT t.id, t.title, t.status, h.score
             FROM (SELECT m.testimony_id AS id, ${totalIsLowerBound ? '0' : 'fts.rank'} AS score, fts.rowid AS position ${fromMatch} ORDER BY ${order} LIMIT ? OFFSET ?) AS h
             JOIN testimonies AS t ON t.id = h.id ORDER BY h.score, h.position DESC`,
        )
        .all(match, ...parameters, limit, offset) as SearchHit[];
      matchedIds = `SELECT m.testimony_id ${fromMatch}`;
      matchedParameters = [match, ...parameters];
    } else {
      const fromAll = `FROM testimonies AS t WHERE 1${filterOn('t.id')}`;
      hits = db.prepare(`SELECT t.id, t.title, t.status, 0 AS score ${fromAll} ORDER BY t.created_at DESC, t.id LIMIT ? OFFSET ?`).all(...parameters, limit, offset) as SearchHit[];
      total = (db.prepare(`SELECT count(*) AS n ${fromAll}`).get(...parameters) as { n: number }).n;
      matchedIds = `SELECT t.id ${fromAll}`;
      matchedParameters = parameters;
    }

    const facets = { violation: [] as FacetCount[], province: [] as FacetCount[], year: [] as FacetCount[] };
    // Counting facets over tens of thousands of matches costs more than the search; above the cap the
    // result says so and the UI asks to narrow the search instead of showing stale or sampled counts.
    const facetsComputed = options.facets !== false && total > 0 && total <= this.limits.facetLimit;
    if (facetsComputed) {
      const rows = db
        .prepare(
          `SELECT testimony_id AS id, violation, province, year_from AS year FROM testimony_facets
            WHERE testimony_id IN (${matchedIds})`,
        )
        .all(...matchedParameters) as Array<{ id: string; violation: string | null; province: string | null; year: number | null }>;
      const count = (pick: (row: (typeof rows)[number]) => string | number | null): FacetCount[] => {
        const byValue = new Map<string, Set<string>>();
        for (const row of rows) {
          const value = pick(row);
          if (value === null) continue;
          const key = String(value);
          let ids = byValue.get(key);
          if (!ids) byValue.set(key, (ids = new Set()));
          ids.add(row.id);
        }
        return [...byValue]
          .map(([value, ids]) => ({ value, count: ids.size }))
          .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
          .slice(0, 100);
      };
      facets.violation = count((row) => row.violation);
      facets.province = count((row) => row.province);
      facets.year = count((row) => row.year);
    }
    return { total, hits: hits.map((hit) => ({ ...hit, score: -hit.score })), facets, facetsComputed, totalIsLowerBound, rankedByRelevance: match !== undefined && !totalIsLowerBound };
  }
}
