import type { TestimonyStatus } from '@shared/testimony/schema';
import type { Vault } from '../vault/vault';

export interface VaultStatistics {
  testimonies: number;
  byStatus: Record<TestimonyStatus, number>;
  /** Per year of the events told (an event spanning years counts in its first). */
  byYear: Array<{ year: number; testimonies: number; violations: number }>;
  byViolation: Array<{ code: string; testimonies: number }>;
  byProvince: Array<{ province: string; testimonies: number }>;
}

/**
 * Counts for the dashboard, over the whole vault, from the facet index that search keeps
 * (one row per event and violation, with the event's first-level division and years).
 * Aggregates only: no title or text leaves this function.
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
    const byYear = db
      .prepare(
        `SELECT year_from AS year, count(DISTINCT testimony_id) AS testimonies, count(violation) AS violations
           FROM testimony_facets WHERE year_from IS NOT NULL GROUP BY year_from ORDER BY year_from`,
      )
      .all() as VaultStatistics['byYear'];
    const byViolation = db
      .prepare(
        `SELECT violation AS code, count(DISTINCT testimony_id) AS testimonies
           FROM testimony_facets WHERE violation IS NOT NULL GROUP BY violation ORDER BY testimonies DESC, violation`,
      )
      .all() as VaultStatistics['byViolation'];
    const byProvince = db
      .prepare(
        `SELECT province, count(DISTINCT testimony_id) AS testimonies
           FROM testimony_facets WHERE province IS NOT NULL GROUP BY province ORDER BY testimonies DESC, province`,
      )
      .all() as VaultStatistics['byProvince'];
    return { testimonies, byStatus, byYear, byViolation, byProvince };
  }
}
