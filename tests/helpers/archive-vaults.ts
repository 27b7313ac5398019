import type { Role } from '@shared/roles';
import type { ArchivePurpose } from '@shared/archive/documents';
import { Vault } from '../../electron/services/vault/vault';
import { ArchiveService } from '../../electron/services/archive/archive-service';
export { vaultSnapshot } from './vault-snapshot';

export const ALL_ROLES: Role[] = ['interviewer', 'reviewer', 'archivist'];

/** A testimony whose consent allows keeping it in an internal archive (and what else is given). */
export function consentingTestimony(title: string, scopes: ArchivePurpose[] = ['internal-archive'], extra: Record<string, unknown> = {}) {
  return {
    title,
    narrative: `${title}: 회령에서 있었던 일을 증언합니다.`,
    consent: { scopes, obtained: 'written', date: '2024-03-01' },
    ...extra,
  };
}

/** Makes a vault and returns it unlocked, with its archive service. */
export async function makeVault(dir: string, userName: string, passphrase: string, roles: Role[] = ALL_ROLES) {
  const { vault } = await Vault.create(dir, { userName, roles, passphrase });
  return { vault, archives: new ArchiveService(vault) };
}

/** Makes `a` trust `b` under `name` (with `purpose`), reading b's public keys as an archivist would from `tw keys show`. */
export async function trust(a: ArchiveService, b: ArchiveService, name: string, purpose: ArchivePurpose = 'internal-archive') {
  const keys = await b.keys.show();
  return a.keys.trust({ name, ageRecipient: keys.ageRecipient, minisignPublicKey: keys.minisignPublicKey, purpose });
}
