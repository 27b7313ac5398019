/**
 * Mutation test: hundreds of variants of one valid archive (bit flips anywhere in the file,
 * truncations, edits of the tar inside, bags re-signed by an untrusted key, archives replayed to
 * the wrong recipient). Each is imported into the same vault. Every one must be refused with a
 * UserError and leave the vault exactly as it was, or (for a change that means nothing, such as a
 * tar header's mtime) import exactly what the original holds. Never a crash, never a partial import.
 *
 * TW_MUTATION_SEED fixes the random choices to replay a failure; the seed in use is in the test name.
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
import type { ArchiveService } from '../electron/services/archive/archive-service';
import { ageRecipientOf, decodeMinisignSecretKey, generateAgeIdentity, generateMinisignKeyPair, type MinisignSecretKey } from '../electron/services/archive/format';
import { consentingTestimony, makeVault, trust, vaultSnapshot } from './helpers/archive-vaults';
import { openToTar, rawTar, resign, sealTar, tarFiles, type RawEntry } from './helpers/archive-forge';
import { seededRandom } from '../bench/generate';

const SEED = Number(process.env.TW_MUTATION_SEED ?? crypto.randomInt(1, 2 ** 31));

let root: string;
let field: { vault: Vault; archives: ArchiveService };
let archive: { vault: Vault; archives: ArchiveService };
let original: Buffer;
let tar: Buffer;
let files: RawEntry[];
let archiveRecipient: string;
let fieldSigner: MinisignSecretKey;
let expected: { versions: string[]; attachments: string[]; title: string };
let testimonyId: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-test-'));
  field = await makeVault(path.join(root, 'field'), 'minji', 'mutation field passphrase');
  archive = await makeVault(path.join(root, 'archive'), 'archivist', 'mutation archive passphrase');
  await trust(field.archives, archive.archives, 'Seoul archive');
  await trust(archive.archives, field.archives, 'Field laptop');
  const testimonies = new TestimonyService(field.vault);
  testimonyId = testimonies.add(consentingTestimony('변이 시험'));
  testimonies.update(testimonyId, consentingTestimony('변이 시험 v2'));
  await new AttachmentService(field.vault).attach(testimonyId, Readable.from([crypto.randomBytes(3000)]), { fileName: 'photo.jpg' });
  const exported = await field.archives.export({ to: 'Seoul archive', out: root });
  original = fs.readFileSync(exported.file);
  archiveRecipient = (await archive.archives.keys.show()).ageRecipient;
  tar = await openToTar(original, archive.archives.keys.allAgeIdentities());
  files = await tarFiles(tar);
  fieldSigner = decodeMinisignSecretKey(Buffer.from((await field.archives.keys.currentSecrets()).minisignSecretKey, 'base64'));
  expected = {
    title: testimonies.show(testimonyId).title,
    versions: testimonies.versions(testimonyId).map((v) => v.recordSha256),
    attachments: new AttachmentService(field.vault).list(testimonyId).map((a) => a.sha256),
  };
}, 300_000);
afterAll(() => {
  field.vault.lock();
  archive.vault.lock();
  fs.rmSync(root, { recursive: true, force: true });
});

type Variant = { label: string; bytes: () => Promise<Buffer> };

function copyFiles(): RawEntry[] {
  return files.map((file) => ({ ...file, data: Buffer.from(file.data) }));
}

function variants(random: () => number, untrusted: MinisignSecretKey, strangerRecipient: string): Variant[] {
  const pick = (n: number) => Math.floor(random() * n);
  const list: Variant[] = [];
  for (let i = 0; i < 260; i += 1) {
    const offset = pick(original.length);
    const bit = 1 << pick(8);
    list.push({
      label: `bit flip at ${offset}`,
      bytes: async () => {
        const copy = Buffer.from(original);
        copy[offset] = copy[offset]! ^ bit;
        return copy;
      },
    });
  }
  for (let i = 0; i < 80; i += 1) {
    const length = pick(original.length);
    list.push({ label: `truncated to ${length}`, bytes: async () => original.subarray(0, length) });
  }
  // Inside the encryption: the tar's bytes changed, then sealed to this vault again (no re-signing).
  for (let i = 0; i < 80; i += 1) {
    const offset = pick(tar.length);
    const value = pick(256);
    list.push({
      label: `tar byte ${offset} set to ${value}`,
      bytes: async () => {
        const copy = Buffer.from(tar);
        copy[offset] = value;
        return sealTar(copy, [archiveRecipient]);
      },
    });
  }
  const root = files[0]!.name.split('/')[0]!;
  const payload = files.filter((file) => file.name.startsWith(`${root}/data/`));
  // Each edit gets the payload file it works on chosen once, when the variant is made.
  const structural: Array<[string, (entries: RawEntry[], target: string, byte: number) => RawEntry[], boolean]> = [
    ['drop a payload file', (entries, target) => entries.filter((entry) => entry.name !== target), true],
    ['duplicate a payload file', (entries, target) => [...entries, { ...entries.find((e) => e.name === target)! }], false],
    ['rename a payload file', (entries, target) => entries.map((e) => (e.name === target ? { ...e, name: `${e.name}.x` } : e)), true],
    ['append a stray file', (entries, _target, byte) => [...entries, { name: `${root}/data/stray-${byte}.txt`, data: Buffer.from('stray') }], true],
    ['swap two payload files', (entries) => {
      const a = entries.findIndex((e) => e.name === payload[0]!.name);
      const b = entries.findIndex((e) => e.name === payload[payload.length - 1]!.name);
      const copy = [...entries];
      const data = copy[a]!.data;
      copy[a] = { ...copy[a]!, data: copy[b]!.data };
      copy[b] = { ...copy[b]!, data };
      return copy;
    }, true],
    ['a payload file turned into a symlink', (entries, target) => entries.map((e) => (e.name === target ? { ...e, type: '2', linkname: '/etc/passwd', data: Buffer.alloc(0) } : e)), true],
    ['change one byte of a payload file', (entries, target, byte) => {
      const file = entries.find((e) => e.name === target)!;
      if (file.data.length > 0) file.data[byte % file.data.length] = file.data[byte % file.data.length]! ^ 0x20;
      return entries;
    }, true],
  ];
  for (let i = 0; i < 50; i += 1) {
    const [what, edit, signAgain] = structural[i % structural.length]!;
    const withTrustedKey = signAgain && i % 2 === 0;
    const target = payload[pick(payload.length)]!.name;
    const byte = pick(1_000_000);
    list.push({
      label: `${what} (${target.split('/').slice(-2).join('/')})${withTrustedKey ? ', re-signed by the trusted sender' : ''}`,
      bytes: async () => {
        let entries = edit(copyFiles(), target, byte);
        if (withTrustedKey) entries = resign(entries, fieldSigner);
        return sealTar(rawTar(entries), [archiveRecipient]);
      },
    });
  }
  for (let i = 0; i < 30; i += 1) {
    list.push({
      label: 're-signed with an untrusted key',
      bytes: async () => sealTar(rawTar(resign(copyFiles(), untrusted)), [archiveRecipient]),
    });
  }
  for (let i = 0; i < 15; i += 1) {
    list.push({ label: 'replayed to another recipient', bytes: async () => sealTar(tar, [strangerRecipient]) });
    list.push({
      label: 'bag listing another recipient, re-signed by the trusted sender',
      bytes: async () =>
        sealTar(
          rawTar(resign(copyFiles(), fieldSigner, { editBagInfo: (fields) => fields.map(([l, v]) => [l, l === 'TW-Recipients' ? v.split(',').slice(1).join(',') : v]) })),
          [archiveRecipient],
        ),
    });
  }
  // Changes that mean nothing: the same bag with other tar header times; these must import, identically.
  for (let i = 0; i < 5; i += 1) {
    list.push({
      label: 'tar header times changed',
      bytes: async () => {
        const copy = Buffer.from(rawTar(copyFiles()));
        for (let block = 0; block + 512 <= copy.length; block += 512) {
          if (copy.subarray(block + 257, block + 262).toString('latin1') !== 'ustar') continue;
          Buffer.from(`${(1_700_000_000 + i).toString(8).padStart(11, '0')}\0`, 'latin1').copy(copy, block + 136);
          copy.fill(' ', block + 148, block + 156);
          let sum = 0;
          for (let k = block; k < block + 512; k += 1) sum += copy[k]!;
          Buffer.from(`${sum.toString(8).padStart(6, '0')}\0 `, 'latin1').copy(copy, block + 148);
        }
        return sealTar(copy, [archiveRecipient]);
      },
    });
  }
  return list;
}

describe('mutation test', () => {
  it(`refuses every damaged variant of an archive, or imports it identically (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    const untrusted = generateMinisignKeyPair();
    const stranger = await ageRecipientOf(await generateAgeIdentity());
    const all = variants(random, untrusted, stranger);
    expect(all.length).toBeGreaterThanOrEqual(500);
    const file = path.join(root, 'variant.twa');
    let state = vaultSnapshot(archive.vault);
    const outcomes: Record<string, number> = {};
    for (const variant of all) {
      fs.writeFileSync(file, await variant.bytes());
      let result: Awaited<ReturnType<ArchiveService['import']>> | undefined;
      let error: unknown;
      try {
        result = await archive.archives.import(file);
      } catch (caught) {
        error = caught;
      }
      if (error !== undefined) {
        const failure = error as { name?: string; code?: string; message?: string; stack?: string };
        // A crash (anything but a UserError) fails the test with its stack.
        expect(failure.name, `${variant.label}: ${failure.stack}`).toBe('UserError');
        expect(vaultSnapshot(archive.vault), `${variant.label} changed the vault though refused (${failure.code})`).toEqual(state);
        outcomes[failure.code!] = (outcomes[failure.code!] ?? 0) + 1;
      } else {
        const here = new TestimonyService(archive.vault);
        expect(result!.testimonies.map((t) => t.id), variant.label).toEqual([testimonyId]);
        expect(here.show(testimonyId).title, variant.label).toBe(expected.title);
        expect(here.versions(testimonyId).map((v) => v.recordSha256), variant.label).toEqual(expected.versions);
        expect(new AttachmentService(archive.vault).list(testimonyId).map((a) => a.sha256), variant.label).toEqual(expected.attachments);
        outcomes[result!.alreadyImported ? 'imported again: no change' : 'imported'] = (outcomes[result!.alreadyImported ? 'imported again: no change' : 'imported'] ?? 0) + 1;
        state = vaultSnapshot(archive.vault);
      }
    }
    console.log(`mutation test (seed ${SEED}): ${all.length} variants →`, outcomes);
    expect(outcomes.imported, 'the meaningless changes import').toBe(1);
    expect(fs.existsSync(path.join(archive.vault.dir, 'staging'))).toBe(false);
    expect(archive.vault.verifyAudit()).toMatchObject({ ok: true });
    expect(archive.vault.db.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 600_000);
});
