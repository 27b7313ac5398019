/**
 * Every kind of bad archive SPEC.md names is refused with a clear reason, and the receiving vault is
 * exactly as before: every table's rows and every attachment file compared before and after.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Vault } from '../electron/services/vault/vault';
import { TestimonyService } from '../electron/services/testimony/testimony-service';
import { AttachmentService } from '../electron/services/attachments/attachment-service';
import { ArchiveService } from '../electron/services/archive/archive-service';
import { decodeMinisignSecretKey, encryptAgeBuffer, generateAgeIdentity, ageRecipientOf, type MinisignSecretKey } from '../electron/services/archive/format';
import { consentingTestimony, makeVault, trust, vaultSnapshot } from './helpers/archive-vaults';
import { openToTar, rawTar, resign, sealTar, tarFiles, type RawEntry } from './helpers/archive-forge';

let root: string;
let field: { vault: Vault; archives: ArchiveService };
let archive: { vault: Vault; archives: ArchiveService };
let outsider: { vault: Vault; archives: ArchiveService };
let baseArchive: Buffer;
let baseFiles: RawEntry[];
let archiveRecipient: string;
let fieldSigner: MinisignSecretKey;
let outsiderSigner: MinisignSecretKey;
let testimonyId: string;
let counter = 0;

async function signerOf(service: ArchiveService): Promise<MinisignSecretKey> {
  return decodeMinisignSecretKey(Buffer.from((await service.keys.currentSecrets()).minisignSecretKey, 'base64'));
}

function writeArchive(bytes: Buffer): string {
  const file = path.join(root, `variant-${(counter += 1)}.twa`);
  fs.writeFileSync(file, bytes);
  return file;
}

/** Seals edited tar entries for the archive vault; re-signed by the field laptop unless told otherwise. */
async function variant(
  edit: (files: RawEntry[]) => RawEntry[],
  options: {
    signer?: MinisignSecretKey | null;
    bagInfo?: (fields: Array<[string, string]>) => Array<[string, string]>;
    /** Raw tar entries added after signing (resigning keeps only data/). */
    append?: RawEntry[];
  } = {},
) {
  let files = edit(baseFiles.map((file) => ({ ...file, data: Buffer.from(file.data) })));
  const signer = options.signer === undefined ? fieldSigner : options.signer;
  if (signer) files = resign(files, signer, { ...(options.bagInfo ? { editBagInfo: options.bagInfo } : {}) });
  return writeArchive(await sealTar(rawTar([...files, ...(options.append ?? [])]), [archiveRecipient]));
}

const rootName = () => baseFiles[0]!.name.split('/')[0]!;
const dataFile = (suffix: string) => (files: RawEntry[]) => files.find((file) => file.name.startsWith(`${rootName()}/data/`) && file.name.endsWith(suffix))!;

/** Both verify and import refuse with a UserError of that code and a one-line message; the vault is unchanged. */
async function expectRefused(file: string, code: string | RegExp, message?: RegExp): Promise<void> {
  const before = vaultSnapshot(archive.vault);
  for (const attempt of [() => archive.archives.verify(file), () => archive.archives.import(file)]) {
    const error = await attempt().then(
      () => undefined,
      (caught: unknown) => caught as { name: string; code: string; message: string },
    );
    expect(error, 'the archive was accepted').toBeDefined();
    expect(error!.name).toBe('UserError');
    expect(error!.code).toMatch(typeof code === 'string' ? new RegExp(`^${code}$`) : code);
    expect(error!.message).toMatch(/^[^\n]{10,}$/);
    if (message) expect(error!.message).toMatch(message);
  }
  expect(vaultSnapshot(archive.vault)).toEqual(before);
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-test-'));
  field = await makeVault(path.join(root, 'field'), 'minji', 'field laptop passphrase');
  archive = await makeVault(path.join(root, 'archive'), 'archivist', 'archive passphrase');
  outsider = await makeVault(path.join(root, 'outsider'), 'eve', 'outsider passphrase');
  await trust(field.archives, archive.archives, 'Seoul archive');
  await trust(archive.archives, field.archives, 'Field laptop');
  await trust(outsider.archives, archive.archives, 'Seoul archive');
  const testimonies = new TestimonyService(field.vault);
  // One testimony already in the archive vault, so that "as before" is not just "empty".
  const earlier = testimonies.add(consentingTestimony('이미 들어온 증언'));
  const first = await field.archives.export({ to: 'Seoul archive', out: root, ids: [earlier] });
  await archive.archives.import(first.file);

  testimonyId = testimonies.add(consentingTestimony('새 증언'));
  await new AttachmentService(field.vault).attach(testimonyId, Readable.from([crypto.randomBytes(100_000)]), { fileName: 'photo.jpg' });
  const exported = await field.archives.export({ to: 'Seoul archive', out: root, ids: [testimonyId] });
  baseArchive = fs.readFileSync(exported.file);
  archiveRecipient = (await archive.archives.keys.show()).ageRecipient;
  baseFiles = await tarFiles(await openToTar(baseArchive, archive.archives.keys.allAgeIdentities()));
  fieldSigner = await signerOf(field.archives);
  outsiderSigner = await signerOf(outsider.archives);
}, 300_000);
afterAll(() => {
  for (const v of [field, archive, outsider]) v.vault.lock();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('refused archives leave the vault exactly as it was', () => {
  it('the unmodified archive, re-signed by the trusted sender, is accepted (so every refusal below is caused by its one change)', async () => {
    const file = await variant((files) => files);
    await expect(archive.archives.verify(file)).resolves.toMatchObject({ testimonies: [{ id: testimonyId, outcome: 'new' }] });
  });

  it('an unknown signer', async () => {
    const fingerprint = (await outsider.archives.keys.show()).fingerprint;
    const file = await variant((files) => files, { signer: outsiderSigner, bagInfo: (fields) => fields.map(([l, v]) => [l, l === 'TW-Sender' ? fingerprint : v]) });
    await expectRefused(file, 'archive-untrusted-signer');
  });

  it('an archive sealed by an untrusted vault for this one through the normal export', async () => {
    const testimonies = new TestimonyService(outsider.vault);
    const id = testimonies.add(consentingTestimony('outsider'));
    const exported = await outsider.archives.export({ to: 'Seoul archive', out: root, ids: [id] });
    await expectRefused(exported.file, 'archive-untrusted-signer');
  });

  it('a bad signature', async () => {
    const file = await variant(
      (files) => {
        const signature = files.find((file) => file.name.endsWith('.minisig'))!;
        const lines = signature.data.toString('utf8').split('\n');
        const bytes = Buffer.from(lines[1]!, 'base64');
        bytes[20] = bytes[20]! ^ 0x01;
        lines[1] = bytes.toString('base64');
        signature.data = Buffer.from(lines.join('\n'), 'utf8');
        return files;
      },
      { signer: null },
    );
    await expectRefused(file, /^(archive|minisign)-bad-signature$/);
  });

  it('a payload file that does not match its manifest hash', async () => {
    const file = await variant(
      (files) => {
        const photo = dataFile('.jpg')(files);
        photo.data[100] = photo.data[100]! ^ 0xff;
        return files;
      },
      { signer: null },
    );
    await expectRefused(file, 'bag-hash-mismatch');
  });

  it('a truncated file, inside a chunk and at a chunk boundary', async () => {
    await expectRefused(writeArchive(baseArchive.subarray(0, baseArchive.length - 100)), /^age-(chunk-corrupt|truncated)$/);
    const headerEnd = baseArchive.indexOf('\n', baseArchive.indexOf('--- ')) + 1;
    const boundary = headerEnd + 16 + 65_552; // nonce, then one full sealed chunk
    await expectRefused(writeArchive(baseArchive.subarray(0, boundary)), 'age-truncated');
  });

  it('not an age file', async () => {
    await expectRefused(writeArchive(crypto.randomBytes(4096)), 'age-not-age-file');
    await expectRefused(writeArchive(rawTar(baseFiles)), 'age-not-age-file');
  });

  it('an archive for another recipient', async () => {
    const other = await ageRecipientOf(await generateAgeIdentity());
    await expectRefused(writeArchive(await sealTar(rawTar(baseFiles), [other])), 'age-wrong-recipient');
  });

  it('an archive that opens here but does not list this vault among its recipients', async () => {
    const file = await variant((files) => files, {
      bagInfo: (fields) => fields.map(([l, v]) => [l, l === 'TW-Recipients' ? (v.split(',')[1] ?? v) : v]),
    });
    await expectRefused(file, 'archive-not-for-this-vault');
  });

  it('a trusted signature over a bag naming another sender', async () => {
    const fingerprint = (await outsider.archives.keys.show()).fingerprint;
    const file = await variant((files) => files, { bagInfo: (fields) => fields.map(([l, v]) => [l, l === 'TW-Sender' ? fingerprint : v]) });
    await expectRefused(file, 'archive-sender-mismatch');
  });

  const hostileEntries: Array<[string, (r: string) => RawEntry, string | RegExp]> = [
    ['an absolute path', () => ({ name: '/etc/cron.d/evil', data: Buffer.from('x') }), 'tar-unsafe-path'],
    ['a path with ..', (r) => ({ name: `${r}/data/../../evil`, data: Buffer.from('x') }), /^(tar-unsafe-path|bag-malformed)$/],
    ['a symbolic link', (r) => ({ name: `${r}/data/link`, data: Buffer.alloc(0), type: '2', linkname: '/etc/passwd' }), 'tar-unsupported-entry'],
    ['a hard link', (r) => ({ name: `${r}/data/hard`, data: Buffer.alloc(0), type: '1', linkname: `${r}/bagit.txt` }), 'tar-unsupported-entry'],
    ['a character device', (r) => ({ name: `${r}/data/dev`, data: Buffer.alloc(0), type: '3' }), 'tar-unsupported-entry'],
    ['a FIFO', (r) => ({ name: `${r}/data/fifo`, data: Buffer.alloc(0), type: '6' }), 'tar-unsupported-entry'],
  ];
  it.each(hostileEntries)('a tar entry with %s', async (_what, entry, code) => {
    await expectRefused(await variant((files) => files, { append: [entry(rootName())] }), code);
    // Also inside data/, listed in a manifest signed by the trusted sender.
    const inside = entry(rootName());
    if (inside.name.startsWith(`${rootName()}/data/`)) await expectRefused(await variant((files) => [...files, inside]), code);
  });

  it('a duplicate name in the tar', async () => {
    const file = await variant((files) => files, { signer: fieldSigner });
    const opened = await tarFiles(await openToTar(fs.readFileSync(file), archive.archives.keys.allAgeIdentities()));
    const duplicate = [...opened, { ...dataFile('.jpg')(opened) }];
    await expectRefused(writeArchive(await sealTar(rawTar(duplicate), [archiveRecipient])), 'tar-duplicate-entry');
  });

  it('an oversized pax header and an age header with too many recipients', async () => {
    const pax = Buffer.from(`${'x'.repeat(100_000)}\n`);
    const paxRecord = Buffer.from(`${pax.length + 16} comment=${pax}`);
    const file = await variant((files) => files);
    const opened = await tarFiles(await openToTar(fs.readFileSync(file), archive.archives.keys.allAgeIdentities()));
    const withPax = rawTar([{ name: 'PaxHeaders/x', data: paxRecord, type: 'x' }, ...opened]);
    // rawTar writes no body for non-'0' types; put the pax body in by hand.
    const header = withPax.subarray(0, 512);
    const body = Buffer.concat([paxRecord, Buffer.alloc((512 - (paxRecord.length % 512)) % 512)]);
    const sizeField = Buffer.from(`${paxRecord.length.toString(8).padStart(11, '0')}\0`, 'latin1');
    sizeField.copy(header, 124);
    header.fill(' ', 148, 156);
    let sum = 0;
    for (const byte of header) sum += byte;
    Buffer.from(`${sum.toString(8).padStart(6, '0')}\0 `, 'latin1').copy(header, 148);
    const hostile = Buffer.concat([header, body, withPax.subarray(512)]);
    await expectRefused(writeArchive(await sealTar(hostile, [archiveRecipient])), 'tar-too-large');

    const many = await Promise.all(Array.from({ length: 70 }, async () => ageRecipientOf(await generateAgeIdentity())));
    await expectRefused(writeArchive(await encryptAgeBuffer(rawTar(baseFiles), [archiveRecipient, ...many])), 'age-header-too-large');
  });

  it('an entry larger than the configured limit', async () => {
    const strict = new ArchiveService(archive.vault, { limits: { maxEntryBytes: 1000 } });
    const file = await variant((files) => files);
    const before = vaultSnapshot(archive.vault);
    await expect(strict.import(file)).rejects.toMatchObject({ code: 'tar-too-large' });
    expect(vaultSnapshot(archive.vault)).toEqual(before);
  });

  it('a record that fails the record schema (its hashes all updated and the bag re-signed)', async () => {
    const file = await variant((files) => {
      const record = dataFile('/versions/1.json')(files);
      const json = JSON.parse(record.data.toString('utf8')) as Record<string, unknown>;
      json.secretBackdoor = true;
      record.data = Buffer.from(JSON.stringify(json), 'utf8');
      const document = dataFile('/testimony.json')(files);
      const doc = JSON.parse(document.data.toString('utf8')) as { versions: Array<{ recordSha256: string }> };
      doc.versions[0]!.recordSha256 = crypto.createHash('sha256').update(record.data).digest('hex');
      document.data = Buffer.from(JSON.stringify(doc), 'utf8');
      return files;
    });
    await expectRefused(file, 'archive-contents', /fails the record schema.*secretBackdoor/);
  });

  it('a testimony document that is not JSON, and one with a field this format does not have', async () => {
    await expectRefused(
      await variant((files) => {
        dataFile('/testimony.json')(files).data = Buffer.from('{"documentType": "tw-testimony", ', 'utf8');
        return files;
      }),
      'archive-contents',
      /not valid UTF-8 JSON/,
    );
    await expectRefused(
      await variant((files) => {
        const document = dataFile('/testimony.json')(files);
        document.data = Buffer.from(JSON.stringify({ ...JSON.parse(document.data.toString('utf8')), extra: 1 }), 'utf8');
        return files;
      }),
      'archive-contents',
      /not a valid testimony document/,
    );
  });

  it('a file this format does not know, and a missing attachment', async () => {
    await expectRefused(await variant((files) => [...files, { name: `${rootName()}/data/notes.txt`, data: Buffer.from('hi') }]), 'archive-contents', /does not know/);
    await expectRefused(await variant((files) => files.filter((file) => !file.name.endsWith('.jpg'))), 'archive-contents', /missing/);
  });

  it('an archive from a future format', async () => {
    const file = await variant((files) => files, { bagInfo: (fields) => fields.map(([l, v]) => [l, l === 'TW-Format' ? '2' : v]) });
    await expectRefused(file, 'archive-future-format');
  });
});
