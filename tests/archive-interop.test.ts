/**
 * Sealed archives against the standard tools from Debian's packages: what `tw export` writes opens
 * with `age -d`, `tar`, `minisign -V` and `sha256sum -c`; and an archive assembled by hand with
 * `age-keygen`, `minisign`, `sha256sum`, `tar` and `age` imports with `tw import`. The vaults are
 * driven through the service (each `tw` call costs an Argon2id unlock); `tw keys show --json` and
 * `tw import` go through the command line's main(), whose output SPEC.md fixes.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../electron/cli/main';
import type { Vault } from '../electron/services/vault/vault';
import type { ArchiveService } from '../electron/services/archive/archive-service';
import { TestimonyService } from '../electron/services/testimony/testimony-service';
import { AttachmentService } from '../electron/services/attachments/attachment-service';
import { consentingTestimony, makeVault, trust } from './helpers/archive-vaults';

/** Each tw call unlocks with Argon2id at 256 MiB; on a busy 2-core machine that alone takes seconds. */
const CLI_TIMEOUT_MS = 600_000;
const PASS = 'interop test passphrase';
const TOOLS = ['age', 'age-keygen', 'minisign', 'tar', 'sha256sum'];
const missing = TOOLS.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
if (missing.length > 0) console.warn(`archive interop tests skipped: ${missing.join(', ')} not installed (apt-get install age minisign)`);

let work: string;
let field: { vault: Vault; archives: ArchiveService };
let archive: { vault: Vault; archives: ArchiveService };
const previousPassphrase = process.env.TW_PASSPHRASE;

function run(command: string, args: string[], options: { cwd?: string } = {}) {
  const result = spawnSync(command, args, { cwd: options.cwd ?? work, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `tw …` through the command line's main(), in this process; returns its parsed --json output. */
async function twJson<T>(...argv: string[]): Promise<T> {
  const lines: string[] = [];
  const status = await main([...argv, '--json'], { out: (text) => lines.push(text) });
  expect(status).toBe(0);
  return JSON.parse(lines.join('\n')) as T;
}

function sh(script: string, cwd?: string) {
  const result = run('bash', ['-euo', 'pipefail', '-c', script], cwd ? { cwd } : {});
  expect(result.status, `${script}\n${result.stderr}`).toBe(0);
  return result;
}

type Keys = { ageRecipient: string; minisignPublicKey: string; fingerprint: string };

beforeAll(async () => {
  process.env.TW_PASSPHRASE = PASS;
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-interop-'));
  if (missing.length > 0) return;
  field = await makeVault(path.join(work, 'field'), 'minji', PASS);
  archive = await makeVault(path.join(work, 'archive'), 'archivist', PASS);
  await trust(field.archives, archive.archives, 'Seoul archive');
  await trust(archive.archives, field.archives, 'Field laptop');
}, CLI_TIMEOUT_MS);
afterAll(() => {
  field?.vault.lock();
  archive?.vault.lock();
  if (previousPassphrase === undefined) delete process.env.TW_PASSPHRASE;
  else process.env.TW_PASSPHRASE = previousPassphrase;
  fs.rmSync(work, { recursive: true, force: true });
});

describe.skipIf(missing.length > 0)('sealed archives and the standard tools', () => {
  it('tw keys show --json prints exactly the three fields of SPEC.md', async () => {
    const shown = await twJson<Keys>('keys', 'show', '--vault', field.vault.dir);
    expect(Object.keys(shown)).toEqual(['ageRecipient', 'minisignPublicKey', 'fingerprint']);
    const keys = await field.archives.keys.show();
    expect(shown).toEqual({ ageRecipient: keys.ageRecipient, minisignPublicKey: keys.minisignPublicKey, fingerprint: keys.fingerprint });
  }, CLI_TIMEOUT_MS);

  it('an exported archive opens with age -d, tar, minisign -V and sha256sum -c', async () => {
    const fieldKeys = await field.archives.keys.show();
    const archiveKeys = await archive.archives.keys.show();
    const id = new TestimonyService(field.vault).add(consentingTestimony('표준 도구로 여는 증언'));
    const audio = crypto.randomBytes(150_000);
    await new AttachmentService(field.vault).attach(id, Readable.from([audio]), { fileName: 'interview.m4a' });
    fs.mkdirSync(path.join(work, 'usb'));
    const exported = await field.archives.export({ to: 'Seoul archive', out: path.join(work, 'usb') });

    await archive.archives.keys.exportIdentity(path.join(work, 'archive-identity.txt'));
    fs.mkdirSync(path.join(work, 'opened'));
    sh(`age -d -i archive-identity.txt ${JSON.stringify(exported.file)} | tar -x -C opened`);
    const bag = path.join(work, 'opened', exported.archiveId);
    const verified = run('minisign', ['-Vm', 'tagmanifest-sha256.txt', '-P', fieldKeys.minisignPublicKey], { cwd: bag });
    expect(verified.status).toBe(0);
    expect(verified.stdout).toContain(`id=${exported.archiveId}`);
    expect(verified.stdout).toContain(archiveKeys.fingerprint);
    const manifest = run('sha256sum', ['-c', 'manifest-sha256.txt'], { cwd: bag });
    expect(manifest.status).toBe(0);
    expect(manifest.stdout.trim().split('\n')).toHaveLength(5);
    expect(manifest.stdout.trim().split('\n').every((line) => line.endsWith(': OK'))).toBe(true);
    expect(run('sha256sum', ['-c', 'tagmanifest-sha256.txt'], { cwd: bag }).status).toBe(0);

    const bagInfo = fs.readFileSync(path.join(bag, 'bag-info.txt'), 'utf8');
    expect(bagInfo).toContain('TW-Format: 1\n');
    expect(bagInfo).toContain(`TW-Sender: ${fieldKeys.fingerprint}\n`);
    expect(bagInfo).toContain(`External-Identifier: ${exported.archiveId}\n`);
    const attachments = fs.readdirSync(path.join(bag, 'data/testimonies', id, 'attachments'));
    expect(attachments).toEqual([expect.stringMatching(/\.m4a$/)]);
    expect(fs.readFileSync(path.join(bag, 'data/testimonies', id, 'attachments', attachments[0]!))).toEqual(audio);
    const record = JSON.parse(fs.readFileSync(path.join(bag, 'data/testimonies', id, 'versions/1.json'), 'utf8'));
    expect(record).toEqual(new TestimonyService(field.vault).show(id).record);
    expect(fs.existsSync(path.join(bag, 'data/schema/testimony-record-v1.schema.json'))).toBe(true);
  }, CLI_TIMEOUT_MS);

  it('an archive assembled by hand with age-keygen, minisign, sha256sum, tar and age imports', async () => {
    // A sender without this program: its own age key and an unencrypted minisign key (-W).
    sh('age-keygen -o hand-age.txt 2>/dev/null && minisign -G -W -p hand.pub -s hand.key >/dev/null');
    const handRecipient = sh('age-keygen -y hand-age.txt').stdout.trim();
    const handMinisign = fs.readFileSync(path.join(work, 'hand.pub'), 'utf8').trim().split('\n')[1]!;
    const { workstation: trusted } = await archive.archives.keys.trust({ name: 'Hand', ageRecipient: handRecipient, minisignPublicKey: handMinisign });
    const archiveKeys = await archive.archives.keys.show();

    const archiveId = crypto.randomBytes(16).toString('hex');
    const testimonyId = crypto.randomUUID();
    const created = '2024-05-01T09:30:00Z';
    const bag = path.join(work, 'hand', archiveId);
    const dir = path.join(bag, 'data/testimonies', testimonyId);
    fs.mkdirSync(path.join(dir, 'versions'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'attachments'));
    const record = {
      schemaVersion: 1,
      title: '손으로 만든 기록',
      consent: { scopes: ['internal-archive'], obtained: 'oral-recorded', date: '2024-04-30' },
      people: [],
      events: [{ id: 'e1', violations: ['torture'], date: '2009', perpetrators: [], victimIds: [], witnessIds: [] }],
      narrative: { language: 'ko', text: '2009년 보위부에서 조사를 받았습니다.' },
      tags: [],
    };
    fs.writeFileSync(path.join(dir, 'versions/1.json'), JSON.stringify(record));
    const photoId = crypto.randomUUID();
    fs.writeFileSync(path.join(dir, 'attachments', `${photoId}.jpg`), crypto.randomBytes(4096));
    const sha = (file: string) => sh(`sha256sum ${JSON.stringify(file)} | cut -d' ' -f1`).stdout.trim();
    fs.writeFileSync(
      path.join(dir, 'testimony.json'),
      JSON.stringify({
        documentType: 'tw-testimony',
        documentVersion: 1,
        kind: 'full',
        id: testimonyId,
        status: 'draft',
        createdAt: created,
        updatedAt: created,
        versions: [{ version: 1, createdAt: created, createdBy: 'field worker', recordSha256: sha(path.join(dir, 'versions/1.json')) }],
        attachments: [
          { id: photoId, fileName: 'photo.jpg', mediaType: 'image/jpeg', size: 4096, sha256: sha(path.join(dir, 'attachments', `${photoId}.jpg`)), createdAt: created, createdBy: null },
        ],
        custody: [],
        audit: [],
      }),
    );
    const recipients = archiveKeys.fingerprint;
    fs.writeFileSync(path.join(bag, 'bagit.txt'), 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
    sh(
      [
        `cd ${JSON.stringify(bag)}`,
        'find data -type f | sort | xargs sha256sum > manifest-sha256.txt',
        `bytes=$(find data -type f -printf '%s\\n' | awk '{ s += $1 } END { print s }'); count=$(find data -type f | wc -l)`,
        `printf 'Bagging-Date: 2024-05-01\\nPayload-Oxum: %s.%s\\nBag-Software-Agent: bash\\nExternal-Identifier: ${archiveId}\\nTW-Format: 1\\nTW-Kind: full\\nTW-Sender: ${trusted.fingerprint}\\nTW-Recipients: ${recipients}\\nTW-Created: ${created}\\n' "$bytes" "$count" > bag-info.txt`,
        'sha256sum bagit.txt bag-info.txt manifest-sha256.txt > tagmanifest-sha256.txt',
        `minisign -S -s ../../hand.key -m tagmanifest-sha256.txt -t 'tw-archive 1 id=${archiveId} created=${created} recipients=${recipients}' >/dev/null`,
        'cd ..',
        `tar --format=posix -cf ../hand.tar ${archiveId}`,
        'cd ..',
        `age -r ${handRecipient} -r ${archiveKeys.ageRecipient} -o hand.twa hand.tar`,
      ].join('\n'),
    );
    const imported = await twJson<{ sender: { name: string; fingerprint: string }; testimonies: Array<{ id: string; outcome: string; attachments: number }> }>(
      'import',
      path.join(work, 'hand.twa'),
      '--vault',
      archive.vault.dir,
    );
    expect(imported.sender).toEqual({ name: 'Hand', fingerprint: trusted.fingerprint, isThisVault: false });
    expect(imported.testimonies).toEqual([expect.objectContaining({ id: testimonyId, outcome: 'new', attachments: 1 })]);
    expect(new TestimonyService(archive.vault).show(testimonyId).record).toEqual(record);
    expect(archive.vault.verifyAudit()).toMatchObject({ ok: true });
  }, CLI_TIMEOUT_MS);
});
