/**
 * Authenticated streaming encryption for attachments ("TWA1" files), modelled on age's STREAM payload.
 *
 * File layout:
 *   header  = "TWA1" (4 bytes) || version (1 byte) || salt (16 random bytes)              = 21 bytes
 *   payload = chunk_0 || chunk_1 || … || chunk_last
 *   chunk_i = ChaCha20-Poly1305(payloadKey, nonce_i, plaintext_i, aad = header) = ciphertext || 16-byte tag
 *
 * payloadKey = HKDF-SHA256(ikm = fileKey, salt, info = "tw-attachment-v<version>", 32 bytes).
 * nonce_i    = 11-byte big-endian i || 0x01 on the final chunk, 0x00 otherwise.
 * Every chunk but the last holds exactly the version's chunk size of plaintext; the last holds
 * 1..chunk size, or 0 bytes only when the whole file is empty. Binding the last-chunk flag into
 * the nonce is what makes truncation at a chunk boundary and data after the end detectable; the
 * counter catches reordered and dropped chunks; the header as AAD catches a swapped salt or version.
 *
 * Versions: 1 has 64 KiB chunks (files written before version 2 existed; still read). 2 has 1 MiB
 * chunks, which costs a sixteenth of the per-chunk work (cipher set-up, tag, stream bookkeeping) and
 * is what is written now. The version byte is covered by the AAD and selects a different HKDF info,
 * so a file cannot be reinterpreted under the other chunk size.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { UserError } from '@shared/errors';

export const MAGIC = Buffer.from('TWA1', 'latin1');
export const SALT_LENGTH = 16;
export const HEADER_LENGTH = MAGIC.length + 1 + SALT_LENGTH;
export const FILE_KEY_LENGTH = 32;
export const TAG_LENGTH = 16;

export type FormatVersion = 1 | 2;
/** Plaintext bytes per chunk, by format version. */
export const CHUNK_SIZES: Readonly<Record<FormatVersion, number>> = { 1: 64 * 1024, 2: 1024 * 1024 };
/** The version new files are written in. */
export const FORMAT_VERSION: FormatVersion = 2;
/** Plaintext bytes per chunk of the version written now. */
export const CHUNK_SIZE = CHUNK_SIZES[FORMAT_VERSION];
export const SEALED_CHUNK_SIZE = CHUNK_SIZE + TAG_LENGTH;

const CIPHER = 'chacha20-poly1305';
const NONCE_LENGTH = 12;
/** The counter is 11 bytes on disk; we keep it in a safe integer, which is far beyond any real file. */
const MAX_CHUNK_COUNTER = Number.MAX_SAFE_INTEGER;

/** A fresh random per-file key, to be stored (encrypted) in the vault database. */
export function generateFileKey(): Buffer {
  return randomBytes(FILE_KEY_LENGTH);
}

function isFormatVersion(value: number | undefined): value is FormatVersion {
  return value === 1 || value === 2;
}

/** Size on disk of an encrypted attachment whose plaintext is `plaintextSize` bytes. */
export function sealedSize(plaintextSize: number, version: FormatVersion = FORMAT_VERSION): number {
  const chunks = Math.max(1, Math.ceil(plaintextSize / CHUNK_SIZES[version]));
  return HEADER_LENGTH + plaintextSize + chunks * TAG_LENGTH;
}

export function corrupt(detail: string): UserError {
  return new UserError('attachment-corrupt', `The attachment is damaged or has been altered (${detail}).`);
}

function checkFileKey(fileKey: Buffer): void {
  // A key of the wrong shape is a bug in the caller, not something a user can cause.
  if (!Buffer.isBuffer(fileKey) || fileKey.length !== FILE_KEY_LENGTH) {
    throw new TypeError(`attachment file key must be a ${FILE_KEY_LENGTH}-byte Buffer`);
  }
}

function derivePayloadKey(fileKey: Buffer, salt: Buffer, version: FormatVersion): Buffer {
  return Buffer.from(hkdfSync('sha256', fileKey, salt, `tw-attachment-v${version}`, 32));
}

function chunkNonce(counter: number, last: boolean): Buffer {
  if (counter > MAX_CHUNK_COUNTER) throw new RangeError('attachment chunk counter overflow');
  const nonce = Buffer.alloc(NONCE_LENGTH);
  // Bytes 0..10 are the big-endian counter; the top 3 bytes stay zero within the safe-integer range.
  nonce.writeBigUInt64BE(BigInt(counter), 3);
  nonce[11] = last ? 0x01 : 0x00;
  return nonce;
}

/** What a file's header gives to whoever opens or seals its chunks. */
export interface FileHeaderKeys {
  version: FormatVersion;
  /** Plaintext bytes of every chunk but the last. */
  chunkSize: number;
  /** The header's own bytes (a copy): the associated data of every chunk. */
  header: Buffer;
  /** The chunks' ChaCha20-Poly1305 key; the caller zeroes it when done. */
  payloadKey: Buffer;
}

/**
 * Checks a file's header (magic, version) and derives its payload key: for ChunkOpener, and for
 * code that opens the chunks itself elsewhere (the archive's cipher worker), with the same nonces.
 */
export function openFileHeader(fileKey: Buffer, header: Buffer): FileHeaderKeys {
  checkFileKey(fileKey);
  if (header.length < HEADER_LENGTH) throw corrupt('file too short for a header');
  if (!header.subarray(0, MAGIC.length).equals(MAGIC)) throw corrupt('not an attachment file: bad magic');
  const version = header[MAGIC.length];
  if (!isFormatVersion(version)) throw corrupt(`unsupported format version ${version}`);
  const own = Buffer.from(header.subarray(0, HEADER_LENGTH)); // own copy: the AAD of every chunk
  return { version, chunkSize: CHUNK_SIZES[version], header: own, payloadKey: derivePayloadKey(fileKey, own.subarray(MAGIC.length + 1), version) };
}

/**
 * A new file's header (fresh salt, FORMAT_VERSION) and payload key, for code that seals the chunks
 * itself elsewhere: the bytes it must produce are those of createEncryptStream.
 */
export function newFileHeader(fileKey: Buffer): FileHeaderKeys {
  checkFileKey(fileKey);
  const header = Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION]), randomBytes(SALT_LENGTH)]);
  return { version: FORMAT_VERSION, chunkSize: CHUNK_SIZE, header, payloadKey: derivePayloadKey(fileKey, header.subarray(MAGIC.length + 1), FORMAT_VERSION) };
}

/**
 * Opens the chunks of one file in order. Built from the file's header, which it checks; every
 * plaintext it returns has been authenticated. The caller says which chunk is the last one (from
 * the file's length); a wrong claim fails authentication rather than being believed.
 */
export class ChunkOpener {
  readonly version: FormatVersion;
  /** Plaintext bytes of every chunk but the last. */
  readonly chunkSize: number;
  /** On-disk bytes of every chunk but the last. */
  readonly sealedChunkSize: number;
  private readonly header: Buffer;
  private readonly payloadKey: Buffer;
  private counter = 0;

  constructor(fileKey: Buffer, header: Buffer) {
    const opened = openFileHeader(fileKey, header);
    this.version = opened.version;
    this.chunkSize = opened.chunkSize;
    this.sealedChunkSize = this.chunkSize + TAG_LENGTH;
    this.header = opened.header;
    this.payloadKey = opened.payloadKey;
  }

  /** Number of chunks opened so far. */
  get opened(): number {
    return this.counter;
  }

  /** The header, which every chunk authenticates as its associated data. */
  get associatedData(): Buffer {
    return this.header;
  }

  /**
   * Throws "attachment-corrupt" unless `sealed` (ciphertext || tag) has the size chunk `index`
   * must have. open() checks this first; a reader that runs the cipher elsewhere (cipher-worker.ts)
   * checks it here, on the thread that decides what a chunk means.
   */
  checkShape(sealed: Buffer, index: number, last: boolean): void {
    if (sealed.length < TAG_LENGTH) throw corrupt('truncated: the final chunk is missing');
    if (sealed.length > this.sealedChunkSize) throw corrupt('chunk longer than the format allows');
    if (!last && sealed.length !== this.sealedChunkSize) throw corrupt(`chunk ${index} is truncated`);
    // An empty final chunk is only produced for an empty file.
    if (last && sealed.length === TAG_LENGTH && index > 0) throw corrupt('unexpected empty final chunk');
  }

  /** What it means that chunk `index` failed authentication, as the error to throw. */
  authenticationFailure(index: number, last: boolean): UserError {
    return last
      ? corrupt(`final chunk ${index} failed authentication: altered, truncated, extended or wrong key`)
      : corrupt(`chunk ${index} failed authentication: altered, reordered or wrong key`);
  }

  /** A copy of the payload key for the cipher worker, which zeroes its own; the caller zeroes this one. */
  payloadKeyCopy(): Buffer {
    return Buffer.from(this.payloadKey);
  }

  /** Authenticates and decrypts the next chunk (ciphertext || tag). Throws "attachment-corrupt". */
  open(sealed: Buffer, last: boolean): Buffer {
    const plaintext = this.openAt(sealed, this.counter, last);
    this.counter += 1;
    return plaintext;
  }

  /**
   * Authenticates and decrypts chunk `index` (ciphertext || tag), whichever chunks were opened
   * before: for a reader that reads ahead. Throws "attachment-corrupt".
   */
  openAt(sealed: Buffer, index: number, last: boolean): Buffer {
    this.checkShape(sealed, index, last);
    const ciphertext = sealed.subarray(0, sealed.length - TAG_LENGTH);
    const decipher = createDecipheriv(CIPHER, this.payloadKey, chunkNonce(index, last), { authTagLength: TAG_LENGTH });
    decipher.setAAD(this.header, { plaintextLength: ciphertext.length });
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_LENGTH));
    const plaintext = decipher.update(ciphertext);
    let tail: Buffer;
    try {
      tail = decipher.final();
    } catch {
      throw this.authenticationFailure(index, last);
    }
    return tail.length > 0 ? Buffer.concat([plaintext, tail]) : plaintext;
  }

  /** Zeroes the payload key; the opener is unusable afterwards. */
  dispose(): void {
    this.payloadKey.fill(0);
  }
}

/**
 * A FIFO of buffers that hands out exact-size slices without copying when a slice lies in one
 * buffer. It only ever references what the stream was given; it never grows beyond the current
 * input plus one held-back chunk. Consumed buffers are dropped by advancing an index (not by
 * Array#shift, which would make many tiny inputs quadratic).
 */
class ByteQueue {
  private buffers: Buffer[] = [];
  private head = 0;
  private headOffset = 0;
  length = 0;

  push(buffer: Buffer): void {
    if (buffer.length === 0) return;
    if (this.head > 1024 && this.head * 2 > this.buffers.length) {
      this.buffers = this.buffers.slice(this.head);
      this.head = 0;
    }
    this.buffers.push(buffer);
    this.length += buffer.length;
  }

  private dropHead(): void {
    this.buffers[this.head] = EMPTY;
    this.head += 1;
    this.headOffset = 0;
  }

  /** Removes and returns exactly `n` bytes; the caller ensures `n <= length`. */
  take(n: number): Buffer {
    this.length -= n;
    const first = this.buffers[this.head];
    if (first !== undefined && first.length - this.headOffset >= n) {
      const slice = first.subarray(this.headOffset, this.headOffset + n);
      this.headOffset += n;
      if (this.headOffset === first.length) this.dropHead();
      return slice;
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const buffer = this.buffers[this.head]!;
      const available = buffer.length - this.headOffset;
      const count = Math.min(available, n - filled);
      buffer.copy(out, filled, this.headOffset, this.headOffset + count);
      filled += count;
      if (count === available) this.dropHead();
      else this.headOffset += count;
    }
    return out;
  }

  takeAll(): Buffer {
    return this.take(this.length);
  }

  /** Removes exactly `n` bytes as views of the buffers given (no copy); the caller ensures `n <= length`. */
  takeParts(n: number): Buffer[] {
    const parts: Buffer[] = [];
    let left = n;
    this.length -= n;
    while (left > 0) {
      const buffer = this.buffers[this.head]!;
      const count = Math.min(buffer.length - this.headOffset, left);
      parts.push(buffer.subarray(this.headOffset, this.headOffset + count));
      left -= count;
      if (this.headOffset + count === buffer.length) this.dropHead();
      else this.headOffset += count;
    }
    return parts;
  }
}

const EMPTY = Buffer.alloc(0);

export interface EncryptOptions {
  /**
   * Sees each chunk's plaintext (in one or more consecutive parts, in order) just before it is
   * encrypted, while it is still in the CPU cache:
   * the attachment store hashes here, so hashing and encrypting are one pass over the data.
   */
  onPlaintext?: (plaintext: Buffer) => void;
  /** Only for compatibility tests: new files are always written in FORMAT_VERSION. */
  formatVersion?: FormatVersion;
}

/**
 * Encrypts a plaintext byte stream into the TWA1 format. Output: header, then sealed chunks.
 * The last full chunk is held back until either more input arrives or the input ends, because only
 * then is it known whether it is the final one.
 */
export function createEncryptStream(fileKey: Buffer, options: EncryptOptions = {}): Transform {
  checkFileKey(fileKey);
  const version = options.formatVersion ?? FORMAT_VERSION;
  const chunkSize = CHUNK_SIZES[version];
  const onPlaintext = options.onPlaintext;
  const salt = randomBytes(SALT_LENGTH);
  const header = Buffer.concat([MAGIC, Buffer.from([version]), salt]);
  const payloadKey = derivePayloadKey(fileKey, salt, version);
  const pending = new ByteQueue();
  let counter = 0;

  /**
   * Seals one chunk given as consecutive parts (views of the input as it came, which need not
   * line up with chunk boundaries): the cipher is fed part by part, so nothing is copied to
   * assemble the chunk first. The bytes written are the same as for one contiguous chunk.
   */
  const seal = (stream: Transform, parts: readonly Buffer[], last: boolean): void => {
    const length = parts.reduce((sum, part) => sum + part.length, 0);
    const cipher = createCipheriv(CIPHER, payloadKey, chunkNonce(counter, last), { authTagLength: TAG_LENGTH });
    cipher.setAAD(header, { plaintextLength: length });
    for (const part of parts) {
      onPlaintext?.(part);
      stream.push(cipher.update(part));
    }
    const tail = cipher.final(); // empty for a stream cipher, kept for correctness
    if (tail.length > 0) stream.push(tail);
    stream.push(cipher.getAuthTag());
    counter += 1;
  };

  return new Transform({
    // Two sealed chunks on each side: memory stays flat while the disk and the cipher overlap.
    writableHighWaterMark: 2 * (chunkSize + TAG_LENGTH),
    readableHighWaterMark: 2 * (chunkSize + TAG_LENGTH),
    construct(callback) {
      this.push(header);
      callback();
    },
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      try {
        pending.push(chunk);
        // Strictly more than one chunk pending: the one we seal now is certainly not the last.
        while (pending.length > chunkSize) seal(this, pending.takeParts(chunkSize), false);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      try {
        // 1..chunkSize bytes, or an empty final chunk when the whole input was empty.
        seal(this, pending.takeParts(pending.length), true);
        payloadKey.fill(0);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    destroy(error: Error | null, callback: (error: Error | null) => void) {
      payloadKey.fill(0);
      callback(error);
    },
  });
}

/**
 * Decrypts a TWA1 stream of any version. Each chunk's plaintext is emitted only after its tag
 * verified. Fails with UserError "attachment-corrupt" on any alteration, truncation, extension,
 * reordering or wrong key; a consumer must treat the stream's error as "the whole attachment is
 * invalid", because plaintext of earlier verified chunks has already been emitted by then.
 */
export function createDecryptStream(fileKey: Buffer): Transform {
  checkFileKey(fileKey);
  const pending = new ByteQueue();
  let opener: ChunkOpener | undefined;

  return new Transform({
    writableHighWaterMark: 2 * SEALED_CHUNK_SIZE,
    readableHighWaterMark: 2 * SEALED_CHUNK_SIZE,
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      try {
        pending.push(chunk);
        if (opener === undefined) {
          if (pending.length < HEADER_LENGTH) return callback();
          opener = new ChunkOpener(fileKey, pending.take(HEADER_LENGTH));
        }
        // Strictly more than one sealed chunk pending: the one we open now is not the last.
        while (pending.length > opener.sealedChunkSize) this.push(opener.open(pending.take(opener.sealedChunkSize), false));
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback: TransformCallback) {
      try {
        if (opener === undefined) {
          if (pending.length < HEADER_LENGTH) throw corrupt('file too short for a header');
          opener = new ChunkOpener(fileKey, pending.take(HEADER_LENGTH));
        }
        this.push(opener.open(pending.takeAll(), true));
        opener.dispose();
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    destroy(error: Error | null, callback: (error: Error | null) => void) {
      opener?.dispose();
      callback(error);
    },
  });
}
