/** Full-text search with facets, and the figures of the dashboard. */
import { z } from 'zod';
import { TestimonyStatus } from '../../testimony/schema';
import { noRequest, uuid, type ChannelSpec } from './common';

const facetCount = z.strictObject({ value: z.string(), count: z.int().min(0) });

export const searchFiltersSchema = z.strictObject({
  violation: z.string().min(1).max(100).optional(),
  province: z.string().min(1).max(100).optional(),
  year: z.int().min(0).max(9999).optional(),
  status: TestimonyStatus.optional(),
});
export type SearchFilters = z.infer<typeof searchFiltersSchema>;

export const searchResultSchema = z.strictObject({
  total: z.int().min(0),
  /** True when more matched than the service counts exactly: `total` then means "at least". */
  totalIsLowerBound: z.boolean(),
  rankedByRelevance: z.boolean(),
  hits: z.array(z.strictObject({ id: uuid, title: z.string(), status: TestimonyStatus })),
  facets: z.strictObject({ violation: z.array(facetCount), province: z.array(facetCount), year: z.array(facetCount) }),
  /** False when too many matched to count facets (the UI asks to narrow the search). */
  facetsComputed: z.boolean(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

const count = z.int().min(0);

export const dashboardSchema = z.strictObject({
  testimonies: count,
  byStatus: z.strictObject({ draft: count, 'in-review': count, approved: count }),
  /** Per year of the events told: testimonies telling of that year, and violations recorded in it. */
  byYear: z.array(z.strictObject({ year: z.int(), testimonies: count, violations: count })),
  /** Per violation type: testimonies that record it. */
  byViolation: z.array(z.strictObject({ code: z.string(), testimonies: count })),
  /** Per first-level division (North Korean or abroad): testimonies with an event there. */
  byProvince: z.array(z.strictObject({ province: z.string(), testimonies: count })),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const searchChannels = {
  'search:query': {
    request: z.strictObject({
      query: z.string().max(500).default(''),
      filters: searchFiltersSchema.default({}),
      offset: z.int().min(0).max(1_000_000).default(0),
      limit: z.int().min(1).max(1000).default(100),
      facets: z.boolean().default(true),
    }),
    response: searchResultSchema,
  },
  'stats:dashboard': {
    request: noRequest,
    response: dashboardSchema,
  },
} as const satisfies Record<string, ChannelSpec>;
