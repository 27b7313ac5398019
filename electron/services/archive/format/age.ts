/**
 * age v1 (c2sp.org/age), binary (not armoured), streaming both ways.
 *
 * The header (recipient stanzas, X25519 and hybrid ML-KEM-768 + X25519, and the header MAC) is made
 * and opened by the age author's library `age-encryption`. Its payload encryption is pure
 * JavaScript (about 60 MB/s here against about 700 MB/s for Node's native ChaCha20-Poly1305, see
 * README.md), so the STREAM payload is done here with node:crypto, exactly as the spec says:
 *
 *   payload   = nonce (16 random bytes) || chunk_0 || … || chunk_last
 *   key       = HKDF-SHA-256(ikm = file key, salt = nonce, info = "payload")
 *   chunk_i   = ChaCha20-Poly1305(key, 11-byte big-endian i || last ? 0x01 : 0x00, 64 KiB of plaintext)
 *
 * Every chunk but the last holds exactly 64 KiB; the last holds 1..64 KiB, or nothing only when the
 * whole payload is empty. The decryptor emits a chunk's plaintext only after its tag verified, and
 * refuses with a distinct UserError code each way a file can be wrong (see errors.ts).
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Duplex } from 'node:stream';
import { Decrypter, Encrypter, generateHybridIdentity, generateX25519Identity, identityToRecipient, type Recipient } from 'age-encryption';
import { archiveError } from './errors';
import { ByteReader } from './byte-reader';
import { resolveLimits, type ArchiveLimits } from './limits';

export const AGE_VERSION_LINE = 'age-encryption.org/v1';
export const AGE_CHUNK_SIZE = 64 * 1024;
export const AGE_TAG_SIZE = 16;
export const AGE_SEALED_CHUNK_SIZE = AGE_CHUNK_SIZE + AGE_TAG_SIZE;
export const AGE_NONCE_SIZE = 16;

const CIPHER = 'chacha20-poly1305';
const ARMOR_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';
/** A stanza body line is at most 64 base64 characters; the last one of a stanza is shorter. */
const BODY_LINE_COLUMNS = 64;
const BASE64_LINE = /^[A-Za-z0-9+/]*$/;
const MAC_LINE = /^--- [A-Za-z0-9+/]{43}$/;
/** A stanza argument is one or more visible ASCII characters. */
const STANZA_ARGUMENT = /^[\x21-\x7e]+$/;

/** `x25519` for `age1…`, `hybrid` for the post-quantum `age1pq1…` (ML-KEM-768 + X25519). */
export type AgeKeyKind = 'x25519' | 'hybrid';

export type AgeLimits = Pick<ArchiveLimits, 'maxAgeHeaderBytes' | 'maxAgeStanzas'>;

// ------------------------------------------------------------------------------------------ keys

/** A new age identity (`AGE-SECRET-KEY-1…` or, for `hybrid`, `AGE-SECRET-KEY-PQ-1…`). */
export async function generateAgeIdentity(kind: AgeKeyKind = 'x25519'): Promise<string> {
  return kind === 'hybrid' ? generateHybridIdentity() : generateX25519Identity();
}

/** The kind of an identity string, refusing anything else with "age-identity-invalid". */
export function ageIdentityKind(identity: string): AgeKeyKind {
  if (typeof identity !== 'string') throw archiveError('age-identity-invalid', 'An age identity must be a string.');
  const kind: AgeKeyKind | undefined = identity.startsWith('AGE-SECRET-KEY-PQ-1') ? 'hybrid' : identity.startsWith('AGE-SECRET-KEY-1') ? 'x25519' : undefined;
  if (kind !== undefined) {
    try {
      new Decrypter().addIdentity(identity);
      return kind;
    } catch {
      // fall through to the refusal below
    }
  }
  throw archiveError('age-identity-invalid', 'Not an age identity: expected AGE-SECRET-KEY-1… or AGE-SECRET-KEY-PQ-1….');
}

/** The recipient (`age1…` / `age1pq1…`) of an identity. */
export async function ageRecipientOf(identity: string): Promise<string> {
  ageIdentityKind(identity);
  return identityToRecipient(identity);
}

/**
 * The kind of a recipient string, refusing anything else with "age-recipient-invalid". Only the two
 * kinds SPEC.md names are accepted: not passphrases, plugins or hardware tags.
 */
export function ageRecipientKind(recipient: string): AgeKeyKind {
  if (typeof recipient !== 'string') throw archiveError('age-recipient-invalid', 'An age recipient must be a string.');
  const kind: AgeKeyKind | undefined = recipient.startsWith('age1pq1')
    ? 'hybrid'
    : recipient.startsWith('age1') && !recipient.startsWith('age1tag')
      ? 'x25519'
      : undefined;
  if (kind !== undefined) {
    try {
      new Encrypter().addRecipient(recipient); // parses the Bech32 and checks the key length
      return kind;
    } catch {
      // fall through to the refusal below
    }
  }
  throw archiveError('age-recipient-invalid', `Not an age recipient: ${printable(recipient)} (expected age1… or age1pq1…).`);
}

function printable(text: string): string {
  const shown = text.length > 24 ? `${text.slice(0, 20)}…` : text;
  return JSON.stringify(shown);
}

// -------------------------------------------------------------------------------------- encrypt

export interface SealedHeader {
  header: Buffer;
  fileKey: Uint8Array;
}

/**
 * Lets the library write the header: it draws the file key, wraps it for every recipient and MACs
 * the header. A recipient of our own that adds no stanza is handed the same file key, which is how
 * we get it for the payload; the library's own payload (one empty chunk) is discarded unused.
 */
export async function sealHeader(recipients: readonly string[]): Promise<SealedHeader> {
  if (recipients.length === 0) throw archiveError('age-recipient-invalid', 'An archive needs at least one recipient.');
  const unique = [...new Set(recipients)];
  const kinds = new Set(unique.map(ageRecipientKind));
  // c2sp.org/age: a file for a post-quantum recipient should not also be readable with a classical
  // key, or a future quantum attacker simply breaks the X25519 stanza instead.
  if (kinds.size > 1) {
    throw archiveError('age-recipients-mixed', 'Post-quantum (age1pq1…) and classical (age1…) recipients cannot share one archive: seal one archive per kind.');
  }
  const encrypter = new Encrypter();
  for (const recipient of unique) encrypter.addRecipient(recipient);
  let fileKey: Uint8Array | undefined;
  const capture: Recipient = {
    wrapFileKey(key) {
      fileKey = key;
      return [];
    },
  };
  encrypter.addRecipient(capture);
  const sample = await encrypter.encrypt(new Uint8Array(0));
  // sample = header || 16-byte nonce || one empty final chunk (16-byte tag)
  const header = Buffer.from(sample.subarray(0, sample.length - AGE_NONCE_SIZE - AGE_TAG_SIZE));
  if (fileKey === undefined || fileKey.length !== 16 || !header.subarray(header.length - 48).toString('latin1').startsWith('--- ')) {
    throw new Error('age-encryption did not produce the expected header');
  }
  return { header, fileKey };
}

export function payloadKeyFor(fileKey: Uint8Array, nonce: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', fileKey, nonce, 'payload', 32));
}

function chunkNonce(counter: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  // Bytes 0..10: big-endian counter; 48 bits (bytes 5..10) reach 16 EiB, the top bytes stay zero.
  nonce.writeUIntBE(counter, 5, 6);
  nonce[11] = last ? 0x01 : 0x00;
  return nonce;
}

/**
 * age-encrypts a byte stream to the recipients. Yields the header and nonce, then each sealed chunk
 * as ciphertext and tag (two buffers). Memory: one 64 KiB staging buffer.
 */
export async function* encryptAge(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, recipients: readonly string[]): AsyncGenerator<Buffer, void, undefined> {
  const { header, fileKey } = await sealHeader(recipients);
  const nonce = randomBytes(AGE_NONCE_SIZE);
  const payloadKey = payloadKeyFor(fileKey, nonce);
  fileKey.fill(0);
  let counter = 0;
  const seal = (plaintext: Buffer, last: boolean): [Buffer, Buffer] => {
    const cipher = createCipheriv(CIPHER, payloadKey, chunkNonce(counter, last), { authTagLength: AGE_TAG_SIZE });
    const ciphertext = cipher.update(plaintext);
    cipher.final();
    counter += 1;
    return [ciphertext, cipher.getAuthTag()];
  };
  try {
    yield Buffer.concat([header, nonce]);
    const staging = Buffer.allocUnsafe(AGE_CHUNK_SIZE);
    let filled = 0;
    for await (const input of source) {
      const piece = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
      let offset = 0;
      while (offset < piece.length) {
        // A full staging buffer with more input to come is certainly not the final chunk.
        if (filled === AGE_CHUNK_SIZE) {
          yield* seal(staging, false);
          filled = 0;
        }
        if (filled === 0 && piece.length - offset > AGE_CHUNK_SIZE) {
          // Whole chunk inside this piece with more after it: seal the view, no copy.
          yield* seal(piece.subarray(offset, offset + AGE_CHUNK_SIZE), false);
          offset += AGE_CHUNK_SIZE;
          continue;
        }
        const count = Math.min(AGE_CHUNK_SIZE - filled, piece.length - offset);
        piece.copy(staging, filled, offset, offset + count);
        filled += count;
        offset += count;
      }
    }
    yield* seal(staging.subarray(0, filled), true);
  } finally {
    payloadKey.fill(0);
  }
}

// -------------------------------------------------------------------------------------- decrypt

/**
 * Reads the header up to and including the MAC line, enforcing the v1 grammar and the size and
 * stanza limits before the library parses it, so that a hostile header costs bounded memory.
 */
async function readHeader(reader: ByteReader, limits: AgeLimits): Promise<Buffer> {
  const lines: Buffer[] = [];
  let budget = limits.maxAgeHeaderBytes;
  const nextLine = async (): Promise<string> => {
    const result = await reader.readLine(budget);
    if ('overflow' in result) {
      if (result.overflow) throw archiveError('age-header-too-large', `The archive's age header is larger than ${limits.maxAgeHeaderBytes} bytes: refused.`);
      throw archiveError('age-truncated', 'The archive ends inside its age header: the file is truncated.');
    }
    budget -= result.raw.length;
    lines.push(result.raw);
    return result.line.toString('latin1');
  };

  const first = await reader.readLine(Math.min(budget, 128));
  if ('overflow' in first || first.line.toString('latin1') !== AGE_VERSION_LINE) {
    const start = 'line' in first ? first.line.toString('latin1') : '';
    if (start.startsWith(ARMOR_BEGIN)) throw archiveError('age-not-age-file', 'This is an armoured (text) age file; a sealed archive is binary age.');
    if (start.startsWith('age-encryption.org/')) throw archiveError('age-not-age-file', `Unsupported age version ${printable(start)}.`);
    throw archiveError('age-not-age-file', 'Not a sealed archive: the file is not age-encrypted.');
  }
  budget -= first.raw.length;
  lines.push(first.raw);

  let stanzas = 0;
  let line = await nextLine();
  for (;;) {
    if (line.startsWith('--- ')) {
      if (!MAC_LINE.test(line)) throw archiveError('age-header-malformed', 'The age header MAC line is malformed.');
      if (stanzas === 0) throw archiveError('age-header-malformed', 'The age header has no recipient stanza.');
      return Buffer.concat(lines);
    }
    if (!line.startsWith('-> ')) throw archiveError('age-header-malformed', 'The age header is malformed: expected a recipient stanza or the MAC line.');
    stanzas += 1;
    // Refuse before reading the stanza's body: a flood of stanzas is a denial of service.
    if (stanzas > limits.maxAgeStanzas) throw archiveError('age-header-too-large', `The archive's age header has more than ${limits.maxAgeStanzas} recipient stanzas: refused.`);
    const args = line.slice(3).split(' ');
    if (!args.every((arg) => STANZA_ARGUMENT.test(arg))) throw archiveError('age-header-malformed', 'The age header has a malformed stanza argument line.');
    for (;;) {
      const body = await nextLine();
      if (body.length > BODY_LINE_COLUMNS || !BASE64_LINE.test(body)) throw archiveError('age-header-malformed', 'The age header has a malformed stanza body.');
      if (body.length < BODY_LINE_COLUMNS) break;
    }
    line = await nextLine();
  }
}

async function unwrapFileKey(header: Buffer, identities: readonly string[]): Promise<Uint8Array> {
  if (identities.length === 0) throw new TypeError('decryptAge needs at least one identity');
  const decrypter = new Decrypter();
  for (const identity of identities) {
    ageIdentityKind(identity);
    decrypter.addIdentity(identity);
  }
  try {
    return await decrypter.decryptHeader(header);
  } catch (error) {
    // age-encryption 0.3.x signals these two cases only by message; the tests pin both.
    const message = error instanceof Error ? error.message : String(error);
    if (message.includes('no identity matched')) {
      throw archiveError('age-wrong-recipient', 'This archive was not sealed for this workstation: none of its keys can open it.');
    }
    if (message.includes('header HMAC')) throw archiveError('age-header-mac', 'The archive header has been altered: its MAC does not verify.');
    throw archiveError('age-header-malformed', `The archive's age header is malformed (${message}).`);
  }
}

/**
 * Reads the header and the payload nonce from `reader` and returns the payload key (the caller
 * zeroes it), refusing a header that is malformed, too large, not for these identities or altered.
 */
export async function openAgeHeader(reader: ByteReader, identities: readonly string[], limits: AgeLimits): Promise<Buffer> {
  const header = await readHeader(reader, limits);
  const fileKey = await unwrapFileKey(header, identities);
  const nonce = await reader.read(AGE_NONCE_SIZE);
  if (nonce.length < AGE_NONCE_SIZE) throw archiveError('age-truncated', 'The archive ends right after its header: the file is truncated.');
  const payloadKey = payloadKeyFor(fileKey, nonce);
  fileKey.fill(0);
  return payloadKey;
}

/** A sealed chunk's plaintext, or undefined if it does not authenticate under this counter and flag. */
export function openChunk(key: Buffer, sealed: Buffer, counter: number, last: boolean): Buffer | undefined {
  const decipher = createDecipheriv(CIPHER, key, chunkNonce(counter, last), { authTagLength: AGE_TAG_SIZE });
  decipher.setAuthTag(sealed.subarray(sealed.length - AGE_TAG_SIZE));
  const plaintext = decipher.update(sealed.subarray(0, sealed.length - AGE_TAG_SIZE));
  try {
    decipher.final();
  } catch {
    return undefined;
  }
  return plaintext;
}

function corruptChunk(counter: number) {
  return archiveError('age-chunk-corrupt', `The archive is damaged or altered: chunk ${counter} fails authentication (or the file was cut short).`);
}

/**
 * The refusal for a chunk with more of the file after it that does not open as a non-final chunk:
 * if it opens as a final one, bytes were appended after the end; otherwise it is damaged.
 */
export function nonFinalChunkError(opensAsLast: boolean, counter: number) {
  return opensAsLast ? archiveError('age-trailing-data', 'The archive has data after its final chunk: refused.') : corruptChunk(counter);
}

/**
 * Opens the bytes at the end of the file (after `counter` chunks) as the final chunk, refusing
 * with the reason: missing, cut short at a chunk boundary, empty where age forbids it, or damaged.
 */
export function openFinalChunk(key: Buffer, sealed: Buffer, counter: number): Buffer {
  if (sealed.length < AGE_TAG_SIZE) throw archiveError('age-truncated', 'The archive is truncated: its final chunk is missing.');
  const plaintext = openChunk(key, sealed, counter, true);
  if (plaintext === undefined) {
    // A full-size chunk that opens as non-final: the real final chunk was cut off.
    if (sealed.length === AGE_SEALED_CHUNK_SIZE && openChunk(key, sealed, counter, false) !== undefined) {
      throw archiveError('age-truncated', 'The archive is truncated: it ends without its final chunk.');
    }
    throw corruptChunk(counter);
  }
  // c2sp.org/age: the final chunk may be empty only when the whole payload is.
  if (plaintext.length === 0 && counter > 0) throw archiveError('age-empty-final-chunk', 'The archive ends with an empty final chunk, which age does not allow.');
  return plaintext;
}

/**
 * Decrypts an age file from a byte stream with any of the identities. Yields plaintext in chunks
 * of up to 64 KiB, each only after it authenticated. A consumer must treat an error thrown at any
 * point as "the whole file is invalid": plaintext of earlier chunks has been yielded by then.
 */
export async function* decryptAge(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  identities: readonly string[],
  limits?: Partial<AgeLimits>,
): AsyncGenerator<Buffer, void, undefined> {
  const resolved = resolveLimits(limits);
  const reader = new ByteReader(source);
  let payloadKey: Buffer | undefined;
  try {
    payloadKey = await openAgeHeader(reader, identities, resolved);
    const key = payloadKey;
    let counter = 0;

    let pending = await reader.read(AGE_SEALED_CHUNK_SIZE);
    for (;;) {
      if (pending.length < AGE_SEALED_CHUNK_SIZE) {
        // A short read is the end of the file: this must be a valid final chunk.
        const plaintext = openFinalChunk(key, pending, counter);
        if (plaintext.length > 0) yield plaintext;
        return;
      }
      const next = await reader.read(AGE_SEALED_CHUNK_SIZE);
      if (next.length === 0) {
        yield openFinalChunk(key, pending, counter);
        return;
      }
      const plaintext = openChunk(key, pending, counter, false);
      if (plaintext === undefined) throw nonFinalChunkError(openChunk(key, pending, counter, true) !== undefined, counter);
      counter += 1;
      yield plaintext;
      pending = next;
    }
  } finally {
    payloadKey?.fill(0);
    await reader.close();
  }
}

// ------------------------------------------------------------------------------- conveniences

/** age-encrypts a small buffer (tests, keys); use encryptAge for anything large. */
export async function encryptAgeBuffer(plaintext: Uint8Array, recipients: readonly string[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of encryptAge([plaintext], recipients)) parts.push(part);
  return Buffer.concat(parts);
}

/** Decrypts a small age file held in memory; use decryptAge for anything large. */
export async function decryptAgeBuffer(file: Uint8Array, identities: readonly string[], limits?: Partial<AgeLimits>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of decryptAge([file], identities, limits)) parts.push(part);
  return Buffer.concat(parts);
}

/** encryptAge as a Node stream (plaintext in, age file out). */
export function createAgeEncryptStream(recipients: readonly string[]): Duplex {
  return Duplex.from(async function* (source: AsyncIterable<Uint8Array>) {
    yield* encryptAge(source, recipients);
  });
}

/** decryptAge as a Node stream (age file in, plaintext out). */
export function createAgeDecryptStream(identities: readonly string[], limits?: Partial<AgeLimits>): Duplex {
  return Duplex.from(async function* (source: AsyncIterable<Uint8Array>) {
    yield* decryptAge(source, identities, limits);
  });
}
