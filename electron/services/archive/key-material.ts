import crypto from 'node:crypto';
import { Encrypter, generateHybridIdentity, generateX25519Identity, identityToRecipient } from 'age-encryption';

/**
 * Key material of a vault's archive keys, as text: what the database stores and what standard
 * tools read. The age identity is `AGE-SECRET-KEY-1…` (X25519) or `AGE-SECRET-KEY-PQ-1…` (hybrid
 * ML-KEM-768 + X25519, recipient `age1pq1…`; needs age ≥ 1.3 to open with the command line).
 * The minisign key is Ed25519: public `RW…` (base64 of "Ed" || key id || key), secret kept as
 * base64 of key id || 32-byte seed, only inside the encrypted database.
 */
export type AgeKeyKind = 'x25519' | 'hybrid';

export interface AgeKeyPair {
  kind: AgeKeyKind;
  identity: string;
  recipient: string;
}

export interface MinisignKeyPair {
  /** base64(key id (8 bytes) || Ed25519 seed (32 bytes)). */
  secretKey: string;
  /** The minisign public key line: base64("Ed" || key id || public key), starting "RW". */
  publicKey: string;
}

export async function generateAgeKeyPair(kind: AgeKeyKind): Promise<AgeKeyPair> {
  const identity = kind === 'hybrid' ? await generateHybridIdentity() : await generateX25519Identity();
  return { kind, identity, recipient: await identityToRecipient(identity) };
}

export function ageKeyKindOf(recipient: string): AgeKeyKind | undefined {
  const lower = recipient.toLowerCase();
  if (lower.startsWith('age1pq1')) return 'hybrid';
  if (lower.startsWith('age1') && !lower.startsWith('age1tag')) return 'x25519';
  return undefined;
}

/** True for a well-formed X25519 (`age1…`) or hybrid (`age1pq1…`) recipient; plugin and tag recipients are not accepted. */
export function isAgeRecipient(text: string): boolean {
  if (text !== text.trim() || text.length > 4096 || ageKeyKindOf(text) === undefined) return false;
  try {
    // The library's own parser checks the Bech32 checksum, prefix and key length.
    new Encrypter().addRecipient(text.toLowerCase());
    return true;
  } catch {
    return false;
  }
}

const MINISIGN_ALGORITHM = Buffer.from('Ed', 'latin1');
const KEY_ID_BYTES = 8;
const ED25519_BYTES = 32;

export function generateMinisignKeyPair(): MinisignKeyPair {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const keyId = crypto.randomBytes(KEY_ID_BYTES);
  const publicRaw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
  try {
    return {
      secretKey: Buffer.concat([keyId, seed]).toString('base64'),
      publicKey: Buffer.concat([MINISIGN_ALGORITHM, keyId, publicRaw]).toString('base64'),
    };
  } finally {
    seed.fill(0);
  }
}

/** True for a minisign Ed25519 public key line (`RW…`, 56 base64 characters). */
export function isMinisignPublicKey(text: string): boolean {
  if (!/^[A-Za-z0-9+/]{56}$/.test(text)) return false;
  const bytes = Buffer.from(text, 'base64');
  return bytes.length === 2 + KEY_ID_BYTES + ED25519_BYTES && bytes.subarray(0, 2).equals(MINISIGN_ALGORITHM);
}
