import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/helpers/temp';
import { AttachmentStore } from '../attachments/attachment-store';
import { CHUNK_SIZES, HEADER_LENGTH, TAG_LENGTH, createEncryptStream, generateFileKey } from '../attachments/stream-crypto';
import { readBlobOffThread, writeBlobOffThread } from './vault-blobs';
import { holdLentPiece } from './format/age-worker';

const MiB = 1024 * 1024;
const sha256 = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of source) parts.push(Buffer.from(part));
  return Buffer.concat(parts);
}

function flipped(bytes: Buffer, offset: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[offset] = copy[offset]! ^ 0x01;
  return copy;
}

async function stored(bytes: Buffer) {
  const store = new AttachmentStore(path.join(tempDir(), 'attachments'));
  const blob = await store.write(Readable.from(bytes.length > 0 ? [bytes] : []));
  return { store, blob, file: path.join(store.dir, `${blob.blobId}.bin`) };
}

describe('reading a vault attachment on the cipher worker', () => {
  it('gives the bytes AttachmentStore.read gives, for empty, one-chunk, chunk-multiple and ragged sizes', async () => {
    for (const size of [0, 1, MiB, 2 * MiB, 2 * MiB + 12_345]) {
      const bytes = crypto.randomBytes(size);
      const { store, blob } = await stored(bytes);
      const read = await collect(readBlobOffThread(store, blob.blobId, blob.fileKey, { size }));
      expect(read.equals(bytes)).toBe(true);
      expect(read.equals(await collect(store.read(blob.blobId, blob.fileKey)))).toBe(true);
    }
  });

  it('reads files of the first format version (64 KiB chunks)', async () => {
    const store = new AttachmentStore(path.join(tempDir(), 'attachments'));
    fs.mkdirSync(store.dir);
    const bytes = crypto.randomBytes(20 * CHUNK_SIZES[1] + 999);
    const fileKey = generateFileKey();
    const blobId = crypto.randomBytes(16).toString('hex');
    await pipeline(Readable.from([bytes]), createEncryptStream(fileKey, { formatVersion: 1 }), fs.createWriteStream(path.join(store.dir, `${blobId}.bin`)));
    expect((await collect(readBlobOffThread(store, blobId, fileKey, { size: bytes.length }))).equals(bytes)).toBe(true);
  });

  it('refuses a flipped bit, a cut at a chunk boundary or inside a chunk, appended bytes, a wrong key, a missing file', async () => {
    const bytes = crypto.randomBytes(3 * MiB + 5000);
    const { store, blob, file } = await stored(bytes);
    const original = fs.readFileSync(file);
    const expected = { size: bytes.length };
    const sealedChunk = CHUNK_SIZES[2] + TAG_LENGTH;
    const variants: Array<[string, Buffer]> = [
      ['flipped bit in the second chunk', flipped(original, HEADER_LENGTH + sealedChunk + 10)],
      ['flipped bit in the header salt', flipped(original, 7)],
      ['cut after two chunks', original.subarray(0, HEADER_LENGTH + 2 * sealedChunk)],
      ['cut inside the last chunk', original.subarray(0, original.length - 100)],
      ['cut to the header', original.subarray(0, HEADER_LENGTH)],
      ['appended bytes', Buffer.concat([original, Buffer.alloc(40)])],
      ['an empty final chunk appended', Buffer.concat([original.subarray(0, HEADER_LENGTH + 3 * sealedChunk), Buffer.alloc(TAG_LENGTH)])],
    ];
    for (const [what, damaged] of variants) {
      fs.writeFileSync(file, damaged);
      await expect(collect(readBlobOffThread(store, blob.blobId, blob.fileKey, expected)), what).rejects.toMatchObject({ code: 'attachment-corrupt' });
    }
    fs.writeFileSync(file, original);
    await expect(collect(readBlobOffThread(store, blob.blobId, generateFileKey(), expected))).rejects.toMatchObject({ code: 'attachment-corrupt' });
    fs.rmSync(file);
    await expect(collect(readBlobOffThread(store, blob.blobId, blob.fileKey, expected))).rejects.toMatchObject({ code: 'attachment-missing' });
  });

  it('lends its pieces: one held (as the archive writer hands it to age) keeps its bytes while reading goes on', async () => {
    const bytes = crypto.randomBytes(6 * MiB + 1234);
    const { store, blob } = await stored(bytes);
    const held: Array<{ piece: Uint8Array; copy: Buffer; release: () => void }> = [];
    let previous: Uint8Array | undefined;
    for await (const piece of readBlobOffThread(store, blob.blobId, blob.fileKey, { size: bytes.length })) {
      // Only the piece being handed out may be held, not one from before.
      if (previous !== undefined) expect(() => holdLentPiece(previous!)).toThrow(/no longer valid/);
      const release = holdLentPiece(piece)!;
      expect(release).toBeTypeOf('function');
      held.push({ piece, copy: Buffer.from(piece), release });
      // Let go of all but the newest two: the reader needs slots back to go on.
      while (held.length > 2) held.shift()!.release();
      previous = piece;
    }
    for (const { piece, copy } of held) expect(Buffer.from(piece).equals(copy)).toBe(true);
    for (const { release } of held) release();
    expect(holdLentPiece(Buffer.from('not shared memory'))).toBeUndefined();
  });

  it('refuses an intact blob of another size than recorded', async () => {
    const bytes = crypto.randomBytes(MiB + 3);
    const { store, blob } = await stored(bytes);
    await expect(collect(readBlobOffThread(store, blob.blobId, blob.fileKey, { size: bytes.length - 1 }))).rejects.toMatchObject({ code: 'archive-source-changed' });
    await expect(collect(readBlobOffThread(store, blob.blobId, blob.fileKey, { size: bytes.length + 1 }))).rejects.toMatchObject({ code: 'archive-source-changed' });
  });

  // It does not hash what it decrypts: only its key, the blob's own, vouches for the bytes. So no
  // other blob's file, of any age or size, may open in this one's place.
  it("refuses another blob's file put in this one's place, of the same size or of the same plaintext", async () => {
    const bytes = crypto.randomBytes(2 * MiB + 17);
    const { store, blob, file } = await stored(bytes);
    const original = fs.readFileSync(file);
    const sameSize = await store.write(Readable.from([crypto.randomBytes(bytes.length)]));
    const samePlaintext = await store.write(Readable.from([bytes]));
    for (const other of [sameSize, samePlaintext]) {
      fs.copyFileSync(path.join(store.dir, `${other.blobId}.bin`), file);
      await expect(collect(readBlobOffThread(store, blob.blobId, blob.fileKey, { size: bytes.length }))).rejects.toMatchObject({ code: 'attachment-corrupt' });
    }
    fs.writeFileSync(file, original);
    expect((await collect(readBlobOffThread(store, blob.blobId, blob.fileKey, { size: bytes.length }))).equals(bytes)).toBe(true);
  });
});

async function* piecesOf(parts: Iterable<Uint8Array> | AsyncIterable<Uint8Array>) {
  for await (const bytes of parts) yield { bytes };
}

describe('writing a vault attachment on the cipher worker', () => {
  it('writes blobs that AttachmentStore reads and verifies, for empty, one-chunk, chunk-multiple and ragged sizes', async () => {
    const store = new AttachmentStore(path.join(tempDir(), 'attachments'));
    for (const size of [0, 1, MiB, 2 * MiB, 2 * MiB + 12_345]) {
      const bytes = crypto.randomBytes(size);
      // Pieces that do not line up with the chunks.
      const pieces = Array.from({ length: Math.ceil(size / 300_007) }, (_, index) => bytes.subarray(index * 300_007, (index + 1) * 300_007));
      const blob = await writeBlobOffThread(store, piecesOf(pieces), { size, hash: true });
      expect(blob.size).toBe(size);
      expect(blob.sha256).toBe(sha256(bytes));
      expect((await collect(store.read(blob.blobId, blob.fileKey))).equals(bytes)).toBe(true);
      await store.verify(blob.blobId, blob.fileKey, sha256(bytes));
      expect(fs.statSync(path.join(store.dir, `${blob.blobId}.bin`)).mode & 0o777).toBe(0o600);
    }
    expect(fs.readdirSync(store.dir).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('seals pieces held in shared memory straight from there, and lets each go only once the worker has read it', async () => {
    const store = new AttachmentStore(path.join(tempDir(), 'attachments'));
    const size = 5 * MiB + 777;
    const bytes = crypto.randomBytes(size);
    // As on import: a few shared slots, each refilled as soon as the piece in it is let go.
    const slots = Array.from({ length: 3 }, () => Buffer.from(new SharedArrayBuffer(700_001)));
    const busy = new Set<number>();
    let released = 0;
    let copied = 0;
    async function* shared() {
      for (let offset = 0, index = 0; offset < size; index += 1) {
        const slot = index % slots.length;
        while (busy.has(slot)) await new Promise((resolve) => setTimeout(resolve, 1));
        const count = Math.min(700_001, size - offset);
        bytes.copy(slots[slot]!, 0, offset, offset + count);
        offset += count;
        let held = false;
        yield {
          bytes: slots[slot]!.subarray(0, count),
          hold: () => {
            held = true;
            busy.add(slot);
            return () => {
              busy.delete(slot);
              released += 1;
            };
          },
        };
        // A piece not held is the consumer's only until the next: overwritten at once, as age's slots are.
        if (!held) {
          copied += 1;
          slots[slot]!.fill(0xee);
        }
      }
    }
    const blob = await writeBlobOffThread(store, shared(), { size, hash: true });
    expect(copied).toBe(0);
    expect(released).toBe(Math.ceil(size / 700_001));
    expect(blob.sha256).toBe(sha256(bytes));
    expect((await collect(store.read(blob.blobId, blob.fileKey))).equals(bytes)).toBe(true);
  });

  it('refuses a source longer or shorter than announced, and leaves nothing behind', async () => {
    const store = new AttachmentStore(path.join(tempDir(), 'attachments'));
    const bytes = crypto.randomBytes(2 * MiB);
    await expect(writeBlobOffThread(store, piecesOf([bytes]), { size: 2 * MiB - 1, hash: true })).rejects.toThrow(/more than its announced/);
    await expect(writeBlobOffThread(store, piecesOf([bytes]), { size: 2 * MiB + 1, hash: true })).rejects.toThrow(/not the announced/);
    expect(fs.readdirSync(store.dir)).toEqual([]);
  });

  it('leaves nothing behind when the source fails midway', async () => {
    const store = new AttachmentStore(path.join(tempDir(), 'attachments'));
    async function* failing() {
      yield { bytes: crypto.randomBytes(3 * MiB) };
      throw new Error('the archive broke off');
    }
    await expect(writeBlobOffThread(store, failing(), { size: 6 * MiB, hash: false })).rejects.toThrow('the archive broke off');
    expect(fs.readdirSync(store.dir)).toEqual([]);
  });
});
