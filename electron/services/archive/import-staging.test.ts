import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENTS_DIR, Vault } from '../vault/vault';
import { ImportStaging, recoverInterruptedImports, STAGING_DIR } from './import-staging';

let root: string;
let vault: Vault;

/** A pid that no process has now. */
function deadPid(): number {
  for (let pid = 4_000_000; ; pid -= 1) {
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') return pid;
    }
  }
}

const blobs = () => fs.readdirSync(path.join(vault.dir, ATTACHMENTS_DIR)).sort();

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-test-'));
  vault = (await Vault.create(path.join(root, 'v'), { userName: 'a', roles: ['archivist'], passphrase: 'staging test passphrase' })).vault;
}, 300_000);
afterAll(() => {
  vault.lock();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('import staging', () => {
  it('keeps staged files encrypted, and a refused import leaves no folder behind', async () => {
    const staging = ImportStaging.create(vault.dir);
    const plaintext = Buffer.from('증언 녹음 '.repeat(1000));
    const stored = await staging.stage(Readable.from([plaintext]));
    const file = fs.readFileSync(path.join(staging.dir, `${stored.blobId}.bin`));
    expect(file.includes(plaintext.subarray(0, 64))).toBe(false);
    expect(stored.size).toBe(plaintext.length);
    staging.discard();
    expect(fs.existsSync(path.join(vault.dir, STAGING_DIR))).toBe(false);
  });

  it('after a crash between moving files into the vault and the commit, recovery removes exactly those files', async () => {
    const before = blobs();
    const staging = ImportStaging.create(vault.dir);
    const moved = await staging.stage(Readable.from([crypto.randomBytes(1000)]));
    const committedBytes = crypto.randomBytes(1000);
    const committed = await staging.stage(Readable.from([committedBytes]));
    await staging.stage(Readable.from([crypto.randomBytes(1000)]));
    staging.moveIntoVault([moved.blobId, committed.blobId]);
    // As if the transaction had committed the second one before the process died.
    vault.db.prepare("INSERT INTO testimonies VALUES ('t', 'x', 'draft', 1, 'now', ?, 'now', ?)").run(vault.user!.id, vault.user!.id);
    vault.db
      .prepare("INSERT INTO attachments VALUES ('a', 't', ?, ?, 'f', 'application/octet-stream', 1000, ?, 'now', ?)")
      .run(committed.blobId, committed.fileKey, crypto.createHash('sha256').update(committedBytes).digest('hex'), vault.user!.id);
    // The process "dies": its folder now belongs to a pid that is not running.
    const crashed = path.join(vault.dir, STAGING_DIR, `${deadPid()}-${crypto.randomBytes(8).toString('hex')}`);
    fs.renameSync(staging.dir, crashed);
    // A live import's folder (this process) must be left alone.
    const live = ImportStaging.create(vault.dir);
    await live.stage(Readable.from([Buffer.from('in progress')]));

    expect(recoverInterruptedImports(vault.dir, vault.db)).toEqual({ folders: 1, blobs: 1 });
    expect(blobs()).toEqual([...before, `${committed.blobId}.bin`].sort());
    expect(fs.existsSync(crashed)).toBe(false);
    expect(fs.existsSync(live.dir)).toBe(true);
    live.discard();
    expect(fs.existsSync(path.join(vault.dir, STAGING_DIR))).toBe(false);
  });

  it('runs at unlock, so that a killed import leaves nothing after the next unlock', async () => {
    const staging = ImportStaging.create(vault.dir);
    const stored = await staging.stage(Readable.from([crypto.randomBytes(500)]));
    staging.moveIntoVault([stored.blobId]);
    fs.renameSync(staging.dir, path.join(vault.dir, STAGING_DIR, `${deadPid()}-${crypto.randomBytes(8).toString('hex')}`));
    vault.lock();
    vault = await Vault.unlock(vault.dir, 'staging test passphrase');
    expect(fs.existsSync(path.join(vault.dir, STAGING_DIR))).toBe(false);
    expect(blobs()).not.toContain(`${stored.blobId}.bin`);
  });
});
