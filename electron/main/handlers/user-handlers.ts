import type { Vault } from '../../services/vault/vault';
import type { IpcHandlers } from '../../host/types';
import type { HandlerState } from './context';

/** User id → name, for showing who did what. */
export function userNames(vault: Vault): Map<string, string> {
  return new Map(vault.listUsers().map((user) => [user.id, user.name]));
}

export function userHandlers(state: HandlerState): Partial<IpcHandlers> {
  return {
    'user:list': () => ({
      users: state.services().vault.listUsers().map((user) => ({ id: user.id, name: user.name, roles: user.roles, isAdmin: user.isAdmin })),
    }),

    'user:add': async (request) => {
      const user = await state.services().vault.addUser({ name: request.name, roles: request.roles, passphrase: request.passphrase });
      return { user: { id: user.id, name: user.name, roles: user.roles, isAdmin: user.isAdmin } };
    },

    'audit:list': (request) => {
      const { vault, audit } = state.services();
      const names = userNames(vault);
      const page = audit.page({ limit: request.limit, ...(request.beforeSeq === undefined ? {} : { beforeSeq: request.beforeSeq }) });
      return {
        total: page.total,
        entries: page.entries.map((entry) => ({
          seq: entry.seq,
          at: entry.at,
          user: entry.userId === null ? null : (names.get(entry.userId) ?? entry.userId),
          action: entry.action,
          target: entry.target,
          details: entry.details,
        })),
      };
    },

    'audit:verify': () => state.services().audit.verify(),
  };
}
