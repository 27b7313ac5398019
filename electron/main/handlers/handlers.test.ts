import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '@shared/ipc/events';
import type { IpcHandlers } from '../../host/types';
import { handlerCaller } from '../../../tests/helpers/handlers';
import { createServiceHandlers } from './index';

const PASSPHRASE = 'handlers test passphrase';
let root: string;
let vaultDir: string;
let handlers: Partial<IpcHandlers>;
let chosenFiles: string[] = [];
const progress: ProgressEvent[] = [];
let recoveryKey = '';

/** Through the same parse-run-parse path as the main process. */
const { call, value, errorCode } = handlerCaller(() => handlers);

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-test-'));
  vaultDir = path.join(root, 'vault');
  handlers = createServiceHandlers({
    vaultDir,
    emitProgress: (event) => progress.push(event),
    chooseFiles: async () => chosenFiles,
  });
  expect(await value('vault:status')).toEqual({ state: 'no-vault' });
  const created = await value('vault:create', { userName: '김민지', roles: ['interviewer', 'reviewer', 'archivist'], passphrase: PASSPHRASE });
  recoveryKey = created.recoveryKey;
});

afterAll(async () => {
  await call('vault:lock');
  fs.rmSync(root, { recursive: true, force: true });
});

describe('vault handlers', () => {
  it('creates once, reports who holds the vault, and refuses a second vault in the same place', async () => {
    const status = await value('vault:status');
    expect(status.state).toBe('unlocked');
    expect(status.session).toMatchObject({ kind: 'user', user: { name: '김민지', isAdmin: true } });
    expect(recoveryKey).toMatch(/^TWRK-/);
    expect(await errorCode('vault:create', { userName: 'other', roles: ['interviewer'], passphrase: 'another passphrase' })).toBe('vault-exists');
  });
});

describe('testimony and search handlers', () => {
  it('stores versions only through the schema, reads old versions back, and moves status', async () => {
    const { id } = await value('testimony:create', {
      input: {
        title: '회령 증언',
        narrative: '보위부 구류장에서 조사를 받았다.',
        events: [{ id: 'e1', violations: ['detention-kuryujang'], date: '2009~', place: { gazetteerId: 'nk-hoeryong-si' } }],
      },
    });
    expect(await errorCode('testimony:create', { input: { title: '', narrative: 'x' } })).toBe('invalid-request');
    expect(await errorCode('testimony:create', { input: { title: 't', narrative: 'x', events: [{ id: 'e1', date: '2011-13' }] } } as never)).toBe('invalid-request');
    const { version } = await value('testimony:update', { id, expectedVersion: 1, input: { title: '회령 증언', narrative: '보위부 구류장에서 두 달 조사를 받았다.' } });
    expect(version).toBe(2);
    expect(await errorCode('testimony:update', { id, expectedVersion: 1, input: { title: 'stale', narrative: 'stale' } })).toBe('version-conflict');
    const first = await value('testimony:get', { id, version: 1 });
    expect(first).toMatchObject({ shownVersion: 1, version: 2, record: { narrative: { text: '보위부 구류장에서 조사를 받았다.' } } });
    const versions = await value('testimony:versions', { id });
    expect(versions.versions.map((each) => [each.version, each.createdBy])).toEqual([[1, '김민지'], [2, '김민지']]);
    expect(await value('testimony:set-status', { id, status: 'in-review' })).toEqual({ status: 'in-review' });
    expect(await errorCode('testimony:set-status', { id, status: 'in-review' })).toBe('bad-status-change');
    const list = await value('testimony:list', { status: 'in-review' });
    expect(list.total).toBe(1);
    expect(list.items.map((item) => item.id)).toEqual([id]);
  });

  it('searches with filters and pages, and counts for the dashboard', async () => {
    for (let index = 0; index < 3; index += 1) {
      await value('testimony:create', {
        input: {
          title: `무산 ${index}`,
          narrative: '강제송환 뒤 집결소',
          events: [{ id: 'e1', violations: ['forced-repatriation-china'], date: `201${index}`, place: { gazetteerId: 'nk-musan-gun' } }],
        },
      });
    }
    const result = await value('search:query', { query: '집결소', filters: { province: 'nk-hamgyongbuk-do' } });
    expect(result.total).toBe(3);
    expect(result.facets.year.map((facet) => facet.value).sort()).toEqual(['2010', '2011', '2012']);
    const pages = [...(await value('search:query', { query: '집결소', limit: 2 })).hits, ...(await value('search:query', { query: '집결소', limit: 2, offset: 2 })).hits];
    expect(new Set(pages.map((hit) => hit.id)).size).toBe(3);
    const dashboard = await value('stats:dashboard');
    expect(dashboard.testimonies).toBe(4);
    expect(dashboard.byViolation).toContainEqual({ code: 'forced-repatriation-china', testimonies: 3 });
    // The first testimony's second version has no events left.
    expect(dashboard.byProvince).toEqual([{ province: 'nk-hamgyongbuk-do', testimonies: 3 }]);
    expect(dashboard.byYear.find((row) => row.year === 2010)).toEqual({ year: 2010, testimonies: 1, violations: 1 });
  });
});

describe('attachment handlers', () => {
  let testimonyId: string;
  beforeAll(async () => {
    testimonyId = (await value('testimony:create', { input: { title: 'with files', narrative: 'files' } })).id;
  });

  const blobFiles = () => fs.readdirSync(path.join(vaultDir, 'attachments'));

  it('takes a file in chunks, stores it encrypted, and gives the same bytes back in chunks', async () => {
    const content = crypto.randomBytes(2 * 1024 * 1024 + 12345);
    const { uploadId } = await value('attachment:upload-begin', { testimonyId, fileName: 'interview.webm', mediaType: 'audio/webm;codecs=opus', size: content.length });
    for (let offset = 0; offset < content.length; offset += 512 * 1024) {
      await value('attachment:upload-chunk', { uploadId, bytes: content.subarray(offset, offset + 512 * 1024) });
    }
    const { attachment } = await value('attachment:upload-finish', { uploadId });
    expect(attachment).toMatchObject({ fileName: 'interview.webm', mediaType: 'audio/webm;codecs=opus', size: content.length, sha256: crypto.createHash('sha256').update(content).digest('hex') });
    // Ciphertext only: the plaintext's first kilobyte appears in no stored file.
    for (const file of blobFiles()) expect(fs.readFileSync(path.join(vaultDir, 'attachments', file)).includes(content.subarray(0, 1024))).toBe(false);

    const { readId } = await value('attachment:read-begin', { attachmentId: attachment.id });
    const parts: Buffer[] = [];
    for (;;) {
      const chunk = await value('attachment:read-chunk', { readId });
      expect(chunk.bytes.byteLength).toBeLessThanOrEqual(1024 * 1024);
      parts.push(Buffer.from(chunk.bytes));
      if (chunk.done) break;
    }
    expect(Buffer.concat(parts).equals(content)).toBe(true);
    expect(await errorCode('attachment:read-chunk', { readId })).toBe('no-such-transfer');
    expect(await value('attachment:verify', { attachmentId: attachment.id })).toEqual({ intact: true });
    expect((await value('attachment:list', { testimonyId })).attachments.map((each) => each.id)).toContain(attachment.id);
  });

  it('refuses an oversized chunk, and a cancelled upload leaves nothing behind', async () => {
    const before = blobFiles().sort();
    const { uploadId } = await value('attachment:upload-begin', { testimonyId, fileName: 'cancel.bin' });
    await value('attachment:upload-chunk', { uploadId, bytes: crypto.randomBytes(1000) });
    expect(await errorCode('attachment:upload-chunk', { uploadId, bytes: new Uint8Array(1024 * 1024 + 1) })).toBe('invalid-request');
    expect(await value('attachment:upload-cancel', { uploadId })).toBeNull();
    expect(await errorCode('attachment:upload-finish', { uploadId })).toBe('no-such-transfer');
    // Once the cancel is answered, the partial file is gone.
    expect(blobFiles().sort()).toEqual(before);
    expect(await errorCode('attachment:upload-begin', { testimonyId: crypto.randomUUID(), fileName: 'x.bin' })).toBe('no-such-testimony');
  });

  it('attaches files chosen in the main process dialog and reports progress', async () => {
    const file = path.join(root, 'photo.jpg');
    fs.writeFileSync(file, crypto.randomBytes(300_000));
    chosenFiles = [file];
    const { attachments } = await value('attachment:add-from-dialog', { testimonyId });
    expect(attachments).toHaveLength(1);
    expect(attachments[0]).toMatchObject({ fileName: 'photo.jpg', mediaType: 'image/jpeg', size: 300_000 });
    expect(progress.at(-1)).toMatchObject({ type: 'progress', operation: 'attachment-add', done: 300_000, total: 300_000 });
    chosenFiles = [];
    expect((await value('attachment:add-from-dialog', { testimonyId })).attachments).toEqual([]);
  });

  it('answers not-available where there is no dialog', async () => {
    const withoutDialog = createServiceHandlers({ vaultDir: path.join(root, 'elsewhere'), emitProgress: () => undefined });
    const other = handlerCaller(() => withoutDialog);
    expect(await other.errorCode('attachment:add-from-dialog', { testimonyId })).toBe('not-available');
    // That host has no vault open: it must not see this one's.
    expect(await other.errorCode('testimony:list', {})).toBe('vault-locked');
  });
});

describe('users and audit handlers', () => {
  it('lets the administrator add users, and pages through a verified audit log with names', async () => {
    const { user } = await value('user:add', { name: 'reviewer-lee', roles: ['reviewer'], passphrase: 'reviewer passphrase' });
    expect(user).toMatchObject({ name: 'reviewer-lee', roles: ['reviewer'], isAdmin: false });
    expect(await errorCode('user:add', { name: 'reviewer-lee', roles: ['reviewer'], passphrase: 'reviewer passphrase' })).toBe('user-exists');
    expect((await value('user:list')).users.map((each) => each.name).sort()).toEqual(['reviewer-lee', '김민지']);
    const first = await value('audit:list', { limit: 3 });
    expect(first.entries).toHaveLength(3);
    expect(first.entries[0]!.action).toBe('user.add');
    expect(first.entries[0]!.user).toBe('김민지');
    const next = await value('audit:list', { limit: 3, beforeSeq: first.entries.at(-1)!.seq });
    expect(next.entries[0]!.seq).toBe(first.entries.at(-1)!.seq - 1);
    expect(await value('audit:verify')).toEqual({ intact: true, entries: first.total });
    expect(JSON.stringify(first.entries)).not.toContain('구류장');
  });
});

describe('locking', () => {
  it('drops the vault and every transfer on lock; a wrong passphrase is refused without echo; the recovery key resets a passphrase', async () => {
    const testimonyId = (await value('testimony:create', { input: { title: 'before lock', narrative: 'text' } })).id;
    const { uploadId } = await value('attachment:upload-begin', { testimonyId, fileName: 'in-flight.bin' });
    await value('attachment:upload-chunk', { uploadId, bytes: crypto.randomBytes(5000) });
    expect(await value('vault:lock')).toBeNull();
    expect(await value('vault:status')).toEqual({ state: 'locked' });
    for (const code of [
      await errorCode('testimony:list', {}),
      await errorCode('search:query', { query: '회령' }),
      await errorCode('testimony:get', { id: testimonyId }),
      await errorCode('stats:dashboard'),
      await errorCode('audit:list', {}),
    ]) {
      expect(code).toBe('vault-locked');
    }
    expect(await errorCode('attachment:upload-chunk', { uploadId, bytes: new Uint8Array(10) })).toBe('no-such-transfer');
    expect(fs.readdirSync(path.join(vaultDir, 'attachments')).some((name) => name.endsWith('.partial'))).toBe(false);

    const wrong = await call('vault:unlock', { passphrase: 'not the passphrase at all' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong-passphrase' } });
    expect(JSON.stringify(wrong)).not.toContain('not the passphrase');

    const recovery = await value('vault:unlock', { passphrase: recoveryKey.toLowerCase() });
    expect(recovery.session).toEqual({ kind: 'recovery', userNames: expect.arrayContaining(['김민지', 'reviewer-lee']) });
    expect(await errorCode('testimony:list', {})).toBe('recovery-session');
    await value('vault:change-passphrase', { userName: '김민지', newPassphrase: 'a brand new passphrase' });
    await value('vault:lock');
    expect((await value('vault:unlock', { passphrase: 'a brand new passphrase' })).session).toMatchObject({ kind: 'user', user: { name: '김민지' } });
    expect((await value('testimony:get', { id: testimonyId })).title).toBe('before lock');
  });
});
