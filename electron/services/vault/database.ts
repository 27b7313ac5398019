import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { UserError } from '@shared/errors';

export type VaultDatabase = Database.Database;
export const DATABASE_FILE = 'vault.db';

/** Where the Electron build keeps a copy of the native module built for Electron's ABI. */
let nativeBinding: string | undefined;
export function useNativeBinding(path: string | undefined): void {
  nativeBinding = path;
}

/**
 * Opens the vault database encrypted page by page with SQLCipher 4 settings and a raw 256-bit key
 * (no passphrase KDF inside SQLite: the key comes from a key slot). The WAL is encrypted too.
 */
export function openEncryptedDatabase(file: string, key: Buffer, options: { create: boolean }): VaultDatabase {
  // SQLite would create the file with the process umask (often 0644), and its WAL and shared-memory
  // files copy the database file's mode: made 0600 first, only this user can read any of them.
  if (options.create && !fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'wx', 0o600));
  const db = new Database(file, { fileMustExist: !options.create, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    // The key goes in as hex inside the pragma text; it never reaches a log.
    db.pragma(`key="x'${key.toString('hex')}'"`);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'SQLITE_NOTADB') {
        throw new UserError('database-key-mismatch', 'The vault database does not open with this key: it is damaged or from another vault');
      }
      throw error;
    }
    db.pragma('journal_mode=WAL');
    db.pragma('synchronous=FULL');
    // Sorting and temporary indexes stay in memory: no plaintext temp files.
    db.pragma('temp_store=MEMORY');
    db.pragma('foreign_keys=ON');
    db.pragma('secure_delete=ON');
    // Every page read is decrypted and authenticated; a larger cache (128 MiB) keeps the search
    // index's hot pages decrypted in memory (never on disk) instead of re-reading them.
    db.pragma('cache_size=-131072');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
