/**
 * SIGKILL during `import` at random moments: while reading and staging, while moving staged files
 * into the vault, while committing. Afterwards the vault opens consistent (integrity_check, audit
 * chain), the archive is either wholly imported or not at all, no staged or orphaned file is left
 * (cleaned at unlock), and importing again works.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';
import { Vault, ATTACHMENTS_DIR } from '../../electron/services/vault/vault';
import { TestimonyService } from '../../electron/services/testimony/testimony-service';
import { AttachmentService } from '../../electron/services/attachments/attachment-service';
import { ArchiveService } from '../../electron/services/archive/archive-service';
import { consentingTestimony, makeVault, trust } from '../helpers/archive-vaults';

const ROOT = path.resolve(__dirname, '../..');
const PASS = 'archive crash test passphrase';
const ROUNDS = 8;

function runAndKill(dir: string, file: string, delayMs: number): Promise<'killed' | 'completed'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/crash/archive-importer.ts', dir, PASS, file], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let buffer = '';
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.stdout.on('data', (data: Buffer) => {
      buffer += data.toString();
      if (buffer.includes('ready\n') && !buffer.includes('armed')) {
        buffer += 'armed';
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(buffer.includes('imported\n') ? 'completed' : 'killed');
      else if (code === 0) resolve('completed');
      else reject(new Error(`importer failed (${code}): ${stderr.slice(0, 1000)}`));
    });
  });
}

/** The archive is wholly in the vault or not at all; no staged, orphaned or missing file. */
async function checkConsistent(vault: Vault, archiveId: string, testimonyIds: string[]): Promise<boolean> {
  const db = vault.db;
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(vault.verifyAudit()).toMatchObject({ ok: true });
  expect(fs.existsSync(path.join(vault.dir, 'staging'))).toBe(false);
  const blobs = new Set(fs.readdirSync(path.join(vault.dir, ATTACHMENTS_DIR)).map((name) => name.replace(/\.bin$/, '')));
  const referenced = new Set((db.prepare('SELECT blob_id FROM attachments').all() as Array<{ blob_id: string }>).map((row) => row.blob_id));
  expect([...blobs].sort()).toEqual([...referenced].sort());
  const imported = db.prepare('SELECT 1 FROM archive_imports WHERE archive_id = ?').get(archiveId) !== undefined;
  const present = testimonyIds.filter((id) => db.prepare('SELECT 1 FROM testimonies WHERE id = ?').get(id));
  expect(present.length, `archive ${archiveId} half imported`).toBe(imported ? testimonyIds.length : 0);
  if (imported) {
    const attachments = new AttachmentService(vault);
    for (const id of testimonyIds) for (const attachment of attachments.list(id)) await attachments.verify(attachment.id);
  }
  return imported;
}

describe('crash safety of import', () => {
  it(`leaves the vault consistent after SIGKILLs at random moments of ${ROUNDS} imports, and a re-run imports cleanly`, async () => {
    const root = tempDir();
    const field = await makeVault(path.join(root, 'field'), 'minji', 'crash field passphrase');
    const receiver = await makeVault(path.join(root, 'archive'), 'archivist', PASS);
    await trust(field.archives, receiver.archives, 'Seoul archive');
    await trust(receiver.archives, field.archives, 'Field laptop');
    receiver.vault.lock();
    // One archive per round, each with testimonies and attachments of its own, big enough that the
    // import takes a while (staging is encrypted and fsynced).
    const archives: Array<{ file: string; archiveId: string; ids: string[] }> = [];
    const testimonies = new TestimonyService(field.vault);
    const attach = new AttachmentService(field.vault);
    for (let round = 0; round < ROUNDS; round += 1) {
      const ids: string[] = [];
      for (let k = 0; k < 3; k += 1) {
        const id = testimonies.add(consentingTestimony(`round ${round} testimony ${k}`));
        await attach.attach(id, Readable.from([crypto.randomBytes(2_000_000 + k * 100_000)]), { fileName: `audio-${k}.m4a` });
        ids.push(id);
      }
      const exported = await field.archives.export({ to: 'Seoul archive', out: root, ids });
      archives.push({ file: exported.file, archiveId: exported.archiveId, ids });
    }
    field.vault.lock();

    const outcomes: string[] = [];
    for (const [round, item] of archives.entries()) {
      const delay = Math.floor(Math.random() * 900);
      outcomes.push(`${delay}ms:${await runAndKill(receiver.vault.dir, item.file, delay)}`);
      const vault = await Vault.unlock(receiver.vault.dir, PASS);
      try {
        // Earlier rounds stay as they were; this round is all or nothing.
        for (const earlier of archives.slice(0, round + 1)) await checkConsistent(vault, earlier.archiveId, earlier.ids);
      } finally {
        vault.lock();
      }
    }
    console.log('archive import crash rounds:', outcomes.join(', '));

    const vault = await Vault.unlock(receiver.vault.dir, PASS);
    try {
      const service = new ArchiveService(vault);
      for (const item of archives) {
        const report = await service.import(item.file);
        expect(report.testimonies.map((t) => t.id).sort()).toEqual([...item.ids].sort());
        expect(await checkConsistent(vault, item.archiveId, item.ids)).toBe(true);
      }
    } finally {
      vault.lock();
    }
  }, 600_000);
});
