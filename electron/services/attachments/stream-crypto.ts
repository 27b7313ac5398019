/**
 * Authenticated streaming encryption for attachments ("TWA1"), modelled on age's STREAM payload.
 *
 * File layout:
 *   header  = "TWA1" (4 bytes) || version 0x01 (1 byte) || salt (16 random bytes)      = 21 bytes
 *   payload = chunk_0 || chunk_1 || … || chunk_last
 *   chunk_i = ChaCha20-Poly1305(payloadKey, nonce_i, plaintext_i, aad = header) = ciphertext || 16-byte tag
 *
 * payloadKey = HKDF-SHA256(ikm = fileKey, salt, info = "tw-attachment-v1", 32 bytes).
 * nonce_i    = 11-byte big-endian i || 0x01 on the final chunk, 0x00 otherwise.
 * Every chunk but the last holds exactly 64 KiB of plaintext; the last holds 1..64 KiB, or 0 bytes
 * only when the whole file is empty. Binding the last-chunk flag into the nonce is what makes
 * truncation at a chunk boundary and data after the end detectable; the counter catches
 * reordered and dropped chunks; the header as AAD catches a swapped salt or version.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { UserError } from '@shared/errors';

export const MAGIC = Buffer.from('TWA1', 'latin1');
export const FORMAT_VERSION = 1;
export const SALT_LENGTH = 16;
export const HEADER_LENGTH = MAGIC.length + 1 + SALT_LENGTH;
export const FILE_KEY_LENGTH = 32;
export const CHUNK_SIZE = 64 * 1024;
export const TAG_LENGTH = 16;
export const SEALED_CHUNK_SIZE = CHUNK_SIZE + TAG_LENGTH;

const CIPHER = 'chacha20-poly1305';
const NONCE_LENGTH = 12;
const HKDF_INFO = 'tw-attachment-v1';
/** The counter is 11 bytes on disk; we keep it in a safe integer, which is far beyond any real file. */
const MAX_CHUNK_COUNTER = Number.MAX_SAFE_INTEGER;

/** A fresh random per-file key, to be stored (encrypted) in the vault database. */
export function generateFileKey(): Buffer {
  return randomBytes(FILE_KEY_LENGTH);
}

/** Size on disk of an encrypted attachment whose plaintext is `plaintextSize` bytes. */
export function sealedSize(plaintextSize: number): number {
  const chunks = Math.max(1, Math.ceil(plaintextSize / CHUNK_SIZE));
  return HEADER_LENGTH + plaintextSize + chunks * TAG_LENGTH;
}

function corrupt(detail: string): UserError {
  return new UserError('attachment-corrupt', `The attachment is damaged or has been altered (${detail}).`);
}

function checkFileKey(fileKey: Buffer): void {
  // A key of the wrong shape is a bug in the caller, not something a user can cause.
  if (!Buffer.isBuffer(fileKey) || fileKey.length !== FILE_KEY_LENGTH) {
    throw new TypeError(`attachment file key must be a ${FILE_KEY_LENGTH}-byte Buffer`);
  }
}

function derivePayloadKey(fileKey: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', fileKey, salt, HKDF_INFO, 32));
}

function chunkNonce(counter: number, last: boolean): Buffer {
  if (counter > MAX_CHUNK_COUNTER) throw new RangeError('attachment chunk counter overflow');
  const nonce = Buffer.alloc(NONCE_LENGTH);
  // Bytes 0..10 are the big-endian counter; the top 3 bytes stay zero within the safe-integer range.
  nonce.writeBigUInt64BE(BigInt(counter), 3);
  nonce[11] = last ? 0x01 : 0x00;
  return nonce;
}

/**
 * A FIFO of buffers that hands out exact-size slices without copying when a slice lies in one
 * buffer. It only ever references what the stream was given; it never grows beyond the current
 * input plus one held-back chunk.
 */
class ByteQueue {
  private buffers: Buffer[] = [];
  private headOffset = 0;
  length = 0;

  push(buffer: Buffer): void {
    if (buffer.length === 0) return;
    this.buffers.push(buffer);
    this.length += buffer.length;
  }

  /** Removes and returns exactly `n` bytes; the caller ensures `n <= length`. */
  take(n: number): Buffer {
    this.length -= n;
    const head = this.buffers[0];
    if (head !== undefined && head.length - this.headOffset >= n) {
      const slice = head.subarray(this.headOffset, this.headOffset + n);
      this.headOffset += n;
      if (this.headOffset === head.length) {
        this.buffers.shift();
        this.headOffset = 0;
      }
      return slice;
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const buffer = this.buffers[0]!;
      const available = buffer.length - this.headOffset;
      const count = Math.min(available, n - filled);
      buffer.copy(out, filled, this.headOffset, this.headOffset + count);
      filled += count;
      if (count === available) {
        this.buffers.shift();
        this.headOffset = 0;
      } else {
        this.headOffset += count;
      }
    }
    return out;
  }

  takeAll(): Buffer {
    return this.take(this.length);
  }
}

const STREAM_OPTIONS = {
  // Enough for two sealed chunks on each side: keeps memory flat while letting the disk and the
  // cipher overlap.
  writableHighWaterMark: 2 * SEALED_CHUNK_SIZE,
  readableHighWaterMark: 2 * SEALED_CHUNK_SIZE,
};

/**
 * Encrypts a plaintext byte stream into the TWA1 format. Output: header, then sealed chunks.
 * The last full chunk is held back until either more input arrives or the input ends, because only
 * then is it known whether it is the final one.
 */
export function createEncryptStream(fileKey: Buffer): Transform {
  checkFileKey(fileKey);
  const salt = randomBytes(SALT_LENGTH);
  const header = Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION]), salt]);
  const payloadKey = derivePayloadKey(fileKey, salt);
  const pending = new ByteQueue();
  let counter = 0;

  const seal = (stream: Transform, plaintext: Buffer, last: boolean): void => {
    const cipher = createCipheriv(CIPHER, payloadKey, chunkNonce(counter, last), { authTagLength: TAG_LENGTH });
    cipher.setAAD(header, { plaintextLength: plaintext.length });
    const ciphertext = cipher.update(plaintext);
    const tail = cipher.final(); // empty for a stream cipher, kept for correctness
    stream.push(tail.length > 0 ? Buffer.concat([ciphertext, tail]) : ciphertext);
    stream.push(cipher.getAuthTag());
    counter += 1;
  };

  return new Transform({
    ...STREAM_OPTIONS,
    construct(callback) {
      this.push(header);
      callback();
    },
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      try {
        pending.push(chunk);
        // Strictly more than one chunk pending: the one we seal now is certainly not the last.
        while (pending.length > CHUNK_SIZE) seal(this, pending.take(CHUNK_SIZE), false);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      try {
        // 1..64 KiB, or an empty final chunk when the whole input was empty.
        seal(this, pending.takeAll(), true);
        payloadKey.fill(0);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    destroy(error: Error | null, callback: (error: Error | null) => void) {
      payloadKey?.fill(0);
      callback(error);
    },
  });
}

/**
 * Decrypts a TWA1 stream. Each chunk's plaintext is emitted only after its tag verified. Fails with
 * UserError "attachment-corrupt" on any alteration, truncation, extension, reordering or wrong key;
 * a consumer must treat the stream's error as "the whole attachment is invalid", because plaintext
 * of earlier verified chunks has already been emitted by then.
 */
export function createDecryptStream(fileKey: Buffer): Transform {
  checkFileKey(fileKey);
  const pending = new ByteQueue();
  let header: Buffer | undefined;
  let payloadKey: Buffer | undefined;
  let counter = 0;

  const open = (sealed: Buffer, last: boolean): Buffer => {
    const ciphertext = sealed.subarray(0, sealed.length - TAG_LENGTH);
    const tag = sealed.subarray(sealed.length - TAG_LENGTH);
    const decipher = createDecipheriv(CIPHER, payloadKey!, chunkNonce(counter, last), {
      authTagLength: TAG_LENGTH,
    });
    decipher.setAAD(header!, { plaintextLength: ciphertext.length });
    decipher.setAuthTag(tag);
    const plaintext = decipher.update(ciphertext);
    let tail: Buffer;
    try {
      tail = decipher.final();
    } catch {
      throw last
        ? corrupt(`final chunk ${counter} failed authentication: altered, truncated, extended or wrong key`)
        : corrupt(`chunk ${counter} failed authentication: altered, reordered or wrong key`);
    }
    counter += 1;
    return tail.length > 0 ? Buffer.concat([plaintext, tail]) : plaintext;
  };

  const readHeader = (): void => {
    const candidate = pending.take(HEADER_LENGTH);
    if (!candidate.subarray(0, MAGIC.length).equals(MAGIC)) throw corrupt('not an attachment file: bad magic');
    const version = candidate[MAGIC.length];
    if (version !== FORMAT_VERSION) throw corrupt(`unsupported format version ${version}`);
    header = Buffer.from(candidate); // own copy: it is used as AAD for every chunk
    payloadKey = derivePayloadKey(fileKey, header.subarray(MAGIC.length + 1));
  };

  return new Transform({
    ...STREAM_OPTIONS,
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      try {
        pending.push(chunk);
        if (header === undefined) {
          if (pending.length < HEADER_LENGTH) return callback();
          readHeader();
        }
        // Strictly more than one sealed chunk pending: the one we open now is not the last.
        while (pending.length > SEALED_CHUNK_SIZE) this.push(open(pending.take(SEALED_CHUNK_SIZE), false));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      try {
        if (header === undefined) {
          if (pending.length < HEADER_LENGTH) throw corrupt('file too short for a header');
          readHeader();
        }
        if (pending.length < TAG_LENGTH) throw corrupt('truncated: the final chunk is missing');
        // An empty final chunk is only produced for an empty file.
        if (pending.length === TAG_LENGTH && counter > 0) throw corrupt('unexpected empty final chunk');
        this.push(open(pending.takeAll(), true));
        payloadKey?.fill(0);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    destroy(error: Error | null, callback: (error: Error | null) => void) {
      payloadKey?.fill(0);
      callback(error);
    },
  });
}
