import type { IpcHandlers } from '../../host/types';
import type { HandlerState } from './context';
import { userNames } from './user-handlers';

export function testimonyHandlers(state: HandlerState): Partial<IpcHandlers> {
  return {
    'testimony:list': (request) => {
      const { testimonies, search } = state.services();
      const items = testimonies.list({ offset: request.offset, limit: request.limit, ...(request.status ? { status: request.status } : {}) });
      const total = request.status
        ? search.search('', { status: request.status }, { limit: 1, facets: false }).total
        : testimonies.count();
      return { total, items };
    },

    'testimony:get': (request) => {
      const detail = state.services().testimonies.show(request.id, request.version);
      return {
        id: detail.id,
        title: detail.title,
        status: detail.status,
        version: detail.version,
        createdAt: detail.createdAt,
        updatedAt: detail.updatedAt,
        shownVersion: request.version ?? detail.version,
        record: detail.record,
        recordSha256: detail.recordSha256,
      };
    },

    'testimony:create': (request) => ({ id: state.services().testimonies.add(request.input), version: 1 as const }),

    'testimony:update': (request) => ({
      version: state.services().testimonies.update(request.id, request.input, request.expectedVersion),
    }),

    'testimony:set-status': (request) => {
      state.services().testimonies.setStatus(request.id, request.status);
      return { status: request.status };
    },

    'testimony:versions': (request) => {
      const { vault, testimonies } = state.services();
      const names = userNames(vault);
      return {
        versions: testimonies.versions(request.id).map((version) => ({
          version: version.version,
          createdAt: version.createdAt,
          createdBy: names.get(version.createdBy) ?? version.createdBy,
          recordSha256: version.recordSha256,
        })),
      };
    },
  };
}
