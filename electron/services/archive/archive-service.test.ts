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

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-test-'));
  outDir = path.join(root, 'usb');
  fs.mkdirSync(outDir);
  field = await makeVault(path.join(root, 'field'), 'minji', 'field laptop passphrase');
  archive = await makeVault(path.join(root, 'archive'), 'archivist', 'archive passphrase');
  await trust(field.archives, archive.archives, 'Seoul archive');
  await trust(archive.archives, field.archives, 'Field laptop 1');
});
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
    expect(await readAll(receivedAttachments.open(attachment.id).stream)).toEqual(audio);
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
