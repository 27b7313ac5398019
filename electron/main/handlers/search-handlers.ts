import type { IpcHandlers } from '../../host/types';
import type { HandlerState } from './context';

export function searchHandlers(state: HandlerState): Partial<IpcHandlers> {
  return {
    'search:query': (request) => {
      const result = state.services().search.search(request.query, request.filters, {
        limit: request.limit,
        offset: request.offset,
        facets: request.facets,
      });
      return {
        total: result.total,
        totalIsLowerBound: result.totalIsLowerBound,
        rankedByRelevance: result.rankedByRelevance,
        hits: result.hits.map((hit) => ({ id: hit.id, title: hit.title, status: hit.status })),
        facets: result.facets,
        facetsComputed: result.facetsComputed,
      };
    },

    'stats:dashboard': () => state.services().statistics.summary(),
  };
}
