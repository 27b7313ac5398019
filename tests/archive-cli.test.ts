/**
 * The archive commands of `tw`, run in-process through main() (the same code the binary runs),
 * against real vaults: export options, conflicts made visible in `testimony list` and `show`,
 * resolving them, custody, and usage mistakes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../electron/cli/main';
import { TestimonyService } from '../electron/services/testimony/testimony-service';
import { consentingTestimony, makeVault, trust } from './helpers/archive-vaults';

/** Every tw call unlocks with Argon2id at 256 MiB; on a busy 2-core machine that alone takes seconds. */
const CLI_TIMEOUT_MS = 600_000;
const PASS = 'archive cli passphrase';
let root: string;
let fieldDir: string;
let archiveDir: string;
let conflicted: string;
let plain: string;
const previousPassphrase = process.env.TW_PASSPHRASE;

async function tw(...argv: string[]): Promise<{ status: number; out: string }> {
  const lines: string[] = [];
  const status = await main(argv, { out: (text) => lines.push(text) });
  return { status, out: lines.join('\n') };
}

beforeAll(async () => {
  process.env.TW_PASSPHRASE = PASS;
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-test-'));
  fieldDir = path.join(root, 'field');
  archiveDir = path.join(root, 'archive');
  const field = await makeVault(fieldDir, 'minji', PASS);
  const archive = await makeVault(archiveDir, 'archivist', PASS);
  await trust(field.archives, archive.archives, 'Seoul');
  await trust(archive.archives, field.archives, 'Field');
  const sent = new TestimonyService(field.vault);
  conflicted = sent.add(consentingTestimony('갈라진 증언'));
  plain = sent.add(consentingTestimony('그냥 증언'));
  sent.setStatus(plain, 'in-review');
  await archive.archives.import((await field.archives.export({ to: 'Seoul', out: root })).file);
  sent.update(conflicted, consentingTestimony('현장 수정'));
  new TestimonyService(archive.vault).update(conflicted, consentingTestimony('보관소 수정'));
  field.vault.lock();
  archive.vault.lock();
}, 300_000);
afterAll(() => {
  if (previousPassphrase === undefined) delete process.env.TW_PASSPHRASE;
  else process.env.TW_PASSPHRASE = previousPassphrase;
  fs.rmSync(root, { recursive: true, force: true });
});

describe('tw archive commands', () => {
  it('export takes --ids, --status and --since-last and prints where the archive went', async () => {
    const byStatus = await tw('export', '--vault', fieldDir, '--to', 'Seoul', '--out', root, '--status', 'in-review', '--json');
    expect(byStatus.status).toBe(0);
    expect(JSON.parse(byStatus.out).testimonies.map((t: { id: string }) => t.id)).toEqual([plain]);
    const delta = await tw('export', '--vault', fieldDir, '--to', 'Seoul', '--out', root, '--since-last', '--ids', `${conflicted},${plain}`);
    expect(delta.status).toBe(0);
    expect(delta.out).toMatch(/^Sealed 1 testimonies/);
    const file = delta.out.split('\n')[1]!;
    expect(path.basename(file)).toMatch(/^[0-9a-f]{32}\.twa$/);

    const verified = await tw('verify', file, '--vault', archiveDir);
    expect(verified.status).toBe(0);
    expect(verified.out).toMatch(/Sealed by Field, fingerprint (\d{5} ){11}\d{5}/);
    expect(verified.out).toMatch(new RegExp(`${conflicted} .*CONFLICT`));

    const imported = await tw('import', file, '--vault', archiveDir);
    expect(imported.status).toBe(0);
    expect(imported.out).toMatch(/1 conflict\(s\) to resolve/);
    fs.writeFileSync(path.join(root, 'last.txt'), file);
  }, CLI_TIMEOUT_MS);

  it('testimony list and show make the conflict visible; conflicts resolve closes it', async () => {
    const list = await tw('testimony', 'list', '--vault', archiveDir);
    expect(list.out).toMatch(new RegExp(`${conflicted} .*\\[CONFLICT\\]`));
    expect(list.out).not.toMatch(new RegExp(`${plain} .*\\[CONFLICT\\]`));
    const listed = JSON.parse((await tw('testimony', 'list', '--vault', archiveDir, '--json')).out) as Array<{ id: string; conflict: boolean }>;
    expect(listed.find((t) => t.id === conflicted)?.conflict).toBe(true);
    const shown = JSON.parse((await tw('testimony', 'show', conflicted, '--vault', archiveDir, '--json')).out) as { title: string; conflicts: Array<{ id: string }> };
    expect(shown.title).toBe('보관소 수정');
    expect(shown.conflicts).toHaveLength(1);
    expect((await tw('testimony', 'show', conflicted, '--vault', archiveDir)).out).toMatch(/CONFLICT: Field edited this testimony too/);

    expect((await tw('conflicts', 'resolve', shown.conflicts[0]!.id, '--keep', 'sideways', '--vault', archiveDir)).status).toBe(2);
    const resolved = await tw('conflicts', 'resolve', shown.conflicts[0]!.id, '--keep', 'local', '--vault', archiveDir);
    expect(resolved.status).toBe(0);
    expect((await tw('conflicts', 'list', '--vault', archiveDir)).out).toBe('No conflicts.');
    const all = JSON.parse((await tw('conflicts', 'list', '--vault', archiveDir, '--all', '--json')).out) as Array<{ resolved: { resolution: string } }>;
    expect(all.map((c) => c.resolved.resolution)).toEqual(['kept-local']);
  }, CLI_TIMEOUT_MS);

  it('custody shows where a testimony has been; keys list shows trusted workstations', async () => {
    const custody = JSON.parse((await tw('custody', conflicted, '--vault', archiveDir, '--json')).out) as Array<{ event: string; learnedFromArchive: string | null }>;
    expect(custody.map((event) => event.event)).toEqual(['exported', 'imported', 'exported', 'imported']);
    expect(custody.filter((event) => event.learnedFromArchive !== null).map((event) => event.event)).toEqual(['exported', 'exported']);
    const keys = JSON.parse((await tw('keys', 'list', '--vault', archiveDir, '--json')).out) as Array<{ name: string; purpose: string }>;
    expect(keys).toMatchObject([{ name: 'Field', purpose: 'internal-archive' }]);
  }, CLI_TIMEOUT_MS);

  it('refuses usage mistakes with exit status 2 and a one-line reason', async () => {
    expect((await tw('export', '--vault', fieldDir, '--to', 'Seoul')).status).toBe(2);
    expect((await tw('export', '--vault', fieldDir, '--to', 'Seoul', '--out', root, '--status', 'published')).status).toBe(2);
    expect((await tw('keys', 'trust', '--vault', archiveDir, '--name', 'X', '--age', 'a', '--minisign', 'b', '--purpose', 'gossip')).status).toBe(2);
    expect((await tw('keys', 'frobnicate', '--vault', archiveDir)).status).toBe(2);
    expect((await tw('verify', '--vault', archiveDir)).status).toBe(2);
    expect((await tw('import', path.join(root, 'no-such.twa'), '--vault', archiveDir)).status).toBe(1);
  }, CLI_TIMEOUT_MS);
});
