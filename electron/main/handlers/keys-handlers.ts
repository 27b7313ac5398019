/**
 * Archive keys and trusted workstations over IPC. Trust needs the fingerprint the person compared
 * aloud: the handler computes it again from the keys sent and refuses if they differ, so that what
 * is trusted is exactly what was compared. The age identity is written only by the service, to a
 * new file chosen in the main process's save dialog.
 */
import { UserError } from '@shared/errors';
import type { IpcResponse } from '@shared/ipc/contract';
import type { OwnArchiveKeys, TrustedWorkstation } from '../../services/archive/archive-keys';
import type { IpcHandlers } from '../../host/types';
import type { HandlerState } from './context';

function ownKeysAnswer(keys: OwnArchiveKeys): IpcResponse<'keys:show'> {
  return { ageRecipient: keys.ageRecipient, minisignPublicKey: keys.minisignPublicKey, fingerprint: keys.fingerprint, ageKind: keys.ageKind, createdAt: keys.createdAt };
}

function workstationAnswer(workstation: TrustedWorkstation): IpcResponse<'keys:trusted'>['workstations'][number] {
  const { name, ageRecipient, minisignPublicKey, fingerprint, purpose, addedBy, addedAt } = workstation;
  return { name, ageRecipient, minisignPublicKey, fingerprint, purpose, addedBy, addedAt };
}

export function keyHandlers(state: HandlerState): Partial<IpcHandlers> {
  return {
    'keys:show': async () => ownKeysAnswer(await state.services().archives.keys.show()),

    'keys:trusted': () => ({ workstations: state.services().archives.keys.listTrusted().map(workstationAnswer) }),

    'keys:fingerprint': (request) => ({ fingerprint: state.services().archives.keys.fingerprintOf(request).fingerprint }),

    'keys:trust': async (request) => {
      const keys = state.services().archives.keys;
      const { fingerprint } = keys.fingerprintOf(request);
      if (fingerprint !== request.comparedFingerprint) {
        throw new UserError('fingerprint-changed', 'These keys give another fingerprint than the one compared; compare the new one aloud first');
      }
      const { workstation, alreadyTrusted } = await keys.trust({
        name: request.name,
        ageRecipient: request.ageRecipient,
        minisignPublicKey: request.minisignPublicKey,
        purpose: request.purpose,
      });
      return { workstation: workstationAnswer(workstation), alreadyTrusted };
    },

    'keys:untrust': (request) => {
      state.services().archives.keys.untrust(request.name);
      return null;
    },

    'keys:rotate': async (request) => ownKeysAnswer(await state.services().archives.keys.rotate({ pq: request.postQuantum })),

    'keys:export-identity': async (request) => {
      const choose = state.context.chooseSaveLocation;
      if (!choose) throw new UserError('not-available', 'There is no save dialog here');
      state.services().vault.require('keys.manage');
      const file = await choose({ title: request.dialogTitle ?? 'Save the age identity', defaultName: 'age-identity.txt' });
      if (!file) return { outcome: 'cancelled' as const };
      const written = await state.services().archives.keys.exportIdentity(file);
      return { outcome: 'written' as const, file: written.file, identities: written.recipients.length };
    },
  };
}
