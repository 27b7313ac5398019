import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { jpegWithMetadata } from './helpers/exif';
import { Vault } from '../electron/services/vault/vault';
import { TestimonyService } from '../electron/services/testimony/testimony-service';
import { AttachmentService } from '../electron/services/attachments/attachment-service';
import { ReviewService } from '../electron/services/redaction/review-service';

const ROOT = path.resolve(__dirname, '..');
const MINJI = 'minji passphrase on the command line';
const JUN = 'jun passphrase on the command line';
let work: string;
let vault: string;

function tw(args: string[], passphrase = MINJI, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/tw.mjs'), ...args, '--vault', vault], {
    cwd: work,
    env: { ...process.env, TW_PASSPHRASE: passphrase, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-cli-'));
  vault = path.join(work, 'vault');
  return () => fs.rmSync(work, { recursive: true, force: true });
});

describe('tw review and tw release', () => {
  // Each tw process unlocks the vault (Argon2id) and loads the detector: the vault and testimony are
  // made in-process, and only the review and release commands run as processes.
  it('reviews, prepares, refuses self-approval, and releases with a second reviewer', { timeout: 300_000 }, async () => {
    const { vault: opened } = await Vault.create(vault, { userName: 'minji', roles: ['interviewer', 'reviewer'], passphrase: MINJI });
    let id: string;
    try {
      await opened.addUser({ name: 'jun', roles: ['reviewer'], passphrase: JUN });
      id = new TestimonyService(opened).add({
        title: '증언',
        narrative: '김영철은 회령에서 왔습니다.',
        people: [{ id: 'p1', relation: 'broker', name: '김영철' }],
        consent: { scopes: ['internal-archive', 'redacted-publication'], obtained: 'written', date: '2024-03-15' },
      });
      await new AttachmentService(opened).attach(id, Readable.from([jpegWithMetadata(16, 16, { make: 'Canon', gps: { lat: 42, lon: 129 } })]), { fileName: 'photo.jpg' });
    } finally {
      opened.lock();
    }

    expect(tw(['review', 'start', id]).stdout).toMatch(/created: \d+ items, \d+ pending/);
    const list = JSON.parse(tw(['review', 'list', id, '--pending', '--json']).stdout) as { items: { id: string; surface: string }[] };
    expect(list.items.map((item) => item.surface)).toEqual(expect.arrayContaining(['김영철', '회령']));
    const name = list.items.find((item) => item.surface === '김영철')!;
    expect(tw(['review', 'decide', id, name.id, 'accept', '--all']).stdout).toMatch(/^Decided \d+ items?/);
    const again = await Vault.unlock(vault, MINJI);
    try {
      const review = new ReviewService(again);
      expect(() => review.decide(id, name.id, 'accept', { operator: 'generalise' })).toThrow(/generalise does not apply to PERSON/);
      for (const item of review.show(id).items) if (item.status === 'pending') review.decide(id, item.id, 'accept');
    } finally {
      again.lock();
    }

    expect(tw(['release', 'prepare', id]).stdout).toMatch(/prepared from version 1.*\n.*image-1\.jpg/);
    const self = tw(['release', 'approve', id]);
    expect(self.status).toBe(1);
    expect(self.stderr.trim()).toBe('tw: You prepared this release; a second reviewer must approve it');
    expect(tw(['release', 'approve', id], JUN).stdout).toMatch(/approved/);
    const shown = JSON.parse(tw(['release', 'show', id, '--json'], JUN).stdout) as { status: string; record: { record: { narrative: { text: string } } } };
    expect(shown.status).toBe('approved');
    expect(shown.record.record.narrative.text).toBe('인물 A는 함경북도에서 왔습니다.');
    expect(JSON.stringify(shown)).not.toContain('김영철');
  });
});
