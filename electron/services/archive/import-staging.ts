/**
 * Where an import keeps the attachments it reads before it knows the archive is good:
 * `<vault>/staging/<pid>-<random>/`, each file encrypted under a fresh random key that exists only
 * in the importing process's memory (never plaintext on disk; after a crash, unreadable noise).
 *
 * Commit order: write `moving.json` (the blob ids about to move, fsynced), rename each staged blob
 * into `<vault>/attachments/`, commit the database transaction that refers to them, remove the
 * staging folder. A refused import removes its folder; a killed one is cleaned at the next unlock by
 * recoverInterruptedImports(): blobs named in `moving.json` that no attachment row refers to are
 * deleted from attachments/, and the folder goes. Folders of a live process are left alone (another
 * process may be importing into the same vault at the same moment).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { VaultDatabase } from '../vault/database';
import { fsyncDirectory, writeFileAtomic } from '../vault/atomic-file';
import { AttachmentStore, isBlobId, type StoredAttachment } from '../attachments/attachment-store';
import { ageWorkerAvailable } from './format/age-worker';
import type { PayloadHashing } from './format';
import { OFF_THREAD_MIN_BYTES } from './format/sha256-stream';
import { writeBlobOffThread } from './vault-blobs';

/** A staged blob: its id, its key (in memory only) and the size encrypted. */
export type StagedAttachment = Omit<StoredAttachment, 'sha256'>;

export const STAGING_DIR = 'staging';
const ATTACHMENTS_DIR = 'attachments';
const JOURNAL = 'moving.json';
const FOLDER_PATTERN = /^([1-9][0-9]{0,9})-[0-9a-f]{16}$/;

function processIsAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class ImportStaging {
  private readonly store: AttachmentStore;
  private readonly staged = new Map<string, StagedAttachment>();
  private moved: string[] = [];
  private closed = false;

  private constructor(
    private readonly vaultDir: string,
    readonly dir: string,
  ) {
    this.store = new AttachmentStore(dir);
  }

  static create(vaultDir: string): ImportStaging {
    const root = path.join(vaultDir, STAGING_DIR);
    fs.mkdirSync(root, { recursive: true, mode: 0o700 });
    const dir = path.join(root, `${process.pid}-${crypto.randomBytes(8).toString('hex')}`);
    fs.mkdirSync(dir, { mode: 0o700 });
    return new ImportStaging(vaultDir, dir);
  }

  /**
   * Encrypts the stream (of about `size` bytes) into the staging folder under a fresh key; returns its size. Not hashed
   * here: the archive's format layer hashes every payload byte it hands over (against the signed
   * manifest), and the caller takes the hash from there.
   */
  async stage(source: Readable, size = 0, hashing?: PayloadHashing): Promise<StagedAttachment & { sha256?: string }> {
    if (this.closed) throw new Error('staging already closed');
    let stored: StagedAttachment & { sha256?: string };
    if (size >= OFF_THREAD_MIN_BYTES && ageWorkerAvailable()) {
      // Large ones are encrypted on the vault worker, beside age's cipher on the other, and hashed
      // there too (for the format layer, which checks that hash against the signed manifest). The
      // worker reads the bytes straight from age's slots: this thread never copies them.
      hashing?.takeOver();
      const pieces = hashing ? hashing.pieces() : piecesOf(source);
      stored = await writeBlobOffThread(this.store, pieces, { size, hash: hashing !== undefined });
    } else {
      stored = await this.store.writeUnhashed(source);
    }
    this.staged.set(stored.blobId, stored);
    return stored;
  }

  /**
   * Moves the given staged blobs into the vault's attachment store, journalled first so that a
   * crash before the database commit leaves nothing that recovery cannot find.
   */
  moveIntoVault(blobIds: readonly string[]): void {
    if (blobIds.length === 0) return;
    writeFileAtomic(path.join(this.dir, JOURNAL), JSON.stringify(blobIds));
    const target = path.join(this.vaultDir, ATTACHMENTS_DIR);
    for (const blobId of blobIds) {
      if (!this.staged.has(blobId)) throw new Error('moving a blob that was not staged');
      fs.renameSync(path.join(this.dir, `${blobId}.bin`), path.join(target, `${blobId}.bin`));
      this.moved.push(blobId);
    }
    fsyncDirectory(target);
  }

  /** After a failed commit: deletes the blobs already moved into the vault, then the folder. */
  undoMoves(): void {
    const target = path.join(this.vaultDir, ATTACHMENTS_DIR);
    for (const blobId of this.moved) fs.rmSync(path.join(target, `${blobId}.bin`), { force: true });
    if (this.moved.length > 0) fsyncDirectory(target);
    this.moved = [];
  }

  /** Removes the staging folder and forgets every key. Safe to call more than once. */
  discard(): void {
    if (this.closed) return;
    this.closed = true;
    for (const stored of this.staged.values()) stored.fileKey.fill(0);
    this.staged.clear();
    fs.rmSync(this.dir, { recursive: true, force: true });
    removeIfEmpty(path.join(this.vaultDir, STAGING_DIR));
  }
}

async function* piecesOf(source: Readable): AsyncGenerator<{ bytes: Uint8Array }> {
  for await (const bytes of source) yield { bytes: bytes as Uint8Array };
}

function removeIfEmpty(dir: string): void {
  try {
    fs.rmdirSync(dir);
  } catch {
    // not empty (another import in progress) or already gone
  }
}

/**
 * Cleans what interrupted imports left: called when the vault is unlocked. Returns how many staging
 * folders and moved-but-uncommitted blobs were removed.
 */
export function recoverInterruptedImports(vaultDir: string, db: VaultDatabase): { folders: number; blobs: number } {
  const root = path.join(vaultDir, STAGING_DIR);
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch {
    return { folders: 0, blobs: 0 };
  }
  let folders = 0;
  let blobs = 0;
  const referenced = db.prepare('SELECT 1 FROM attachments WHERE blob_id = ?');
  for (const name of names) {
    const match = FOLDER_PATTERN.exec(name);
    if (match && processIsAlive(Number(match[1]))) continue;
    const dir = path.join(root, name);
    let journal: unknown = [];
    try {
      journal = JSON.parse(fs.readFileSync(path.join(dir, JOURNAL), 'utf8'));
    } catch {
      // no journal: nothing was moved yet
    }
    if (Array.isArray(journal)) {
      for (const blobId of journal) {
        if (!isBlobId(blobId) || referenced.get(blobId)) continue;
        const file = path.join(vaultDir, ATTACHMENTS_DIR, `${blobId}.bin`);
        if (fs.existsSync(file)) {
          fs.rmSync(file, { force: true });
          blobs += 1;
        }
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
    folders += 1;
  }
  if (blobs > 0) fsyncDirectory(path.join(vaultDir, ATTACHMENTS_DIR));
  removeIfEmpty(root);
  return { folders, blobs };
}
