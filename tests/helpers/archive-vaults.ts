import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Role } from '@shared/roles';
import type { ArchivePurpose } from '@shared/archive/documents';
import { Vault } from '../../electron/services/vault/vault';
import { ArchiveService } from '../../electron/services/archive/archive-service';
import { ATTACHMENTS_DIR } from '../../electron/services/vault/vault';

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

/**
 * Everything in a vault that an import could change: every row of every table (hashed, in a stable
 * order) and every file under the vault folder with its size and hash. Equal snapshots mean the
 * vault is exactly as it was.
 */
export function vaultSnapshot(vault: Vault): { tables: Record<string, string>; files: Record<string, string> } {
  const db = vault.db;
  const tables: Record<string, string> = {};
  const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>).map(
    (row) => row.name,
  );
  for (const name of names) {
    const hash = crypto.createHash('sha256');
    // FTS shadow tables are included: they are ordinary tables as far as sqlite_master goes.
    for (const row of db.prepare(`SELECT * FROM "${name}"`).raw().iterate() as IterableIterator<unknown[]>) {
      hash.update(JSON.stringify(row, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString('hex') : typeof value === 'bigint' ? String(value) : value)));
      hash.update('\n');
    }
    tables[name] = hash.digest('hex');
  }
  const files: Record<string, string> = {};
  const walk = (dir: string, prefix: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const relative = path.join(prefix, entry.name);
      if (entry.isDirectory()) {
        files[`${relative}/`] = 'dir';
        walk(path.join(dir, entry.name), relative);
      } else if (prefix === ATTACHMENTS_DIR || prefix.startsWith('staging')) {
        files[relative] = crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, entry.name))).digest('hex');
      } else {
        // vault.db and its WAL change as SQLite checkpoints; their content is compared as tables above.
        files[relative] = 'present';
      }
    }
  };
  walk(vault.dir, '');
  return { tables, files };
}
