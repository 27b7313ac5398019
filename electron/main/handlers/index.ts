/**
 * The services' answers to the IPC contract. Runs inside the service host (electron/host), a
 * process that the main process starts for a session and ends when the vault locks, so the state
 * kept here (the unlocked vault) lives exactly as long as the session.
 *
 * Plain Node: no `electron` import (the layer check enforces it), so tests load it directly.
 * This is the minimal set the shell needs; the screens add theirs beside it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '@shared/errors';
import { IPC_CHANNELS } from '@shared/ipc/contract';
import { KEYSLOT_FILE } from '../../services/vault/keyslots';
import { Vault } from '../../services/vault/vault';
import type { IpcHandlers, ServiceContext } from '../../host/types';

export function createServiceHandlers(context: ServiceContext): Partial<IpcHandlers> {
  let vault: Vault | undefined;
  let unlocking = false;

  const vaultExists = (): boolean => fs.existsSync(path.join(context.vaultDir, KEYSLOT_FILE));

  return {
    [IPC_CHANNELS.appInfo]: () => ({ version: context.appVersion, platform: context.platform }),

    [IPC_CHANNELS.vaultStatus]: () => {
      const user = vault && !vault.isLocked ? vault.user : undefined;
      if (user) return { state: 'unlocked', user: { name: user.name, roles: user.roles } };
      return { state: vaultExists() ? 'locked' : 'no-vault' };
    },

    [IPC_CHANNELS.vaultUnlock]: async ({ passphrase }) => {
      if (vault && !vault.isLocked) throw new UserError('already-unlocked', 'The vault is already unlocked.');
      if (unlocking) throw new UserError('unlock-in-progress', 'The vault is being unlocked already.');
      if (!vaultExists()) throw new UserError('no-vault', 'There is no vault yet: create one first.');
      unlocking = true;
      try {
        const opened = await Vault.unlock(context.vaultDir, passphrase);
        const user = opened.user;
        if (!user) {
          // The recovery key only resets passphrases; the app does not work as nobody in particular.
          opened.lock();
          throw new UserError('recovery-key-in-app', 'The recovery key only resets a passphrase (tw passphrase change); it does not open the app.');
        }
        vault = opened;
        return { user: { name: user.name, roles: user.roles } };
      } finally {
        unlocking = false;
      }
    },

    [IPC_CHANNELS.vaultLock]: () => {
      vault?.lock();
      vault = undefined;
      return null;
    },
  };
}
