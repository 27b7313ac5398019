import { UserError } from '@shared/errors';
import { filterQuery, ftsQuery, MIN_EXPANDED_WORD } from '@shared/search/fts-text';
import type { TestimonyStatus } from '@shared/testimony/schema';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Vault } from '../vault/vault';

export interface SearchFilters {
  violation?: string;
  province?: string;
  year?: number;
  /** Review status lives on the testimony, not in the index: it changes without a new version. */
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
  /** Number of matching testimonies; when totalIsLowerBound, "at least this many". */
  total: number;
  hits: SearchHit[];
  facets: { violation: FacetCount[]; province: FacetCount[]; year: FacetCount[] };
  /** False when facets were not asked for, or more than FACET_LIMIT testimonies match. */
  facetsComputed: boolean;
  /** True when more than COUNT_LIMIT match: `total` is then COUNT_LIMIT, meaning "at least". */
  totalIsLowerBound: boolean;
  /** True when hits are in bm25 order; false for browsing and beyond RANK_LIMIT matches (newest first). */
  rankedByRelevance: boolean;
}

/** Up to this many matches are counted exactly. */
export const COUNT_LIMIT = 10_000;

/**
 * Up to this many matches are ranked by relevance (bm25). Ranking scores every match (about 1.5 µs
 * each at 100k testimonies, plus one pass over the whole index per query word), so 10,000 matches
 * cost 15–45 ms; a broader search lists the newest first and says so.
 */
export const RANK_LIMIT = 2000;

/** Above this many matches, facet counts are not computed (see search()). */
export const FACET_LIMIT = 2000;

export interface SearchLimits {
  countLimit: number;
  rankLimit: number;
  facetLimit: number;
}

/**
 * bm25 weights of the columns title, narrative, translation, fields, filters. A word in the title
 * counts three times; the filter tokens count nothing, so a filter narrows a search without
 * reordering it.
 */
const BM25 = 'bm25(testimony_fts, 3.0, 1.0, 1.0, 1.0, 0.0)';

const MAX_QUERY_LENGTH = 500;

/** A word that begins more terms than this is searched as an FTS5 prefix query. */
const MAX_PREFIX_EXPANSION = 32;
/** Above every character of a term in UTF-8 order: `term < word + TERM_END` means "begins with word". */
const TERM_END = '\u{10FFFF}';

const noFacets = (): SearchResult['facets'] => ({ violation: [], province: [], year: [] });

/**
 * Full-text search over titles, narratives, translations and fields, inside the encrypted database,
 * with counts by violation type, province and year for the matching testimonies.
 *
 * Words and filters are one FTS5 query (filters are tokens of the `filters` column, see
 * filterToken), so FTS5 intersects them. A search first counts its matches, stopping past
 * COUNT_LIMIT; that count picks the plan: bm25 over the matches when at most RANK_LIMIT (ranking
 * scores every match), newest first otherwise (FTS5 walks its rowids backwards and stops after
 * `limit`). Both plans run the same MATCH, so the plan never changes which testimonies are found,
 * only their order, and the result says which order it is.
 */
export class SearchService {
  private readonly limits: SearchLimits;
  /** Prepared once per service: compiling the page query costs about a tenth of a fast search. */
  private readonly statements = new Map<string, Statement>();

  constructor(
    private readonly vault: Vault,
    limits: Partial<SearchLimits> = {},
  ) {
    this.limits = { countLimit: COUNT_LIMIT, rankLimit: RANK_LIMIT, facetLimit: FACET_LIMIT, ...limits };
  }

  search(query: string, filters: SearchFilters = {}, options: { limit?: number; offset?: number; facets?: boolean } = {}): SearchResult {
    this.vault.require('search');
    // Throws "vault-locked" once locked, before any statement prepared earlier is touched.
    void this.vault.db;
    if (query.length > MAX_QUERY_LENGTH) throw new UserError('query-too-long', `A search is at most ${MAX_QUERY_LENGTH} characters`);
    const words = ftsQuery(query, (word) => this.expandPrefix(word));
    if (query.trim() !== '' && !words) {
      return { total: 0, hits: [], facets: noFacets(), facetsComputed: false, totalIsLowerBound: false, rankedByRelevance: false };
    }
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 1000);
    // Paging for the list screen; a deep page costs as much as listing everything before it.
    const offset = Math.min(Math.max(Math.floor(options.offset ?? 0), 0), 1_000_000);
    const parts = [words, filterQuery(filters)].filter((part): part is string => part !== undefined);
    const match = parts.length > 0 ? parts.join(' AND ') : undefined;

    // Without words or filters every testimony matches: the same plans over testimony_fts_map.
    // A status filter narrows the documents through the testimonies table.
    const byStatus = filters.status !== undefined;
    const statusDocs = 'SELECT sm.rowid FROM testimony_fts_map AS sm JOIN testimonies AS st ON st.id = sm.testimony_id WHERE st.status = ?';
    const statusCondition = byStatus ? ` AND testimony_fts.rowid IN (${statusDocs})` : '';
    const matching = match
      ? `SELECT rowid AS doc FROM testimony_fts WHERE testimony_fts MATCH ?${statusCondition}`
      : byStatus
        ? statusDocs.replace('SELECT sm.rowid', 'SELECT sm.rowid AS doc')
        : 'SELECT rowid AS doc FROM testimony_fts_map';
    const matchParameters: string[] = [...(match ? [match] : []), ...(byStatus ? [filters.status!] : [])];

    const counted = (this.statement(`SELECT count(*) AS n FROM (${matching} LIMIT ${this.limits.countLimit + 1})`).get(...matchParameters) as { n: number }).n;
    const totalIsLowerBound = counted > this.limits.countLimit;
    const rankedByRelevance = words !== undefined && !totalIsLowerBound && counted <= this.limits.rankLimit;
    const page = rankedByRelevance
      ? `SELECT rowid AS doc, ${BM25} AS score FROM testimony_fts WHERE testimony_fts MATCH ?${statusCondition} ORDER BY score LIMIT ? OFFSET ?`
      : `SELECT doc, 0 AS score FROM (${matching}) ORDER BY doc DESC LIMIT ? OFFSET ?`;
    const hits = this.statement(
        `SELECT t.id, t.title, t.status, h.score
           FROM (${page}) AS h
           JOIN testimony_fts_map AS m ON m.rowid = h.doc
           JOIN testimonies AS t ON t.id = m.testimony_id
          ORDER BY h.score, h.doc DESC`,
      ).all(...matchParameters, limit, offset) as SearchHit[];

    // Counting facets over tens of thousands of matches costs more than the search; above the cap the
    // result says so and the UI asks to narrow the search instead of showing stale or sampled counts.
    const facetsComputed = options.facets !== false && counted > 0 && !totalIsLowerBound && counted <= this.limits.facetLimit;
    const facets = facetsComputed ? this.countFacets(byStatus ? { docs: matching, parameters: matchParameters } : match) : noFacets();
    return {
      total: Math.min(counted, this.limits.countLimit),
      hits: hits.map((hit) => ({ ...hit, score: rankedByRelevance ? -hit.score : 0 })),
      facets,
      facetsComputed,
      totalIsLowerBound,
      rankedByRelevance,
    };
  }

  /**
   * The terms a word begins, from the term list (see recordTerms), or undefined to search it as an
   * FTS5 prefix query. Words of 3 or 4 characters have prefix indexes of their own (migration 0004)
   * and are faster as prefix queries; shorter ones begin too many terms. Only plain ASCII words are
   * expanded: the term list is folded by FTS5 (case, diacritics) and a word in any other script
   * would have to be folded the same way.
   */
  private expandPrefix(word: string): string[] | undefined {
    if (word.length < MIN_EXPANDED_WORD || !/^[a-z0-9]+$/.test(word)) return undefined;
    const terms = this.statement('SELECT term FROM search_terms_vocab WHERE term >= ? AND term < ? ORDER BY term LIMIT ?', true).all(
      word,
      word + TERM_END,
      MAX_PREFIX_EXPANSION + 1,
    ) as string[];
    return terms.length > 0 && terms.length <= MAX_PREFIX_EXPANSION ? terms : undefined;
  }

  private statement(sql: string, pluck = false): Statement {
    const key = `${pluck ? 'p' : 'r'}${sql}`;
    let statement = this.statements.get(key);
    if (!statement) {
      // Prepared against the open database; a locked vault throws here before any use.
      statement = this.vault.db.prepare(sql);
      if (pluck) statement.pluck();
      this.statements.set(key, statement);
    }
    return statement;
  }

  /**
   * Testimonies per facet value among the matches: an FTS5 match, a query listing the matching
   * documents (a status filter), or every testimony when undefined.
   */
  private countFacets(match: string | { docs: string; parameters: string[] } | undefined): SearchResult['facets'] {
    const lists = (
      typeof match === 'string'
        ? this.statement('SELECT f.value_ids FROM testimony_fts JOIN testimony_facets AS f ON f.doc = testimony_fts.rowid WHERE testimony_fts MATCH ?', true).all(match)
        : match
          ? this.statement(`SELECT value_ids FROM testimony_facets WHERE doc IN (${match.docs})`, true).all(...match.parameters)
          : this.statement('SELECT value_ids FROM testimony_facets', true).all()
    ) as Buffer[];
    // A document lists each of its values once, so counting ids counts distinct testimonies.
    const counts = new Map<number, number>();
    for (const ids of lists) {
      for (let offset = 0; offset + 4 <= ids.length; offset += 4) {
        const id = ids.readUInt32LE(offset);
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
    }
    const facets = noFacets();
    const values = this.statement('SELECT id, kind, value FROM search_facet_values').all() as Array<{ id: number; kind: keyof SearchResult['facets']; value: string }>;
    for (const { id, kind, value } of values) {
      const count = counts.get(id);
      if (count !== undefined) facets[kind].push({ value, count });
    }
    for (const list of Object.values(facets)) {
      list.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
      list.splice(100);
    }
    return facets;
  }
}
