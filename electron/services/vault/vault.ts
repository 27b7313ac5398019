import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { UserError } from '@shared/errors';
import { type Permission, type Role, rolesAllow } from '@shared/roles';
import { clearDetectorCaches } from '@shared/redaction/scan';
import { DATABASE_FILE, openEncryptedDatabase, type VaultDatabase } from './database';
import { migrate } from './migrations';
import { appendAudit, type AuditDetails, verifyAuditChain } from './audit-log';
import {
  type Argon2Parameters,
  ARGON2_DEFAULT,
  DATABASE_KEY_BYTES,
  KEYSLOT_FILE,
  makePassphraseSlot,
  makeRecoverySlot,
  putSlot,
  unlockWithPassphrase,
  unlockWithRecoveryKey,
  writeSlotFile,
} from './keyslots';
import { formatRecoveryKey, generateRecoveryKey, parseRecoveryKey } from './recovery-key';
import { fsyncDirectory } from './atomic-file';
import { recoverInterruptedImports } from '../archive/import-staging';

export interface VaultUser {
  id: string;
  name: string;
  roles: Role[];
  isAdmin: boolean;
}

/** Who opened the vault: a user by passphrase, or whoever holds the paper recovery key. */
export type VaultActor = { kind: 'user'; user: VaultUser } | { kind: 'recovery' };

export const MIN_PASSPHRASE_LENGTH = 10;
export const ATTACHMENTS_DIR = 'attachments';

function assertPassphraseAcceptable(passphrase: string): void {
  if ([...passphrase.normalize('NFC')].length < MIN_PASSPHRASE_LENGTH) {
    throw new UserError('weak-passphrase', `A passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`);
  }
}

function assertUserName(name: string): void {
  if (!/^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,63}$/u.test(name)) {
    throw new UserError('bad-user-name', 'A user name is 1 to 64 letters, digits, spaces, dots, dashes or underscores');
  }
}

function rowToUser(row: { id: string; name: string; roles: string; is_admin: number }): VaultUser {
  return { id: row.id, name: row.name, roles: JSON.parse(row.roles) as Role[], isAdmin: row.is_admin === 1 };
}

/**
 * An unlocked vault. Holds the open database (and with it the key) until `lock()`.
 * Services (testimonies, search, attachments) take a Vault and call `require()` before acting.
 */
export class Vault {
  private database: VaultDatabase | undefined;
  /** Kept only while unlocked, to wrap it into new slots; zeroed by lock(). */
  private databaseKey: Buffer | undefined;

  private constructor(
    readonly dir: string,
    database: VaultDatabase,
    databaseKey: Buffer,
    readonly actor: VaultActor,
  ) {
    this.database = database;
    this.databaseKey = Buffer.from(databaseKey);
  }

  /** Creates a vault in an empty or missing folder; returns it unlocked and the recovery key, shown once. */
  static async create(
    dir: string,
    options: { userName: string; roles: Role[]; passphrase: string; kdf?: Argon2Parameters },
  ): Promise<{ vault: Vault; recoveryKey: string }> {
    assertUserName(options.userName);
    assertPassphraseAcceptable(options.passphrase);
    if (options.roles.length === 0) throw new UserError('no-role', 'A user needs at least one role');
    if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
      throw new UserError('folder-not-empty', `${dir} is not empty; a vault is created in a new or empty folder`);
    }
    fs.mkdirSync(path.join(dir, ATTACHMENTS_DIR), { recursive: true, mode: 0o700 });
    // An empty folder chosen by the user keeps its mode otherwise: the vault is this user's alone.
    if (process.platform !== 'win32') fs.chmodSync(dir, 0o700);

    const databaseKey = crypto.randomBytes(DATABASE_KEY_BYTES);
    const recoveryKey = generateRecoveryKey();
    try {
      const passphraseSlot = await makePassphraseSlot(options.passphrase, databaseKey, options.kdf ?? ARGON2_DEFAULT);
      const recoverySlot = makeRecoverySlot(recoveryKey, databaseKey);
      const db = openEncryptedDatabase(path.join(dir, DATABASE_FILE), databaseKey, { create: true });
      const user: VaultUser = { id: crypto.randomUUID(), name: options.userName, roles: options.roles, isAdmin: true };
      try {
        migrate(db);
        db.transaction(() => {
          db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('vault_id', crypto.randomUUID());
          db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('created_at', new Date().toISOString());
          db.prepare('INSERT INTO users (id, name, roles, is_admin, slot_id, created_at) VALUES (?, ?, ?, 1, ?, ?)').run(
            user.id,
            user.name,
            JSON.stringify(user.roles),
            passphraseSlot.id,
            new Date().toISOString(),
          );
          appendAudit(db, { userId: user.id, action: 'vault.create', details: { roles: user.roles } });
          appendAudit(db, { userId: user.id, action: 'user.add', target: user.id, details: { roles: user.roles, admin: true } });
        })();
      } catch (error) {
        db.close();
        throw error;
      }
      // Slots last: until they exist the folder is not a vault, and holds nothing of value.
      writeSlotFile(dir, [passphraseSlot, recoverySlot]);
      fsyncDirectory(dir);
      return { vault: new Vault(dir, db, databaseKey, { kind: 'user', user }), recoveryKey: formatRecoveryKey(recoveryKey) };
    } finally {
      databaseKey.fill(0);
      recoveryKey.fill(0);
    }
  }

  /** Unlocks with a user's passphrase or with the recovery key (recognised by its shape). */
  static async unlock(dir: string, secret: string): Promise<Vault> {
    if (!fs.existsSync(path.join(dir, KEYSLOT_FILE))) {
      throw new UserError('not-a-vault', `${dir} is not a vault`);
    }
    const recovery = parseRecoveryKey(secret);
    if (recovery.kind === 'mistyped') {
      throw new UserError('recovery-key-mistyped', 'That recovery key has a typing mistake: its checksum does not match');
    }
    const unlocked =
      recovery.kind === 'recovery-key'
        ? unlockWithRecoveryKey(dir, recovery.key)
        : await unlockWithPassphrase(dir, secret);
    try {
      const db = openEncryptedDatabase(path.join(dir, DATABASE_FILE), unlocked.databaseKey, { create: false });
      try {
        migrate(db);
        // An archive import killed midway leaves encrypted staging files; they go before anything else runs.
        recoverInterruptedImports(dir, db);
        let actor: VaultActor;
        if (unlocked.kind === 'recovery') {
          actor = { kind: 'recovery' };
        } else {
          const row = db.prepare('SELECT id, name, roles, is_admin FROM users WHERE slot_id = ?').get(unlocked.slotId) as
            | { id: string; name: string; roles: string; is_admin: number }
            | undefined;
          if (!row) throw new UserError('slot-without-user', 'This passphrase belongs to no user of the vault');
          actor = { kind: 'user', user: rowToUser(row) };
        }
        const vault = new Vault(dir, db, unlocked.databaseKey, actor);
        vault.audit(recovery.kind === 'recovery-key' ? 'vault.unlock-recovery' : 'vault.unlock');
        return vault;
      } catch (error) {
        db.close();
        throw error;
      }
    } finally {
      unlocked.databaseKey.fill(0);
    }
  }

  get isLocked(): boolean {
    return this.database === undefined;
  }

  /** The open database; throws once the vault is locked. */
  get db(): VaultDatabase {
    if (!this.database) throw new UserError('vault-locked', 'The vault is locked');
    return this.database;
  }

  get user(): VaultUser | undefined {
    return this.actor.kind === 'user' ? this.actor.user : undefined;
  }

  /** Checks the acting user's roles; returns the user for the audit entry. */
  require(permission: Permission): VaultUser {
    const user = this.user;
    if (!user) throw new UserError('recovery-session', 'Opened with the recovery key: only passphrase resets are allowed');
    if (!rolesAllow(user.roles, permission)) {
      throw new UserError('forbidden', `${user.name} (${user.roles.join(', ')}) may not do this: it needs ${permission}`);
    }
    return user;
  }

  /** Records an action by the current actor. Call inside the transaction of the change. */
  audit(action: string, target?: string | null, details?: AuditDetails): void {
    appendAudit(this.db, { userId: this.user?.id ?? null, action, target: target ?? null, ...(details ? { details } : {}) });
  }

  verifyAudit(): ReturnType<typeof verifyAuditChain> {
    return verifyAuditChain(this.db);
  }

  /** Closes the database and drops the key. Everything decrypted must be dropped by callers too. */
  lock(): void {
    if (!this.database) return;
    try {
      this.database.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A busy checkpoint is harmless: the WAL is encrypted and replayed on next open.
    }
    this.database.close();
    this.database = undefined;
    this.databaseKey?.fill(0);
    this.databaseKey = undefined;
    // The redaction detector keeps words of the texts it saw lately (names, places) in memory: drop them too.
    clearDetectorCaches();
  }

  listUsers(): VaultUser[] {
    return (this.db.prepare('SELECT id, name, roles, is_admin FROM users ORDER BY name').all() as Array<{
      id: string;
      name: string;
      roles: string;
      is_admin: number;
    }>).map(rowToUser);
  }

  /** Adds a user with their own key slot. Only the vault's administrator may. */
  async addUser(options: { name: string; roles: Role[]; passphrase: string; kdf?: Argon2Parameters }): Promise<VaultUser> {
    const admin = this.user;
    if (!admin?.isAdmin) throw new UserError('forbidden', 'Only the vault administrator may add users');
    assertUserName(options.name);
    assertPassphraseAcceptable(options.passphrase);
    if (options.roles.length === 0) throw new UserError('no-role', 'A user needs at least one role');
    if (this.db.prepare('SELECT 1 FROM users WHERE name = ?').get(options.name)) {
      throw new UserError('user-exists', `There is already a user named ${options.name}`);
    }
    const databaseKey = this.currentKey();
    try {
      const slot = await makePassphraseSlot(options.passphrase, databaseKey, options.kdf ?? ARGON2_DEFAULT);
      const user: VaultUser = { id: crypto.randomUUID(), name: options.name, roles: options.roles, isAdmin: false };
      // Database row first, then the slot: a crash between leaves a user who cannot log in yet, never a slot without owner.
      this.db.transaction(() => {
        this.db
          .prepare('INSERT INTO users (id, name, roles, is_admin, slot_id, created_at) VALUES (?, ?, ?, 0, ?, ?)')
          .run(user.id, user.name, JSON.stringify(user.roles), slot.id, new Date().toISOString());
        this.audit('user.add', user.id, { roles: user.roles });
      })();
      putSlot(this.dir, slot);
      return user;
    } finally {
      databaseKey.fill(0);
    }
  }

  /**
   * Sets a new passphrase: for oneself, or for any user when opened with the recovery key.
   * Rewrites that user's slot only; the database key and database stay as they are.
   */
  async setPassphrase(options: { userName?: string; newPassphrase: string; kdf?: Argon2Parameters }): Promise<void> {
    assertPassphraseAcceptable(options.newPassphrase);
    let target: { id: string; slot_id: string | null } | undefined;
    if (this.actor.kind === 'recovery') {
      if (!options.userName) throw new UserError('user-required', 'Say whose passphrase to reset');
      target = this.db.prepare('SELECT id, slot_id FROM users WHERE name = ?').get(options.userName) as typeof target;
      if (!target) throw new UserError('no-such-user', `There is no user named ${options.userName}`);
    } else {
      if (options.userName && options.userName !== this.actor.user.name) {
        throw new UserError('forbidden', 'Only the recovery key may reset another user\'s passphrase');
      }
      target = this.db.prepare('SELECT id, slot_id FROM users WHERE id = ?').get(this.actor.user.id) as typeof target;
    }
    if (!target) throw new UserError('no-such-user', 'No such user');
    const databaseKey = this.currentKey();
    try {
      const slot = await makePassphraseSlot(options.newPassphrase, databaseKey, options.kdf ?? ARGON2_DEFAULT);
      const previousSlot = target.slot_id ?? undefined;
      const userId = target.id;
      this.db.transaction(() => {
        this.db.prepare('UPDATE users SET slot_id = ? WHERE id = ?').run(slot.id, userId);
        this.audit('user.passphrase-set', userId);
      })();
      putSlot(this.dir, slot, previousSlot);
    } finally {
      databaseKey.fill(0);
    }
  }

  /** A copy of the database key for wrapping; the caller zeroes it. */
  private currentKey(): Buffer {
    if (!this.databaseKey) throw new UserError('vault-locked', 'The vault is locked');
    return Buffer.from(this.databaseKey);
  }
}
