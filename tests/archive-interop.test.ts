/**
 * Sealed archives against the standard tools from Debian's packages: what `tw export` writes opens
 * with `age -d`, `tar`, `minisign -V` and `sha256sum -c`; and an archive assembled by hand with
 * `age-keygen`, `minisign`, `sha256sum`, `tar` and `age` imports with `tw import`. Everything
 * goes through the `tw` command line as a process, as an archivist would use it.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const PASS = 'interop test passphrase';
const TOOLS = ['age', 'age-keygen', 'minisign', 'tar', 'sha256sum'];
const missing = TOOLS.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
if (missing.length > 0) console.warn(`archive interop tests skipped: ${missing.join(', ')} not installed (apt-get install age minisign)`);

let work: string;

function run(command: string, args: string[], options: { cwd?: string; input?: string } = {}) {
  const result = spawnSync(command, args, { cwd: options.cwd ?? work, encoding: 'utf8', input: options.input, env: { ...process.env, TW_PASSPHRASE: PASS } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tw(...args: string[]) {
  return run(process.execPath, [path.join(ROOT, 'bin/tw.mjs'), ...args]);
}

function twJson<T>(...args: string[]): T {
  const result = tw(...args, '--json');
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as T;
}

function sh(script: string, cwd?: string) {
  const result = run('bash', ['-euo', 'pipefail', '-c', script], cwd ? { cwd } : {});
  expect(result.status, `${script}\n${result.stderr}`).toBe(0);
  return result;
}

type Keys = { ageRecipient: string; minisignPublicKey: string; fingerprint: string };

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-interop-'));
});
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

describe.skipIf(missing.length > 0)('sealed archives and the standard tools', () => {
  let field: Keys;
  let archive: Keys;

  it('tw keys show --json prints exactly the three fields of SPEC.md, and tw keys trust prints the fingerprint', () => {
    expect(tw('init', '--vault', 'field', '--user', 'minji').status).toBe(0);
    expect(tw('init', '--vault', 'archive', '--user', 'archivist').status).toBe(0);
    field = twJson<Keys>('keys', 'show', '--vault', 'field');
    archive = twJson<Keys>('keys', 'show', '--vault', 'archive');
    expect(Object.keys(field)).toEqual(['ageRecipient', 'minisignPublicKey', 'fingerprint']);
    const trusted = tw('keys', 'trust', '--vault', 'field', '--name', 'Seoul archive', '--age', archive.ageRecipient, '--minisign', archive.minisignPublicKey);
    expect(trusted.status).toBe(0);
    expect(trusted.stdout).toContain(archive.fingerprint);
    expect(tw('keys', 'trust', '--vault', 'archive', '--name', 'Field laptop', '--age', field.ageRecipient, '--minisign', field.minisignPublicKey).status).toBe(0);
    const refused = tw('keys', 'trust', '--vault', 'archive', '--name', 'Other', '--age', field.ageRecipient, '--minisign', field.minisignPublicKey);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^tw: That key is already trusted as Field laptop\n$/);
  });

  it('an exported archive opens with age -d, tar, minisign -V and sha256sum -c', () => {
    fs.writeFileSync(
      path.join(work, 't.json'),
      JSON.stringify({ title: '표준 도구로 여는 증언', narrative: '회령에서 있었던 일입니다.', consent: { scopes: ['internal-archive'], obtained: 'written', date: '2024-03-01' } }),
    );
    const id = tw('testimony', 'add', '--vault', 'field', '--file', 't.json').stdout.trim();
    const audio = crypto.randomBytes(150_000);
    fs.writeFileSync(path.join(work, 'interview.m4a'), audio);
    expect(tw('attach', id, 'interview.m4a', '--vault', 'field').status).toBe(0);
    fs.mkdirSync(path.join(work, 'usb'));
    const exported = twJson<{ file: string; archiveId: string }>('export', '--vault', 'field', '--to', 'Seoul archive', '--out', 'usb');
    expect(path.basename(exported.file)).toMatch(/^[0-9a-f]{32}\.twa$/);

    expect(tw('keys', 'export-identity', '--vault', 'archive', '--out', 'archive-identity.txt').status).toBe(0);
    fs.mkdirSync(path.join(work, 'opened'));
    expect(sh(`age -d -i archive-identity.txt ${JSON.stringify(exported.file)} | tar -x -C opened`).status).toBe(0);
    const bag = path.join(work, 'opened', exported.archiveId);
    const verified = run('minisign', ['-Vm', 'tagmanifest-sha256.txt', '-P', field.minisignPublicKey], { cwd: bag });
    expect(verified.status).toBe(0);
    expect(verified.stdout).toContain(`id=${exported.archiveId}`);
    expect(verified.stdout).toContain(archive.fingerprint);
    const manifest = run('sha256sum', ['-c', 'manifest-sha256.txt'], { cwd: bag });
    expect(manifest.status).toBe(0);
    expect(manifest.stdout.trim().split('\n').every((line) => line.endsWith(': OK'))).toBe(true);
    expect(run('sha256sum', ['-c', 'tagmanifest-sha256.txt'], { cwd: bag }).status).toBe(0);

    const bagInfo = fs.readFileSync(path.join(bag, 'bag-info.txt'), 'utf8');
    expect(bagInfo).toContain('TW-Format: 1\n');
    expect(bagInfo).toContain(`TW-Sender: ${field.fingerprint}\n`);
    expect(bagInfo).toContain(`External-Identifier: ${exported.archiveId}\n`);
    const attachments = fs.readdirSync(path.join(bag, 'data/testimonies', id, 'attachments'));
    expect(attachments).toHaveLength(1);
    expect(fs.readFileSync(path.join(bag, 'data/testimonies', id, 'attachments', attachments[0]!))).toEqual(audio);
    const record = JSON.parse(fs.readFileSync(path.join(bag, 'data/testimonies', id, 'versions/1.json'), 'utf8'));
    expect(record).toEqual(twJson<{ record: unknown }>('testimony', 'show', id, '--vault', 'field').record);
    expect(fs.existsSync(path.join(bag, 'data/schema/testimony-record-v1.schema.json'))).toBe(true);

    const imported = twJson<{ alreadyImported: boolean; sender: { fingerprint: string } }>('import', exported.file, '--vault', 'archive');
    expect(imported).toMatchObject({ alreadyImported: false, sender: { fingerprint: field.fingerprint } });
    const again = tw('import', exported.file, '--vault', 'archive');
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/Already imported .*nothing changed/);
  });

  it('an archive assembled by hand with age-keygen, minisign, sha256sum, tar and age imports', () => {
    // A sender without this program: its own age key and an unencrypted minisign key (-W).
    sh('age-keygen -o hand-age.txt 2>/dev/null && minisign -G -W -p hand.pub -s hand.key >/dev/null');
    const handRecipient = sh('age-keygen -y hand-age.txt').stdout.trim();
    const handMinisign = fs.readFileSync(path.join(work, 'hand.pub'), 'utf8').trim().split('\n')[1]!;
    const trusted = twJson<{ fingerprint: string }>('keys', 'trust', '--vault', 'archive', '--name', 'Hand', '--age', handRecipient, '--minisign', handMinisign);

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
    const recipients = `${archive.fingerprint}`;
    fs.writeFileSync(path.join(bag, 'bagit.txt'), 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
    sh(
      [
        `cd ${JSON.stringify(bag)}`,
        'find data -type f | sort | xargs sha256sum > manifest-sha256.txt',
        `bytes=$(find data -type f -printf '%s\\n' | paste -sd+ | bc); count=$(find data -type f | wc -l)`,
        `printf 'Bagging-Date: 2024-05-01\\nPayload-Oxum: %s.%s\\nBag-Software-Agent: bash\\nExternal-Identifier: ${archiveId}\\nTW-Format: 1\\nTW-Kind: full\\nTW-Sender: ${trusted.fingerprint}\\nTW-Recipients: ${recipients}\\nTW-Created: ${created}\\n' "$bytes" "$count" > bag-info.txt`,
        'sha256sum bagit.txt bag-info.txt manifest-sha256.txt > tagmanifest-sha256.txt',
        `minisign -S -s ../../hand.key -m tagmanifest-sha256.txt -t 'tw-archive 1 id=${archiveId} created=${created} recipients=${recipients}' >/dev/null`,
        'cd ..',
        `tar --format=posix -cf ../hand.tar ${archiveId}`,
        'cd ..',
        `age -r ${handRecipient} -r ${archive.ageRecipient} -o hand.twa hand.tar`,
      ].join('\n'),
    );
    const imported = twJson<{ sender: { name: string; fingerprint: string }; testimonies: Array<{ id: string; outcome: string; attachments: number }> }>(
      'import',
      'hand.twa',
      '--vault',
      'archive',
    );
    expect(imported.sender).toEqual({ name: 'Hand', fingerprint: trusted.fingerprint, isThisVault: false });
    expect(imported.testimonies).toEqual([expect.objectContaining({ id: testimonyId, outcome: 'new', attachments: 1 })]);
    const shown = twJson<{ record: typeof record; version: number }>('testimony', 'show', testimonyId, '--vault', 'archive');
    expect(shown.record).toEqual(record);
    expect(tw('audit', 'verify', '--vault', 'archive').status).toBe(0);
  });
});
