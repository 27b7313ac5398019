import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '@shared/errors';
import { AttachmentStore } from './attachment-store';
import { CHUNK_SIZE, CHUNK_SIZES, HEADER_LENGTH, SEALED_CHUNK_SIZE, createEncryptStream, generateFileKey, sealedSize } from './stream-crypto';

const MiB = 1024 * 1024;

let vaultDir: string;
let attachmentsDir: string;
let store: AttachmentStore;

beforeEach(() => {
  vaultDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-test-'));
  attachmentsDir = path.join(vaultDir, 'attachments');
  store = new AttachmentStore(attachmentsDir);
});

afterEach(() => {
  fs.rmSync(vaultDir, { recursive: true, force: true });
});

/** A source split into 100 KiB pieces, like a file read stream but unaligned with the chunk size. */
function sourceOf(data: Buffer): Readable {
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += 100 * 1024) pieces.push(data.subarray(offset, offset + 100 * 1024));
  return Readable.from(pieces, { objectMode: false });
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  await pipeline(
    stream,
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        parts.push(chunk);
        callback();
      },
    }),
  );
  return Buffer.concat(parts);
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const blobFile = (blobId: string) => path.join(attachmentsDir, `${blobId}.bin`);

async function expectRejectedWith(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).code).toBe(code);
}

describe('AttachmentStore', () => {
  it.each([0, 1, CHUNK_SIZE, CHUNK_SIZE + 1, 5 * MiB])('round-trips %i bytes through real files', async (size) => {
    const plaintext = randomBytes(size);
    const stored = await store.write(sourceOf(plaintext));
    expect(stored.blobId).toMatch(/^[0-9a-f]{32}$/);
    expect(stored.fileKey.length).toBe(32);
    expect(stored.size).toBe(size);
    expect(stored.sha256).toBe(sha256(plaintext));
    expect(fs.readdirSync(attachmentsDir)).toEqual([`${stored.blobId}.bin`]);
    expect(fs.statSync(blobFile(stored.blobId)).size).toBe(sealedSize(size));
    const back = await readAll(store.read(stored.blobId, stored.fileKey));
    expect(back.equals(plaintext)).toBe(true);
    await store.verify(stored.blobId, stored.fileKey, stored.sha256);
  });

  it('reads and verifies a blob written in format version 1 (64 KiB chunks), and refuses it tampered', async () => {
    const plaintext = randomBytes(3 * CHUNK_SIZES[1] + 5);
    const fileKey = generateFileKey();
    const blobId = 'c'.repeat(32);
    fs.mkdirSync(attachmentsDir, { recursive: true });
    await pipeline(sourceOf(plaintext), createEncryptStream(fileKey, { formatVersion: 1 }), fs.createWriteStream(blobFile(blobId)));
    expect(fs.statSync(blobFile(blobId)).size).toBe(sealedSize(plaintext.length, 1));
    expect((await readAll(store.read(blobId, fileKey))).equals(plaintext)).toBe(true);
    await store.verify(blobId, fileKey, sha256(plaintext));
    const bytes = fs.readFileSync(blobFile(blobId));
    fs.writeFileSync(blobFile(blobId), bytes.subarray(0, HEADER_LENGTH + 2 * (CHUNK_SIZES[1] + 16)));
    await expectRejectedWith(store.verify(blobId, fileKey, sha256(plaintext)), 'attachment-corrupt');
  });

  it('does not take the caller\'s key buffer: it is still intact after reading', async () => {
    const stored = await store.write(sourceOf(Buffer.from('keep my key')));
    const copy = Buffer.from(stored.fileKey);
    await readAll(store.read(stored.blobId, stored.fileKey));
    expect(stored.fileKey.equals(copy)).toBe(true);
  });

  it('never stores the plaintext: a canary does not appear in the file', async () => {
    const canary = 'CANARY-김정은-평양-0xDEADBEEF';
    const text = Buffer.from(`${canary}\n`.repeat(20_000)); // ~700 KiB of nothing but canaries
    const stored = await store.write(sourceOf(text));
    const onDisk = fs.readFileSync(blobFile(stored.blobId));
    for (const needle of [canary, 'CANARY', '평양']) {
      expect(onDisk.includes(Buffer.from(needle))).toBe(false);
      expect(onDisk.includes(Buffer.from(needle, 'utf16le'))).toBe(false);
    }
    expect(stored.blobId).not.toContain('CANARY');
  });

  it('gives each blob its own id and key', async () => {
    const a = await store.write(sourceOf(Buffer.from('same')));
    const b = await store.write(sourceOf(Buffer.from('same')));
    expect(a.blobId).not.toBe(b.blobId);
    expect(a.fileKey.equals(b.fileKey)).toBe(false);
    expect(await store.list()).toEqual([a.blobId, b.blobId].sort());
  });

  it('leaves no file behind when the source fails midway', async () => {
    const failing = new Readable({
      read() {
        this.push(randomBytes(CHUNK_SIZE * 3));
        this.destroy(new Error('disk unplugged'));
      },
    });
    await expect(store.write(failing)).rejects.toThrow('disk unplugged');
    expect(fs.readdirSync(attachmentsDir)).toEqual([]);
    expect(await store.list()).toEqual([]);
  });

  it('leaves no file behind when the source fails immediately', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('cannot read'));
      },
    });
    await expect(store.write(failing)).rejects.toThrow('cannot read');
    expect(fs.readdirSync(attachmentsDir)).toEqual([]);
  });

  it('writes blobs side by side through the sealing worker, each readable with its own key', async () => {
    const plaintexts = [4 * CHUNK_SIZE + 17, 9 * CHUNK_SIZE, 3].map((size) => randomBytes(size));
    const stored = await Promise.all(plaintexts.map((plaintext) => store.write(sourceOf(plaintext))));
    for (const [index, blob] of stored.entries()) {
      expect(blob.sha256).toBe(sha256(plaintexts[index]!));
      expect((await readAll(store.read(blob.blobId, blob.fileKey))).equals(plaintexts[index]!)).toBe(true);
    }
  });

  describe('the cipher on this thread (where the worker cannot start)', () => {
    let threadStore: AttachmentStore;
    beforeEach(() => {
      threadStore = new AttachmentStore(attachmentsDir, { sealing: 'this-thread' });
    });

    it.each([0, CHUNK_SIZE, 3 * CHUNK_SIZE + 1])('writes %i bytes that the store reads and verifies', async (size) => {
      const plaintext = randomBytes(size);
      const stored = await threadStore.write(sourceOf(plaintext));
      expect(stored.sha256).toBe(sha256(plaintext));
      expect(fs.statSync(blobFile(stored.blobId)).size).toBe(sealedSize(size));
      expect((await readAll(store.read(stored.blobId, stored.fileKey))).equals(plaintext)).toBe(true);
      expect((await readAll(threadStore.read(stored.blobId, stored.fileKey))).equals(plaintext)).toBe(true);
    });

    it('refuses a blob with a flipped bit when reading on this thread too', async () => {
      const stored = await threadStore.write(sourceOf(randomBytes(3 * CHUNK_SIZE)));
      const bytes = fs.readFileSync(blobFile(stored.blobId));
      bytes[HEADER_LENGTH + SEALED_CHUNK_SIZE + 99]! ^= 0x01;
      fs.writeFileSync(blobFile(stored.blobId), bytes);
      await expectRejectedWith(readAll(threadStore.read(stored.blobId, stored.fileKey)), 'attachment-corrupt');
    });

    it('leaves no file behind when the source fails midway', async () => {
      const failing = new Readable({
        read() {
          this.push(randomBytes(CHUNK_SIZE * 3));
          this.destroy(new Error('disk unplugged'));
        },
      });
      await expect(threadStore.write(failing)).rejects.toThrow('disk unplugged');
      expect(fs.readdirSync(attachmentsDir)).toEqual([]);
    });
  });

  describe('refuses a tampered blob with attachment-corrupt', () => {
    const plaintext = randomBytes(6 * CHUNK_SIZE + 4321); // 7 chunks
    const chunkOffset = (i: number) => HEADER_LENGTH + i * SEALED_CHUNK_SIZE;

    async function tamper(edit: (bytes: Buffer) => Buffer) {
      const stored = await store.write(sourceOf(plaintext));
      const file = blobFile(stored.blobId);
      fs.writeFileSync(file, edit(fs.readFileSync(file)));
      await expectRejectedWith(readAll(store.read(stored.blobId, stored.fileKey)), 'attachment-corrupt');
      await expectRejectedWith(store.verify(stored.blobId, stored.fileKey, stored.sha256), 'attachment-corrupt');
    }
    const flip = (offset: number) => (bytes: Buffer) => {
      bytes[offset]! ^= 0x04;
      return bytes;
    };

    it('bit flip in the header', () => tamper(flip(10)));
    it('bit flip in the magic', () => tamper(flip(0)));
    it('bit flip in a middle chunk', () => tamper(flip(chunkOffset(3) + 5000)));
    it('bit flip in a tag', () => tamper(flip(chunkOffset(4) - 3)));
    it('truncated at a chunk boundary', () => tamper((bytes) => bytes.subarray(0, chunkOffset(6))));
    it('truncated mid-chunk', () => tamper((bytes) => bytes.subarray(0, bytes.length - 10)));
    it('bytes appended', () => tamper((bytes) => Buffer.concat([bytes, Buffer.from('x')])));
    it('two chunks swapped', () =>
      tamper((bytes) =>
        Buffer.concat([
          bytes.subarray(0, chunkOffset(1)),
          bytes.subarray(chunkOffset(2), chunkOffset(3)),
          bytes.subarray(chunkOffset(1), chunkOffset(2)),
          bytes.subarray(chunkOffset(3)),
        ]),
      ));

    it('the wrong key', async () => {
      const stored = await store.write(sourceOf(plaintext));
      await expectRejectedWith(readAll(store.read(stored.blobId, generateFileKey())), 'attachment-corrupt');
    });

    it('a blob swapped for another one', async () => {
      const a = await store.write(sourceOf(plaintext));
      const b = await store.write(sourceOf(plaintext));
      fs.copyFileSync(blobFile(b.blobId), blobFile(a.blobId));
      await expectRejectedWith(store.verify(a.blobId, a.fileKey, a.sha256), 'attachment-corrupt');
    });
  });

  it('verify refuses a checksum that does not match', async () => {
    const stored = await store.write(sourceOf(Buffer.from('hello')));
    await expectRejectedWith(store.verify(stored.blobId, stored.fileKey, sha256(Buffer.from('hellO'))), 'attachment-corrupt');
  });

  it('reports a missing blob', async () => {
    await expectRejectedWith(readAll(store.read('0'.repeat(32), generateFileKey())), 'attachment-missing');
  });

  it('validates blob ids before touching the file system', async () => {
    const outside = path.join(vaultDir, 'secret.bin');
    fs.writeFileSync(outside, 'keep me');
    for (const bad of ['../secret', '..', '', 'ABCDEF0123456789ABCDEF0123456789', `${'a'.repeat(31)}/`, 'a'.repeat(33), `${'a'.repeat(32)}.bin`]) {
      expect(() => store.read(bad, generateFileKey())).toThrow(UserError);
      await expectRejectedWith(store.remove(bad), 'attachment-invalid-id');
      await expectRejectedWith(store.verify(bad, generateFileKey(), 'a'.repeat(64)), 'attachment-invalid-id');
    }
    expect(fs.readFileSync(outside, 'utf8')).toBe('keep me');
  });

  it('removes blobs', async () => {
    const stored = await store.write(sourceOf(Buffer.from('bye')));
    expect(await store.remove(stored.blobId)).toBe(true);
    expect(await store.remove(stored.blobId)).toBe(false);
    expect(await store.list()).toEqual([]);
  });

  it('lists nothing for a vault without attachments yet', async () => {
    expect(await store.list()).toEqual([]);
    expect(await store.cleanupPartials()).toBe(0);
  });

  it('cleans up partial files left by a crash, and only those', async () => {
    const kept = await store.write(sourceOf(Buffer.from('kept')));
    const leftover = `${'b'.repeat(32)}.partial`;
    fs.writeFileSync(path.join(attachmentsDir, leftover), randomBytes(100));
    fs.writeFileSync(path.join(attachmentsDir, 'unrelated.partial'), 'not ours');
    expect(await store.list()).toEqual([kept.blobId]);
    expect(await store.cleanupPartials()).toBe(1);
    expect(fs.readdirSync(attachmentsDir).sort()).toEqual([`${kept.blobId}.bin`, 'unrelated.partial'].sort());
    await store.verify(kept.blobId, kept.fileKey, kept.sha256);
  });

  it('does not clean up the partial file of a write in progress', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let sent = false;
    const slow = new Readable({
      read() {
        if (sent) return;
        sent = true;
        this.push(randomBytes(3 * CHUNK_SIZE));
        void gate.then(() => this.push(null));
      },
    });
    const writing = store.write(slow);
    while (!fs.existsSync(attachmentsDir) || fs.readdirSync(attachmentsDir).length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await store.cleanupPartials()).toBe(0);
    release();
    const stored = await writing;
    await store.verify(stored.blobId, stored.fileKey, stored.sha256);
  });

  it('stops reading the file when the consumer stops early', async () => {
    const stored = await store.write(sourceOf(randomBytes(2 * MiB)));
    const reader = store.read(stored.blobId, stored.fileKey);
    const first = await new Promise<Buffer>((resolve) => reader.once('data', resolve));
    expect(first.length).toBeGreaterThan(0);
    reader.destroy();
    await new Promise((resolve) => reader.once('close', resolve));
    // The blob can still be removed (no lingering handle matters on Windows) and read afresh.
    await store.verify(stored.blobId, stored.fileKey, stored.sha256);
  });
});
