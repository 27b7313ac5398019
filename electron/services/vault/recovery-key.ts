import crypto from 'node:crypto';

/**
 * The recovery key is 32 random bytes written on paper as Crockford base32 in groups of four,
 * with a four-character checksum so that a mistyped key is told apart from a wrong one.
 * Example shape: TWRK-7G2M-....-CHK1
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PREFIX = 'TWRK';

function toBase32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string): Buffer | undefined {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) return undefined;
    value = ((value << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

function checksum(key: Buffer): string {
  return toBase32(crypto.createHash('sha256').update('tw-recovery-checksum').update(key).digest()).slice(0, 4);
}

export function generateRecoveryKey(): Buffer {
  return crypto.randomBytes(32);
}

export function formatRecoveryKey(key: Buffer): string {
  const body = toBase32(key) + checksum(key);
  const groups = body.match(/.{1,4}/g) ?? [];
  return [PREFIX, ...groups].join('-');
}

export type ParsedRecoveryKey = { kind: 'recovery-key'; key: Buffer } | { kind: 'mistyped' } | { kind: 'not-a-recovery-key' };

/** Accepts lower case, spaces, and the look-alikes O/I/L that people write for 0/1. */
export function parseRecoveryKey(text: string): ParsedRecoveryKey {
  const compact = text
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (!compact.startsWith(PREFIX)) return { kind: 'not-a-recovery-key' };
  const body = compact.slice(PREFIX.length);
  if (body.length !== 56) return { kind: 'mistyped' };
  const key = fromBase32(body.slice(0, 52));
  if (!key || key.length !== 32 || checksum(key) !== body.slice(52)) return { kind: 'mistyped' };
  return { kind: 'recovery-key', key };
}
