/**
 * The vault's attachment files (TWA1, attachments/stream-crypto.ts) read for an export and written
 * for an import with their cipher on the 'vault' worker (format/age-worker.ts), while age's cipher
 * runs on the 'age' worker: on two cores the two ciphers of every byte then run at the same time
 * instead of taking turns on this thread. The bytes on disk are those of AttachmentStore's own
 * reader and writer (same header, nonces, associated data, chunk sizes); every decision on the file
 * (which chunk is the last, what a failed chunk means) is made here, as ChunkOpener makes it.
 *
 * Plaintext stays in memory: it passes through the job's shared slots and is never written
 * anywhere; the worker reads and writes only the TWA1 ciphertext.
 */
import type { FileHandle } from 'node:fs/promises';
import { archiveError } from './format/errors';
import { AgeWorkerJob, SLOT_SEALED_BYTES, readAhead } from './format/age-worker';
import type { AttachmentStore, StoredAttachment } from '../attachments/attachment-store';
import { HEADER_LENGTH, TAG_LENGTH, corrupt, newFileHeader, openFileHeader } from '../attachments/stream-crypto';
import { readFully } from '../files/positional-io';
import { BackgroundSync } from '../files/background-sync';

/**
 * The plaintext of the blob `blobId`, decrypted on the vault worker in pieces of one slot, each
 * yielded only after it authenticated. Each piece is a view of shared memory that is reused once
 * the next piece is asked for: the consumer copies what it keeps, or holds it with holdLentPiece
 * (the archive writer hands it to age's worker so, uncopied). Ends by checking that it was `expected.size`
 * bytes, and throws otherwise: a consumer must treat an error at any point as "this attachment is
 * not the one recorded". Errors as AttachmentStore.read: "attachment-missing", "attachment-corrupt";
 * "archive-source-changed" for an intact blob of another size than recorded.
 *
 * Not hashed again: the bytes are those `expected.sha256` was taken of when the blob was written.
 * Each blob has its own random key (AttachmentStore.writeEncryptedBy), kept only in the vault's row
 * beside that hash, and the one encryption ever made with it is the write that hashed exactly the
 * plaintext it sealed. A file that opens in full under that key is that write's output, whole: every
 * chunk authenticates (so nothing was altered or taken from another blob, whose key differs), the
 * counters run from 0 (nothing reordered or dropped), the last one carries the final flag (nothing
 * cut at a chunk boundary), the file's length fixes which chunk is last (nothing appended), and the
 * header with its salt is the associated data of each. This holds for files of either format
 * version and for blobs an import wrote (hashed on the worker from the bytes it sealed). A recorded
 * hash that were wrong anyway (a bug, never an attacker without the vault's key) still does not
 * pass silently: the recipient checks every byte against the manifest and refuses the archive.
 */
export async function* readBlobOffThread(
  store: AttachmentStore,
  blobId: string,
  fileKey: Buffer,
  expected: { size: number },
): AsyncGenerator<Buffer, void, undefined> {
  const handle = await store.openEncrypted(blobId);
  let job: AgeWorkerJob | undefined;
  try {
    const fileSize = (await handle.stat()).size;
    const header = Buffer.alloc(HEADER_LENGTH);
    if ((await readFully(handle, header, 0)) < HEADER_LENGTH) throw corrupt('file too short for a header');
    const keys = openFileHeader(fileKey, header);
    const sealedChunk = keys.chunkSize + TAG_LENGTH;
    // The layout follows from the file's size, as in AttachmentStore's reader: a cut or extended
    // file shows as a chunk that fails authentication (the wrong one opened as the last).
    const payload = fileSize - HEADER_LENGTH;
    const chunks = Math.max(1, Math.ceil(payload / sealedChunk));
    const finalLength = payload - (chunks - 1) * sealedChunk;
    if (finalLength < TAG_LENGTH) {
      keys.payloadKey.fill(0);
      throw corrupt('truncated: the final chunk is missing');
    }
    if (finalLength === TAG_LENGTH && chunks > 1) {
      keys.payloadKey.fill(0);
      throw corrupt('unexpected empty final chunk');
    }
    job = new AgeWorkerJob(keys.payloadKey, handle.fd, { lane: 'vault', chunkSize: keys.chunkSize, aad: keys.header, hashes: 'none' });
    keys.payloadKey.fill(0);
    const running = job;
    const perRequest = Math.max(1, Math.floor(SLOT_SEALED_BYTES / sealedChunk));
    const requests: Array<{ counter: number }> = [];
    let requested = 0;
    const reading = readAhead(
      running,
      () => requested < chunks,
      (slot) => {
        const count = Math.min(perRequest, chunks - requested);
        const last = requested + count === chunks;
        const length = last ? (count - 1) * sealedChunk + finalLength : count * sealedChunk;
        running.open(slot, length, requested, HEADER_LENGTH + requested * sealedChunk, last);
        requests.push({ counter: requested });
        requested += count;
      },
    );
    reading.refill();
    let bytes = 0;
    while (requests.length > 0 || requested < chunks) {
      // Every slot is held by a consumer (the age worker, on export): wait until one comes back.
      while (requests.length === 0) await reading.slotBack();
      const reply = await running.next();
      const { counter } = requests.shift()!;
      if (reply.short) throw corrupt('the file became shorter while it was read');
      if (reply.failedAt !== undefined) {
        const index = counter + reply.failedAt;
        throw index === chunks - 1
          ? corrupt(`final chunk ${index} failed authentication: altered, truncated, extended or wrong key`)
          : corrupt(`chunk ${index} failed authentication: altered, reordered or wrong key`);
      }
      bytes += reply.length!;
      if (bytes > expected.size) throw archiveError('archive-source-changed', `The attachment has more than its recorded ${expected.size} bytes.`);
      // No copy: the slot itself, given back to the worker once the consumer asks for the next
      // piece, or, if it holds the piece (holdLentPiece), once it lets go.
      running.lend(reply.slot!);
      try {
        if (reply.length! > 0) yield running.slots[reply.slot!]!.subarray(0, reply.length);
      } finally {
        running.lend(undefined);
        running.release(reply.slot!);
      }
    }
    if (bytes !== expected.size) throw archiveError('archive-source-changed', 'The attachment is not the one the vault recorded: its size differs.');
  } finally {
    await job?.close();
    await handle.close();
  }
}

/** A piece of plaintext for writeBlobOffThread; see PayloadPiece (format/sealed-archive.ts). */
export interface BlobPiece {
  bytes: Uint8Array;
  /** Keeps `bytes` valid past the next piece until the returned function is called; undefined if they are not shared memory. */
  hold?(): (() => void) | undefined;
}

/** Pieces on their way to the worker at once: the source's slots (age's four, on import) bound them anyway. */
const PIECES_IN_FLIGHT = 8;

/**
 * Encrypts the `size` bytes of `source` into a new blob of `store` with the cipher on the vault
 * worker, syncing as it goes; crash-safe as AttachmentStore.write (see writeEncryptedBy). A piece
 * in shared memory that can be held (age's slots, on import) is sealed by the worker straight from
 * there, not copied; any other is copied into the job's own slots. A source of another size than
 * `size` is refused and leaves nothing. Returns the blob, its key, the plaintext size sealed and,
 * with `hash`, the SHA-256 of that plaintext (taken on the worker, of the very bytes it encrypted).
 */
export async function writeBlobOffThread(
  store: AttachmentStore,
  source: AsyncIterable<BlobPiece>,
  options: { size: number; hash: boolean },
): Promise<Omit<StoredAttachment, 'sha256'> & { sha256?: string }> {
  let sha256: string | undefined;
  const stored = await store.writeEncryptedBy(async (handle, fileKey) => {
    const keys = newFileHeader(fileKey);
    let written = 0;
    while (written < keys.header.length) written += (await handle.write(keys.header, written, keys.header.length - written, written)).bytesWritten;
    const job = new AgeWorkerJob(keys.payloadKey, handle.fd, {
      lane: 'vault',
      chunkSize: keys.chunkSize,
      aad: keys.header,
      hashes: options.hash ? 'plaintext' : 'none',
      pieces: { size: options.size, position: HEADER_LENGTH },
    });
    keys.payloadKey.fill(0);
    const sync = new BackgroundSync(handle);
    const settle = async () => {
      sync.check();
      sync.wrote((await job.next()).bytes ?? 0);
    };
    try {
      let total = 0;
      for await (const piece of source) {
        const bytes = piece.bytes;
        total += bytes.length;
        if (total > options.size) throw new Error(`the attachment has more than its announced ${options.size} bytes`);
        const release = bytes.buffer instanceof SharedArrayBuffer && bytes.length > 0 ? piece.hold?.() : undefined;
        if (release !== undefined) {
          job.sealPiece(bytes.buffer as SharedArrayBuffer, bytes.byteOffset, bytes.length, release);
        } else {
          for (let offset = 0; offset < bytes.length; ) {
            let slot = job.freeSlot();
            while (slot === undefined) {
              await settle();
              slot = job.freeSlot();
            }
            const count = Math.min(SLOT_SEALED_BYTES, bytes.length - offset);
            job.slots[slot]!.set(bytes.subarray(offset, offset + count));
            job.sealSlot(slot, count);
            offset += count;
          }
        }
        while (job.pending >= PIECES_IN_FLIGHT) await settle();
      }
      if (total !== options.size) throw new Error(`the attachment has ${total} bytes, not the announced ${options.size}`);
      job.finishPieces();
      while (job.pending > 0) await settle();
      if (options.hash) sha256 = await job.digest();
      await sync.finish();
      return total;
    } finally {
      // Before the handle may be synced and closed: the worker must be done writing to it.
      await job.close();
      await sync.settle();
    }
  });
  return sha256 === undefined ? stored : { ...stored, sha256 };
}
