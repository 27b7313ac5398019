/**
 * The sealed archive against the standard tools from Debian's packages, both ways: what we write
 * opens with `age -d | tar x`, `minisign -V` and `sha256sum -c`; a bag assembled by hand with
 * sha256sum, minisign -S, tar and age -r opens with openSealedArchive. Skips, saying why, where a
 * tool is missing (CI installs them all: .ci/run).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatArchiveTrustedComment } from '@shared/archive/sealed-archive-format';
import { tempDir } from '../../../../tests/helpers/temp';
import { BAGIT_TXT, formatBagInfo } from './bagit';
import { encodeMinisignPublicKey, parseMinisignPublicKey } from './minisign';
import { discardPayload, openSealedArchive, writeSealedArchive } from './sealed-archive';
import { CREATED, RECIPIENT_FINGERPRINT, SENDER_FINGERPRINT, ageKeys, hasTool, signerKeys } from './test-helpers';

const TOOLS = ['age', 'age-keygen', 'minisign', 'tar', 'sha256sum'];
const missing = TOOLS.filter((tool) => !hasTool(tool));
if (missing.length > 0) console.warn(`SKIPPED: archive interop tests need ${missing.join(', ')} on PATH (apt-get install age minisign tar coreutils)`);

const run = (command: string, args: string[], cwd: string, input?: Buffer) => execFileSync(command, args, { cwd, input, maxBuffer: 1 << 26 });

describe.skipIf(missing.length > 0)('sealed archive interop with age, tar, minisign, sha256sum', () => {
  it('an archive we seal opens with age -d | tar x, minisign -Vm and sha256sum -c', async () => {
    const dir = tempDir();
    const age = await ageKeys();
    const { signer } = signerKeys();
    const payload = [
      { path: 'testimonies/t-0001.json', bytes: Buffer.from('{"schemaVersion":1,"title":"두만강"}') },
      { path: `attachments/t-0001/${'interview-recording-'.repeat(8)}.m4a`, bytes: randomBytes(300_000) },
      { path: 'attachments/t-0001/사진 1.jpg', bytes: randomBytes(70_000) },
    ];
    const written = await writeSealedArchive({
      dir,
      archiveId: 'a-0001',
      recipients: [age.recipient],
      signer,
      bagInfo: { kind: 'full', sender: SENDER_FINGERPRINT, recipients: [RECIPIENT_FINGERPRINT], created: CREATED },
      entries: payload.map((file) => ({ path: file.path, size: file.bytes.length, open: () => Readable.from([file.bytes]) })),
    });
    fs.writeFileSync(path.join(dir, 'key.txt'), `${age.identity}\n`);
    const tar = run('age', ['-d', '-i', 'key.txt', written.file], dir);
    run('tar', ['x'], dir, tar);
    const bag = path.join(dir, 'a-0001');
    const minisign = run('minisign', ['-Vm', 'tagmanifest-sha256.txt', '-P', encodeMinisignPublicKey(signer)], bag).toString();
    expect(minisign).toContain(`Trusted comment: ${written.trustedComment}`);
    expect(run('sha256sum', ['-c', '--strict', 'manifest-sha256.txt'], bag).toString().trim().split('\n')).toEqual(payload.map((file) => `data/${file.path}: OK`));
    expect(run('sha256sum', ['-c', '--strict', 'tagmanifest-sha256.txt'], bag).toString()).toContain('manifest-sha256.txt: OK');
    for (const file of payload) expect(fs.readFileSync(path.join(bag, 'data', file.path)).equals(file.bytes), file.path).toBe(true);
    expect(fs.readFileSync(path.join(bag, 'bagit.txt'), 'utf8')).toBe(BAGIT_TXT);
    // A changed tag manifest fails with minisign too.
    fs.appendFileSync(path.join(bag, 'tagmanifest-sha256.txt'), '\n');
    expect(() => run('minisign', ['-Vm', 'tagmanifest-sha256.txt', '-P', encodeMinisignPublicKey(signer), '-q'], bag)).toThrow();
  });

  it('a bag assembled by hand with sha256sum, minisign -S, tar and age -r opens and verifies', async () => {
    const dir = tempDir();
    const id = 'hand-made-0001';
    const bag = path.join(dir, id);
    const files: Record<string, Buffer> = {
      'data/testimonies/t-0001.json': Buffer.from('{"schemaVersion":1,"title":"by hand"}'),
      [`data/attachments/${'a-rather-long-attachment-name-'.repeat(5)}.wav`]: randomBytes(150_000),
      'data/attachments/빈 파일.txt': Buffer.alloc(0),
    };
    for (const [file, bytes] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(bag, file)), { recursive: true });
      fs.writeFileSync(path.join(bag, file), bytes);
    }
    fs.writeFileSync(path.join(bag, 'bagit.txt'), BAGIT_TXT);
    const bytes = Object.values(files).reduce((sum, file) => sum + file.length, 0);
    fs.writeFileSync(
      path.join(bag, 'bag-info.txt'),
      formatBagInfo([
        ['Bagging-Date', '2024-05-01'],
        ['Payload-Oxum', `${bytes}.${Object.keys(files).length}`],
        ['External-Identifier', id],
        ['TW-Format', '1'],
        ['TW-Kind', 'redacted'],
        ['TW-Sender', SENDER_FINGERPRINT],
        ['TW-Recipients', RECIPIENT_FINGERPRINT],
        ['TW-Created', CREATED],
      ]),
    );
    fs.writeFileSync(path.join(bag, 'manifest-sha256.txt'), run('sha256sum', Object.keys(files), bag));
    fs.writeFileSync(path.join(bag, 'tagmanifest-sha256.txt'), run('sha256sum', ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt'], bag));
    run('minisign', ['-G', '-W', '-p', '../sender.pub', '-s', '../sender.key'], bag);
    const comment = formatArchiveTrustedComment({ archiveId: id, created: CREATED, recipients: [RECIPIENT_FINGERPRINT] });
    run('minisign', ['-S', '-s', '../sender.key', '-m', 'tagmanifest-sha256.txt', '-t', comment], bag);
    run('age-keygen', ['-o', 'recipient.key'], dir);
    const identity = fs.readFileSync(path.join(dir, 'recipient.key'), 'utf8').split('\n').find((line) => line.startsWith('AGE-SECRET-KEY-1'))!;
    const recipient = run('age-keygen', ['-y', 'recipient.key'], dir).toString().trim();
    const tar = run('tar', ['cf', '-', id], dir);
    fs.writeFileSync(path.join(dir, 'hand.twa'), run('age', ['-r', recipient], dir, tar));

    const senderKey = parseMinisignPublicKey(fs.readFileSync(path.join(dir, 'sender.pub'), 'utf8'));
    const trusted = { name: 'hand', minisignPublicKey: encodeMinisignPublicKey(senderKey) };
    const staged: string[] = [];
    const verified = await openSealedArchive(path.join(dir, 'hand.twa'), {
      identities: [identity],
      trustedSigners: [trusted],
      stage: async (file, size, body) => {
        staged.push(file);
        await discardPayload(file, size, body);
      },
    });
    expect(verified.archiveId).toBe(id);
    expect(verified.signer).toBe(trusted);
    expect(verified.bagInfo.kind).toBe('redacted');
    expect(verified.bagInfo.softwareAgent).toBeUndefined();
    expect(verified.files.map((file) => `data/${file.path}`).sort()).toEqual(Object.keys(files).sort());
    expect(staged.sort()).toEqual(Object.keys(files).map((file) => file.slice('data/'.length)).sort());

    // The same bag with one payload byte changed after signing is refused.
    fs.appendFileSync(path.join(bag, 'data/testimonies/t-0001.json'), ' ');
    fs.writeFileSync(path.join(dir, 'altered.twa'), run('age', ['-r', recipient], dir, run('tar', ['cf', '-', id], dir)));
    await expect(openSealedArchive(path.join(dir, 'altered.twa'), { identities: [identity], trustedSigners: [trusted], stage: discardPayload })).rejects.toMatchObject({
      code: 'bag-hash-mismatch',
    });
  });

  it('age files cross both ways between age 1.1 and us, at every size around the chunk boundary', async () => {
    const dir = tempDir();
    const age = await ageKeys();
    fs.writeFileSync(path.join(dir, 'key.txt'), `${age.identity}\n`);
    const { decryptAgeBuffer, encryptAgeBuffer } = await import('./age');
    for (const size of [0, 1, 65535, 65536, 65537, 200_000, 16 * 65536, 16 * 65536 + 1, 40 * 65536 + 3]) {
      const plaintext = randomBytes(size);
      const ours = await encryptAgeBuffer(plaintext, [age.recipient]);
      fs.writeFileSync(path.join(dir, 'ours.age'), ours);
      expect(run('age', ['-d', '-i', 'key.txt', 'ours.age'], dir).equals(plaintext), `age -d, size ${size}`).toBe(true);
      const theirs = run('age', ['-r', age.recipient], dir, plaintext);
      expect((await decryptAgeBuffer(theirs, [age.identity])).equals(plaintext), `age -r, size ${size}`).toBe(true);
    }
    const armoured = run('age', ['-a', '-r', age.recipient], dir, Buffer.from('x'));
    await expect(decryptAgeBuffer(armoured, [age.identity])).rejects.toMatchObject({ code: 'age-not-age-file' });
  });

  it('signatures cross both ways between minisign 0.11 and us; minisign -l legacy signatures are refused', async () => {
    const dir = tempDir();
    const { signer } = signerKeys();
    const { signMinisign, verifyMinisign, formatMinisignPublicKeyFile } = await import('./minisign');
    const message = randomBytes(10_000);
    fs.writeFileSync(path.join(dir, 'file'), message);
    fs.writeFileSync(path.join(dir, 'file.minisig'), signMinisign(message, signer, { trustedComment: 'ours' }));
    fs.writeFileSync(path.join(dir, 'ours.pub'), formatMinisignPublicKeyFile(signer));
    expect(run('minisign', ['-V', '-H', '-m', 'file', '-p', 'ours.pub'], dir).toString()).toContain('Trusted comment: ours');
    run('minisign', ['-G', '-W', '-p', 'theirs.pub', '-s', 'theirs.key'], dir);
    run('minisign', ['-S', '-s', 'theirs.key', '-m', 'file', '-x', 'theirs.minisig', '-t', 'theirs'], dir);
    const theirs = parseMinisignPublicKey(fs.readFileSync(path.join(dir, 'theirs.pub'), 'utf8'));
    expect(verifyMinisign(message, fs.readFileSync(path.join(dir, 'theirs.minisig'), 'utf8'), theirs).trustedComment).toBe('theirs');
    expect(() => verifyMinisign(message, fs.readFileSync(path.join(dir, 'theirs.minisig'), 'utf8'), signer)).toThrow(expect.objectContaining({ code: 'minisign-key-mismatch' }));
    run('minisign', ['-S', '-l', '-s', 'theirs.key', '-m', 'file', '-x', 'legacy.minisig'], dir);
    expect(() => verifyMinisign(message, fs.readFileSync(path.join(dir, 'legacy.minisig'), 'utf8'), theirs)).toThrow(expect.objectContaining({ code: 'minisign-legacy-signature' }));
  });
});
