import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '@shared/errors';
import type { VaultSession } from '@shared/ipc/contract';
import { Vault } from '../../services/vault/vault';
import { KEYSLOT_FILE } from '../../services/vault/keyslots';
import type { IpcHandlers } from '../../host/types';
import type { HandlerState } from './context';

function sessionOf(vault: Vault): VaultSession {
  const user = vault.user;
  if (user) return { kind: 'user', user: { id: user.id, name: user.name, roles: user.roles, isAdmin: user.isAdmin } };
  return { kind: 'recovery', userNames: vault.listUsers().map((each) => each.name) };
}

export function vaultHandlers(state: HandlerState): Partial<IpcHandlers> {
  const { vaultDir } = state.context;
  const vaultExists = () => fs.existsSync(path.join(vaultDir, KEYSLOT_FILE));

  return {
    'vault:status': () => {
      const vault = state.vaultOrUndefined();
      if (vault) return { state: 'unlocked', session: sessionOf(vault) };
      return { state: vaultExists() ? 'locked' : 'no-vault' };
    },

    'vault:create': (request) =>
      state.exclusive(async () => {
        if (vaultExists()) throw new UserError('vault-exists', 'There is already a vault here; unlock it instead');
        await state.drop();
        const { vault, recoveryKey } = await Vault.create(vaultDir, {
          userName: request.userName,
          roles: request.roles,
          passphrase: request.passphrase,
        });
        state.adopt(vault);
        return { session: sessionOf(vault), recoveryKey };
      }),

    'vault:unlock': (request) =>
      state.exclusive(async () => {
        // Whoever unlocks replaces whoever held it open: one session at a time.
        await state.drop();
        const vault = await Vault.unlock(vaultDir, request.passphrase);
        state.adopt(vault);
        return { session: sessionOf(vault) };
      }),

    'vault:lock': () =>
      state.exclusive(async () => {
        await state.drop();
        return null;
      }),

    'vault:change-passphrase': async (request) => {
      const vault = state.services().vault;
      await vault.setPassphrase({
        newPassphrase: request.newPassphrase,
        ...(request.userName === undefined ? {} : { userName: request.userName }),
      });
      return null;
    },
  };
}
