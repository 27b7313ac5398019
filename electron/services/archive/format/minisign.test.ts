import { randomBytes, sign, createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createMinisignPrehash,
  decodeMinisignSecretKey,
  encodeMinisignPublicKey,
  encodeMinisignSecretKey,
  formatMinisignPublicKeyFile,
  generateMinisignKeyPair,
  minisignKeyIdHex,
  parseMinisignPublicKey,
  parseMinisignSignature,
  signMinisign,
  verifyMinisign,
} from './minisign';
import { codeOf } from './test-helpers';

/** Replaces line `index` (0-based) of a .minisig. */
function withLine(signature: string, index: number, line: string): string {
  const lines = signature.split('\n');
  lines[index] = line;
  return lines.join('\n');
}

describe('minisign', () => {
  const key = generateMinisignKeyPair();
  const message = Buffer.from('bagit.txt and friends\n');
  const signature = signMinisign(message, key, { trustedComment: 'tw-archive 1 id=abc' });

  it('signs and verifies, returning the trusted comment; a streamed prehash gives the same result', () => {
    expect(verifyMinisign(message, signature, key)).toEqual({ trustedComment: 'tw-archive 1 id=abc' });
    const prehash = createMinisignPrehash().update(message.subarray(0, 5)).update(message.subarray(5)).digest();
    expect(verifyMinisign({ prehash }, signature, key).trustedComment).toBe('tw-archive 1 id=abc');
    const parsed = parseMinisignSignature(signature);
    expect(parsed.algorithm).toBe('ED');
    expect(parsed.keyId.equals(key.keyId)).toBe(true);
  });

  it('encodes public keys as minisign does and parses them back, alone or as a .pub file', () => {
    const encoded = encodeMinisignPublicKey(key);
    expect(encoded).toMatch(/^RW[A-Za-z0-9+/]{54}$/);
    expect(parseMinisignPublicKey(encoded)).toEqual({ keyId: key.keyId, publicKey: key.publicKey });
    const file = formatMinisignPublicKeyFile(key);
    expect(file).toBe(`untrusted comment: minisign public key ${minisignKeyIdHex(key.keyId)}\n${encoded}\n`);
    expect(parseMinisignPublicKey(file)).toEqual({ keyId: key.keyId, publicKey: key.publicKey });
    expect(minisignKeyIdHex(Buffer.from([1, 0, 0, 0, 0, 0, 0, 0]))).toBe('0000000000000001');
  });

  it('stores the secret key in 74 bytes and refuses a stored key whose halves do not match', () => {
    const stored = encodeMinisignSecretKey(key);
    expect(stored.length).toBe(74);
    const restored = decodeMinisignSecretKey(stored);
    expect(verifyMinisign(message, signMinisign(message, restored, { trustedComment: 'x' }), key).trustedComment).toBe('x');
    const other = generateMinisignKeyPair();
    const mismatched = Buffer.concat([stored.subarray(0, 42), other.publicKey]);
    expect(codeOf(() => decodeMinisignSecretKey(mismatched))).toBe('minisign-key-invalid');
    expect(codeOf(() => decodeMinisignSecretKey(stored.subarray(1)))).toBe('minisign-key-invalid');
  });

  it('refuses an altered message, signature or trusted comment', () => {
    expect(codeOf(() => verifyMinisign(Buffer.concat([message, Buffer.from('x')]), signature, key))).toBe('minisign-bad-signature');
    expect(codeOf(() => verifyMinisign(message, withLine(signature, 2, 'trusted comment: tw-archive 1 id=abd'), key))).toBe('minisign-bad-signature');
    const parsed = parseMinisignSignature(signature);
    parsed.globalSignature[0]! ^= 1;
    expect(codeOf(() => verifyMinisign(message, parsed, key))).toBe('minisign-bad-signature');
    const flipped = parseMinisignSignature(signature);
    flipped.signature[10]! ^= 1;
    expect(codeOf(() => verifyMinisign(message, flipped, key))).toBe('minisign-bad-signature');
    // The untrusted comment is not signed, as in minisign: changing it changes nothing.
    expect(verifyMinisign(message, withLine(signature, 0, 'untrusted comment: anything'), key).trustedComment).toBe('tw-archive 1 id=abc');
  });

  it('refuses a signature by another key: key id mismatch', () => {
    const other = generateMinisignKeyPair();
    expect(codeOf(() => verifyMinisign(message, signature, other))).toBe('minisign-key-mismatch');
    // Same key id, different key (a forger copying the id): the signature fails.
    expect(codeOf(() => verifyMinisign(message, signature, { keyId: key.keyId, publicKey: other.publicKey }))).toBe('minisign-bad-signature');
  });

  it('refuses legacy (non-prehashed) signatures', () => {
    const privateKey = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), key.seed]), format: 'der', type: 'pkcs8' });
    const legacy = sign(null, message, privateKey);
    const line = Buffer.concat([Buffer.from('Ed'), key.keyId, legacy]).toString('base64');
    expect(codeOf(() => parseMinisignSignature(withLine(signature, 1, line)))).toBe('minisign-legacy-signature');
  });

  it('refuses malformed files: base64, lengths, algorithm, line structure', () => {
    const signatureLine = signature.split('\n')[1]!;
    const cases: Array<[string, string]> = [
      ['not base64', withLine(signature, 1, `${signatureLine.slice(0, -4)}!!!!`)],
      ['non-canonical base64', withLine(signature, 1, `${signatureLine.slice(0, -2)}B=`)],
      ['short signature', withLine(signature, 1, Buffer.concat([Buffer.from('ED'), key.keyId, randomBytes(63)]).toString('base64'))],
      ['unknown algorithm', withLine(signature, 1, Buffer.concat([Buffer.from('XX'), key.keyId, randomBytes(64)]).toString('base64'))],
      ['short global signature', withLine(signature, 3, randomBytes(32).toString('base64'))],
      ['missing trusted comment prefix', withLine(signature, 2, 'tw-archive 1 id=abc')],
      ['missing untrusted comment prefix', withLine(signature, 0, 'comment: x')],
      ['three lines', signature.split('\n').slice(0, 3).join('\n')],
      ['extra line', `${signature}extra\n`],
      ['empty', ''],
    ];
    for (const [what, text] of cases) expect(codeOf(() => parseMinisignSignature(text)), what).toBe('minisign-signature-malformed');
  });

  it('refuses malformed public keys', () => {
    const encoded = encodeMinisignPublicKey(key);
    const bytes = Buffer.from(encoded, 'base64');
    const cases: Array<[string, string]> = [
      ['short', Buffer.concat([bytes.subarray(0, 41)]).toString('base64')],
      ['long', Buffer.concat([bytes, Buffer.from([0])]).toString('base64')],
      ['wrong algorithm', Buffer.concat([Buffer.from('EX'), bytes.subarray(2)]).toString('base64')],
      ['not base64', `${encoded.slice(0, -1)}*`],
      ['three lines', `untrusted comment: x\n${encoded}\n${encoded}\n`],
      ['comment line without prefix', `comment: x\n${encoded}\n`],
      ['empty', ''],
    ];
    for (const [what, text] of cases) expect(codeOf(() => parseMinisignPublicKey(text)), what).toBe('minisign-key-invalid');
  });

  it('keeps comments to one line, so that a comment cannot forge the next line of the file', () => {
    expect(() => signMinisign(message, key, { trustedComment: 'a\nb' })).toThrow(TypeError);
    expect(() => signMinisign(message, key, { trustedComment: 'x', untrustedComment: 'a\rb' })).toThrow(TypeError);
    expect(() => signMinisign(message, key, { trustedComment: 'x'.repeat(8193) })).toThrow(TypeError);
  });
});
