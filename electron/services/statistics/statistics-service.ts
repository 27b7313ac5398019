import type { TestimonyStatus } from '@shared/testimony/schema';
import type { Vault } from '../vault/vault';

export interface VaultStatistics {
  testimonies: number;
  byStatus: Record<TestimonyStatus, number>;
  /**
   * Per year that an event of a testimony may fall in (as the year facet and filter count it):
   * the testimonies, and the violation types those testimonies report (one per testimony and type).
   */
  byYear: Array<{ year: number; testimonies: number; violations: number }>;
  byViolation: Array<{ code: string; testimonies: number }>;
  byProvince: Array<{ province: string; testimonies: number }>;
}

type FacetKind = 'violation' | 'province' | 'year';

/**
 * Counts for the dashboard, over the whole vault, from the facet index that search keeps (each
 * testimony's distinct violation types, provinces and years as value ids; see search-index.ts).
 * One pass over the index, no record parsed. Aggregates only: no title or text leaves this function.
 */
export class StatisticsService {
  constructor(private readonly vault: Vault) {}

  summary(): VaultStatistics {
    this.vault.require('testimony.read');
    const db = this.vault.db;
    const byStatus: Record<TestimonyStatus, number> = { draft: 0, 'in-review': 0, approved: 0 };
    for (const row of db.prepare('SELECT status, count(*) AS n FROM testimonies GROUP BY status').all() as Array<{ status: TestimonyStatus; n: number }>) {
      byStatus[row.status] = row.n;
    }
    const testimonies = byStatus.draft + byStatus['in-review'] + byStatus.approved;

    const kindOf = new Map<number, { kind: FacetKind; value: string }>();
    for (const row of db.prepare('SELECT id, kind, value FROM search_facet_values').all() as Array<{ id: number; kind: FacetKind; value: string }>) {
      kindOf.set(row.id, { kind: row.kind, value: row.value });
    }
    const testimoniesWith = new Map<number, number>();
    const violationsInYear = new Map<number, number>();
    for (const ids of db.prepare('SELECT value_ids FROM testimony_facets').pluck().iterate() as IterableIterator<Buffer>) {
      const years: number[] = [];
      let violationTypes = 0;
      // A testimony lists each of its values once, so counting ids counts distinct testimonies.
      for (let offset = 0; offset + 4 <= ids.length; offset += 4) {
        const id = ids.readUInt32LE(offset);
        testimoniesWith.set(id, (testimoniesWith.get(id) ?? 0) + 1);
        const kind = kindOf.get(id)?.kind;
        if (kind === 'year') years.push(id);
        else if (kind === 'violation') violationTypes += 1;
      }
      for (const year of years) violationsInYear.set(year, (violationsInYear.get(year) ?? 0) + violationTypes);
    }

    const byYear: VaultStatistics['byYear'] = [];
    const byViolation: VaultStatistics['byViolation'] = [];
    const byProvince: VaultStatistics['byProvince'] = [];
    for (const [id, count] of testimoniesWith) {
      const facet = kindOf.get(id);
      if (!facet) continue;
      if (facet.kind === 'year') byYear.push({ year: Number(facet.value), testimonies: count, violations: violationsInYear.get(id) ?? 0 });
      else if (facet.kind === 'violation') byViolation.push({ code: facet.value, testimonies: count });
      else byProvince.push({ province: facet.value, testimonies: count });
    }
    byYear.sort((a, b) => a.year - b.year);
    byViolation.sort((a, b) => b.testimonies - a.testimonies || a.code.localeCompare(b.code));
    byProvince.sort((a, b) => b.testimonies - a.testimonies || a.province.localeCompare(b.province));
    return { testimonies, byStatus, byYear, byViolation, byProvince };
  }
}
