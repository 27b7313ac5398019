import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Vault } from '../vault/vault';
import { TestimonyService } from '../testimony/testimony-service';
import { AttachmentService } from '../attachments/attachment-service';
import { listAudit } from '../vault/audit-log';
import type { ArchiveService } from './archive-service';
import { consentingTestimony, makeVault, trust, vaultSnapshot } from '../../../tests/helpers/archive-vaults';

let root: string;
let field: { vault: Vault; archives: ArchiveService };
let archive: { vault: Vault; archives: ArchiveService };
let outDir: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-test-'));
  outDir = path.join(root, 'usb');
  fs.mkdirSync(outDir);
  field = await makeVault(path.join(root, 'field'), 'minji', 'field laptop passphrase');
  archive = await makeVault(path.join(root, 'archive'), 'archivist', 'archive passphrase');
  await trust(field.archives, archive.archives, 'Seoul archive');
  await trust(archive.archives, field.archives, 'Field laptop 1');
}, 300_000);
afterAll(() => {
  field.vault.lock();
  archive.vault.lock();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('export, verify and import between two vaults', () => {
  it('carries testimonies with every version, attachments, custody and audit entries; the same archive twice changes nothing', async () => {
    const testimonies = new TestimonyService(field.vault);
    const id = testimonies.add(consentingTestimony('첫 증언'));
    testimonies.update(id, consentingTestimony('첫 증언 (고침)'));
    const audio = crypto.randomBytes(200_000);
    const attachment = await new AttachmentService(field.vault).attach(id, Readable.from([audio]), { fileName: 'interview.m4a' });
    const noConsent = testimonies.add({ title: '동의 없음', narrative: '동의가 기록되지 않았습니다' });

    const progress: number[] = [];
    const exported = await field.archives.export({ to: 'Seoul archive', out: outDir, onProgress: (p) => progress.push(p.bytesDone) });
    expect(path.basename(exported.file)).toMatch(/^[0-9a-f]{32}\.twa$/);
    expect(exported.testimonies.map((t) => t.id)).toEqual([id]);
    expect(exported.skipped).toEqual([{ testimonyId: noConsent, reason: 'no-consent', message: 'no consent is recorded' }]);
    expect(exported.recipientFingerprints).toEqual([(await archive.archives.keys.show()).fingerprint, (await field.archives.keys.show()).fingerprint]);
    expect(progress.at(-1)).toBeGreaterThan(audio.length);

    const before = vaultSnapshot(archive.vault);
    const verified = await archive.archives.verify(exported.file);
    expect(vaultSnapshot(archive.vault)).toEqual(before);
    expect(verified.sender).toEqual({ name: 'Field laptop 1', fingerprint: (await field.archives.keys.show()).fingerprint, isThisVault: false });
    expect(verified.testimonies).toMatchObject([{ id, versions: 2, attachments: 1, outcome: 'new', incomingVersions: 2 }]);
    expect(verified.alreadyImported).toBeNull();

    const imported = await archive.archives.import(exported.file);
    expect(imported.alreadyImported).toBe(false);
    expect(imported.fileSha256).toBe(exported.fileSha256);
    const received = new TestimonyService(archive.vault);
    expect(received.show(id).record).toEqual(testimonies.show(id).record);
    expect(received.versions(id).map((v) => v.recordSha256)).toEqual(testimonies.versions(id).map((v) => v.recordSha256));
    const receivedAttachments = new AttachmentService(archive.vault);
    expect(Buffer.concat((await receivedAttachments.open(attachment.id).stream.toArray()) as Buffer[])).toEqual(audio);
    const custody = archive.archives.custody(id);
    expect(custody.map((event) => [event.event, event.archiveId])).toEqual([
      ['exported', exported.archiveId],
      ['imported', exported.archiveId],
    ]);
    expect(custody[1]).toMatchObject({ archiveSha256: exported.fileSha256, learnedFromArchive: null });
    expect(listAudit(archive.vault.db, { target: exported.archiveId }).map((entry) => entry.action)).toEqual(['archive.import']);
    expect(archive.vault.verifyAudit()).toMatchObject({ ok: true });

    const afterFirst = vaultSnapshot(archive.vault);
    const again = await archive.archives.import(exported.file);
    expect(again.alreadyImported).toBe(true);
    expect(vaultSnapshot(archive.vault)).toEqual(afterFirst);
  });
});

describe('what an import does to a testimony the vault already holds', () => {
  it('appends newer versions with their history, and leaves the vault alone when the archive is older', async () => {
    const sent = new TestimonyService(field.vault);
    const id = sent.add(consentingTestimony('이어지는 증언'));
    const first = await field.archives.export({ to: 'Seoul archive', out: outDir, ids: [id] });
    await archive.archives.import(first.file);
    // Sealed now, carried later (a second USB stick that arrives after the newer one).
    const stale = await field.archives.export({ to: 'Seoul archive', out: outDir, ids: [id] });
    sent.update(id, consentingTestimony('이어지는 증언 v2'));
    sent.update(id, consentingTestimony('이어지는 증언 v3'));

    const newer = await field.archives.export({ to: 'Seoul archive', out: outDir, ids: [id] });
    const verified = await archive.archives.verify(newer.file);
    expect(verified.testimonies).toMatchObject([{ id, outcome: 'newer', incomingVersions: 2 }]);
    await archive.archives.import(newer.file);
    const here = new TestimonyService(archive.vault);
    expect(here.show(id)).toMatchObject({ version: 3, title: '이어지는 증언 v3' });
    expect(here.versions(id).map((v) => v.recordSha256)).toEqual(sent.versions(id).map((v) => v.recordSha256));

    const versionsBefore = vaultSnapshot(archive.vault).tables.testimony_versions;
    const report = await archive.archives.import(stale.file);
    expect(report).toMatchObject({ alreadyImported: false, testimonies: [{ id, outcome: 'older', incomingVersions: 0 }] });
    expect(vaultSnapshot(archive.vault).tables.testimony_versions).toBe(versionsBefore);
    expect(here.show(id).version).toBe(3);
    // Its arrival is still part of the chain of custody.
    expect(archive.archives.custody(id).filter((event) => event.event === 'imported').map((event) => event.archiveId)).toEqual([
      first.archiveId,
      newer.archiveId,
      stale.archiveId,
    ]);
  });

  it('keeps both sides of a conflicting edit, flags it, and fast-forwards once it is resolved', async () => {
    const sent = new TestimonyService(field.vault);
    const here = new TestimonyService(archive.vault);
    const id = sent.add(consentingTestimony('두 곳에서 고친 증언'));
    await archive.archives.import((await field.archives.export({ to: 'Seoul archive', out: outDir, ids: [id] })).file);
    sent.update(id, consentingTestimony('현장에서 고침'));
    here.update(id, consentingTestimony('기록보관소에서 고침'));

    const conflicting = await field.archives.export({ to: 'Seoul archive', out: outDir, ids: [id] });
    expect((await archive.archives.verify(conflicting.file)).testimonies).toMatchObject([{ id, outcome: 'conflict', incomingVersions: 1 }]);
    const imported = await archive.archives.import(conflicting.file);
    expect(imported.conflicts).toEqual([id]);
    // The vault's own edit stays current; nothing was overwritten.
    expect(here.show(id)).toMatchObject({ version: 2, title: '기록보관소에서 고침' });
    const [conflict] = archive.archives.conflicts.list({ testimonyId: id });
    expect(conflict).toMatchObject({ testimonyId: id, baseVersion: 1, localVersion: 2, senderName: 'Field laptop 1', resolved: null });
    expect(conflict!.incoming).toMatchObject([{ originVersion: 2, recordSha256: sent.versions(id)[1]!.recordSha256, createdBy: 'minji' }]);
    expect(archive.archives.conflicts.openConflictIds().has(id)).toBe(true);
    expect((archive.archives.conflicts.incomingRecord(conflict!.id) as { title: string }).title).toBe('현장에서 고침');

    // The same conflicting edit in another archive is recognised, not recorded twice.
    const again = await field.archives.export({ to: 'Seoul archive', out: outDir, ids: [id] });
    expect((await archive.archives.import(again.file)).testimonies).toMatchObject([{ outcome: 'conflict-known' }]);
    expect(archive.archives.conflicts.list({ testimonyId: id })).toHaveLength(1);

    expect(archive.archives.conflicts.resolve(conflict!.id, 'took-incoming')).toEqual({ version: 3 });
    expect(here.show(id)).toMatchObject({ version: 3, title: '현장에서 고침' });
    expect(here.versions(id)).toHaveLength(3);
    expect(archive.archives.conflicts.openConflictIds().has(id)).toBe(false);

    // The field laptop goes on editing: its next archive now simply adds a version.
    sent.update(id, consentingTestimony('현장에서 또 고침'));
    const next = await archive.archives.import((await field.archives.export({ to: 'Seoul archive', out: outDir, ids: [id] })).file);
    expect(next.testimonies).toMatchObject([{ outcome: 'newer', incomingVersions: 1 }]);
    expect(here.show(id)).toMatchObject({ version: 4, title: '현장에서 또 고침' });
    expect(archive.vault.verifyAudit()).toMatchObject({ ok: true });
  });
});

describe('what an export takes', () => {
  it('--since-last takes only what changed since the last export to that workstation', async () => {
    const sent = new TestimonyService(field.vault);
    const a = sent.add(consentingTestimony('A'));
    const b = sent.add(consentingTestimony('B'));
    await field.archives.export({ to: 'Seoul archive', out: outDir });
    await expect(field.archives.export({ to: 'Seoul archive', out: outDir, sinceLast: true })).rejects.toThrow(/Nothing to export/);
    sent.update(a, consentingTestimony('A v2'));
    await new AttachmentService(field.vault).attach(b, Readable.from([Buffer.from('photo')]), { fileName: 'b.jpg' });
    const c = sent.add(consentingTestimony('C'));
    const delta = await field.archives.export({ to: 'Seoul archive', out: outDir, sinceLast: true });
    expect(delta.testimonies.map((t) => t.id).sort()).toEqual([a, b, c].sort());
    await expect(field.archives.export({ to: 'Seoul archive', out: outDir, sinceLast: true })).rejects.toThrow(/Nothing to export/);
  });

  it('respects consent: a testimony whose consent does not cover the purpose, or was withdrawn, stays and is named', async () => {
    const court = await makeVault(path.join(root, 'court'), 'clerk', 'court vault passphrase');
    try {
      await trust(field.archives, court.archives, 'UN COI', 'un-or-court-submission');
      const sent = new TestimonyService(field.vault);
      const allowed = sent.add(consentingTestimony('법정 제출 동의', ['internal-archive', 'un-or-court-submission']));
      const internalOnly = sent.add(consentingTestimony('내부 보관만', ['internal-archive']));
      const withdrawn = sent.add(
        consentingTestimony('철회', ['internal-archive', 'un-or-court-submission'], {
          consent: { scopes: ['internal-archive', 'un-or-court-submission'], obtained: 'written', date: '2024-03-01', withdrawal: { date: '2024-06-01', scopesWithdrawn: ['un-or-court-submission'] } },
        }),
      );
      const report = await field.archives.export({ to: 'UN COI', out: outDir, ids: [allowed, internalOnly, withdrawn] });
      expect(report.testimonies.map((t) => t.id)).toEqual([allowed]);
      expect(report.skipped).toEqual([
        { testimonyId: internalOnly, reason: 'consent-excludes-purpose', message: 'consent does not cover un-or-court-submission' },
        { testimonyId: withdrawn, reason: 'consent-withdrawn', message: 'consent for un-or-court-submission was withdrawn on 2024-06-01' },
      ]);
      expect(listAudit(field.vault.db, { target: report.archiveId })[0]!.details).toMatchObject({ skipped: [internalOnly, withdrawn] });
    } finally {
      court.vault.lock();
    }
  });

  it('plans an export without writing anything: what it would seal, what consent or a missing release leaves out and why, even when nothing is left to seal', async () => {
    const sent = new TestimonyService(field.vault);
    const consenting = sent.add(consentingTestimony('계획한 내보내기'));
    const none = sent.add({ title: '동의 없는 증언', narrative: '동의가 기록되지 않았습니다' });
    const before = vaultSnapshot(field.vault);
    const usb = fs.readdirSync(outDir);
    const plan = await field.archives.planExport({ to: 'Seoul archive', ids: [consenting, none] });
    expect(plan).toMatchObject({
      kind: 'full',
      recipient: { name: 'Seoul archive', purpose: 'internal-archive', fingerprint: (await archive.archives.keys.show()).fingerprint },
      testimonies: [{ id: consenting, title: '계획한 내보내기', versions: 1, attachments: 0 }],
      skipped: [{ testimonyId: none, reason: 'no-consent' }],
    });
    // With nothing to seal, the plan still says why each testimony stays; the export itself refuses.
    expect(await field.archives.planExport({ to: 'Seoul archive', ids: [none] })).toMatchObject({ testimonies: [], attachmentBytes: 0, skipped: [{ testimonyId: none, reason: 'no-consent' }] });
    expect(await field.archives.planExport({ to: 'Seoul archive', ids: [consenting], redacted: true })).toMatchObject({
      kind: 'redacted',
      testimonies: [],
      // Its consent covers the internal archive only, not a redacted publication.
      skipped: [{ testimonyId: consenting, reason: 'consent-excludes-purpose' }],
    });
    await expect(field.archives.export({ to: 'Seoul archive', out: outDir, ids: [none] })).rejects.toThrow(/Nothing to export/);
    await expect(field.archives.export({ to: 'Seoul archive', out: outDir, ids: [consenting], redacted: true })).rejects.toThrow(/No approved releases/);
    await expect(field.archives.planExport({ to: 'Nobody' })).rejects.toThrow(/No trusted workstation/);
    expect(vaultSnapshot(field.vault)).toEqual(before);
    expect(fs.readdirSync(outDir)).toEqual(usb);
  });

  it('refuses unknown ids, unknown workstations, originals for a publication workstation, and --redacted without approved releases', async () => {
    await expect(field.archives.export({ to: 'Seoul archive', out: outDir, ids: ['00000000-0000-4000-8000-000000000000'] })).rejects.toThrow(/no testimony/);
    await expect(field.archives.export({ to: 'Nobody', out: outDir })).rejects.toThrow(/No trusted workstation is named Nobody/);
    const press = await makeVault(path.join(root, 'press'), 'editor', 'press vault passphrase');
    try {
      await trust(field.archives, press.archives, 'Press', 'redacted-publication');
      await expect(field.archives.export({ to: 'Press', out: outDir })).rejects.toThrow(/redacted publications only/);
    } finally {
      press.vault.lock();
    }
    await expect(field.archives.export({ to: 'Seoul archive', out: outDir, redacted: true })).rejects.toThrow(/No approved releases/);
    expect(fs.readdirSync(outDir).filter((name) => name.endsWith('.tmp') || name.startsWith('.'))).toEqual([]);
  });

  it('writes to a file the user names, never over an existing one', async () => {
    const target = path.join(root, 'named.twa');
    const report = await field.archives.export({ to: 'Seoul archive', out: target });
    expect(report.file).toBe(target);
    await expect(field.archives.export({ to: 'Seoul archive', out: target })).rejects.toThrow(/exists already/);
    expect((await archive.archives.verify(target)).archiveId).toBe(report.archiveId);
  });

  it('an archive sealed to this vault before it rotated its key still imports', async () => {
    const id = new TestimonyService(field.vault).add(consentingTestimony('회전 전'));
    const sealed = await field.archives.export({ to: 'Seoul archive', out: outDir, ids: [id] });
    const separate = await makeVault(path.join(root, 'rotating'), 'r', 'rotating vault passphrase');
    try {
      await trust(separate.archives, field.archives, 'Field laptop 1');
      // The field laptop sealed for "Seoul archive", so this vault is not a recipient: refused.
      await expect(separate.archives.verify(sealed.file)).rejects.toMatchObject({ code: 'age-wrong-recipient' });
    } finally {
      separate.vault.lock();
    }
    await archive.archives.keys.rotate();
    const imported = await archive.archives.import(sealed.file);
    expect(imported.testimonies).toMatchObject([{ id, outcome: 'new' }]);
  });

  it('seals for a post-quantum workstation alone (age does not mix kinds), and it imports there', async () => {
    const pq = await makeVault(path.join(root, 'pq'), 'pq', 'post-quantum vault passphrase');
    try {
      await pq.archives.keys.rotate({ pq: true });
      await trust(field.archives, pq.archives, 'PQ archive');
      await trust(pq.archives, field.archives, 'Field laptop 1');
      const id = new TestimonyService(field.vault).add(consentingTestimony('양자 내성'));
      const report = await field.archives.export({ to: 'PQ archive', out: outDir, ids: [id] });
      expect(report.selfIsRecipient).toBe(false);
      expect(report.recipientFingerprints).toEqual([(await pq.archives.keys.show()).fingerprint]);
      expect(fs.readFileSync(report.file).subarray(0, 200).toString('latin1')).toContain('mlkem768x25519');
      expect((await pq.archives.import(report.file)).testimonies).toMatchObject([{ id, outcome: 'new' }]);
    } finally {
      pq.vault.lock();
    }
  });

  it('an interviewer may export but not import; verify needs archive.import or archive.export', async () => {
    const reviewer = await makeVault(path.join(root, 'reviewer'), 'rev', 'reviewer vault passphrase', ['reviewer']);
    try {
      await expect(reviewer.archives.verify(path.join(root, 'named.twa'))).rejects.toThrow(/archive.import or archive.export/);
      await expect(reviewer.archives.import(path.join(root, 'named.twa'))).rejects.toThrow(/archive.import/);
      expect(fs.existsSync(path.join(reviewer.vault.dir, 'staging'))).toBe(false);
    } finally {
      reviewer.vault.lock();
    }
  });
});

describe('an export that cannot finish', () => {
  // 300 kB is read on the main thread; 5 MiB (past OFF_THREAD_MIN_BYTES) on the vault's cipher worker,
  // where the export takes the vault's recorded SHA-256 on the strength of the blob's authentication
  // alone: a flipped bit, a cut at a chunk boundary and another attachment's file must all still stop it.
  it.each([300_000, 5 * 1024 * 1024])('stops on an attachment of %i bytes damaged in the vault, and leaves no archive and no record behind', async (size) => {
    const attachments = new AttachmentService(field.vault);
    const id = new TestimonyService(field.vault).add(consentingTestimony('손상된 첨부'));
    await attachments.attach(id, Readable.from([crypto.randomBytes(size)]), { fileName: 'damaged.m4a' });
    const other = new TestimonyService(field.vault).add(consentingTestimony('다른 첨부'));
    await attachments.attach(other, Readable.from([crypto.randomBytes(size)]), { fileName: 'other.m4a' });
    const blobFileOf = (testimony: string) =>
      path.join(field.vault.dir, 'attachments', `${(field.vault.db.prepare('SELECT blob_id FROM attachments WHERE testimony_id = ?').get(testimony) as { blob_id: string }).blob_id}.bin`);
    const blobFile = blobFileOf(id);
    const original = fs.readFileSync(blobFile);
    const flipped = Buffer.from(original);
    flipped[200_000] = flipped[200_000]! ^ 0x01;
    // TWA1 version 2: a 21-byte header, then chunks of 1 MiB + a 16-byte tag; the last one dropped (the 300 kB file's only one).
    const chunks = Math.ceil(size / (1024 * 1024));
    const variants: Array<[string, Buffer]> = [
      ['a flipped bit', flipped],
      ['cut at a chunk boundary', original.subarray(0, 21 + (chunks - 1) * (1024 * 1024 + 16))],
      ["another attachment's file", fs.readFileSync(blobFileOf(other))],
    ];
    const dir = path.join(root, `damaged-out-${size}`);
    fs.mkdirSync(dir);
    const exportsBefore = (field.vault.db.prepare('SELECT count(*) AS n FROM archive_exports').get() as { n: number }).n;
    try {
      for (const [what, damaged] of variants) {
        fs.writeFileSync(blobFile, damaged);
        for (const onProgress of [undefined, () => undefined]) {
          await expect(field.archives.export({ to: 'Seoul archive', out: dir, ids: [id], ...(onProgress ? { onProgress } : {}) }), what).rejects.toMatchObject({
            code: 'attachment-corrupt',
          });
          expect(fs.readdirSync(dir)).toEqual([]);
        }
      }
      expect((field.vault.db.prepare('SELECT count(*) AS n FROM archive_exports').get() as { n: number }).n).toBe(exportsBefore);
    } finally {
      fs.writeFileSync(blobFile, original);
    }
  });
});

describe('large attachments', () => {
  it('carry across byte for byte when their ciphers run on the workers (export and import)', async () => {
    const id = new TestimonyService(field.vault).add(consentingTestimony('긴 녹음'));
    const audio = crypto.randomBytes(9 * 1024 * 1024 + 777);
    const attachment = await new AttachmentService(field.vault).attach(id, Readable.from([audio]), { fileName: 'long.m4a' });
    const progress: number[] = [];
    const exported = await field.archives.export({ to: 'Seoul archive', out: outDir, ids: [id], onProgress: (p) => progress.push(p.bytesDone) });
    expect(progress.at(-1)).toBeGreaterThanOrEqual(audio.length);
    const imported = await archive.archives.import(exported.file);
    expect(imported.alreadyImported).toBe(false);
    const received = await new AttachmentService(archive.vault).open(attachment.id).stream.toArray();
    expect(Buffer.concat(received as Buffer[]).equals(audio)).toBe(true);
    const staging = path.join(archive.vault.dir, 'staging');
    expect(fs.existsSync(staging) ? fs.readdirSync(staging) : []).toEqual([]);
  });
});
