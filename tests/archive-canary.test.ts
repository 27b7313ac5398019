/**
 * Plaintext canary through a whole archive round trip: a testimony and an attachment holding random
 * marker text are exported, verified and imported (and an import is refused midway). Afterwards no
 * file of either vault, no archive file and nothing new in the temp folder holds the markers, in
 * UTF-8 or UTF-16: the text existed on disk only inside encryption.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers/temp';
import { TestimonyService } from '../electron/services/testimony/testimony-service';
import { AttachmentService } from '../electron/services/attachments/attachment-service';
import { consentingTestimony, makeVault, trust } from './helpers/archive-vaults';

// Made at run time, so that no source file or compiled-test cache holds them.
const CANARY_LATIN = `CANARY${crypto.randomBytes(8).toString('hex')}`;
const CANARY_HANGUL = Array.from(crypto.randomBytes(10), (byte) => String.fromCharCode(0xac00 + byte * 40)).join('');
const needles = [CANARY_LATIN, CANARY_HANGUL].flatMap((text) => [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')]);

function filesUnder(dir: string, since = 0): string[] {
  const out: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    try {
      if (entry.isDirectory()) out.push(...filesUnder(full, since));
      else if (entry.isFile() && fs.statSync(full).mtimeMs >= since) out.push(full);
    } catch {
      // files of other processes come and go
    }
  }
  return out;
}

function holdingCanary(files: string[]): string[] {
  return files.filter((file) => {
    try {
      const bytes = fs.readFileSync(file);
      return needles.some((needle) => bytes.includes(needle));
    } catch {
      return false;
    }
  });
}

describe('plaintext canary through export and import', () => {
  it('leaves the marker text in no file of either vault, the archive, or the temp folder', async () => {
    const started = Date.now();
    const root = tempDir();
    const field = await makeVault(path.join(root, 'field'), 'minji', 'canary field passphrase');
    const archive = await makeVault(path.join(root, 'archive'), 'archivist', 'canary archive passphrase');
    try {
      await trust(field.archives, archive.archives, 'Seoul');
      await trust(archive.archives, field.archives, 'Field');
      const id = new TestimonyService(field.vault).add(consentingTestimony(`${CANARY_LATIN} ${CANARY_HANGUL}`));
      const audio = Buffer.concat([crypto.randomBytes(70_000), Buffer.from(`${CANARY_LATIN}${CANARY_HANGUL}`.repeat(50)), crypto.randomBytes(70_000)]);
      await new AttachmentService(field.vault).attach(id, Readable.from([audio]), { fileName: 'canary.m4a' });
      const out = path.join(root, 'usb');
      fs.mkdirSync(out);
      const exported = await field.archives.export({ to: 'Seoul', out });
      await archive.archives.verify(exported.file);
      // A refused import after staging: the archive cut short at its end.
      const cut = path.join(out, 'cut.twa');
      fs.writeFileSync(cut, fs.readFileSync(exported.file).subarray(0, -20));
      await expect(archive.archives.import(cut)).rejects.toMatchObject({ name: 'UserError' });
      await archive.archives.import(exported.file);
      expect(new TestimonyService(archive.vault).show(id).title).toContain(CANARY_LATIN);

      field.vault.lock();
      archive.vault.lock();
      const files = [...filesUnder(root), ...filesUnder(os.tmpdir(), started).filter((file) => !file.startsWith(root))];
      expect(files.length).toBeGreaterThan(5);
      expect(holdingCanary(files)).toEqual([]);
    } finally {
      field.vault.lock();
      archive.vault.lock();
    }
  }, 300_000);
});
