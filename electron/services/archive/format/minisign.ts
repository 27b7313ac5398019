/**
 * minisign (jedisct1/minisign) keys and signatures with node:crypto, compatible with minisign 0.11.
 *
 *   public key  = base64("Ed" || key id (8 bytes) || Ed25519 public key (32))           -> "RW…"
 *   .minisig    = "untrusted comment: <text>\n"
 *                 base64("ED" || key id || Ed25519(BLAKE2b-512(file))) "\n"
 *                 "trusted comment: <text>\n"
 *                 base64(Ed25519(signature || trusted comment)) "\n"
 *
 * Only prehashed ("ED") signatures are made and accepted. Legacy "Ed" signatures (Ed25519 over the
 * whole file) are refused: SPEC.md fixes "ED", minisign itself has written "ED" by default since
 * 0.9, and accepting a second algorithm would only widen what a forger may try.
 */
import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, verify, type Hash, type KeyObject } from 'node:crypto';
import { archiveError } from './errors';

export const MINISIGN_KEY_ID_LENGTH = 8;
export const ED25519_PUBLIC_KEY_LENGTH = 32;
export const ED25519_SEED_LENGTH = 32;
export const ED25519_SIGNATURE_LENGTH = 64;
/** minisign's own limit on a trusted comment. */
export const MINISIGN_TRUSTED_COMMENT_MAX_BYTES = 8192;
const UNTRUSTED_COMMENT_MAX_BYTES = 1024;

const KEY_ALGORITHM = Buffer.from('Ed', 'latin1');
const PREHASHED_ALGORITHM = Buffer.from('ED', 'latin1');
const LEGACY_ALGORITHM = Buffer.from('Ed', 'latin1');
const PUBLIC_KEY_BYTES = 2 + MINISIGN_KEY_ID_LENGTH + ED25519_PUBLIC_KEY_LENGTH;
const SIGNATURE_BYTES = 2 + MINISIGN_KEY_ID_LENGTH + ED25519_SIGNATURE_LENGTH;
const SECRET_KEY_BYTES = 2 + MINISIGN_KEY_ID_LENGTH + ED25519_SEED_LENGTH + ED25519_PUBLIC_KEY_LENGTH;
const UNTRUSTED_PREFIX = 'untrusted comment: ';
const TRUSTED_PREFIX = 'trusted comment: ';
// DER prefixes that wrap a raw Ed25519 key as PKCS#8 / SPKI (RFC 8410).
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface MinisignPublicKey {
  /** 8 bytes, chosen at random when the key is made; names the key in every signature. */
  keyId: Buffer;
  /** 32-byte Ed25519 public key. */
  publicKey: Buffer;
}

export interface MinisignSecretKey extends MinisignPublicKey {
  /** 32-byte Ed25519 seed: the secret. Store it only encrypted. */
  seed: Buffer;
}

export interface MinisignSignature {
  algorithm: 'ED';
  keyId: Buffer;
  /** Ed25519 over BLAKE2b-512 of the signed file. */
  signature: Buffer;
  untrustedComment: string;
  trustedComment: string;
  /** Ed25519 over signature || trusted comment. */
  globalSignature: Buffer;
}

// ------------------------------------------------------------------------------------------ keys

function privateKeyObject(seed: Buffer): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

function publicKeyObject(publicKey: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]), format: 'der', type: 'spki' });
}

function publicKeyFromSeed(seed: Buffer): Buffer {
  const spki = createPublicKey(privateKeyObject(seed)).export({ format: 'der', type: 'spki' });
  return Buffer.from(spki.subarray(spki.length - ED25519_PUBLIC_KEY_LENGTH));
}

/** A new signing key with a random key id, as `minisign -G` makes. */
export function generateMinisignKeyPair(): MinisignSecretKey {
  const seed = randomBytes(ED25519_SEED_LENGTH);
  return { keyId: randomBytes(MINISIGN_KEY_ID_LENGTH), seed, publicKey: publicKeyFromSeed(seed) };
}

/** The public half, safe to show and to give away. */
export function minisignPublicKeyOf(key: MinisignPublicKey): MinisignPublicKey {
  return { keyId: Buffer.from(key.keyId), publicKey: Buffer.from(key.publicKey) };
}

/** The key id as minisign prints it: the 8 bytes read as a little-endian integer, 16 upper-case hex digits. */
export function minisignKeyIdHex(keyId: Buffer): string {
  return keyId.readBigUInt64LE(0).toString(16).toUpperCase().padStart(16, '0');
}

/** The public key as one `RW…` string (what `tw keys show` prints and `minisign -P` takes). */
export function encodeMinisignPublicKey(key: MinisignPublicKey): string {
  checkLength(key.keyId, MINISIGN_KEY_ID_LENGTH, 'key id');
  checkLength(key.publicKey, ED25519_PUBLIC_KEY_LENGTH, 'public key');
  return Buffer.concat([KEY_ALGORITHM, key.keyId, key.publicKey]).toString('base64');
}

/** The content of a `minisign.pub` file for this key. */
export function formatMinisignPublicKeyFile(key: MinisignPublicKey): string {
  return `${UNTRUSTED_PREFIX}minisign public key ${minisignKeyIdHex(key.keyId)}\n${encodeMinisignPublicKey(key)}\n`;
}

function checkLength(buffer: Buffer, length: number, what: string): void {
  // A key object of the wrong shape comes from our own code: a bug, not user input.
  if (!Buffer.isBuffer(buffer) || buffer.length !== length) throw new TypeError(`minisign ${what} must be a ${length}-byte Buffer`);
}

/** Strict standard base64 (with padding, as minisign writes it): refuses anything that does not re-encode identically. */
function decodeBase64(text: string, expectedBytes: number, what: string, code: 'minisign-key-invalid' | 'minisign-signature-malformed'): Buffer {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) throw archiveError(code, `The minisign ${what} is not valid base64.`);
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) throw archiveError(code, `The minisign ${what} is not canonical base64.`);
  if (bytes.length !== expectedBytes) throw archiveError(code, `The minisign ${what} has ${bytes.length} bytes instead of ${expectedBytes}.`);
  return bytes;
}

/**
 * Parses a public key: the `RW…` string itself, or a whole `minisign.pub` file (comment line + key).
 */
export function parseMinisignPublicKey(text: string): MinisignPublicKey {
  if (typeof text !== 'string' || text.length > 4096) throw archiveError('minisign-key-invalid', 'Not a minisign public key.');
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  let keyLine: string | undefined;
  if (lines.length === 1) keyLine = lines[0]!.trim();
  else if (lines.length === 2 && lines[0]!.startsWith(UNTRUSTED_PREFIX)) keyLine = lines[1]!.trim();
  if (keyLine === undefined) throw archiveError('minisign-key-invalid', 'Not a minisign public key: expected "RW…" or the two lines of a minisign.pub file.');
  const bytes = decodeBase64(keyLine, PUBLIC_KEY_BYTES, 'public key', 'minisign-key-invalid');
  if (!bytes.subarray(0, 2).equals(KEY_ALGORITHM)) throw archiveError('minisign-key-invalid', 'Not an Ed25519 minisign public key.');
  return { keyId: Buffer.from(bytes.subarray(2, 10)), publicKey: Buffer.from(bytes.subarray(10)) };
}

/** The secret key as 74 bytes ("Ed" || key id || seed || public key), for storage inside the encrypted vault. */
export function encodeMinisignSecretKey(key: MinisignSecretKey): Buffer {
  checkLength(key.keyId, MINISIGN_KEY_ID_LENGTH, 'key id');
  checkLength(key.seed, ED25519_SEED_LENGTH, 'seed');
  checkLength(key.publicKey, ED25519_PUBLIC_KEY_LENGTH, 'public key');
  return Buffer.concat([KEY_ALGORITHM, key.keyId, key.seed, key.publicKey]);
}

/** Reverses encodeMinisignSecretKey, checking that the public key belongs to the seed. */
export function decodeMinisignSecretKey(bytes: Uint8Array): MinisignSecretKey {
  const buffer = Buffer.from(bytes);
  if (buffer.length !== SECRET_KEY_BYTES || !buffer.subarray(0, 2).equals(KEY_ALGORITHM)) {
    throw archiveError('minisign-key-invalid', 'The stored minisign secret key is malformed.');
  }
  const key = { keyId: Buffer.from(buffer.subarray(2, 10)), seed: Buffer.from(buffer.subarray(10, 42)), publicKey: Buffer.from(buffer.subarray(42)) };
  if (!publicKeyFromSeed(key.seed).equals(key.publicKey)) throw archiveError('minisign-key-invalid', 'The stored minisign secret key does not match its public key.');
  return key;
}

// ------------------------------------------------------------------------------------ signatures

/** A BLAKE2b-512 hash to feed a large file through; its digest is what "ED" signs. */
export function createMinisignPrehash(): Hash {
  return createHash('blake2b512');
}

type Signed = Uint8Array | { prehash: Buffer };

function prehashOf(message: Signed): Buffer {
  if (message instanceof Uint8Array) return createMinisignPrehash().update(message).digest();
  checkLength(message.prehash, 64, 'prehash');
  return message.prehash;
}

function checkComment(comment: string, maxBytes: number, what: string): void {
  // A newline would end the comment line and let the rest be read as another line of the file.
  if (/[\r\n]/.test(comment)) throw new TypeError(`minisign ${what} must be one line`);
  if (Buffer.byteLength(comment, 'utf8') > maxBytes) throw new TypeError(`minisign ${what} is longer than ${maxBytes} bytes`);
}

/**
 * Signs a message (bytes, or the BLAKE2b-512 digest of a file hashed with createMinisignPrehash)
 * and returns the `.minisig` file's text.
 */
export function signMinisign(message: Signed, key: MinisignSecretKey, comments: { trustedComment: string; untrustedComment?: string }): string {
  const untrustedComment = comments.untrustedComment ?? `signature from minisign secret key ${minisignKeyIdHex(key.keyId)}`;
  checkComment(comments.trustedComment, MINISIGN_TRUSTED_COMMENT_MAX_BYTES, 'trusted comment');
  checkComment(untrustedComment, UNTRUSTED_COMMENT_MAX_BYTES, 'untrusted comment');
  const privateKey = privateKeyObject(key.seed);
  const signature = sign(null, prehashOf(message), privateKey);
  const globalSignature = sign(null, Buffer.concat([signature, Buffer.from(comments.trustedComment, 'utf8')]), privateKey);
  return (
    `${UNTRUSTED_PREFIX}${untrustedComment}\n` +
    `${Buffer.concat([PREHASHED_ALGORITHM, key.keyId, signature]).toString('base64')}\n` +
    `${TRUSTED_PREFIX}${comments.trustedComment}\n` +
    `${globalSignature.toString('base64')}\n`
  );
}

/** Parses a `.minisig` file, refusing legacy signatures and anything malformed. */
export function parseMinisignSignature(text: string): MinisignSignature {
  const malformed = (why: string) => archiveError('minisign-signature-malformed', `The minisign signature is malformed: ${why}.`);
  if (typeof text !== 'string' || Buffer.byteLength(text, 'utf8') > 2 * MINISIGN_TRUSTED_COMMENT_MAX_BYTES) throw malformed('too long');
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines.length === 5 && lines[4] === '') lines.pop();
  if (lines.length !== 4) throw malformed('expected four lines');
  const [untrusted, signatureLine, trusted, globalLine] = lines as [string, string, string, string];
  if (!untrusted.startsWith(UNTRUSTED_PREFIX)) throw malformed('the first line is not an untrusted comment');
  if (!trusted.startsWith(TRUSTED_PREFIX)) throw malformed('the third line is not a trusted comment');
  const trustedComment = trusted.slice(TRUSTED_PREFIX.length);
  if (Buffer.byteLength(trustedComment, 'utf8') > MINISIGN_TRUSTED_COMMENT_MAX_BYTES) throw malformed('the trusted comment is too long');
  const bytes = decodeBase64(signatureLine, SIGNATURE_BYTES, 'signature', 'minisign-signature-malformed');
  const algorithm = bytes.subarray(0, 2);
  if (algorithm.equals(LEGACY_ALGORITHM)) {
    throw archiveError('minisign-legacy-signature', 'The signature is a legacy (non-prehashed) minisign signature; only "ED" signatures are accepted.');
  }
  if (!algorithm.equals(PREHASHED_ALGORITHM)) throw malformed('unknown signature algorithm');
  return {
    algorithm: 'ED',
    keyId: Buffer.from(bytes.subarray(2, 10)),
    signature: Buffer.from(bytes.subarray(10)),
    untrustedComment: untrusted.slice(UNTRUSTED_PREFIX.length),
    trustedComment,
    globalSignature: decodeBase64(globalLine, ED25519_SIGNATURE_LENGTH, 'global signature', 'minisign-signature-malformed'),
  };
}

/**
 * Verifies a signature (text or parsed) over a message with one public key, as `minisign -V`
 * does: the key id must match, then the signature, then the global signature that binds the trusted
 * comment. Returns the trusted comment, which may be believed only after this returns.
 */
export function verifyMinisign(message: Signed, signature: string | MinisignSignature, key: MinisignPublicKey): { trustedComment: string } {
  const parsed = typeof signature === 'string' ? parseMinisignSignature(signature) : signature;
  if (!parsed.keyId.equals(key.keyId)) {
    throw archiveError('minisign-key-mismatch', `The signature was made by key ${minisignKeyIdHex(parsed.keyId)}, not by key ${minisignKeyIdHex(key.keyId)}.`);
  }
  const publicKey = publicKeyObject(key.publicKey);
  if (!verify(null, prehashOf(message), publicKey, parsed.signature)) {
    throw archiveError('minisign-bad-signature', 'The signature does not verify: the signed file has been altered or the signature is forged.');
  }
  if (!verify(null, Buffer.concat([parsed.signature, Buffer.from(parsed.trustedComment, 'utf8')]), publicKey, parsed.globalSignature)) {
    throw archiveError('minisign-bad-signature', 'The trusted comment of the signature has been altered: its global signature does not verify.');
  }
  return { trustedComment: parsed.trustedComment };
}
