/**
 * age files on disk with the payload cipher on a worker thread (age-worker.ts): the same bytes and
 * the same refusals as encryptAge / decryptAge in age.ts, which make and check the header and
 * decide what every failed chunk means; the worker only seals, opens, reads, writes and hashes.
 *
 * Both also give the SHA-256 of the whole file, taken from the very bytes written (by the worker)
 * or read (here, from the shared memory the worker read them into), so that neither export nor
 * import reads an archive a second time to hash it.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import fs from 'node:fs';
import {
  AGE_NONCE_SIZE,
  AGE_SEALED_CHUNK_SIZE,
  nonFinalChunkError,
  openAgeHeader,
  openFinalChunk,
  payloadKeyFor,
  sealHeader,
  type AgeLimits,
} from './age';
import { AgeWorkerJob, CHUNKS_PER_SLOT, PIECES_IN_FLIGHT, readAhead, sealPiecesThroughWorker } from './age-worker';
import { ByteReader } from './byte-reader';
import { archiveError } from './errors';
import { resolveLimits } from './limits';

/** Writes `buffer` at `position`, finishing short writes. */
async function writeAt(handle: FileHandle, buffer: Buffer, position: number): Promise<void> {
  let offset = 0;
  while (offset < buffer.length) offset += (await handle.write(buffer, offset, buffer.length - offset, position + offset)).bytesWritten;
}

/** Reads up to `length` bytes at `position` (fewer only at the end of the file). */
async function readAt(handle: FileHandle, length: number, position: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/**
 * age-encrypts `source`, `size` bytes in all, to the recipients into the open, empty file `handle`
 * (from offset 0), the payload sealed and written by the worker while this thread produces the next
 * piece. Pieces that are lent slots of another job (the vault worker's plaintext) are sealed
 * straight from there, uncopied (sealPiecesThroughWorker); a source of another size is refused.
 * Starts syncing it in the background as it goes; does not close it, and its final fsync is the caller's. Returns its size and SHA-256.
 */
export async function writeAgeFile(
  handle: FileHandle,
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  recipients: readonly string[],
  size: number,
): Promise<{ bytes: number; sha256: string }> {
  const { header, fileKey } = await sealHeader(recipients);
  const nonce = randomBytes(AGE_NONCE_SIZE);
  const payloadKey = payloadKeyFor(fileKey, nonce);
  fileKey.fill(0);
  const start = Buffer.concat([header, nonce]);
  // The file's hash is taken here from the ciphertext the worker writes through shared memory:
  // beside the vault worker's share on export, the age worker's is the larger.
  const job = new AgeWorkerJob(payloadKey, handle.fd, { pieces: { size, position: start.length }, ciphertextSlots: PIECES_IN_FLIGHT });
  payloadKey.fill(0);
  try {
    await writeAt(handle, start, 0);
    const fileHash = createHash('sha256').update(start);
    const position = start.length + (await sealPiecesThroughWorker(job, source, { handle, size, fileHash }));
    return { bytes: position, sha256: fileHash.digest('hex') };
  } finally {
    // Before the caller may close the file: the worker must be done writing to it.
    await job.close();
  }
}


/**
 * Decrypts the age file `file` with any of the identities; yields the plaintext in pieces of up
 * to 1 MiB, each only after it authenticated, then calls `onEnd` with the file's SHA-256. The
 * refusals are those of decryptAge (a consumer must treat an error at any point as "the whole
 * file is invalid"). The file must not change while it is read: one that grows or shrinks is refused.
 *
 * Each piece is a view of the worker's shared slots and stays valid only until the next one is
 * asked for: a consumer copies what it keeps, or holds it with holdLentPiece (which is how an
 * import hands the bytes to the vault's cipher worker without copying them at all).
 */
export async function* decryptAgeFile(
  file: string,
  identities: readonly string[],
  limits: Partial<AgeLimits> | undefined,
  onEnd: (result: { sha256: string; bytes: number }) => void,
  onBytes?: (bytesRead: number, bytesTotal: number) => void,
): AsyncGenerator<Buffer, void, undefined> {
  const resolved = resolveLimits(limits);
  const handle = await fs.promises.open(file, 'r');
  let job: AgeWorkerJob | undefined;
  let payloadKey: Buffer | undefined;
  try {
    const size = (await handle.stat()).size;
    // Everything the header may hold, and the nonce after it: the header's own limits apply as in a stream.
    const prefix = await readAt(handle, Math.min(size, resolved.maxAgeHeaderBytes + AGE_NONCE_SIZE + 1), 0);
    const reader = new ByteReader([prefix]);
    payloadKey = await openAgeHeader(reader, identities, resolved);
    const start = reader.position;

    // Every full chunk but the last one of the file is a non-final chunk; the rest is the final chunk.
    const payloadBytes = size - start;
    const finalBytes = payloadBytes % AGE_SEALED_CHUNK_SIZE || Math.min(payloadBytes, AGE_SEALED_CHUNK_SIZE);
    const fullChunks = (payloadBytes - finalBytes) / AGE_SEALED_CHUNK_SIZE;

    // The file's SHA-256 is taken here, from the sealed bytes the worker read into shared memory:
    // the worker's own share (reads, age's cipher, a copy into the slot) is the larger one on import.
    const fileHash = createHash('sha256');
    const running = new AgeWorkerJob(payloadKey, handle.fd, { sealedSlots: true });
    job = running;
    fileHash.update(prefix.subarray(0, start));
    const requests: Array<{ counter: number; count: number }> = [];
    let requested = 0;
    let answered = 0;
    const reading = readAhead(
      running,
      () => requested < fullChunks,
      (slot) => {
        const count = Math.min(CHUNKS_PER_SLOT, fullChunks - requested);
        running.open(slot, count * AGE_SEALED_CHUNK_SIZE, requested, start + requested * AGE_SEALED_CHUNK_SIZE);
        requests.push({ counter: requested, count });
        requested += count;
      },
    );
    reading.refill();
    while (answered < fullChunks) {
      // Every slot is held by a consumer: wait until one comes back (and is asked to read).
      while (requests.length === 0) await reading.slotBack();
      const reply = await running.next();
      const { counter, count } = requests.shift()!;
      if (reply.short) throw archiveError('age-truncated', 'The archive file became shorter while it was read.');
      if (reply.failedAt !== undefined) throw nonFinalChunkError(reply.opensAsLast === true, counter + reply.failedAt);
      // In order (answers come in the order asked), before the slot can go back to the worker.
      fileHash.update(running.sealedSlots[reply.slot!]!.subarray(0, count * AGE_SEALED_CHUNK_SIZE));
      answered += count;
      onBytes?.(start + (counter + count) * AGE_SEALED_CHUNK_SIZE, size);
      // No copy: the slot itself, given back once the consumer asks for the next piece (or, if it
      // holds the slot, once it lets go).
      // The only one a consumer may hold (holdLentPiece).
      running.lend(reply.slot!);
      try {
        yield running.slots[reply.slot!]!.subarray(0, reply.length);
      } finally {
        running.lend(undefined);
        running.release(reply.slot!);
      }
    }

    const sealed = await readAt(handle, finalBytes, start + fullChunks * AGE_SEALED_CHUNK_SIZE);
    if (sealed.length < finalBytes) throw archiveError('age-truncated', 'The archive file became shorter while it was read.');
    const plaintext = openFinalChunk(payloadKey, sealed, fullChunks);
    fileHash.update(sealed);
    const sha256 = fileHash.digest('hex');
    if ((await handle.stat()).size !== size) throw archiveError('age-trailing-data', 'The archive file grew while it was read: refused.');
    onBytes?.(size, size);
    if (plaintext.length > 0) yield plaintext;
    onEnd({ sha256, bytes: size });
  } finally {
    payloadKey?.fill(0);
    await job?.close();
    await handle.close();
  }
}
