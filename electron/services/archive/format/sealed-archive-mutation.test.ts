/**
 * Mutations of a valid archive, at both layers: bit flips and cuts of the age file, and bit
 * flips, cuts and byte edits of the tar inside it (re-encrypted to the same recipient, which
 * anyone can do with the public key). Each variant must be refused with a UserError or, where the
 * changed byte means nothing (tar padding, a header's mtime), open with exactly the original
 * result. Never another kind of error, never a different result.
 */
import { createCipheriv } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { isUserError } from '@shared/errors';
import { tempDir } from '../../../../tests/helpers/temp';
import { decryptAgeBuffer, encryptAgeBuffer } from './age';
import { readSealedArchive, writeSealedArchive, type VerifiedSealedArchive } from './sealed-archive';
import { CREATED, RECIPIENT_FINGERPRINT, SENDER_FINGERPRINT, ageKeys, signerKeys, type AgeKeys } from './test-helpers';

/** Deterministic numbers in [0, 1) from a seed (an AES-CTR keystream), so that a failure can be replayed. */
function prng(seed: number): () => number {
  const key = Buffer.alloc(16);
  key.writeUInt32BE(seed);
  const keystream = createCipheriv('aes-128-ctr', key, Buffer.alloc(16));
  const four = Buffer.alloc(4);
  return () => keystream.update(four).readUInt32BE(0) / 2 ** 32;
}

type Outcome = { refused: string } | { opened: VerifiedSealedArchive<{ minisignPublicKey: string }>; staged: Map<string, Buffer> };

let age: AgeKeys;
let keys: ReturnType<typeof signerKeys>;
let archive: Buffer;
let tar: Buffer;
let original: Outcome;

async function open(source: Buffer): Promise<Outcome> {
  const staged = new Map<string, Buffer>();
  try {
    const opened = await readSealedArchive([source], {
      identities: [age.identity],
      trustedSigners: [keys.trusted],
      stage: async (file, _size, body: Readable) => {
        const parts: Buffer[] = [];
        for await (const chunk of body) parts.push(chunk as Buffer);
        staged.set(file, Buffer.concat(parts));
      },
    });
    return { opened, staged };
  } catch (error) {
    if (!isUserError(error)) throw error;
    return { refused: error.code };
  }
}

function expectRefusedOrIdentical(outcome: Outcome, what: string): void {
  if ('refused' in outcome) return;
  if (!('opened' in original)) throw new Error('the original archive did not open');
  expect(outcome.opened, what).toEqual(original.opened);
  expect(outcome.staged, what).toEqual(original.staged);
}

beforeAll(async () => {
  age = await ageKeys();
  keys = signerKeys();
  const files = [
    { path: 'testimonies/t-1.json', bytes: Buffer.from('{"schemaVersion":1,"title":"t-1"}') },
    { path: 'attachments/t-1/photo.jpg', bytes: Buffer.alloc(20_000, 9) },
    { path: 'audit/t-1.json', bytes: Buffer.from('[{"action":"testimony.add"}]') },
  ];
  const written = await writeSealedArchive({
    dir: tempDir(),
    archiveId: 'mutation-0001',
    recipients: [age.recipient],
    signer: keys.signer,
    bagInfo: { kind: 'full', sender: SENDER_FINGERPRINT, recipients: [RECIPIENT_FINGERPRINT], created: CREATED },
    entries: files.map((file) => ({ path: file.path, size: file.bytes.length, open: () => Readable.from([file.bytes]) })),
  });
  archive = fs.readFileSync(written.file);
  tar = await decryptAgeBuffer(archive, [age.identity]);
  original = await open(archive);
});

describe('mutations of a sealed archive', () => {
  it('the unmutated archive opens', () => {
    expect('opened' in original).toBe(true);
  });

  it('refuses every bit flip and cut of the age file', async () => {
    const random = prng(1);
    const codes = new Set<string>();
    for (let variant = 0; variant < 60; variant++) {
      const mutated = Buffer.from(archive);
      let what: string;
      if (variant % 5 === 4) {
        const length = Math.floor(random() * archive.length);
        what = `cut at ${length}`;
        const outcome = await open(archive.subarray(0, length));
        expect('refused' in outcome, what).toBe(true);
        if ('refused' in outcome) codes.add(outcome.refused);
        continue;
      }
      // One flip in three lands in the header (recipient stanza, MAC), the rest anywhere.
      const headerLength = archive.indexOf('\n', archive.indexOf('\n--- ') + 1) + 1;
      const offset = Math.floor(random() * (variant % 3 === 0 ? headerLength : archive.length));
      mutated[offset]! ^= 1 << Math.floor(random() * 8);
      what = `bit flip at ${offset}`;
      const outcome = await open(mutated);
      // age is authenticated end to end: no flipped bit of the file can leave it valid.
      expect('refused' in outcome, what).toBe(true);
      if ('refused' in outcome) codes.add(outcome.refused);
    }
    expect(codes.size).toBeGreaterThan(2);
  });

  it('refuses or ignores every change to the tar inside, re-encrypted', async () => {
    const random = prng(2);
    let refused = 0;
    for (let variant = 0; variant < 80; variant++) {
      const mutated = Buffer.from(tar);
      let what: string;
      const kind = variant % 4;
      if (kind === 0) {
        const length = Math.floor(random() * tar.length);
        what = `tar cut at ${length}`;
        const outcome = await open(await encryptAgeBuffer(tar.subarray(0, length), [age.recipient]));
        expectRefusedOrIdentical(outcome, what);
        if ('refused' in outcome) refused += 1;
        continue;
      }
      // Bias towards the headers and tag files at the front, where the parsers are.
      const offset = Math.floor((kind === 1 ? random() * 0.2 : random()) * tar.length);
      if (kind === 3) mutated[offset] = Math.floor(random() * 256);
      else mutated[offset]! ^= 1 << Math.floor(random() * 8);
      what = `tar byte ${offset}`;
      const outcome = await open(await encryptAgeBuffer(mutated, [age.recipient]));
      expectRefusedOrIdentical(outcome, what);
      if ('refused' in outcome) refused += 1;
    }
    expect(refused).toBeGreaterThan(20);
  });
});
