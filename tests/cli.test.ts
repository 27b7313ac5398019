import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import os from 'node:os';

const ROOT = path.resolve(__dirname, '..');
const PASS = 'command line passphrase';
let work: string;
let vaultDir: string;

function tw(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/tw.mjs'), ...args], {
    cwd: work,
    env: { ...process.env, TW_PASSPHRASE: PASS, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** tw under a file-size limit (RLIMIT_FSIZE, in KiB): a write past it fails as on a full disk (EFBIG). */
function twWithFileLimit(limitKiB: number, args: string[]) {
  const result = spawnSync('/bin/sh', ['-c', `ulimit -f ${limitKiB} && exec "$@"`, 'sh', process.execPath, path.join(ROOT, 'bin/tw.mjs'), ...args], {
    cwd: work,
    env: { ...process.env, TW_PASSPHRASE: PASS },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeJson(name: string, value: unknown): string {
  const file = path.join(work, name);
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-cli-'));
  vaultDir = path.join(work, 'vault');
  return () => fs.rmSync(work, { recursive: true, force: true });
});

describe('tw command line', () => {
  it('creates a vault, adds, lists, shows and searches testimony, and verifies the audit log', () => {
    const init = tw(['init', '--vault', vaultDir, '--user', 'minji', '--role', 'interviewer,archivist']);
    expect(init.status).toBe(0);
    expect(init.stdout).toMatch(/TWRK(-[0-9A-Z]{4}){14}/);

    const add = tw(['testimony', 'add', '--vault', vaultDir, '--file', writeJson('t.json', { title: '온성 구류장', narrative: '2010년 온성에서 로동을 했습니다.' })]);
    expect(add.stderr).toBe('');
    expect(add.status).toBe(0);
    const id = add.stdout.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const list = JSON.parse(tw(['testimony', 'list', '--vault', vaultDir, '--json']).stdout);
    expect(list).toEqual([expect.objectContaining({ id, title: '온성 구류장', status: 'draft', version: 1 })]);

    const show = JSON.parse(tw(['testimony', 'show', id, '--vault', vaultDir, '--json']).stdout);
    expect(show.record.narrative).toEqual({ language: 'ko', text: '2010년 온성에서 로동을 했습니다.' });

    const found = JSON.parse(tw(['search', '노동', '--vault', vaultDir, '--json']).stdout);
    expect(found.hits.map((hit: { id: string }) => hit.id)).toEqual([id]);

    const audit = tw(['audit', 'verify', '--vault', vaultDir]);
    expect(audit.status).toBe(0);
    expect(audit.stdout).toMatch(/intact/);
  });

  it('refuses a wrong passphrase, malformed JSON and unknown fields with one line and writes nothing', () => {
    const wrong = tw(['testimony', 'list', '--vault', vaultDir], { TW_PASSPHRASE: 'wrong passphrase entirely' });
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr.trim().split('\n')).toEqual(['tw: Wrong passphrase: it opens no key slot of this vault']);

    const before = tw(['testimony', 'list', '--vault', vaultDir, '--json']).stdout;
    const malformed = tw(['testimony', 'add', '--vault', vaultDir, '--file', writeJson('bad.json', '{"title": "x", ')]);
    expect(malformed.status).not.toBe(0);
    expect(malformed.stderr).toMatch(/^tw: bad\.json is not valid JSON/);
    expect(malformed.stderr).not.toMatch(/at .*\.ts/);
    const unknown = tw(['testimony', 'add', '--vault', vaultDir, '--file', writeJson('u.json', { title: 'x', narrative: 'y', extra: 1 })]);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toMatch(/extra/);
    expect(tw(['testimony', 'list', '--vault', vaultDir, '--json']).stdout).toBe(before);
  });

  it('refuses unknown options and commands with usage status 2', () => {
    expect(tw(['testimony', 'list', '--vault', vaultDir, '--jsno']).status).toBe(2);
    expect(tw(['frobnicate']).status).toBe(2);
    expect(tw(['testimony', 'list']).stderr).toMatch(/--vault is required/);
  });

  it('refuses to create a vault in a folder that is not empty', () => {
    const result = tw(['init', '--vault', vaultDir, '--user', 'x']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/not empty/);
  });

  // Node ignores SIGXFSZ, so the limit shows as EFBIG, which the store treats like ENOSPC. Not on Windows (no ulimit).
  it.skipIf(process.platform === 'win32')('refuses an attachment the disk has no room for with one line, and keeps nothing of it', () => {
    const add = tw(['testimony', 'add', '--vault', vaultDir, '--file', writeJson('full.json', { title: 'disk full', narrative: '디스크가 가득 찼습니다.' })]);
    const id = add.stdout.trim();
    const attachmentsDir = path.join(vaultDir, 'attachments');
    const blobsBefore = fs.existsSync(attachmentsDir) ? fs.readdirSync(attachmentsDir).sort() : [];

    // 24 MiB against a limit of 8 MiB per file: the vault's database stays far below it, the blob cannot.
    const large = path.join(work, 'large.bin');
    fs.writeFileSync(large, crypto.randomBytes(24 * 1024 * 1024));
    const full = twWithFileLimit(8 * 1024, ['attach', id, large, '--vault', vaultDir]);
    expect(full.status).toBe(1);
    expect(full.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^tw: Not enough space .*\(EFBIG\); nothing was saved\.$/)]);

    const blobsAfter = fs.existsSync(attachmentsDir) ? fs.readdirSync(attachmentsDir).sort() : [];
    expect(blobsAfter).toEqual(blobsBefore); // no partial file, no new blob
    expect(JSON.parse(tw(['attachment', 'list', id, '--vault', vaultDir, '--json']).stdout)).toEqual([]);
    expect(tw(['audit', 'verify', '--vault', vaultDir]).status).toBe(0);
    // With room again the same file goes in whole.
    const attached = tw(['attach', id, large, '--vault', vaultDir, '--json']);
    expect(attached.status).toBe(0);
    const info = JSON.parse(attached.stdout) as { id: string; size: number };
    expect(info.size).toBe(24 * 1024 * 1024);
    expect(tw(['attachment', 'verify', info.id, '--vault', vaultDir]).status).toBe(0);
  });
});
