/**
 * Encrypted attachment blobs in `<vault>/attachments`. Each blob is one file `<blobId>.bin` in the
 * TWA1 format (see stream-crypto.ts), under its own random key that the caller keeps in the
 * encrypted database. File names are random and reveal nothing about the content.
 *
 * Writes are crash-safe: `<blobId>.partial` → fsync → rename to `<blobId>.bin` → fsync directory.
 * A crash leaves at most a `.partial` file (ciphertext only), removed by cleanupPartials().
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UserError } from '@shared/errors';
import { readFully, writeFully } from '../files/positional-io';
import { BackgroundSync } from '../files/background-sync';
import { OpenWorkerJob, SealWorkerJob, cipherWorkerReady } from './cipher-worker';
import { CHUNK_SIZE, ChunkOpener, HEADER_LENGTH, corrupt, createEncryptStream, generateFileKey, newFileHeader } from './stream-crypto';

export interface StoredAttachment {
  /** 32 lowercase hex characters; the file is `<blobId>.bin`. */
  blobId: string;
  /** The random 32-byte key of this blob; store it in the encrypted database. */
  fileKey: Buffer;
  /** Plaintext size in bytes. */
  size: number;
  /** SHA-256 of the plaintext, lowercase hex. */
  sha256: string;
}

const BLOB_ID_PATTERN = /^[0-9a-f]{32}$/;
const SHA256_PATTERN = /^[0-9a-f]{64}$/;
const BLOB_SUFFIX = '.bin';
const PARTIAL_SUFFIX = '.partial';
const WRITE_HIGH_WATER_MARK = 4 * 1024 * 1024;

export function isBlobId(value: unknown): value is string {
  return typeof value === 'string' && BLOB_ID_PATTERN.test(value);
}

function assertBlobId(blobId: string): void {
  // Blob ids come from the database or an archive; anything else must never reach a path.
  if (!isBlobId(blobId)) throw new UserError('attachment-invalid-id', 'Invalid attachment id.');
}

function isErrnoException(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code;
}

/** Consumes a stream, hashing it; the writable end of verify(). */
class HashingSink extends Transform {
  private readonly hash = createHash('sha256');

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    callback();
  }

  digest(): Buffer {
    return this.hash.digest();
  }
}

/**
 * Writes a stream to an open file. Unlike fs.WriteStream it syncs in the background every
 * SYNC_EVERY_BYTES while writing continues; it never closes the handle (nor does the final fsync).
 * The sealing path on this thread, used where the worker is not available.
 */
class DurableFileWriter extends Writable {
  private readonly sync: BackgroundSync;

  constructor(private readonly handle: FileHandle) {
    super({ highWaterMark: WRITE_HIGH_WATER_MARK });
    this.sync = new BackgroundSync(handle);
  }

  override _writev(chunks: { chunk: Buffer }[], callback: (error?: Error | null) => void): void {
    this.writeAll(chunks.map(({ chunk }) => chunk)).then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.sync.finish().then(() => callback(), callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    // The handle is closed by the caller once this returns: no sync may still be running on it.
    this.sync.settle().then(() => callback(error), () => callback(error));
  }

  private async writeAll(buffers: Buffer[]): Promise<void> {
    this.sync.check();
    let total = buffers.reduce((sum, buffer) => sum + buffer.length, 0);
    this.sync.wrote(total);
    while (total > 0) {
      const { bytesWritten } = await this.handle.writev(buffers);
      total -= bytesWritten;
      if (total > 0) buffers = dropBytes(buffers, bytesWritten); // a short write: retry the rest
    }
  }
}

/**
 * Seals `source` into the open file with the chunk cipher and the writes on the worker
 * (cipher-worker.ts), while this thread reads the source and hands each piece to `onPlaintext` (the
 * hash). The same bytes as createEncryptStream; resolves once every byte is written (the caller
 * fsyncs). Whatever happens, it returns only when the worker no longer writes to the file.
 */
async function sealOnWorker(handle: FileHandle, fileKey: Buffer, source: Readable, onPlaintext: (plaintext: Buffer) => void): Promise<void> {
  const { header, payloadKey } = newFileHeader(fileKey);
  const sync = new BackgroundSync(handle);
  let job: SealWorkerJob;
  try {
    job = new SealWorkerJob(payloadKey, header, handle.fd, (bytes) => sync.wrote(bytes));
  } finally {
    payloadKey.fill(0);
  }
  try {
    await writeFully(handle, header, 0);
    let { slot, memory } = await job.acquire();
    let filled = 0;
    for await (const chunk of source as AsyncIterable<Buffer>) {
      let offset = 0;
      while (offset < chunk.length) {
        if (filled === CHUNK_SIZE) {
          // A full chunk with more input after it is certainly not the last one.
          job.seal(slot, filled, false);
          ({ slot, memory } = await job.acquire());
          filled = 0;
        }
        const count = Math.min(CHUNK_SIZE - filled, chunk.length - offset);
        const part = chunk.subarray(offset, offset + count);
        onPlaintext(part);
        memory.set(part, filled);
        filled += count;
        offset += count;
      }
      sync.check();
    }
    // 1..CHUNK_SIZE bytes, or an empty final chunk when the whole input was empty.
    job.seal(slot, filled, true);
  } finally {
    await job.settle();
    await sync.settle();
  }
  job.finished();
  await sync.finish();
}

/** A failure to write the blob, as a UserError where the user can act on it; anything else unchanged. */
function writeFailure(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') {
    return new UserError('attachment-no-space', `Not enough space in the vault's folder to store the attachment (${code}); nothing was saved.`);
  }
  return error;
}

function dropBytes(buffers: Buffer[], count: number): Buffer[] {
  const rest: Buffer[] = [];
  for (const buffer of buffers) {
    if (count >= buffer.length) {
      count -= buffer.length;
    } else {
      rest.push(buffer.subarray(count));
      count = 0;
    }
  }
  return rest;
}

async function fsyncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Chunks a reader has in flight (read or being opened) ahead of the consumer: bounds its memory. */
const READ_AHEAD_CHUNKS = 3;

/**
 * The plaintext of one blob as a stream. Reads whole sealed chunks at their offsets (no re-slicing
 * of a byte stream), a few ahead so that the disk, the cipher (on the cipher worker where it runs,
 * else here) and the consumer overlap, and emits each chunk in order, only once its tag has
 * verified. Which chunk is the last follows from the file's size; if the file was cut or extended,
 * that chunk fails authentication. Closing the stream (also early, by the consumer) closes the file.
 */
class DecryptingFileReader extends Readable {
  private handle: FileHandle | undefined;
  private opener: ChunkOpener | undefined;
  private job: OpenWorkerJob | undefined;
  private fileSize = 0;
  private position = HEADER_LENGTH;
  private nextIndex = 0;
  private readonly ahead: Array<{ plaintext: Promise<Buffer>; last: boolean }> = [];

  constructor(
    private readonly file: string,
    private readonly fileKey: Buffer,
    private readonly useWorker: boolean,
  ) {
    super({ highWaterMark: CHUNK_SIZE });
  }

  override _construct(callback: (error?: Error | null) => void): void {
    (async () => {
      try {
        this.handle = await fsp.open(this.file, 'r');
      } catch (error) {
        if (isErrnoException(error, 'ENOENT')) throw new UserError('attachment-missing', 'The attachment file is missing from the vault.');
        throw error;
      }
      this.fileSize = (await this.handle.stat()).size;
      const header = Buffer.alloc(HEADER_LENGTH);
      if ((await readFully(this.handle, header, 0)) < HEADER_LENGTH) throw corrupt('file too short for a header');
      this.opener = new ChunkOpener(this.fileKey, header);
      this.fileKey.fill(0);
      if (this.fileSize === HEADER_LENGTH) throw corrupt('truncated: the final chunk is missing');
      if (this.useWorker && (await cipherWorkerReady())) {
        const key = this.opener.payloadKeyCopy();
        try {
          this.job = new OpenWorkerJob(key, this.opener.associatedData);
        } finally {
          key.fill(0);
        }
      }
    })().then(() => callback(), callback);
  }

  /** Starts reading (and opening) chunks until READ_AHEAD_CHUNKS are in flight or the file is done. */
  private readAhead(): void {
    while (this.ahead.length < READ_AHEAD_CHUNKS && this.position < this.fileSize) {
      const length = Math.min(this.opener!.sealedChunkSize, this.fileSize - this.position);
      const start = this.position;
      this.position += length;
      const last = this.position === this.fileSize;
      const plaintext = this.openChunk(this.nextIndex, start, length, last);
      this.nextIndex += 1;
      // Keep a failure ahead of the consumer from being reported as unhandled; it is awaited in turn.
      plaintext.catch(() => undefined);
      this.ahead.push({ plaintext, last });
    }
  }

  private async openChunk(index: number, start: number, length: number, last: boolean): Promise<Buffer> {
    // A buffer of its own (not pooled), so that it can be handed to the worker without a copy.
    const sealed = Buffer.allocUnsafeSlow(length);
    if ((await readFully(this.handle!, sealed, start)) < length) throw corrupt('the file became shorter while it was read');
    const opener = this.opener!;
    if (this.job === undefined) return opener.openAt(sealed, index, last);
    opener.checkShape(sealed, index, last);
    const plaintext = await this.job.open(sealed, index, last);
    if (plaintext === undefined) throw opener.authenticationFailure(index, last);
    return plaintext;
  }

  override _read(): void {
    (async () => {
      this.readAhead();
      const next = this.ahead.shift()!;
      const plaintext = await next.plaintext;
      this.readAhead();
      this.push(plaintext);
      if (next.last) this.push(null);
    })().catch((error: Error) => this.destroy(error));
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.fileKey.fill(0);
    this.job?.end();
    this.opener?.dispose();
    const handle = this.handle;
    this.handle = undefined;
    if (!handle) return callback(error);
    // close() waits for reads still in flight.
    handle.close().then(
      () => callback(error),
      (closeError: Error) => callback(error ?? closeError),
    );
  }
}

export class AttachmentStore {
  /** Blob ids being written by this process; cleanupPartials() leaves their partial files alone. */
  private readonly inFlight = new Set<string>();

  /**
   * @param options.sealing where the chunk cipher runs, for writing and reading: on the worker when
   *   it can start (the default), or always on this thread (the fallback's own tests, and the
   *   benchmark's comparison).
   */
  constructor(
    readonly dir: string,
    private readonly options: { sealing?: 'worker-when-available' | 'this-thread' } = {},
  ) {}

  private blobPath(blobId: string): string {
    return path.join(this.dir, blobId + BLOB_SUFFIX);
  }

  private partialPath(blobId: string): string {
    return path.join(this.dir, blobId + PARTIAL_SUFFIX);
  }

  /**
   * Encrypts `source` into a new blob. Resolves once the blob is durable on disk. On any error
   * (including one from `source`) nothing is left behind and the error is rethrown.
   */
  async write(source: Readable): Promise<StoredAttachment> {
    // The plaintext is hashed chunk by chunk just before it is encrypted (one pass over the data).
    const hash = createHash('sha256');
    const stored = await this.writeBlob(source, (plaintext) => hash.update(plaintext));
    return { ...stored, sha256: hash.digest('hex') };
  }

  /**
   * write() without the SHA-256, for a caller that hashes the same stream itself (an archive
   * import, whose format layer hashes every payload byte against the signed manifest): one hash
   * per byte instead of two. The size it returns is what was encrypted; a caller compares it with
   * what it hashed to know that the blob holds exactly those bytes.
   */
  async writeUnhashed(source: Readable): Promise<Omit<StoredAttachment, 'sha256'>> {
    return this.writeBlob(source, undefined);
  }

  private async writeBlob(source: Readable, onChunk: ((plaintext: Buffer) => void) | undefined): Promise<Omit<StoredAttachment, 'sha256'>> {
    try {
      return await this.writeEncryptedBy(async (handle, fileKey) => {
        let size = 0;
        const onPlaintext = (plaintext: Buffer): void => {
          onChunk?.(plaintext);
          size += plaintext.length;
        };
        // Each resolves once every byte is written; writeEncryptedBy then fsyncs the file.
        if (this.options.sealing !== 'this-thread' && (await cipherWorkerReady())) await sealOnWorker(handle, fileKey, source, onPlaintext);
        else await pipeline(source, createEncryptStream(fileKey, { onPlaintext }), new DurableFileWriter(handle));
        return size;
      });
    } catch (error) {
      source.destroy();
      throw writeFailure(error);
    }
  }


  /**
   * Writes a new blob whose TWA1 bytes `produce` writes into the open, empty partial file (with the
   * blob's fresh key; it returns the plaintext size), under the same crash-safe protocol as write():
   * fsync, rename, fsync of the folder; nothing left behind on failure. For writers that encrypt
   * elsewhere (the archive import's cipher worker); `produce` must not close the handle.
   */
  async writeEncryptedBy(produce: (handle: FileHandle, fileKey: Buffer) => Promise<number>): Promise<Omit<StoredAttachment, 'sha256'>> {
    await fsp.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const blobId = randomBytes(16).toString('hex');
    const fileKey = generateFileKey();
    const partial = this.partialPath(blobId);
    this.inFlight.add(blobId);
    try {
      let size: number;
      const handle = await fsp.open(partial, 'wx', 0o600);
      try {
        size = await produce(handle, fileKey);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fsp.rename(partial, this.blobPath(blobId));
      await fsyncDirectory(this.dir);
      return { blobId, fileKey, size };
    } catch (error) {
      await fsp.rm(partial, { force: true }).catch(() => undefined);
      fileKey.fill(0);
      throw error;
    } finally {
      this.inFlight.delete(blobId);
    }
  }

  /** Opens a blob's file for reading (its TWA1 bytes), for readers that decrypt elsewhere; the caller closes it. */
  async openEncrypted(blobId: string): Promise<FileHandle> {
    assertBlobId(blobId);
    try {
      return await fsp.open(this.blobPath(blobId), 'r');
    } catch (error) {
      if (isErrnoException(error, 'ENOENT')) throw new UserError('attachment-missing', 'The attachment file is missing from the vault.');
      throw error;
    }
  }

  /**
   * A stream of the decrypted plaintext. It errors with UserError "attachment-corrupt" if the blob
   * was altered (after emitting the verified chunks before the damage), "attachment-missing" if
   * there is no such blob. Only a stream that ends without error delivered the whole, authentic file.
   */
  read(blobId: string, fileKey: Buffer): Readable {
    assertBlobId(blobId);
    return new DecryptingFileReader(this.blobPath(blobId), Buffer.from(fileKey), this.options.sealing !== 'this-thread');
  }

  /**
   * Decrypts the whole blob and compares the plaintext's SHA-256 with `expectedSha256`.
   * Resolves if it matches; rejects with UserError "attachment-corrupt" (or "attachment-missing").
   */
  async verify(blobId: string, fileKey: Buffer, expectedSha256: string): Promise<void> {
    if (!SHA256_PATTERN.test(expectedSha256)) throw new TypeError('expectedSha256 must be 64 lowercase hex characters');
    const sink = new HashingSink();
    await pipeline(this.read(blobId, fileKey), sink);
    if (!timingSafeEqual(sink.digest(), Buffer.from(expectedSha256, 'hex'))) {
      throw new UserError('attachment-corrupt', 'The attachment does not match its recorded checksum.');
    }
  }

  /** Deletes a blob. Resolves false if there was none. */
  async remove(blobId: string): Promise<boolean> {
    assertBlobId(blobId);
    try {
      await fsp.unlink(this.blobPath(blobId));
    } catch (error) {
      if (isErrnoException(error, 'ENOENT')) return false;
      throw error;
    }
    await fsyncDirectory(this.dir);
    return true;
  }

  /** Ids of all complete blobs, sorted. An absent directory holds none. */
  async list(): Promise<string[]> {
    const ids: string[] = [];
    for (const name of await this.readNames()) {
      if (!name.endsWith(BLOB_SUFFIX)) continue;
      const id = name.slice(0, -BLOB_SUFFIX.length);
      if (isBlobId(id)) ids.push(id);
    }
    return ids.sort();
  }

  /** Removes `.partial` files left by an interrupted write; returns how many were removed. */
  async cleanupPartials(): Promise<number> {
    let removed = 0;
    for (const name of await this.readNames()) {
      if (!name.endsWith(PARTIAL_SUFFIX)) continue;
      const id = name.slice(0, -PARTIAL_SUFFIX.length);
      if (!isBlobId(id) || this.inFlight.has(id)) continue;
      await fsp.rm(path.join(this.dir, name), { force: true });
      removed += 1;
    }
    if (removed > 0) await fsyncDirectory(this.dir);
    return removed;
  }

  private async readNames(): Promise<string[]> {
    try {
      return await fsp.readdir(this.dir);
    } catch (error) {
      if (isErrnoException(error, 'ENOENT')) return [];
      throw error;
    }
  }
}
