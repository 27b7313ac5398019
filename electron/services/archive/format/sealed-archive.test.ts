import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatArchiveTrustedComment } from '@shared/archive/sealed-archive-format';
import { tempDir } from '../../../../tests/helpers/temp';
import { BAGIT_TXT, formatBagInfo, parseBagInfo } from './bagit';
import { OFF_THREAD_MIN_BYTES } from './sha256-stream';
import { encodeMinisignPublicKey, generateMinisignKeyPair } from './minisign';
import {
  discardPayload,
  openSealedArchive,
  readSealedArchive,
  writeSealedArchive,
  type PayloadHashing,
  type SealedArchiveEntry,
  type WriteSealedArchiveOptions,
} from './sealed-archive';
import {
  CREATED,
  RECIPIENT_FINGERPRINT,
  SENDER_FINGERPRINT,
  ageKeys,
  member,
  packArchive,
  resign,
  setMember,
  signerKeys,
  unpackArchive,
  type AgeKeys,
  type Member,
} from './test-helpers';

const ID = 'archive-2024-0001';
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

interface Payload {
  path: string;
  bytes: Buffer;
}

const PAYLOAD: Payload[] = [
  { path: 'testimonies/t-0001.json', bytes: Buffer.from('{"schemaVersion":1,"title":"회령 집결소"}') },
  { path: 'attachments/t-0001/interview 1.m4a', bytes: randomBytes(200_000) },
  { path: 'attachments/t-0001/empty.txt', bytes: Buffer.alloc(0) },
  { path: 'audit/t-0001.json', bytes: Buffer.from('[]') },
  { path: 'schema/testimony.schema.json', bytes: Buffer.from('{}') },
];

function entriesOf(payload: Payload[], options: { knownHash?: boolean; opens?: Map<string, number> } = {}): SealedArchiveEntry[] {
  return payload.map((file) => ({
    path: file.path,
    size: file.bytes.length,
    ...(options.knownHash ? { sha256: sha256(file.bytes) } : {}),
    open: () => {
      options.opens?.set(file.path, (options.opens.get(file.path) ?? 0) + 1);
      // Several small chunks, as a real stream would give.
      const chunks: Buffer[] = [];
      for (let offset = 0; offset < file.bytes.length; offset += 30_000) chunks.push(file.bytes.subarray(offset, offset + 30_000));
      return Readable.from(chunks);
    },
  }));
}

let age: AgeKeys;
let keys: ReturnType<typeof signerKeys>;

beforeAll(async () => {
  age = await ageKeys();
  keys = signerKeys();
});

function writeOptions(dir: string, overrides: Partial<WriteSealedArchiveOptions> = {}): WriteSealedArchiveOptions {
  return {
    dir,
    archiveId: ID,
    recipients: [age.recipient],
    signer: keys.signer,
    bagInfo: { kind: 'full', sender: SENDER_FINGERPRINT, recipients: [RECIPIENT_FINGERPRINT], created: CREATED },
    entries: entriesOf(PAYLOAD, { knownHash: true }),
    ...overrides,
  };
}

/** Opens with a stage that keeps every byte in memory (tests only), recording the calls. */
async function openCollecting(source: string | Buffer, options: { identities?: string[]; trusted?: Array<{ name: string; minisignPublicKey: string }> } = {}) {
  const staged = new Map<string, Buffer>();
  const opts = {
    identities: options.identities ?? [age.identity],
    trustedSigners: options.trusted ?? [keys.trusted],
    stage: async (file: string, size: number, body: Readable) => {
      const parts: Buffer[] = [];
      for await (const chunk of body) parts.push(chunk as Buffer);
      const bytes = Buffer.concat(parts);
      expect(bytes.length).toBe(size);
      staged.set(file, bytes);
    },
  };
  const verified = typeof source === 'string' ? await openSealedArchive(source, opts) : await readSealedArchive([source], opts);
  return { verified, staged };
}

async function refusal(source: Buffer, options: { identities?: string[]; trusted?: Array<{ name: string; minisignPublicKey: string }> } = {}): Promise<{ code: string; staged: number }> {
  let staged = 0;
  try {
    await readSealedArchive([source], {
      identities: options.identities ?? [age.identity],
      trustedSigners: options.trusted ?? [keys.trusted],
      stage: async (_file, _size, body) => {
        staged += 1;
        await discardPayload(_file, _size, body);
      },
    });
  } catch (error) {
    return { code: (error as { code?: string }).code ?? `not a UserError: ${String(error)}`, staged };
  }
  return { code: 'accepted', staged };
}

describe('sealed archive', () => {
  let archive: Buffer;
  let members: Member[];

  beforeAll(async () => {
    const dir = tempDir();
    const written = await writeSealedArchive(writeOptions(dir));
    archive = fs.readFileSync(written.file);
    members = await unpackArchive(archive, age.identity);
  });

  const fresh = (): Member[] => members.map((entry) => ({ ...entry, bytes: Buffer.from(entry.bytes) }));

  it('writes <random>.twa and reads it back: every byte staged, every hash, the bag-info fields and the signer', async () => {
    const dir = tempDir();
    const other = signerKeys();
    const written = await writeSealedArchive(writeOptions(dir, { softwareAgent: 'Testimony Workstation 0.1.0' }));
    expect(fs.readdirSync(dir)).toEqual([path.basename(written.file)]);
    expect(path.basename(written.file)).toMatch(/^[0-9a-f]{32}\.twa$/);
    expect(written.file).not.toContain(ID);
    expect(fs.statSync(written.file).mode & 0o777).toBe(0o600);
    expect(written.bytes).toBe(fs.statSync(written.file).size);
    expect(written.payloadOxum).toEqual({ bytes: PAYLOAD.reduce((sum, file) => sum + file.bytes.length, 0), count: PAYLOAD.length });

    const { verified, staged } = await openCollecting(written.file, { trusted: [other.trusted, keys.trusted] });
    expect(verified.archiveId).toBe(ID);
    expect(verified.signer).toBe(keys.trusted);
    expect(verified.signerKeyId).toMatch(/^[0-9A-F]{16}$/);
    expect(verified.files).toEqual(PAYLOAD.map((file) => ({ path: file.path, size: file.bytes.length, sha256: sha256(file.bytes) })));
    expect(verified.files).toEqual(written.files);
    expect(verified.tagManifestSha256).toBe(written.tagManifestSha256);
    for (const file of PAYLOAD) expect(staged.get(file.path)?.equals(file.bytes), file.path).toBe(true);
    expect(verified.bagInfo).toMatchObject({
      format: 1,
      kind: 'full',
      sender: SENDER_FINGERPRINT,
      recipients: [RECIPIENT_FINGERPRINT],
      created: CREATED,
      baggingDate: '2024-05-01',
      softwareAgent: 'Testimony Workstation 0.1.0',
      payloadOxum: written.payloadOxum,
    });
    expect(verified.trustedComment).toBe(formatArchiveTrustedComment({ archiveId: ID, created: CREATED, recipients: [RECIPIENT_FINGERPRINT] }));
    expect(verified.bagInfo.fields.map(([label]) => label)).toEqual([
      'Bagging-Date',
      'Payload-Oxum',
      'Bag-Software-Agent',
      'External-Identifier',
      'TW-Format',
      'TW-Kind',
      'TW-Sender',
      'TW-Recipients',
      'TW-Created',
    ]);
  });

  it('puts the tag files first, then data/, folders before their files', () => {
    expect(members.map((entry) => entry.path).slice(0, 8)).toEqual([
      ID,
      `${ID}/bagit.txt`,
      `${ID}/bag-info.txt`,
      `${ID}/manifest-sha256.txt`,
      `${ID}/tagmanifest-sha256.txt`,
      `${ID}/tagmanifest-sha256.txt.minisig`,
      `${ID}/data`,
      `${ID}/data/testimonies`,
    ]);
  });

  it('seals for hybrid post-quantum recipients too', async () => {
    const pq = await ageKeys('hybrid');
    const dir = tempDir();
    const written = await writeSealedArchive(writeOptions(dir, { recipients: [pq.recipient] }));
    const { verified } = await openCollecting(written.file, { identities: [pq.identity] });
    expect(verified.files.length).toBe(PAYLOAD.length);
    expect((await refusal(fs.readFileSync(written.file))).code).toBe('age-wrong-recipient');
  });

  it('reads each source once when its hash is known, twice (hash, then write) when not', async () => {
    const known = new Map<string, number>();
    await writeSealedArchive(writeOptions(tempDir(), { entries: entriesOf(PAYLOAD, { knownHash: true, opens: known }) }));
    expect([...known.values()]).toEqual(PAYLOAD.map(() => 1));
    const unknown = new Map<string, number>();
    const written = await writeSealedArchive(writeOptions(tempDir(), { entries: entriesOf(PAYLOAD, { opens: unknown }) }));
    expect([...unknown.values()]).toEqual(PAYLOAD.map(() => 2));
    // The file's hash is taken as it is written, and is the hash of what is on disk.
    expect(written.sha256).toBe(sha256(fs.readFileSync(written.file)));
    expect(written.files.map((file) => file.sha256)).toEqual(PAYLOAD.map((file) => sha256(file.bytes)));
  });

  it('refuses a source that changes, and leaves nothing behind', async () => {
    const [first, ...rest] = PAYLOAD as [Payload, ...Payload[]];
    const cases: Record<string, SealedArchiveEntry[]> = {
      'wrong known hash': [{ ...entriesOf([first])[0]!, sha256: sha256(Buffer.from('other')) }, ...entriesOf(rest)],
      'shorter than announced': [{ ...entriesOf([first])[0]!, size: first.bytes.length + 1 }, ...entriesOf(rest)],
      'longer than announced (known hash)': [{ ...entriesOf([first], { knownHash: true })[0]!, size: first.bytes.length - 1 }],
      'different between the two passes': [
        (() => {
          let calls = 0;
          return { path: 'a.bin', size: 4, open: () => Readable.from([Buffer.from(calls++ === 0 ? 'abcd' : 'abce')]) };
        })(),
      ],
    };
    for (const [what, entries] of Object.entries(cases)) {
      const dir = tempDir();
      await expect(writeSealedArchive(writeOptions(dir, { entries })), what).rejects.toMatchObject({ code: 'archive-source-changed' });
      expect(fs.readdirSync(dir), what).toEqual([]);
    }
  });

  it('refuses with a clear reason when the disk is full or the folder is not writable, and leaves nothing', async () => {
    // A file-size limit (ulimit -f) makes the writes fail the way a full USB stick does.
    const dir = tempDir();
    const module = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sealed-archive.ts');
    const helpers = path.join(path.dirname(fileURLToPath(import.meta.url)), 'test-helpers.ts');
    // Small archives are written on the main thread, large ones by the age worker: both ways.
    for (const size of [2 * 1024 * 1024, OFF_THREAD_MIN_BYTES + 1024 * 1024]) {
      const script = `
        const { writeSealedArchive } = await import(${JSON.stringify(module)});
        const { ageKeys, signerKeys } = await import(${JSON.stringify(helpers)});
        const { Readable } = await import('node:stream');
        const age = await ageKeys();
        const payload = Buffer.alloc(${size}, 1);
        try {
          await writeSealedArchive({ dir: ${JSON.stringify(dir)}, archiveId: 'full-disk', recipients: [age.recipient], signer: signerKeys().signer,
            bagInfo: { kind: 'full', sender: 's', recipients: ['r'], created: '2024-05-01T00:00:00Z' },
            entries: [{ path: 'a.bin', size: payload.length, open: () => Readable.from([payload]) }] });
          console.log('written');
        } catch (error) { console.log(error.code); }
      `;
      const run = spawnSync('sh', ['-c', `ulimit -f 512; exec "${process.execPath}" --import tsx --input-type=module -e "$0"`, script], { encoding: 'utf8', timeout: 60_000 });
      expect(run.stdout.trim(), `${size} bytes: ${run.stderr}`).toBe('archive-no-space');
      expect(fs.readdirSync(dir)).toEqual([]);
    }
    if (process.getuid?.() !== 0) {
      const readOnly = tempDir();
      fs.chmodSync(readOnly, 0o500);
      await expect(writeSealedArchive(writeOptions(readOnly))).rejects.toMatchObject({ code: 'archive-cannot-write' });
    }
  });

  it('refuses payload paths and sizes the format does not allow, before writing anything', async () => {
    const bad: Record<string, SealedArchiveEntry[]> = {
      percent: [{ path: '100%.json', size: 0, open: () => Readable.from([]) }],
      climbing: [{ path: '../x', size: 0, open: () => Readable.from([]) }],
      absolute: [{ path: '/x', size: 0, open: () => Readable.from([]) }],
      'dot component': [{ path: 'a/./x', size: 0, open: () => Readable.from([]) }],
      newline: [{ path: 'a\nb', size: 0, open: () => Readable.from([]) }],
      duplicate: entriesOf([PAYLOAD[0]!, PAYLOAD[0]!]),
      'case duplicate': [
        { path: 'A.json', size: 0, open: () => Readable.from([]) },
        { path: 'a.json', size: 0, open: () => Readable.from([]) },
      ],
      'file and folder': [
        { path: 'a', size: 0, open: () => Readable.from([]) },
        { path: 'a/b', size: 0, open: () => Readable.from([]) },
      ],
      'negative size': [{ path: 'a', size: -1, open: () => Readable.from([]) }],
      'bad hash': [{ path: 'a', size: 0, sha256: 'abc', open: () => Readable.from([]) }],
    };
    for (const [what, entries] of Object.entries(bad)) {
      const dir = tempDir();
      await expect(writeSealedArchive(writeOptions(dir, { entries })), what).rejects.toMatchObject({ code: 'archive-invalid-entry' });
      expect(fs.readdirSync(dir), what).toEqual([]);
    }
    await expect(writeSealedArchive(writeOptions(tempDir(), { limits: { maxEntryBytes: 1000 } }))).rejects.toMatchObject({ code: 'archive-invalid-entry' });
    await expect(writeSealedArchive(writeOptions(tempDir(), { recipients: [age.recipient, (await ageKeys('hybrid')).recipient] }))).rejects.toMatchObject({
      code: 'age-recipients-mixed',
    });
  });

  it('hashes large files off the main thread both ways, and still catches a changed or altered one', async () => {
    const large: Payload[] = [{ path: 'attachments/large.wav', bytes: randomBytes(OFF_THREAD_MIN_BYTES + 100_000) }];
    const written = await writeSealedArchive(writeOptions(tempDir(), { entries: entriesOf(large) }));
    expect(written.sha256).toBe(sha256(fs.readFileSync(written.file)));
    const { verified, staged } = await openCollecting(written.file);
    expect(verified.files[0]!.sha256).toBe(sha256(large[0]!.bytes));
    expect(staged.get(large[0]!.path)?.equals(large[0]!.bytes)).toBe(true);
    const dir = tempDir();
    await expect(writeSealedArchive(writeOptions(dir, { entries: [{ ...entriesOf(large)[0]!, sha256: sha256(Buffer.from('other')) }] }))).rejects.toMatchObject({
      code: 'archive-source-changed',
    });
    expect(fs.readdirSync(dir)).toEqual([]);
    const altered = await unpackArchive(fs.readFileSync(written.file), age.identity);
    member(altered, `${ID}/data/${large[0]!.path}`).bytes[OFF_THREAD_MIN_BYTES]! ^= 1;
    expect((await refusal(await packArchive(altered, [age.recipient]))).code).toBe('bag-hash-mismatch');
  });

  it('accepts the tag files in any order, after the data too, with the same result', async () => {
    const reordered = fresh();
    const tags = reordered.filter((entry) => entry.type === 'file' && !entry.path.startsWith(`${ID}/data/`));
    const rest = reordered.filter((entry) => !tags.includes(entry));
    const { verified } = await openCollecting(await packArchive([...rest, ...tags.reverse()], [age.recipient]));
    const { verified: original } = await openCollecting(archive);
    expect(verified).toEqual(original);
  });

  it('hashes what stage() leaves unread, so a lazy stage cannot hide an altered file', async () => {
    const result = await readSealedArchive([archive], { identities: [age.identity], trustedSigners: [keys.trusted], stage: () => undefined });
    expect(result.files.map((file) => file.sha256)).toEqual(PAYLOAD.map((file) => sha256(file.bytes)));
    const altered = fresh();
    setMember(altered, `${ID}/data/${PAYLOAD[1]!.path}`, randomBytes(PAYLOAD[1]!.bytes.length));
    await expect(readSealedArchive([await packArchive(altered, [age.recipient])], { identities: [age.identity], trustedSigners: [keys.trusted], stage: () => undefined })).rejects.toMatchObject({
      code: 'bag-hash-mismatch',
    });
  });

  it('lets stage() hash a file itself, checks its hash against the manifest, and fails a stage() that does not read to the end', async () => {
    const selfHashing = (wrongFor?: string) => async (file: string, _size: number, body: Readable, hashing: PayloadHashing) => {
      hashing.takeOver();
      const hash = createHash('sha256');
      for await (const chunk of body) hash.update(chunk as Buffer);
      return { sha256: file === wrongFor ? sha256(Buffer.from('something else')) : hash.digest('hex') };
    };
    const result = await readSealedArchive([archive], { identities: [age.identity], trustedSigners: [keys.trusted], stage: selfHashing() });
    expect(result.files.map((file) => file.sha256)).toEqual(PAYLOAD.map((file) => sha256(file.bytes)));
    // Its hash is the one checked: a stage() that hashed other bytes than the manifest's is refused.
    await expect(readSealedArchive([archive], { identities: [age.identity], trustedSigners: [keys.trusted], stage: selfHashing(PAYLOAD[1]!.path) })).rejects.toMatchObject({
      code: 'bag-hash-mismatch',
    });
    const lazy = async (_file: string, _size: number, _body: Readable, hashing: PayloadHashing) => {
      hashing.takeOver();
      return { sha256: sha256(Buffer.alloc(0)) };
    };
    await expect(readSealedArchive([archive], { identities: [age.identity], trustedSigners: [keys.trusted], stage: lazy })).rejects.toThrow('did not read to the end');
    const late = async (_file: string, _size: number, body: Readable, hashing: PayloadHashing) => {
      for await (const _chunk of body) hashing.takeOver();
    };
    await expect(readSealedArchive([archive], { identities: [age.identity], trustedSigners: [keys.trusted], stage: late })).rejects.toThrow('after reading');
  });

  it('hands a large file to stage() as pieces of shared memory it may hold, hashed here or by stage(), and fails a stage() that stops early', async () => {
    const large: Payload[] = [{ path: 'attachments/large.wav', bytes: randomBytes(OFF_THREAD_MIN_BYTES + 3 * 1024 * 1024 + 5) }];
    const written = await writeSealedArchive(writeOptions(tempDir(), { entries: entriesOf(large) }));
    const open = (stage: (file: string, size: number, body: Readable, hashing: PayloadHashing) => Promise<{ sha256: string } | void>) =>
      openSealedArchive(written.file, { identities: [age.identity], trustedSigners: [keys.trusted], stage });
    // Hashed by the format layer; the stage holds two pieces at a time, letting the older go late.
    const received: Buffer[] = [];
    const held: Array<{ piece: Buffer; copy: Buffer; release: () => void }> = [];
    let shared = 0;
    const holding = await open(async (_file, _size, _body, hashing) => {
      for await (const { bytes, hold } of hashing.pieces()) {
        received.push(Buffer.concat([bytes]));
        const release = hold();
        if (release === undefined) continue;
        shared += 1;
        held.push({ piece: bytes, copy: Buffer.concat([bytes]), release });
        if (held.length > 2) {
          const oldest = held.shift()!;
          // Still as it was, though the decryptor has gone on reading.
          expect(oldest.piece.equals(oldest.copy)).toBe(true);
          oldest.release();
        }
      }
      for (const { release } of held) release();
    });
    expect(shared).toBeGreaterThan(4);
    expect(Buffer.concat(received).equals(large[0]!.bytes)).toBe(true);
    expect(holding.files[0]!.sha256).toBe(sha256(large[0]!.bytes));
    // Hashed by stage() itself from the pieces: its hash is the one checked against the manifest.
    const selfHashed = await open(async (_file, _size, _body, hashing) => {
      hashing.takeOver();
      const hash = createHash('sha256');
      for await (const { bytes } of hashing.pieces()) hash.update(bytes);
      return { sha256: hash.digest('hex') };
    });
    expect(selfHashed.files[0]!.sha256).toBe(sha256(large[0]!.bytes));
    await expect(
      open(async (_file, _size, _body, hashing) => {
        hashing.takeOver();
        const hash = createHash('sha256');
        for await (const { bytes } of hashing.pieces()) {
          hash.update(bytes);
          break;
        }
        return { sha256: hash.digest('hex') };
      }),
    ).rejects.toThrow('did not read to the end');
    await expect(
      open(async (_file, _size, body, hashing) => {
        hashing.pieces();
        for await (const _chunk of body) {
          // not allowed once the pieces were asked for
        }
      }),
    ).rejects.toThrow('after asking for the pieces');
  });

  describe('refuses, with nothing staged where the tag files come first', () => {
    it('an archive for another recipient', async () => {
      expect(await refusal(archive, { identities: [(await ageKeys()).identity] })).toEqual({ code: 'age-wrong-recipient', staged: 0 });
    });

    it('an archive signed by a key that is not trusted, even if otherwise perfect', async () => {
      expect(await refusal(archive, { trusted: [signerKeys().trusted] })).toEqual({ code: 'archive-untrusted-signer', staged: 0 });
      expect(await refusal(archive, { trusted: [] })).toEqual({ code: 'archive-untrusted-signer', staged: 0 });
      // Altered and re-signed by an attacker (anyone can encrypt to a recipient's public key).
      const forged = fresh();
      setMember(forged, `${ID}/data/${PAYLOAD[0]!.path}`, '{"title":"forged"}');
      resign(forged, ID, generateMinisignKeyPair());
      expect(await refusal(await packArchive(forged, [age.recipient]))).toEqual({ code: 'archive-untrusted-signer', staged: 0 });
    });

    it('a forged signature in the name of a trusted key', async () => {
      const forger = generateMinisignKeyPair();
      const forged = fresh();
      setMember(forged, `${ID}/data/${PAYLOAD[0]!.path}`, '{"title":"forged"}');
      resign(forged, ID, { ...forger, keyId: keys.signer.keyId });
      expect(await refusal(await packArchive(forged, [age.recipient]))).toEqual({ code: 'archive-bad-signature', staged: 0 });
    });

    it('an altered tag manifest or trusted comment under the original signature', async () => {
      const tagManifest = fresh();
      setMember(tagManifest, `${ID}/tagmanifest-sha256.txt`, `${member(tagManifest, `${ID}/tagmanifest-sha256.txt`).bytes.toString()}\n`);
      expect(await refusal(await packArchive(tagManifest, [age.recipient]))).toEqual({ code: 'archive-bad-signature', staged: 0 });
      const comment = fresh();
      const signature = member(comment, `${ID}/tagmanifest-sha256.txt.minisig`).bytes.toString().replace('recipients=', 'recipients=attacker,');
      setMember(comment, `${ID}/tagmanifest-sha256.txt.minisig`, signature);
      expect(await refusal(await packArchive(comment, [age.recipient]))).toEqual({ code: 'archive-bad-signature', staged: 0 });
    });

    it('an altered bag-info.txt or manifest under the original signature', async () => {
      const bagInfo = fresh();
      setMember(bagInfo, `${ID}/bag-info.txt`, member(bagInfo, `${ID}/bag-info.txt`).bytes.toString().replace('TW-Kind: full', 'TW-Kind: redacted'));
      expect(await refusal(await packArchive(bagInfo, [age.recipient]))).toEqual({ code: 'bag-hash-mismatch', staged: 0 });
      const manifest = fresh();
      setMember(manifest, `${ID}/manifest-sha256.txt`, member(manifest, `${ID}/manifest-sha256.txt`).bytes.toString().replace(/^[0-9a-f]/, (digit) => (digit === '0' ? '1' : '0')));
      expect(await refusal(await packArchive(manifest, [age.recipient]))).toEqual({ code: 'bag-hash-mismatch', staged: 0 });
    });

    it('a legacy or malformed signature file', async () => {
      const malformed = fresh();
      setMember(malformed, `${ID}/tagmanifest-sha256.txt.minisig`, 'untrusted comment: x\nnot base64\n');
      expect(await refusal(await packArchive(malformed, [age.recipient]))).toEqual({ code: 'minisign-signature-malformed', staged: 0 });
    });
  });

  describe('refuses a validly signed bag that is wrong', () => {
    async function signed(change: (members: Member[]) => void, options: Parameters<typeof resign>[3] = {}): Promise<Buffer> {
      const altered = fresh();
      change(altered);
      resign(altered, ID, keys.signer, options);
      return packArchive(altered, [age.recipient]);
    }
    const editBagInfo = (members: Member[], edit: (text: string) => string) => setMember(members, `${ID}/bag-info.txt`, edit(member(members, `${ID}/bag-info.txt`).bytes.toString()));

    it('a payload file altered after signing', async () => {
      const altered = fresh();
      setMember(altered, `${ID}/data/${PAYLOAD[1]!.path}`, randomBytes(PAYLOAD[1]!.bytes.length));
      const result = await refusal(await packArchive(altered, [age.recipient]));
      expect(result.code).toBe('bag-hash-mismatch');
      expect(result.staged).toBe(2); // refused as soon as that file ended, before the next one
    });

    it('a payload file missing, or one that is not in the manifest', async () => {
      const missing = await signed((all) => all.splice(all.findIndex((entry) => entry.path.endsWith('audit/t-0001.json')), 1), { keepManifest: true });
      expect((await refusal(missing)).code).toBe('bag-incomplete');
      const extra = await signed((all) => all.push({ type: 'file', path: `${ID}/data/extra.json`, bytes: Buffer.from('{}') }), { keepManifest: true });
      expect(await refusal(extra)).toEqual({ code: 'bag-incomplete', staged: PAYLOAD.length });
    });

    it('a Payload-Oxum that does not match the payload', async () => {
      for (const oxum of ['1.5', `${200_000 + 100}.4`, `${10 ** 9}.5`, `${10 ** 9}.6`]) {
        const wrong = await signed((all) => editBagInfo(all, (text) => text.replace(/Payload-Oxum: .*/, `Payload-Oxum: ${oxum}`)));
        expect((await refusal(wrong)).code, oxum).toBe('bag-oxum-mismatch');
      }
      // A payload larger than declared is refused before the file that overflows it is staged.
      const small = await signed((all) => editBagInfo(all, (text) => text.replace(/Payload-Oxum: .*/, 'Payload-Oxum: 10.5')));
      expect(await refusal(small)).toEqual({ code: 'bag-oxum-mismatch', staged: 0 });
      const few = await signed((all) => editBagInfo(all, (text) => text.replace(/Payload-Oxum: \d+\.\d+/, (value) => value.replace(/\.\d+$/, '.2'))));
      expect(await refusal(few)).toEqual({ code: 'bag-oxum-mismatch', staged: 2 });
    });

    it('an archive from a future format', async () => {
      const newer = await signed((all) => editBagInfo(all, (text) => text.replace('TW-Format: 1', 'TW-Format: 2')));
      expect((await refusal(newer)).code).toBe('archive-future-format');
      const newerComment = await signed(() => undefined, { trustedComment: `tw-archive 2 id=${ID} something new` });
      expect((await refusal(newerComment)).code).toBe('archive-future-format');
      const bagit = await signed((all) => setMember(all, `${ID}/bagit.txt`, BAGIT_TXT.replace('1.0', '2.0')));
      expect((await refusal(bagit)).code).toBe('bag-unsupported-version');
    });

    it('ids, times or recipients that disagree between folder, bag-info and signature', async () => {
      const cases: Record<string, Buffer> = {
        'External-Identifier': await signed((all) => editBagInfo(all, (text) => text.replace(`External-Identifier: ${ID}`, 'External-Identifier: other-id'))),
        'signed id': await signed(() => undefined, { trustedComment: formatArchiveTrustedComment({ archiveId: 'other-id', created: CREATED, recipients: [RECIPIENT_FINGERPRINT] }) }),
        'signed time': await signed(() => undefined, { created: '2024-05-02T09:30:00+09:00' }),
        'signed recipients': await signed(() => undefined, { recipients: ['someone else'] }),
        'not our comment': await signed(() => undefined, { trustedComment: 'timestamp:1700000000 file:tagmanifest-sha256.txt' }),
      };
      for (const [what, source] of Object.entries(cases)) expect((await refusal(source)).code, what).toBe('archive-layout');
    });

    it('bag-info.txt without a required field or with an invalid one', async () => {
      for (const label of ['Payload-Oxum', 'TW-Sender', 'TW-Kind', 'Bagging-Date', 'External-Identifier']) {
        const without = await signed((all) => editBagInfo(all, (text) => formatBagInfo(parseBagInfo(Buffer.from(text)).filter(([name]) => name !== label))));
        expect((await refusal(without)).code, label).toBe('bag-malformed');
      }
      const kind = await signed((all) => editBagInfo(all, (text) => text.replace('TW-Kind: full', 'TW-Kind: everything')));
      expect((await refusal(kind)).code).toBe('bag-malformed');
      const twice = await signed((all) => editBagInfo(all, (text) => `${text}Payload-Oxum: 1.1\n`));
      expect((await refusal(twice)).code).toBe('bag-malformed');
    });

    it('tag files missing, unexpected files and folders, a second bag', async () => {
      const noBagit = fresh().filter((entry) => entry.path !== `${ID}/bagit.txt`);
      expect((await refusal(await packArchive(noBagit, [age.recipient]))).code).toBe('bag-incomplete');
      const noSignature = fresh().filter((entry) => !entry.path.endsWith('.minisig'));
      expect((await refusal(await packArchive(noSignature, [age.recipient]))).code).toBe('bag-incomplete');
      const cases: Record<string, Member[]> = {
        'file beside data/': [...fresh(), { type: 'file', path: `${ID}/notes.txt`, bytes: Buffer.from('x') }],
        'folder beside data/': [...fresh(), { type: 'directory', path: `${ID}/extra`, bytes: Buffer.alloc(0) }],
        'second bag': [...fresh(), { type: 'file', path: 'other-bag/bagit.txt', bytes: Buffer.from(BAGIT_TXT) }],
        'top folder not an id': fresh().map((entry) => ({ ...entry, path: entry.path.replace(ID, '.hidden') })),
        'bag folder is a file': [{ type: 'file', path: ID, bytes: Buffer.from('x') }],
      };
      for (const [what, altered] of Object.entries(cases)) expect((await refusal(await packArchive(altered, [age.recipient]))).code, what).toBe('archive-layout');
      expect((await refusal(await packArchive([], [age.recipient]))).code).toBe('archive-layout');
    });

    it('a tag manifest that lists other files, or a tag file beyond the size limit', async () => {
      const extra = await signed(() => undefined, { extraTagManifestLines: `${'0'.repeat(64)}  data/x\n` });
      expect((await refusal(extra)).code).toBe('bag-incomplete');
      const result = await readSealedArchive([archive], { identities: [age.identity], trustedSigners: [keys.trusted], stage: discardPayload, limits: { maxTagFileBytes: 100 } }).catch((error: { code: string }) => error.code);
      expect(result).toBe('tar-too-large');
    });
  });

  it('parses the trusted signers it is given', async () => {
    await expect(readSealedArchive([archive], { identities: [age.identity], trustedSigners: [{ minisignPublicKey: 'RWnot-a-key' }], stage: discardPayload })).rejects.toMatchObject({
      code: 'minisign-key-invalid',
    });
    expect(encodeMinisignPublicKey(keys.signer)).toBe(keys.trusted.minisignPublicKey);
  });
});
