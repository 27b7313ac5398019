import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/helpers/temp';
import { Vault } from './vault';
import { readSlotFile, KEYSLOT_FILE } from './keyslots';
import { DATABASE_FILE } from './database';
import { formatRecoveryKey } from './recovery-key';

const PASS = 'correct horse battery staple';

async function newVault() {
  const dir = path.join(tempDir(), 'vault');
  const { vault, recoveryKey } = await Vault.create(dir, { userName: 'minji', roles: ['interviewer', 'archivist'], passphrase: PASS });
  return { dir, vault, recoveryKey };
}

describe('vault', () => {
  it('creates an encrypted database that unlocks with the passphrase and the recovery key', async () => {
    const { dir, vault, recoveryKey } = await newVault();
    expect(vault.user?.name).toBe('minji');
    vault.lock();
    expect(vault.isLocked).toBe(true);
    expect(() => vault.db).toThrow(/locked/);

    const header = fs.readFileSync(path.join(dir, DATABASE_FILE)).subarray(0, 16).toString('latin1');
    expect(header).not.toBe('SQLite format 3\0');

    if (process.platform !== 'win32') {
      // Nobody else on the laptop can read the vault: folder 0700, the database and its WAL 0600.
      const mode = (name: string) => fs.statSync(path.join(dir, name)).mode & 0o777;
      expect(mode('.')).toBe(0o700);
      expect(mode('attachments')).toBe(0o700);
      for (const name of fs.readdirSync(dir).filter((entry) => entry.startsWith(DATABASE_FILE))) expect(mode(name), name).toBe(0o600);
      expect(mode(KEYSLOT_FILE)).toBe(0o600);
    }

    const again = await Vault.unlock(dir, PASS);
    expect(again.user?.name).toBe('minji');
    again.lock();

    const recovered = await Vault.unlock(dir, recoveryKey.toLowerCase().replace(/-/g, ' '));
    expect(recovered.actor.kind).toBe('recovery');
    expect(() => recovered.require('testimony.read')).toThrow(/recovery key/);
    recovered.lock();
  });

  it('refuses a wrong passphrase and a mistyped recovery key with clear messages', async () => {
    const { dir, vault, recoveryKey } = await newVault();
    vault.lock();
    await expect(Vault.unlock(dir, 'not the passphrase')).rejects.toMatchObject({ code: 'wrong-passphrase' });
    const mistyped = recoveryKey.slice(0, -1) + (recoveryKey.endsWith('0') ? '1' : '0');
    await expect(Vault.unlock(dir, mistyped)).rejects.toMatchObject({ code: 'recovery-key-mistyped' });
    const otherVaultsKey = formatRecoveryKey(Buffer.alloc(32, 7));
    await expect(Vault.unlock(dir, otherVaultsKey)).rejects.toMatchObject({ code: 'wrong-recovery-key' });
  });

  it('gives each user a slot of their own and changes a passphrase without re-keying the database', async () => {
    const { dir, vault, recoveryKey } = await newVault();
    await vault.addUser({ name: 'reviewer one', roles: ['reviewer'], passphrase: 'another long passphrase' });
    const salt = fs.readFileSync(path.join(dir, DATABASE_FILE)).subarray(0, 16);
    vault.lock();

    const reviewer = await Vault.unlock(dir, 'another long passphrase');
    expect(reviewer.user).toMatchObject({ name: 'reviewer one', roles: ['reviewer'], isAdmin: false });
    expect(() => reviewer.require('testimony.write')).toThrow(/may not/);
    await reviewer.setPassphrase({ newPassphrase: 'reviewer new passphrase' });
    reviewer.lock();

    await expect(Vault.unlock(dir, 'another long passphrase')).rejects.toMatchObject({ code: 'wrong-passphrase' });
    (await Vault.unlock(dir, 'reviewer new passphrase')).lock();
    (await Vault.unlock(dir, PASS)).lock();
    expect(fs.readFileSync(path.join(dir, DATABASE_FILE)).subarray(0, 16)).toEqual(salt);
    expect(readSlotFile(dir).slots).toHaveLength(3);

    // The recovery key resets a forgotten passphrase.
    const recovery = await Vault.unlock(dir, recoveryKey);
    await recovery.setPassphrase({ userName: 'minji', newPassphrase: 'minji found her way back' });
    recovery.lock();
    await expect(Vault.unlock(dir, PASS)).rejects.toMatchObject({ code: 'wrong-passphrase' });
    const minji = await Vault.unlock(dir, 'minji found her way back');
    expect(minji.verifyAudit()).toMatchObject({ ok: true });
    minji.lock();
    // Eleven Argon2id derivations at the production 256 MiB: about 6 s on a quiet 2-core machine, far more on a busy one.
  }, 240_000);

  it('refuses key slots whose Argon2 parameters were lowered below the floor', async () => {
    const { dir, vault } = await newVault();
    vault.lock();
    const file = path.join(dir, KEYSLOT_FILE);
    const slots = JSON.parse(fs.readFileSync(file, 'utf8'));
    slots.slots[0].kdf.memoryKiB = 1024;
    fs.writeFileSync(file, JSON.stringify(slots));
    await expect(Vault.unlock(dir, PASS)).rejects.toMatchObject({ code: 'keyslots-corrupt' });
    fs.writeFileSync(file, '{"format": ');
    await expect(Vault.unlock(dir, PASS)).rejects.toMatchObject({ code: 'keyslots-corrupt' });
  });

  it('refuses weak passphrases, non-empty folders and a folder that is no vault', async () => {
    const dir = tempDir();
    await expect(Vault.create(path.join(dir, 'v'), { userName: 'a', roles: ['interviewer'], passphrase: 'short' })).rejects.toMatchObject({
      code: 'weak-passphrase',
    });
    fs.writeFileSync(path.join(dir, 'something'), 'x');
    await expect(Vault.create(dir, { userName: 'a', roles: ['interviewer'], passphrase: PASS })).rejects.toMatchObject({
      code: 'folder-not-empty',
    });
    await expect(Vault.unlock(dir, PASS)).rejects.toMatchObject({ code: 'not-a-vault' });
  });

  it('refuses a database written by a newer version of the program', async () => {
    const { dir, vault } = await newVault();
    vault.db.pragma('user_version = 999');
    vault.lock();
    await expect(Vault.unlock(dir, PASS)).rejects.toMatchObject({ code: 'vault-too-new' });
  });
});
