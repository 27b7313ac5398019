import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { UserError } from '@shared/errors';
import type { Vault } from '../vault/vault';
import { ATTACHMENTS_DIR } from '../vault/vault';
import { AttachmentStore } from './attachment-store';
import { CHUNK_SIZE } from './stream-crypto';
import { statUserFile } from '../files/regular-file';

export interface AttachmentInfo {
  id: string;
  testimonyId: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  createdAt: string;
}

const MEDIA_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.gif': 'image/gif', '.webp': 'image/webp',
  '.heic': 'image/heic', '.tif': 'image/tiff', '.tiff': 'image/tiff',
  '.mp3': 'audio/mpeg', '.m4a': 'audio/mp4', '.wav': 'audio/wav', '.ogg': 'audio/ogg', '.opus': 'audio/ogg', '.webm': 'audio/webm',
  '.mp4': 'video/mp4', '.mov': 'video/quicktime',
  '.pdf': 'application/pdf', '.txt': 'text/plain', '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export function mediaTypeOf(fileName: string): string {
  return MEDIA_TYPES[path.extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

type Row = { id: string; testimony_id: string; blob_id: string; file_key: Buffer; file_name: string; media_type: string; size: number; sha256: string; created_at: string };
const toInfo = (row: Row): AttachmentInfo => ({
  id: row.id,
  testimonyId: row.testimony_id,
  fileName: row.file_name,
  mediaType: row.media_type,
  size: row.size,
  sha256: row.sha256,
  createdAt: row.created_at,
});

/**
 * Attachments of testimonies: the encrypted file first (written and renamed atomically), then its key,
 * name and plaintext hash in the database in one transaction. A crash between the two leaves an
 * orphan ciphertext whose key was never stored; removeOrphans() deletes such files.
 */
export class AttachmentService {
  private readonly store: AttachmentStore;

  constructor(private readonly vault: Vault) {
    this.store = new AttachmentStore(path.join(vault.dir, ATTACHMENTS_DIR));
  }

  async attach(testimonyId: string, source: Readable, options: { fileName: string; mediaType?: string }): Promise<AttachmentInfo> {
    const user = this.vault.require('attachment.write');
    const fileName = path.basename(options.fileName).slice(0, 255);
    if (!fileName) throw new UserError('bad-file-name', 'An attachment needs a file name');
    this.assertTestimony(testimonyId);
    const stored = await this.store.write(source);
    const id = crypto.randomUUID();
    const createdAt = new Date().toISOString();
    const db = this.vault.db;
    try {
      db.transaction(() => {
        this.assertTestimony(testimonyId);
        db.prepare(
          `INSERT INTO attachments (id, testimony_id, blob_id, file_key, file_name, media_type, size, sha256, created_at, created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(id, testimonyId, stored.blobId, stored.fileKey, fileName, options.mediaType ?? mediaTypeOf(fileName), stored.size, stored.sha256, createdAt, user.id);
        this.vault.audit('attachment.add', testimonyId, { attachment: id, size: stored.size, sha256: stored.sha256 });
      })();
    } catch (error) {
      await this.store.remove(stored.blobId);
      throw error;
    } finally {
      stored.fileKey.fill(0);
    }
    return { id, testimonyId, fileName, mediaType: options.mediaType ?? mediaTypeOf(fileName), size: stored.size, sha256: stored.sha256, createdAt };
  }

  async attachFile(testimonyId: string, file: string): Promise<AttachmentInfo> {
    statUserFile(file);
    // Read in pieces of one chunk, so that the encryptor seals them without gathering or copying.
    return this.attach(testimonyId, fs.createReadStream(file, { highWaterMark: CHUNK_SIZE }), { fileName: path.basename(file) });
  }

  list(testimonyId: string): AttachmentInfo[] {
    this.vault.require('testimony.read');
    return (this.vault.db.prepare('SELECT * FROM attachments WHERE testimony_id = ? ORDER BY created_at, id').all(testimonyId) as Row[]).map(toInfo);
  }

  /** The decrypted content as a stream; it errors if the ciphertext was altered. */
  open(attachmentId: string): { info: AttachmentInfo; stream: Readable } {
    this.vault.require('testimony.read');
    const row = this.row(attachmentId);
    return { info: toInfo(row), stream: this.store.read(row.blob_id, row.file_key) };
  }

  /** Decrypts and hashes the whole file, comparing with the hash taken at ingest. */
  async verify(attachmentId: string): Promise<void> {
    this.vault.require('testimony.read');
    const row = this.row(attachmentId);
    await this.store.verify(row.blob_id, row.file_key, row.sha256);
  }

  /** Deletes encrypted files that no attachment row refers to (left by a crash mid-attach). */
  async removeOrphans(): Promise<number> {
    await this.store.cleanupPartials();
    const known = new Set((this.vault.db.prepare('SELECT blob_id FROM attachments').all() as Array<{ blob_id: string }>).map((row) => row.blob_id));
    let removed = 0;
    for (const blobId of await this.store.list()) {
      if (!known.has(blobId) && (await this.store.remove(blobId))) removed += 1;
    }
    return removed;
  }

  private row(attachmentId: string): Row {
    const row = this.vault.db.prepare('SELECT * FROM attachments WHERE id = ?').get(attachmentId) as Row | undefined;
    if (!row) throw new UserError('no-such-attachment', `There is no attachment ${attachmentId}`);
    return row;
  }

  private assertTestimony(testimonyId: string): void {
    if (!this.vault.db.prepare('SELECT 1 FROM testimonies WHERE id = ?').get(testimonyId)) {
      throw new UserError('no-such-testimony', `There is no testimony ${testimonyId}`);
    }
  }
}
