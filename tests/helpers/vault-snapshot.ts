import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ATTACHMENTS_DIR, type Vault } from '../../electron/services/vault/vault';

/**
 * Everything in a vault that a refused action could change: every row of every table (hashed, in a stable
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
