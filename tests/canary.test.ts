import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers/temp';
import { Vault } from '../electron/services/vault/vault';
import { TestimonyService } from '../electron/services/testimony/testimony-service';
import { SearchService } from '../electron/services/search/search-service';
import { AttachmentService } from '../electron/services/attachments/attachment-service';
import { Readable } from 'node:stream';

// Made at run time, so that no source file or compiled-test cache holds them.
const CANARY_LATIN = `CANARY${crypto.randomBytes(8).toString('hex')}`;
const CANARY_HANGUL = Array.from(crypto.randomBytes(10), (byte) => String.fromCharCode(0xac00 + byte * 40)).join('');
const PASS = 'canary test passphrase';

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Every file that holds either canary in UTF-8 or UTF-16, the encodings SQLite and V8 might spill. */
function filesWithCanary(files: string[]): string[] {
  const needles = [CANARY_LATIN, CANARY_HANGUL].flatMap((text) => [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')]);
  return files.filter((file) => {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      return false;
    }
    return needles.some((needle) => bytes.includes(needle));
  });
}

function newTempFiles(since: number): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      try {
        if (entry.isDirectory() && depth < 4) walk(full, depth + 1);
        else if (entry.isFile() && fs.statSync(full).mtimeMs >= since) out.push(full);
      } catch {
        // Files of other processes come and go.
      }
    }
  };
  walk(os.tmpdir(), 0);
  return out;
}

describe('no plaintext outside the vault', () => {
  it('leaves no canary in the vault folder, its WAL, or the temp folder after a full session', async () => {
    const started = Date.now() - 1000;
    const dir = path.join(tempDir(), 'vault');
    const { vault } = await Vault.create(dir, { userName: 'interviewer', roles: ['interviewer', 'reviewer'], passphrase: PASS });
    const testimonies = new TestimonyService(vault);
    const id = testimonies.add({
      title: `${CANARY_LATIN} 제목`,
      narrative: `${CANARY_HANGUL} 이야기 ${CANARY_LATIN} `.repeat(200),
      interviewee: { code: 'NK-0001', identity: { realName: CANARY_HANGUL, phone: '010-0000-0000' } },
    });
    testimonies.update(id, { title: `${CANARY_LATIN} 고침`, narrative: `${CANARY_HANGUL} 고친 이야기`.repeat(300) });
    expect(new SearchService(vault).search(CANARY_HANGUL).total).toBe(1);
    const attachment = await new AttachmentService(vault).attach(
      id,
      Readable.from([Buffer.from(`${CANARY_LATIN} ${CANARY_HANGUL}\n`.repeat(50_000))]),
      { fileName: 'transcript.txt' },
    );

    // While unlocked: the WAL holds the latest pages, and must be as opaque as the database.
    expect(fs.existsSync(path.join(dir, 'vault.db-wal'))).toBe(true);
    expect(filesWithCanary(filesUnder(dir))).toEqual([]);
    vault.lock();

    const reopened = await Vault.unlock(dir, PASS);
    expect(new TestimonyService(reopened).show(id).record.narrative.text).toContain(CANARY_HANGUL);
    await new AttachmentService(reopened).verify(attachment.id);
    reopened.lock();

    expect(filesWithCanary(filesUnder(dir))).toEqual([]);
    expect(filesWithCanary(newTempFiles(started))).toEqual([]);
    expect(fs.readFileSync(path.join(dir, 'vault.db')).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
  });
});
