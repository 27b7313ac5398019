import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseKoreanInitialSound } from '@shared/text/korean';
import { filterToken } from '@shared/search/fts-text';
import { searchableText, type TestimonyRecord } from '@shared/testimony/schema';
import { generateTestimony } from '../../../bench/generate';
import { Vault } from '../vault/vault';
import { TestimonyService } from '../testimony/testimony-service';
import { facetRows, MAX_YEAR_SPAN } from './search-index';
import { SearchService, type SearchFilters, type SearchResult } from './search-service';

/**
 * The search against a reference written without FTS5: a word of Hangul must occur inside a run
 * of Hangul (after folding North/South spellings), any other word must begin a word; a filter
 * holds when one event has the violation, lies in the province, or may fall in the year.
 */
const normalise = (text: string) => normaliseKoreanInitialSound(text.normalize('NFC')).toLowerCase();
const withoutDiacritics = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '');
const HANGUL_RUN = /[\uAC00-\uD7A3]+/g;
const OTHER_WORD = /(?:(?![\uAC00-\uD7A3])[\p{L}\p{N}])+/gu;

interface ReferenceEntry {
  id: string;
  record: TestimonyRecord;
  /** Runs of Hangul and other words of all searchable text, normalised. */
  runs: string[];
  words: string[];
}

function referenceEntry(id: string, record: TestimonyRecord): ReferenceEntry {
  const text = searchableText(record);
  const columns = [text.title, text.narrative, text.translation, text.fields].map(normalise);
  const runs = columns.flatMap((column) => column.match(HANGUL_RUN) ?? []);
  const words = [...new Set(columns.flatMap((column) => column.match(OTHER_WORD) ?? []).map(withoutDiacritics))];
  return { id, record, runs, words };
}

function referenceMatches({ record, runs, words }: ReferenceEntry, query: string, filters: SearchFilters): boolean {
  const q = normalise(query);
  for (const word of q.match(HANGUL_RUN) ?? []) if (!runs.some((run) => run.includes(word))) return false;
  for (const word of (q.match(OTHER_WORD) ?? []).map(withoutDiacritics)) if (!words.some((w) => w.startsWith(word))) return false;
  const events = facetRows(record);
  if (filters.violation && !events.some((event) => event.violation === filters.violation)) return false;
  if (filters.province && !events.some((event) => event.province === filters.province)) return false;
  if (filters.year !== undefined) {
    const year = filters.year;
    const inSpan = (event: (typeof events)[number]) =>
      event.yearFrom !== null && event.yearTo !== null && event.yearTo - event.yearFrom < MAX_YEAR_SPAN && event.yearFrom <= year && year <= event.yearTo;
    if (!events.some(inSpan)) return false;
  }
  return true;
}

let root: string;
let vault: Vault;
let testimonies: TestimonyService;
/** In the order they were added. */
const corpus: ReferenceEntry[] = [];
const CORPUS_SIZE = 300;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-test-'));
  vault = (await Vault.create(path.join(root, 'v'), { userName: 'all', roles: ['interviewer', 'reviewer', 'archivist'], passphrase: 'search service pass' })).vault;
  testimonies = new TestimonyService(vault);
  vault.db.transaction(() => {
    for (let index = 0; index < CORPUS_SIZE; index += 1) {
      const id = testimonies.add(generateTestimony(7, index).input);
      corpus.push(referenceEntry(id, testimonies.show(id).record));
    }
  })();
});
afterAll(() => {
  vault.lock();
  fs.rmSync(root, { recursive: true, force: true });
});

const ids = (result: SearchResult) => result.hits.map((hit) => hit.id);
const expected = (query: string, filters: SearchFilters = {}) => corpus.filter((entry) => referenceMatches(entry, query, filters)).map((entry) => entry.id);
/** Newest first: the order of a search that is not ranked. */
const newestFirst = (list: string[]) => {
  const added = new Map(corpus.map((entry, index) => [entry.id, index]));
  return [...list].sort((a, b) => added.get(b)! - added.get(a)!);
};

const CASES: Array<[string, SearchFilters]> = [
  ['로동', {}],
  ['노동', {}],
  ['보위부 구류장', {}],
  ['로동단련대', {}],
  ['회령', {}],
  ['량강도', {}],
  ['김', {}],
  ['border', {}],
  ['detent', {}],
  ['Hoeryong', {}],
  ['hoeryŏng', {}],
  ['Yanji execution', {}],
  ['ri', {}],
  ['2009', {}],
  ['Kim Yong-chol', {}],
  ['집결소 corn', {}],
  ['quillwort', {}],
  ['중국', { violation: 'forced-repatriation-china' }],
  ['China', { violation: 'forced-repatriation-china' }],
  ['river', { year: 2009, province: 'nk-hamgyongbuk-do' }],
  ['', { violation: 'public-execution' }],
  ['', { province: 'nk-ryanggang-do', year: 2001 }],
];

describe('search finds exactly the testimonies that match, whichever plan it picks', () => {
  it.each(CASES)('%s %j', (query, filters) => {
    const want = expected(query, filters);
    // Ranked by relevance (every match scored) …
    const ranked = new SearchService(vault, { rankLimit: CORPUS_SIZE }).search(query, filters, { limit: 1000 });
    // … and newest first, the plan of a broad search.
    const newest = new SearchService(vault, { rankLimit: 0 }).search(query, filters, { limit: 1000 });
    expect(ranked.total).toBe(want.length);
    expect(newest.total).toBe(want.length);
    expect([...ids(ranked)].sort()).toEqual([...want].sort());
    expect(ids(newest)).toEqual(newestFirst(want));
    expect(ranked.rankedByRelevance).toBe(query !== '');
    expect(newest.rankedByRelevance).toBe(false);
    expect(ranked.totalIsLowerBound || newest.totalIsLowerBound).toBe(false);
  });

  it('has cases that match few, many and none of the corpus', () => {
    const sizes = CASES.map(([query, filters]) => expected(query, filters).length);
    expect(Math.min(...sizes)).toBeLessThan(10);
    expect(Math.max(...sizes)).toBeGreaterThan(CORPUS_SIZE / 2);
  });
});

describe('the plan follows the number of matches, and the result says which it is', () => {
  const query = '로동';
  const all = () => expected(query);

  it('ranks by relevance up to the rank limit, best first', () => {
    const result = new SearchService(vault, { rankLimit: all().length }).search(query, {}, { limit: 20 });
    expect(result).toMatchObject({ total: all().length, totalIsLowerBound: false, rankedByRelevance: true });
    const scores = result.hits.map((hit) => hit.score);
    expect(scores.every((score) => score > 0)).toBe(true);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('beyond the rank limit: exact count, newest first, no scores', () => {
    const result = new SearchService(vault, { rankLimit: all().length - 1 }).search(query, {}, { limit: 20 });
    expect(result).toMatchObject({ total: all().length, totalIsLowerBound: false, rankedByRelevance: false });
    expect(ids(result)).toEqual(newestFirst(all()).slice(0, 20));
    expect(result.hits.every((hit) => hit.score === 0)).toBe(true);
  });

  it('beyond the count limit: the total is a lower bound', () => {
    const result = new SearchService(vault, { countLimit: 10, rankLimit: 5 }).search(query, {}, { limit: 3 });
    expect(result).toMatchObject({ total: 10, totalIsLowerBound: true, rankedByRelevance: false, facetsComputed: false });
    expect(ids(result)).toEqual(newestFirst(all()).slice(0, 3));
  });

  it('browsing without words or filters lists every testimony newest first', () => {
    const result = new SearchService(vault).search('', {}, { limit: 5 });
    expect(result).toMatchObject({ total: CORPUS_SIZE, totalIsLowerBound: false, rankedByRelevance: false, facetsComputed: true });
    expect(ids(result)).toEqual(newestFirst(corpus.map((entry) => entry.id)).slice(0, 5));
  });
});

describe('facets', () => {
  /** Testimonies per value among `matching`, from the records. */
  function referenceFacets(matching: string[]) {
    const counts = { violation: new Map<string, number>(), province: new Map<string, number>(), year: new Map<string, number>() };
    for (const entry of corpus.filter((e) => matching.includes(e.id))) {
      const seen = { violation: new Set<string>(), province: new Set<string>(), year: new Set<string>() };
      for (const event of facetRows(entry.record)) {
        if (event.violation) seen.violation.add(event.violation);
        if (event.province) seen.province.add(event.province);
        if (event.yearFrom !== null && event.yearTo !== null && event.yearTo - event.yearFrom < MAX_YEAR_SPAN) {
          for (let year = event.yearFrom; year <= event.yearTo; year += 1) seen.year.add(String(year));
        }
      }
      for (const kind of ['violation', 'province', 'year'] as const) for (const value of seen[kind]) counts[kind].set(value, (counts[kind].get(value) ?? 0) + 1);
    }
    return counts;
  }

  it.each([['회령', {}] as const, ['border', {}] as const, ['', { violation: 'torture' }] as const])('count distinct testimonies per value: %s %j', (query, filters) => {
    const result = new SearchService(vault, { facetLimit: CORPUS_SIZE }).search(query, filters);
    expect(result.facetsComputed).toBe(true);
    const want = referenceFacets(expected(query, filters));
    for (const kind of ['violation', 'province', 'year'] as const) {
      expect(new Map(result.facets[kind].map((facet) => [facet.value, facet.count])), kind).toEqual(new Map(want[kind]));
      const counts = result.facets[kind].map((facet) => facet.count);
      expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    }
  });

  it('a facet count is what filtering by that value finds', () => {
    const search = new SearchService(vault, { facetLimit: CORPUS_SIZE });
    const result = search.search('회령');
    for (const facet of result.facets.year.slice(0, 3)) expect(search.search('회령', { year: Number(facet.value) }).total).toBe(facet.count);
    for (const facet of result.facets.violation.slice(0, 3)) expect(search.search('회령', { violation: facet.value }).total).toBe(facet.count);
    for (const facet of result.facets.province.slice(0, 3)) expect(search.search('회령', { province: facet.value }).total).toBe(facet.count);
  });

  it('are not computed above the facet limit, nor when not asked for', () => {
    const many = expected('로동').length;
    expect(new SearchService(vault, { facetLimit: many - 1 }).search('로동')).toMatchObject({ facetsComputed: false, facets: { violation: [], province: [], year: [] } });
    expect(new SearchService(vault, { facetLimit: many }).search('로동', {}, { facets: false }).facetsComputed).toBe(false);
    expect(new SearchService(vault, { facetLimit: many }).search('로동').facetsComputed).toBe(true);
  });
});

describe('filters', () => {
  it('narrow a ranked search without reordering it', () => {
    const search = new SearchService(vault, { rankLimit: CORPUS_SIZE });
    const filters = { violation: 'torture' };
    const inFilter = new Set(expected('border', filters));
    const unfiltered = ids(search.search('border', {}, { limit: 1000 })).filter((id) => inFilter.has(id));
    expect(ids(search.search('border', filters, { limit: 1000 }))).toEqual(unfiltered);
  });

  it('cannot be matched by words: neither a word that looks like a filter token nor a prefix of one', async () => {
    const id = testimonies.add({
      title: 'filter lookalike',
      narrative: 'vtorture ptorture y2009',
      events: [{ id: 'e1', violations: ['beating'], date: '2011' }],
    });
    try {
      const search = new SearchService(vault);
      expect(ids(search.search('vtorture'))).toEqual([id]);
      expect(ids(search.search('vbeating', {}, { limit: 1000 }))).not.toContain(id);
      expect(search.search('y2011').total).toBe(0);
      expect(ids(search.search('', { violation: 'torture' }, { limit: 1000 }))).not.toContain(id);
      expect(ids(search.search('', { violation: 'beating', year: 2011 }, { limit: 1000 }))).toContain(id);
      expect(search.search(filterToken('violation', 'beating')).total).toBe(0);
    } finally {
      // Keep the corpus the other tests compare with: move the lookalike out of every result above.
      testimonies.update(id, { title: 'removed', narrative: 'x' });
    }
  });

  it('follow a testimony when it is edited', () => {
    const id = testimonies.add({ title: 'editable', narrative: 'editword', events: [{ id: 'e1', violations: ['public-execution'], date: '1998' }] });
    const search = new SearchService(vault);
    expect(ids(search.search('editword', { violation: 'public-execution', year: 1998 }))).toEqual([id]);
    testimonies.update(id, { title: 'editable', narrative: 'editword', events: [{ id: 'e1', violations: ['beating'], date: '1999~' }] });
    expect(search.search('editword', { violation: 'public-execution' }).total).toBe(0);
    expect(search.search('editword', { year: 1998 }).total).toBe(0);
    expect(ids(search.search('editword', { violation: 'beating', year: 1999 }))).toEqual([id]);
    expect(search.search('editword').facets.violation).toEqual([{ value: 'beating', count: 1 }]);
    testimonies.update(id, { title: 'removed', narrative: 'x' });
  });
});

describe('a status filter and paging', () => {
  const inReview = new Set<string>();
  beforeAll(() => {
    // Every third testimony goes to review: status changes without a new version or re-indexing.
    corpus.forEach((entry, index) => {
      if (index % 3 === 0) {
        testimonies.setStatus(entry.id, 'in-review');
        inReview.add(entry.id);
      }
    });
  });
  afterAll(() => {
    for (const id of inReview) testimonies.setStatus(id, 'draft');
  });

  it.each(CASES.slice(0, 6).concat(CASES.slice(-3)))('keeps only testimonies in that status: %s %j', (query, filters) => {
    const want = expected(query, filters).filter((id) => inReview.has(id));
    const withStatus = { ...filters, status: 'in-review' as const };
    const ranked = new SearchService(vault, { rankLimit: CORPUS_SIZE }).search(query, withStatus, { limit: 1000 });
    const newest = new SearchService(vault, { rankLimit: 0 }).search(query, withStatus, { limit: 1000 });
    expect(ranked.total).toBe(want.length);
    expect([...ids(ranked)].sort()).toEqual([...want].sort());
    expect(ids(newest)).toEqual(newestFirst(want));
    expect(ranked.hits.every((hit) => hit.status === 'in-review')).toBe(true);
  });

  it('counts facets among the testimonies in that status only', () => {
    const result = new SearchService(vault).search('', { status: 'in-review' }, { limit: 1 });
    expect(result.facetsComputed).toBe(true);
    for (const { value, count } of result.facets.violation) {
      expect(count).toBe(expected('', { violation: value }).filter((id) => inReview.has(id)).length);
    }
  });

  it('pages through a ranked and a newest-first search without gaps or repeats', () => {
    for (const rankLimit of [CORPUS_SIZE, 0]) {
      const service = new SearchService(vault, { rankLimit });
      const whole = ids(service.search('로동', {}, { limit: 1000 }));
      const pages: string[] = [];
      for (let offset = 0; offset < whole.length; offset += 7) pages.push(...ids(service.search('로동', {}, { limit: 7, offset })));
      expect(pages).toEqual(whole);
    }
  });
});

describe('relevance', () => {
  it('counts a word in the title more than the same word in the narrative', () => {
    const inTitle = testimonies.add({ title: 'ranktitleword', narrative: 'an account of something else entirely' });
    const inNarrative = testimonies.add({ title: 'an account', narrative: 'ranktitleword of something else entirely' });
    const result = new SearchService(vault).search('ranktitleword');
    expect(result.rankedByRelevance).toBe(true);
    expect(ids(result)).toEqual([inTitle, inNarrative]);
    testimonies.update(inTitle, { title: 'removed', narrative: 'x' });
    testimonies.update(inNarrative, { title: 'removed', narrative: 'x' });
  });
});

describe('a locked vault', () => {
  it('refuses to search, also with statements prepared while it was open', () => {
    const search = new SearchService(vault);
    expect(search.search('로동').total).toBeGreaterThan(0);
    vault.lock();
    expect(() => search.search('로동')).toThrow(/locked/);
    expect(() => new SearchService(vault).search('로동')).toThrow(/locked/);
  });
});
