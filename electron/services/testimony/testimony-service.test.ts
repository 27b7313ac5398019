import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import { Vault } from '../vault/vault';
import { TestimonyService } from './testimony-service';
import { SearchService } from '../search/search-service';
import { listAudit } from '../vault/audit-log';

let root: string;
let vault: Vault;
let testimonies: TestimonyService;
let search: SearchService;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-test-'));
  vault = (await Vault.create(path.join(root, 'v'), { userName: 'all', roles: ['interviewer', 'reviewer', 'archivist'], passphrase: 'testimony service pass' })).vault;
  testimonies = new TestimonyService(vault);
  search = new SearchService(vault);
});
afterAll(() => {
  vault.lock();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('testimonies', () => {
  it('keeps every version, refuses a stale edit, and records history without content in the audit log', () => {
    const id = testimonies.add({ title: '첫 증언', narrative: '처음 쓴 이야기' });
    expect(testimonies.update(id, { title: '첫 증언', narrative: '고친 이야기' }, 1)).toBe(2);
    expect(() => testimonies.update(id, { title: '첫 증언', narrative: '다른 노트북' }, 1)).toThrow(/changed meanwhile/);
    expect(testimonies.versions(id).map((v) => v.version)).toEqual([1, 2]);
    expect(testimonies.show(id, 1).record.narrative.text).toBe('처음 쓴 이야기');
    expect(testimonies.show(id).record.narrative.text).toBe('고친 이야기');
    const entries = listAudit(vault.db, { target: id });
    expect(entries.map((entry) => entry.action)).toEqual(['testimony.add', 'testimony.update']);
    expect(JSON.stringify(entries)).not.toContain('이야기');
  });

  it('moves through draft → in-review → approved and refuses edits once approved', () => {
    const id = testimonies.add({ title: 'status', narrative: 'text' });
    expect(() => testimonies.setStatus(id, 'approved')).toThrow(/cannot go from draft/);
    testimonies.setStatus(id, 'in-review');
    testimonies.setStatus(id, 'approved');
    expect(() => testimonies.update(id, { title: 'x', narrative: 'y' })).toThrow(/approved/);
  });

  it('refuses an unknown id clearly', () => {
    expect(() => testimonies.show('nope')).toThrow(/no testimony nope/);
  });
});

describe('search', () => {
  it('finds Korean words inside inflected text and across North/South spellings', () => {
    const id = testimonies.add({
      title: '로동단련대 증언',
      narrative: '1997년 회령시에서 녀성 수감자들이 리씨 성을 가진 보위원에게 맞았습니다.',
      translation: { language: 'en', text: 'Women prisoners were beaten in Hoeryong.' },
    });
    for (const query of ['노동', '로동단련대', '회령', '여성', '이씨', '보위원에게', 'beaten', 'hoeryong', 'women prisoners']) {
      expect(search.search(query).hits.map((hit) => hit.id), query).toContain(id);
    }
    expect(search.search('평양').hits.map((hit) => hit.id)).not.toContain(id);
  });

  it('counts facets by violation, province and year, and filters by them', () => {
    const a = testimonies.add({
      title: 'facet a', narrative: '국경 facetword',
      events: [{ id: 'e1', violations: ['torture'], date: '2009~', place: { gazetteerId: 'nk-hoeryong-si' } }],
    });
    const b = testimonies.add({
      title: 'facet b', narrative: '국경 facetword',
      events: [{ id: 'e1', violations: ['torture', 'beating'], date: '2011-21' }],
    });
    const result = search.search('facetword');
    expect(result.total).toBe(2);
    expect(result.facets.violation).toContainEqual({ value: 'torture', count: 2 });
    expect(result.facets.violation).toContainEqual({ value: 'beating', count: 1 });
    expect(result.facets.province).toEqual([{ value: 'nk-hamgyongbuk-do', count: 1 }]);
    expect(result.facets.year).toEqual(expect.arrayContaining([{ value: '2009', count: 1 }, { value: '2011', count: 1 }]));
    expect(search.search('facetword', { violation: 'beating' }).hits.map((h) => h.id)).toEqual([b]);
    expect(search.search('facetword', { province: 'nk-hamgyongbuk-do' }).hits.map((h) => h.id)).toEqual([a]);
    expect(search.search('facetword', { year: 2011 }).hits.map((h) => h.id)).toEqual([b]);
  });

  it('treats FTS syntax in a query as words', () => {
    expect(() => search.search('NEAR( "unbalanced * OR')).not.toThrow();
    expect(search.search('***').total).toBe(0);
  });
});

describe('broad searches', () => {
  it('beyond the rank limit: says the total is a lower bound, lists newest first, and skips facets beyond the facet limit', () => {
    const ids: string[] = [];
    for (let index = 0; index < 6; index += 1) {
      ids.push(testimonies.add({ title: `broad ${index}`, narrative: 'broadword 국경', events: [{ id: 'e1', violations: ['torture'] }] }));
    }
    const narrow = new SearchService(vault, { countLimit: 4, rankLimit: 4, facetLimit: 3 }).search('broadword', {}, { limit: 2 });
    expect(narrow).toMatchObject({ total: 4, totalIsLowerBound: true, rankedByRelevance: false, facetsComputed: false });
    expect(narrow.hits.map((hit) => hit.id)).toEqual([ids[5], ids[4]]);

    const wide = new SearchService(vault, { countLimit: 100, rankLimit: 100, facetLimit: 100 }).search('broadword');
    expect(wide).toMatchObject({ total: 6, totalIsLowerBound: false, rankedByRelevance: true, facetsComputed: true });
    expect(wide.facets.violation).toEqual([{ value: 'torture', count: 6 }]);
  });
});

describe('paging and status', () => {
  it('pages through matches and browsing without repeating or skipping, and filters by status', () => {
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) ids.push(testimonies.add({ title: `paged ${index}`, narrative: 'pagedword' }));
    testimonies.setStatus(ids[2]!, 'in-review');
    const pages = [0, 2, 4].flatMap((offset) => search.search('pagedword', {}, { limit: 2, offset }).hits.map((hit) => hit.id));
    expect(new Set(pages)).toEqual(new Set(ids));
    expect(pages).toHaveLength(5);
    expect(search.search('pagedword', { status: 'in-review' }).hits.map((hit) => hit.id)).toEqual([ids[2]]);
    expect(search.search('pagedword', { status: 'in-review' }).total).toBe(1);

    const browsed = [0, 1, 2].flatMap((page) => search.search('', {}, { limit: 3, offset: page * 3 }).hits.map((hit) => hit.id));
    expect(new Set(browsed).size).toBe(browsed.length);
    expect(search.search('', { status: 'in-review' }).hits.map((hit) => hit.id)).toContain(ids[2]);
    expect(search.search('', { status: 'in-review' }).hits.map((hit) => hit.id)).not.toContain(ids[1]);
  });
});
