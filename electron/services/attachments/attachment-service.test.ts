import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault } from '../vault/vault';
import { TestimonyService } from '../testimony/testimony-service';
import { listAudit } from '../vault/audit-log';
import { AttachmentService } from './attachment-service';

let root: string;
let vault: Vault;
let testimonyId: string;

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-test-'));
  vault = (await Vault.create(path.join(root, 'v'), { userName: 'i', roles: ['interviewer'], passphrase: 'attachment service pass' })).vault;
  testimonyId = new TestimonyService(vault).add({ title: 'with audio', narrative: '녹음' });
});
afterAll(() => {
  vault.lock();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('attachments of a testimony', () => {
  it('stores, lists, verifies and returns the exact bytes, recording the hash in the audit log', async () => {
    const service = new AttachmentService(vault);
    const content = crypto.randomBytes(300_000);
    const info = await service.attach(testimonyId, Readable.from([content]), { fileName: '../../etc/interview.m4a' });
    expect(info).toMatchObject({ fileName: 'interview.m4a', mediaType: 'audio/mp4', size: content.length });
    expect(info.sha256).toBe(crypto.createHash('sha256').update(content).digest('hex'));
    expect(service.list(testimonyId).map((a) => a.id)).toEqual([info.id]);
    await service.verify(info.id);
    expect(await readAll(service.open(info.id).stream)).toEqual(content);
    expect(listAudit(vault.db, { target: testimonyId }).map((e) => e.action)).toContain('attachment.add');
  });

  it('refuses an altered ciphertext', async () => {
    const service = new AttachmentService(vault);
    const info = await service.attach(testimonyId, Readable.from([crypto.randomBytes(200_000)]), { fileName: 'photo.jpg' });
    const dir = path.join(vault.dir, 'attachments');
    const blob = fs.readdirSync(dir).map((name) => path.join(dir, name)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0]!;
    const bytes = fs.readFileSync(blob);
    bytes.writeUInt8(bytes.readUInt8(100_000) ^ 0x01, 100_000);
    fs.writeFileSync(blob, bytes);
    await expect(service.verify(info.id)).rejects.toMatchObject({ code: 'attachment-corrupt' });
  });

  it('refuses an unknown testimony and leaves no file behind', async () => {
    const service = new AttachmentService(vault);
    const before = fs.readdirSync(path.join(vault.dir, 'attachments')).length;
    await expect(service.attach('no-such-id', Readable.from([Buffer.from('x')]), { fileName: 'a.txt' })).rejects.toMatchObject({
      code: 'no-such-testimony',
    });
    expect(fs.readdirSync(path.join(vault.dir, 'attachments')).length).toBe(before);
  });

  it('removes encrypted files that no attachment refers to (left by a crash between file and row)', async () => {
    const service = new AttachmentService(vault);
    const orphan = path.join(vault.dir, 'attachments', `${crypto.randomBytes(16).toString('hex')}.bin`);
    fs.writeFileSync(orphan, crypto.randomBytes(100));
    const kept = service.list(testimonyId).length;
    expect(await service.removeOrphans()).toBe(1);
    expect(fs.existsSync(orphan)).toBe(false);
    expect(service.list(testimonyId).length).toBe(kept);
  });

  it('refuses attaching for a user without the interviewer role', async () => {
    const reviewerVaultDir = path.join(root, 'v2');
    const { vault: admin } = await Vault.create(reviewerVaultDir, { userName: 'r', roles: ['reviewer'], passphrase: 'reviewer only pass' });
    try {
      await expect(new AttachmentService(admin).attach(testimonyId, Readable.from([Buffer.from('x')]), { fileName: 'a.txt' })).rejects.toMatchObject({
        code: 'forbidden',
      });
    } finally {
      admin.lock();
    }
  });
});
