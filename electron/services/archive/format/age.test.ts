import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Decrypter, Encrypter } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/helpers/temp';
import {
  AGE_CHUNK_SIZE,
  AGE_SEALED_CHUNK_SIZE,
  ageIdentityKind,
  ageRecipientKind,
  decryptAge,
  decryptAgeBuffer as decryptAgeStream,
  encryptAgeBuffer as encryptAgeStream,
  type AgeLimits,
} from './age';
import { decryptAgeFile, writeAgeFile } from './age-file';
import { holdLentPiece } from './age-worker';
import { ageHeaderLength, ageKeys, codeOfAsync, craftAgeFile } from './test-helpers';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** writeAgeFile (the worker's cipher and writes) into a fresh file; checks the hash it reports. */
async function encryptAgeViaFile(plaintext: Uint8Array, recipients: readonly string[]): Promise<Buffer> {
  const file = path.join(tempDir(), 'sealed.age');
  const handle = await fs.promises.open(file, 'wx', 0o600);
  let result: { bytes: number; sha256: string };
  try {
    // In pieces of odd sizes, as a tar stream comes.
    const pieces = [];
    for (let offset = 0; offset < plaintext.length; offset += 300_001) pieces.push(plaintext.subarray(offset, offset + 300_001));
    result = await writeAgeFile(handle, pieces, recipients, plaintext.length);
  } finally {
    await handle.close();
  }
  const sealed = fs.readFileSync(file);
  expect(result).toEqual({ bytes: sealed.length, sha256: sha256(sealed) });
  return sealed;
}

/** decryptAgeFile (the worker's reads and cipher) on the bytes written to a file; checks the hash it reports. */
async function decryptAgeViaFile(sealed: Uint8Array, identities: readonly string[], limits?: Partial<AgeLimits>): Promise<Buffer> {
  const file = path.join(tempDir(), 'sealed.age');
  fs.writeFileSync(file, sealed);
  const parts: Buffer[] = [];
  let ended: { sha256: string; bytes: number } | undefined;
  // Copied: each piece is a view of the worker's slots, valid only until the next is asked for.
  for await (const part of decryptAgeFile(file, identities, limits, (result) => (ended = result))) parts.push(Buffer.concat([part]));
  expect(ended).toEqual({ sha256: sha256(Buffer.from(sealed)), bytes: sealed.length });
  return Buffer.concat(parts);
}

/**
 * Every test runs against both implementations: the streaming one (any byte source), and the one
 * for files on disk with the payload cipher on a worker thread; they must agree on every refusal.
 */
const IMPLEMENTATIONS = [
  { name: 'stream', encryptAgeBuffer: encryptAgeStream, decryptAgeBuffer: decryptAgeStream },
  { name: 'file, worker thread', encryptAgeBuffer: encryptAgeViaFile, decryptAgeBuffer: decryptAgeViaFile },
];

const refusal = codeOfAsync;

/** Seals `size` random bytes, and checks that both we and the age library open them. */
async function expectRoundTrip(
  { encryptAgeBuffer, decryptAgeBuffer }: (typeof IMPLEMENTATIONS)[number],
  keys: { identity: string; recipient: string },
  size: number,
): Promise<void> {
  const plaintext = randomBytes(size);
  const sealed = await encryptAgeBuffer(plaintext, [keys.recipient]);
  expect((await decryptAgeBuffer(sealed, [keys.identity])).equals(plaintext), `size ${size}`).toBe(true);
  const library = new Decrypter();
  library.addIdentity(keys.identity);
  expect(Buffer.from(await library.decrypt(sealed)).equals(plaintext), `library, size ${size}`).toBe(true);
}

/** A Bech32 string with a wrong checksum character. */
function lastCharacterChanged(text: string): string {
  const last = text[text.length - 1]!;
  const replacement = last.toLowerCase() === 'q' ? 'p' : 'q';
  return text.slice(0, -1) + (last === last.toUpperCase() ? replacement.toUpperCase() : replacement);
}

const SIZES = [0, 1, AGE_CHUNK_SIZE - 1, AGE_CHUNK_SIZE, AGE_CHUNK_SIZE + 1, 3 * AGE_CHUNK_SIZE, 3 * AGE_CHUNK_SIZE + 17];

describe.each(IMPLEMENTATIONS)('age v1 ($name)', ({ encryptAgeBuffer, decryptAgeBuffer }) => {
  it('round-trips every size around the chunk boundaries, and the age library reads what we write', async () => {
    const keys = await ageKeys();
    for (const size of SIZES) await expectRoundTrip({ name: '', encryptAgeBuffer, decryptAgeBuffer }, keys, size);
  });

  it('writes hybrid post-quantum files the age library reads (Debian age 1.1 cannot)', async () => {
    const { identity, recipient } = await ageKeys('hybrid');
    for (const size of [0, AGE_CHUNK_SIZE + 1]) {
      const plaintext = randomBytes(size);
      const sealed = await encryptAgeBuffer(plaintext, [recipient]);
      expect(sealed.toString('latin1')).toContain('-> mlkem768x25519 ');
      const library = new Decrypter();
      library.addIdentity(identity);
      expect(Buffer.from(await library.decrypt(sealed)).equals(plaintext), `size ${size}`).toBe(true);
    }
  });

  it('reads what the age library writes, X25519 and hybrid post-quantum', async () => {
    for (const kind of ['x25519', 'hybrid'] as const) {
      const { identity, recipient } = await ageKeys(kind);
      for (const size of [0, AGE_CHUNK_SIZE, 2 * AGE_CHUNK_SIZE + 5]) {
        const plaintext = randomBytes(size);
        const encrypter = new Encrypter();
        encrypter.addRecipient(recipient);
        const sealed = await encrypter.encrypt(plaintext);
        expect((await decryptAgeBuffer(sealed, [identity])).equals(plaintext), `${kind} ${size}`).toBe(true);
      }
    }
  });

  it('seals to several recipients, each of whom can open it alone', async () => {
    const first = await ageKeys();
    const second = await ageKeys();
    const plaintext = randomBytes(100_000);
    const sealed = await encryptAgeBuffer(plaintext, [first.recipient, second.recipient]);
    expect((await decryptAgeBuffer(sealed, [first.identity])).equals(plaintext)).toBe(true);
    expect((await decryptAgeBuffer(sealed, [second.identity])).equals(plaintext)).toBe(true);
    const pq1 = await ageKeys('hybrid');
    const pq2 = await ageKeys('hybrid');
    const pqSealed = await encryptAgeBuffer(plaintext, [pq1.recipient, pq2.recipient]);
    expect((await decryptAgeBuffer(pqSealed, [pq2.identity])).equals(plaintext)).toBe(true);
  });

  it('refuses to mix post-quantum and classical recipients, and refuses strings that are not recipients or identities', async () => {
    const classical = await ageKeys();
    const hybrid = await ageKeys('hybrid');
    expect(await refusal(encryptAgeBuffer(Buffer.from('x'), [classical.recipient, hybrid.recipient]))).toBe('age-recipients-mixed');
    expect(await refusal(encryptAgeBuffer(Buffer.from('x'), []))).toBe('age-recipient-invalid');
    expect(ageRecipientKind(classical.recipient)).toBe('x25519');
    expect(ageRecipientKind(hybrid.recipient)).toBe('hybrid');
    expect(ageIdentityKind(hybrid.identity)).toBe('hybrid');
    for (const bad of ['age1', lastCharacterChanged(classical.recipient), 'ssh-ed25519 AAAA', classical.identity]) {
      expect(() => ageRecipientKind(bad)).toThrow(expect.objectContaining({ code: 'age-recipient-invalid' }));
    }
    for (const bad of ['AGE-SECRET-KEY-1', classical.recipient, lastCharacterChanged(classical.identity)]) {
      expect(() => ageIdentityKind(bad)).toThrow(expect.objectContaining({ code: 'age-identity-invalid' }));
    }
  });

  it('refuses what is not an age v1 binary file', async () => {
    const { identity, recipient } = await ageKeys();
    expect(await refusal(decryptAgeBuffer(randomBytes(5000), [identity]))).toBe('age-not-age-file');
    expect(await refusal(decryptAgeBuffer(Buffer.alloc(0), [identity]))).toBe('age-not-age-file');
    expect(await refusal(decryptAgeBuffer(Buffer.from('-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n'), [identity]))).toBe('age-not-age-file');
    const sealed = await encryptAgeBuffer(Buffer.from('hello'), [recipient]);
    const v2 = Buffer.concat([Buffer.from('age-encryption.org/v2'), sealed.subarray('age-encryption.org/v1'.length)]);
    expect(await refusal(decryptAgeBuffer(v2, [identity]))).toBe('age-not-age-file');
  });

  it('refuses a file sealed for someone else', async () => {
    const sender = await ageKeys();
    const stranger = await ageKeys();
    const sealed = await encryptAgeBuffer(Buffer.from('hello'), [sender.recipient]);
    expect(await refusal(decryptAgeBuffer(sealed, [stranger.identity]))).toBe('age-wrong-recipient');
    const pq = await ageKeys('hybrid');
    expect(await refusal(decryptAgeBuffer(sealed, [pq.identity]))).toBe('age-wrong-recipient');
  });

  it('refuses an altered header: MAC, stanza, grammar', async () => {
    const { identity, recipient } = await ageKeys();
    const sealed = await encryptAgeBuffer(Buffer.from('hello'), [recipient]);
    const macStart = sealed.indexOf('\n--- ') + 5;
    const badMac = Buffer.from(sealed);
    badMac[macStart + 3] = badMac[macStart + 3] === 0x41 ? 0x42 : 0x41;
    expect(await refusal(decryptAgeBuffer(badMac, [identity]))).toBe('age-header-mac');
    // An extra stanza that no identity knows: the MAC, computed without it, no longer verifies.
    const extra = Buffer.concat([sealed.subarray(0, macStart - 4), Buffer.from('-> example.com/other abc\n\n'), sealed.subarray(macStart - 4)]);
    expect(await refusal(decryptAgeBuffer(extra, [identity]))).toBe('age-header-mac');
    const noStanza = Buffer.concat([Buffer.from('age-encryption.org/v1\n'), sealed.subarray(macStart - 4)]);
    expect(await refusal(decryptAgeBuffer(noStanza, [identity]))).toBe('age-header-malformed');
    const badBody = Buffer.from(sealed);
    badBody.write('!', sealed.indexOf('\n', sealed.indexOf('-> X25519')) + 2, 'latin1');
    expect(await refusal(decryptAgeBuffer(badBody, [identity]))).toBe('age-header-malformed');
    const garbageLine = Buffer.concat([sealed.subarray(0, macStart - 4), Buffer.from('hello\n'), sealed.subarray(macStart - 4)]);
    expect(await refusal(decryptAgeBuffer(garbageLine, [identity]))).toBe('age-header-malformed');
  });

  it('refuses absurd headers before parsing them: too many stanzas, too many bytes', async () => {
    const { identity } = await ageKeys();
    const stanzas = '-> X25519 AAAA\nAAAA\n'.repeat(65);
    const many = Buffer.from(`age-encryption.org/v1\n${stanzas}--- ${'A'.repeat(43)}\n`);
    expect(await refusal(decryptAgeBuffer(many, [identity]))).toBe('age-header-too-large');
    const long = Buffer.from(`age-encryption.org/v1\n-> X25519 ${'A'.repeat(300 * 1024)}\n`);
    expect(await refusal(decryptAgeBuffer(long, [identity]))).toBe('age-header-too-large');
    expect(await refusal(decryptAgeBuffer(many, [identity], { maxAgeStanzas: 100 }))).not.toBe('age-header-too-large');
    expect(await refusal(decryptAgeBuffer(Buffer.from(`age-encryption.org/v1\n-> X25519 ${'A'.repeat(2000)}\n`), [identity], { maxAgeHeaderBytes: 1024 }))).toBe(
      'age-header-too-large',
    );
  });

  it('refuses a truncated file: inside the header, after the header, at a chunk boundary', async () => {
    const { identity, recipient } = await ageKeys();
    const sealed = await encryptAgeBuffer(randomBytes(2 * AGE_CHUNK_SIZE + 100), [recipient]);
    const headerLength = ageHeaderLength(sealed);
    expect(await refusal(decryptAgeBuffer(sealed.subarray(0, headerLength - 10), [identity]))).toBe('age-truncated');
    expect(await refusal(decryptAgeBuffer(sealed.subarray(0, headerLength), [identity]))).toBe('age-truncated');
    expect(await refusal(decryptAgeBuffer(sealed.subarray(0, headerLength + 16), [identity]))).toBe('age-truncated');
    expect(await refusal(decryptAgeBuffer(sealed.subarray(0, headerLength + 16 + 8), [identity]))).toBe('age-truncated');
    // Cut after one or two full chunks: the last one authenticates only as a non-final chunk.
    expect(await refusal(decryptAgeBuffer(sealed.subarray(0, headerLength + 16 + AGE_SEALED_CHUNK_SIZE), [identity]))).toBe('age-truncated');
    expect(await refusal(decryptAgeBuffer(sealed.subarray(0, headerLength + 16 + 2 * AGE_SEALED_CHUNK_SIZE), [identity]))).toBe('age-truncated');
    // Cut inside a chunk: indistinguishable from an altered chunk.
    expect(await refusal(decryptAgeBuffer(sealed.subarray(0, sealed.length - 1), [identity]))).toBe('age-chunk-corrupt');
  });

  it('refuses a chunk that fails authentication, wherever it is', async () => {
    const { identity, recipient } = await ageKeys();
    const sealed = await encryptAgeBuffer(randomBytes(2 * AGE_CHUNK_SIZE + 100), [recipient]);
    const payload = ageHeaderLength(sealed) + 16;
    for (const offset of [payload - 3, payload, payload + AGE_SEALED_CHUNK_SIZE + 7, sealed.length - 1]) {
      const altered = Buffer.from(sealed);
      altered[offset]! ^= 0x01;
      expect(await refusal(decryptAgeBuffer(altered, [identity])), `offset ${offset}`).toBe('age-chunk-corrupt');
    }
    // Two full chunks swapped: each fails under its new counter.
    const twoFull = await encryptAgeBuffer(randomBytes(3 * AGE_CHUNK_SIZE), [recipient]);
    const start = ageHeaderLength(twoFull) + 16;
    const swapped = Buffer.concat([
      twoFull.subarray(0, start),
      twoFull.subarray(start + AGE_SEALED_CHUNK_SIZE, start + 2 * AGE_SEALED_CHUNK_SIZE),
      twoFull.subarray(start, start + AGE_SEALED_CHUNK_SIZE),
      twoFull.subarray(start + 2 * AGE_SEALED_CHUNK_SIZE),
    ]);
    expect(await refusal(decryptAgeBuffer(swapped, [identity]))).toBe('age-chunk-corrupt');
  });

  it('refuses data after the final chunk', async () => {
    const { identity, recipient } = await ageKeys();
    // After a full-size final chunk the extra bytes are recognised as such.
    const full = await encryptAgeBuffer(randomBytes(AGE_CHUNK_SIZE), [recipient]);
    expect(await refusal(decryptAgeBuffer(Buffer.concat([full, Buffer.from('x')]), [identity]))).toBe('age-trailing-data');
    expect(await refusal(decryptAgeBuffer(Buffer.concat([full, randomBytes(AGE_SEALED_CHUNK_SIZE + 5)]), [identity]))).toBe('age-trailing-data');
    // After a short final chunk they merge with it into one chunk that cannot authenticate: still refused.
    const short = await encryptAgeBuffer(randomBytes(10), [recipient]);
    expect(await refusal(decryptAgeBuffer(Buffer.concat([short, Buffer.from('x')]), [identity]))).toBe('age-chunk-corrupt');
    // A final chunk followed by a whole valid-looking chunk.
    const crafted = await craftAgeFile(recipient, [
      { plaintext: randomBytes(AGE_CHUNK_SIZE), last: true },
      { plaintext: randomBytes(10), last: true },
    ]);
    expect(await refusal(decryptAgeBuffer(crafted, [identity]))).toBe('age-trailing-data');
  });

  it('refuses an empty final chunk after full ones, accepts it for an empty file', async () => {
    const { identity, recipient } = await ageKeys();
    const emptyLast = await craftAgeFile(recipient, [
      { plaintext: randomBytes(AGE_CHUNK_SIZE), last: false },
      { plaintext: Buffer.alloc(0), last: true },
    ]);
    expect(await refusal(decryptAgeBuffer(emptyLast, [identity]))).toBe('age-empty-final-chunk');
    const empty = await craftAgeFile(recipient, [{ plaintext: Buffer.alloc(0), last: true }]);
    expect((await decryptAgeBuffer(empty, [identity])).length).toBe(0);
    // A short chunk not marked final, at the end: never a valid file.
    const unmarked = await craftAgeFile(recipient, [{ plaintext: randomBytes(100), last: false }]);
    expect(await refusal(decryptAgeBuffer(unmarked, [identity]))).toBe('age-chunk-corrupt');
  });

  it('handles files of many chunks: sizes around a megabyte, cuts after whole megabytes, trailing data, empty final chunks', async () => {
    const keys = await ageKeys();
    const { identity, recipient } = keys;
    const BATCH = 16; // 16 chunks: 1 MiB, the size of a file read
    for (const size of [BATCH * AGE_CHUNK_SIZE - 1, BATCH * AGE_CHUNK_SIZE, BATCH * AGE_CHUNK_SIZE + 1, 2 * BATCH * AGE_CHUNK_SIZE, 2 * BATCH * AGE_CHUNK_SIZE + 777]) {
      await expectRoundTrip({ name: '', encryptAgeBuffer, decryptAgeBuffer }, keys, size);
    }
    const sealed = await encryptAgeBuffer(randomBytes(2 * BATCH * AGE_CHUNK_SIZE + 100), [recipient]);
    const payload = ageHeaderLength(sealed) + 16;
    // Cut exactly after the first batch, or after the second: the last chunk read is not final.
    expect(await refusal(decryptAgeBuffer(sealed.subarray(0, payload + BATCH * AGE_SEALED_CHUNK_SIZE), [identity]))).toBe('age-truncated');
    expect(await refusal(decryptAgeBuffer(sealed.subarray(0, payload + 2 * BATCH * AGE_SEALED_CHUNK_SIZE), [identity]))).toBe('age-truncated');
    for (const chunk of [0, BATCH - 1, BATCH, 2 * BATCH]) {
      const altered = Buffer.from(sealed);
      altered[payload + chunk * AGE_SEALED_CHUNK_SIZE + 5]! ^= 0x10;
      expect(await refusal(decryptAgeBuffer(altered, [identity])), `chunk ${chunk}`).toBe('age-chunk-corrupt');
    }
    // A file whose final chunk ends a batch, then one more byte.
    const aligned = await encryptAgeBuffer(randomBytes(BATCH * AGE_CHUNK_SIZE), [recipient]);
    expect(await refusal(decryptAgeBuffer(Buffer.concat([aligned, Buffer.from('x')]), [identity]))).toBe('age-trailing-data');
    // An empty final chunk alone in the second batch.
    const full = Array.from({ length: BATCH }, () => ({ plaintext: randomBytes(AGE_CHUNK_SIZE), last: false }));
    expect(await refusal(decryptAgeBuffer(await craftAgeFile(recipient, [...full, { plaintext: Buffer.alloc(0), last: true }]), [identity]))).toBe('age-empty-final-chunk');
    // The final chunk's tag cut in half, alone in the second batch.
    const withFinal = await craftAgeFile(recipient, [...full, { plaintext: randomBytes(10), last: true }]);
    expect(await refusal(decryptAgeBuffer(withFinal.subarray(0, withFinal.length - 20), [identity]))).toBe('age-truncated');
    expect((await decryptAgeBuffer(withFinal, [identity])).length).toBe(BATCH * AGE_CHUNK_SIZE + 10);
  });

  it('emits nothing from a chunk before it authenticated', async () => {
    const { identity, recipient } = await ageKeys();
    const sealed = await encryptAgeBuffer(randomBytes(3 * AGE_CHUNK_SIZE), [recipient]);
    const altered = Buffer.from(sealed);
    altered[ageHeaderLength(sealed) + 16 + AGE_SEALED_CHUNK_SIZE + 100]! ^= 0x80; // inside chunk 1
    const received: number[] = [];
    await expect(
      (async () => {
        for await (const chunk of decryptAge([altered], [identity])) received.push(chunk.length);
      })(),
    ).rejects.toMatchObject({ code: 'age-chunk-corrupt' });
    expect(received).toEqual([AGE_CHUNK_SIZE]);
  });
});

describe('age files through the worker thread', () => {
  it('lends its slots: a held piece keeps its bytes while reading goes on, and goes back once let go', async () => {
    const { identity, recipient } = await ageKeys();
    // More slots' worth (1 MiB each) than a job has (4): an unheld slot is refilled while reading goes on.
    const plaintext = randomBytes(9 * 1024 * 1024 + 5);
    const file = path.join(tempDir(), 'sealed.age');
    fs.writeFileSync(file, await encryptAgeViaFile(plaintext, [recipient]));
    const hold = holdLentPiece;
    const pieces = decryptAgeFile(file, [identity], undefined, () => undefined);
    const received: Buffer[] = [];
    let first: { piece: Buffer; release: () => void } | undefined;
    let stale: Buffer | undefined;
    for await (const piece of pieces) {
      if (first === undefined) first = { piece, release: hold(piece)! };
      else if (received.length === 1) {
        stale = piece;
        hold(piece)!(); // held and let go at once
      } else if (received.length === 6) {
        expect(() => hold(stale!)).toThrow(/no longer valid/);
        // Reading went on past all four slots but the held one: it still has its bytes.
        expect(first.piece.equals(plaintext.subarray(0, first.piece.length))).toBe(true);
        first.release();
      }
      received.push(Buffer.concat([piece]));
    }
    expect(Buffer.concat(received).equals(plaintext)).toBe(true);
    expect(hold(Buffer.from('not shared memory'))).toBeUndefined();
  });

  it('a reader that stops early or a source that fails leaves the worker usable and the file closed', async () => {
    const { identity, recipient } = await ageKeys();
    const plaintext = randomBytes(5 * 1024 * 1024 + 3);
    const sealed = await encryptAgeViaFile(plaintext, [recipient]);
    const file = path.join(tempDir(), 'sealed.age');
    fs.writeFileSync(file, sealed);
    // Stop after the first piece: the generator's cleanup waits for the worker, then closes the file.
    for await (const piece of decryptAgeFile(file, [identity], undefined, () => undefined)) {
      expect(piece.length).toBeGreaterThan(0);
      break;
    }
    // A source that fails half-way: the error comes out, and the worker is still there for the next file.
    const failing = path.join(tempDir(), 'failing.age');
    const handle = await fs.promises.open(failing, 'wx', 0o600);
    try {
      async function* source() {
        yield plaintext.subarray(0, 3 * 1024 * 1024);
        throw new Error('source failed');
      }
      await expect(writeAgeFile(handle, source(), [recipient], plaintext.length)).rejects.toThrow('source failed');
      // A source shorter or longer than its announced size is refused.
      await expect(writeAgeFile(handle, [plaintext], [recipient], plaintext.length + 1)).rejects.toThrow('not the announced');
      await expect(writeAgeFile(handle, [plaintext], [recipient], plaintext.length - 1)).rejects.toThrow('more than its announced');
    } finally {
      await handle.close();
    }
    expect((await decryptAgeViaFile(sealed, [identity])).equals(plaintext)).toBe(true);
  });
});
