import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { isUserError } from '@shared/errors';
import {
  CHUNK_SIZES,
  FORMAT_VERSION,
  HEADER_LENGTH,
  TAG_LENGTH,
  createDecryptStream,
  createEncryptStream,
  generateFileKey,
  sealedSize,
  type FormatVersion,
} from './stream-crypto';

/** Feeds `data` in pieces of `pieceSize` bytes, to exercise chunk boundaries inside the transforms. */
function source(data: Buffer, pieceSize = 64 * 1024): Readable {
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += pieceSize) pieces.push(data.subarray(offset, offset + pieceSize));
  return Readable.from(pieces, { objectMode: false });
}

async function collect(stream: Readable | NodeJS.ReadableStream, input: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  await pipeline(
    input,
    stream as NodeJS.ReadWriteStream,
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        parts.push(chunk);
        callback();
      },
    }),
  );
  return Buffer.concat(parts);
}

const encryptAs = (version: FormatVersion, key: Buffer, data: Buffer, pieceSize?: number) =>
  collect(createEncryptStream(key, { formatVersion: version }), source(data, pieceSize));
const decrypt = (key: Buffer, data: Buffer, pieceSize?: number) => collect(createDecryptStream(key), source(data, pieceSize));

/** Decrypts, returning what was emitted before the failure and the failure itself. */
async function decryptExpectingFailure(key: Buffer, data: Buffer): Promise<{ emitted: number; error: unknown }> {
  let emitted = 0;
  try {
    await pipeline(
      source(data),
      createDecryptStream(key),
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          emitted += chunk.length;
          callback();
        },
      }),
    );
  } catch (error) {
    return { emitted, error };
  }
  throw new Error('decryption unexpectedly succeeded');
}

async function expectCorrupt(key: Buffer, data: Buffer): Promise<number> {
  const { emitted, error } = await decryptExpectingFailure(key, data);
  expect(isUserError(error)).toBe(true);
  expect((error as { code: string }).code).toBe('attachment-corrupt');
  return emitted;
}

describe('stream-crypto', () => {
  const key = generateFileKey();

  it('writes version 2 (1 MiB chunks) by default, and the default output decrypts', async () => {
    expect(FORMAT_VERSION).toBe(2);
    const plaintext = randomBytes(CHUNK_SIZES[2] + 5);
    const sealed = await collect(createEncryptStream(key), source(plaintext));
    expect(sealed[4]).toBe(2);
    expect(sealed.length).toBe(sealedSize(plaintext.length));
    expect((await decrypt(key, sealed)).equals(plaintext)).toBe(true);
  });

  it('still reads a version 1 file written before version 2 existed', async () => {
    // Written by the version-1 code (64 KiB chunks) under this key; a change to how version 1 is
    // read would break the attachments of existing vaults.
    const fileKey = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');
    const file = Buffer.from(
      '545741310119ed1861f449fe0878c7bd6c5e4702e3' + '02007cf1d234de86b736fb202861a5f4e237653e58e365af53ca8473be2aa522cec1eb7596f8e1bf73b930',
      'hex',
    );
    expect((await decrypt(fileKey, file)).toString('utf8')).toBe('recorded in 2024, version 1');
  });

  describe.each([1, 2] as const)('format version %i', (version) => {
    const CHUNK_SIZE = CHUNK_SIZES[version];
    const SEALED_CHUNK_SIZE = CHUNK_SIZE + TAG_LENGTH;
    const chunkOffset = (index: number) => HEADER_LENGTH + index * SEALED_CHUNK_SIZE;
    const encrypt = (fileKey: Buffer, data: Buffer, pieceSize?: number) => encryptAs(version, fileKey, data, pieceSize);

    it.each([0, 1, 100, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 2 * CHUNK_SIZE, 3 * CHUNK_SIZE + 7])(
      'round-trips %i bytes with the documented size',
      async (size) => {
        const plaintext = randomBytes(size);
        const sealed = await encrypt(key, plaintext);
        expect(sealed.length).toBe(sealedSize(size, version));
        expect(sealed.subarray(0, 4).toString('latin1')).toBe('TWA1');
        expect(sealed[4]).toBe(version);
        expect((await decrypt(key, sealed)).equals(plaintext)).toBe(true);
      },
    );

    it('is independent of how the input is split', async () => {
      const plaintext = randomBytes(2 * CHUNK_SIZE + 123);
      const reference = await encrypt(key, plaintext);
      // Three-byte pieces only over the small chunks: a million stream writes would prove nothing more.
      for (const pieceSize of [...(version === 1 ? [3] : []), 1000, CHUNK_SIZE + 5, 1 << 20]) {
        const sealed = await encrypt(key, plaintext, pieceSize);
        expect(sealed.length).toBe(reference.length);
        expect((await decrypt(key, sealed, pieceSize)).equals(plaintext)).toBe(true);
        expect((await decrypt(key, reference, pieceSize + 4096)).equals(plaintext)).toBe(true);
      }
    });

    it('uses a fresh salt per file, so equal plaintexts give unrelated ciphertexts', async () => {
      const plaintext = Buffer.alloc(1000, 0x41);
      const a = await encrypt(key, plaintext);
      const b = await encrypt(key, plaintext);
      expect(a.subarray(HEADER_LENGTH).equals(b.subarray(HEADER_LENGTH))).toBe(false);
    });

    it('rejects a key of the wrong length as a bug', () => {
      expect(() => createEncryptStream(Buffer.alloc(16))).toThrow(TypeError);
      expect(() => createDecryptStream(Buffer.alloc(31))).toThrow(TypeError);
    });

    describe('refuses tampering with code attachment-corrupt', () => {
      const plaintext = randomBytes(5 * CHUNK_SIZE + 999); // 6 chunks, the last one short
      let sealed: Buffer;
      const getSealed = async () => (sealed ??= await encrypt(key, plaintext));

      it('a flipped bit in every header byte', async () => {
        const original = await getSealed();
        for (let i = 0; i < HEADER_LENGTH; i++) {
          const copy = Buffer.from(original);
          copy[i]! ^= 0x01;
          expect(await expectCorrupt(key, copy)).toBe(0);
        }
      });

      it('a flipped bit in a middle chunk, without emitting that chunk', async () => {
        const copy = Buffer.from(await getSealed());
        copy[chunkOffset(3) + 1234]! ^= 0x80;
        // Chunks 0..2 were verified and emitted; nothing of chunk 3 or later.
        expect(await expectCorrupt(key, copy)).toBe(3 * CHUNK_SIZE);
      });

      it('a flipped bit in a tag', async () => {
        const copy = Buffer.from(await getSealed());
        copy[chunkOffset(2) + SEALED_CHUNK_SIZE - 1]! ^= 0x01;
        expect(await expectCorrupt(key, copy)).toBe(2 * CHUNK_SIZE);
      });

      it('a flipped bit in the final chunk', async () => {
        const copy = Buffer.from(await getSealed());
        copy[copy.length - TAG_LENGTH - 1]! ^= 0x01;
        expect(await expectCorrupt(key, copy)).toBe(5 * CHUNK_SIZE);
      });

      it('truncation at every chunk boundary and inside a chunk', async () => {
        const original = await getSealed();
        for (let chunks = 0; chunks <= 5; chunks++) {
          await expectCorrupt(key, original.subarray(0, chunkOffset(chunks)));
        }
        await expectCorrupt(key, original.subarray(0, original.length - 1));
        await expectCorrupt(key, original.subarray(0, chunkOffset(2) + 100));
        await expectCorrupt(key, original.subarray(0, HEADER_LENGTH - 1));
        await expectCorrupt(key, Buffer.alloc(0));
      });

      it('truncation of a file that ends exactly on a chunk boundary', async () => {
        const exact = await encrypt(key, randomBytes(3 * CHUNK_SIZE));
        await expectCorrupt(key, exact.subarray(0, chunkOffset(2)));
      });

      it('data appended after the final chunk', async () => {
        const original = await getSealed();
        for (const extra of [Buffer.alloc(1), randomBytes(TAG_LENGTH), randomBytes(SEALED_CHUNK_SIZE)]) {
          await expectCorrupt(key, Buffer.concat([original, extra]));
        }
        const exact = await encrypt(key, randomBytes(2 * CHUNK_SIZE));
        await expectCorrupt(key, Buffer.concat([exact, Buffer.alloc(1)]));
        const empty = await encrypt(key, Buffer.alloc(0));
        await expectCorrupt(key, Buffer.concat([empty, Buffer.alloc(5)]));
      });

      it('an empty final chunk appended to a non-empty file', async () => {
        // Sealing a real empty final chunk needs the key, so only the structural check can stop it;
        // a random 16 bytes must be refused either way.
        const exact = await encrypt(key, randomBytes(2 * CHUNK_SIZE));
        await expectCorrupt(key, Buffer.concat([exact, randomBytes(TAG_LENGTH)]));
      });

      it('two chunks swapped, or one dropped', async () => {
        const original = await getSealed();
        const chunk = (i: number) => original.subarray(chunkOffset(i), chunkOffset(i + 1));
        const header = original.subarray(0, HEADER_LENGTH);
        const tail = original.subarray(chunkOffset(5));
        const swapped = Buffer.concat([header, chunk(0), chunk(2), chunk(1), chunk(3), chunk(4), tail]);
        expect(await expectCorrupt(key, swapped)).toBe(CHUNK_SIZE);
        const dropped = Buffer.concat([header, chunk(0), chunk(1), chunk(3), chunk(4), tail]);
        expect(await expectCorrupt(key, dropped)).toBe(2 * CHUNK_SIZE);
      });

      it('a chunk spliced in from another file under the same key', async () => {
        const original = await getSealed();
        const other = await encrypt(key, plaintext);
        const spliced = Buffer.concat([original.subarray(0, chunkOffset(1)), other.subarray(chunkOffset(1))]);
        expect(await expectCorrupt(key, spliced)).toBe(CHUNK_SIZE);
      });

      it('the wrong key, also for an empty file', async () => {
        const otherKey = generateFileKey();
        expect(await expectCorrupt(otherKey, await getSealed())).toBe(0);
        expect(await expectCorrupt(otherKey, await encrypt(key, Buffer.alloc(0)))).toBe(0);
      });

      it('a wrong magic or version', async () => {
        const original = await getSealed();
        const badMagic = Buffer.from(original);
        badMagic.write('TWA2', 0, 'latin1');
        expect(await expectCorrupt(key, badMagic)).toBe(0);
        const badVersion = Buffer.from(original);
        badVersion[4] = 3;
        const { error } = await decryptExpectingFailure(key, badVersion);
        expect((error as Error).message).toMatch(/version 3/);
        // Relabelled as the other version: read with the other chunk size and key, it fails at once.
        const otherVersion = Buffer.from(original);
        otherVersion[4] = version === 1 ? 2 : 1;
        expect(await expectCorrupt(key, otherVersion)).toBe(0);
      });
    });
  });
});
