import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINGERPRINT_PATTERN } from '@shared/archive/documents';
import type { Vault } from '../vault/vault';
import { listAudit } from '../vault/audit-log';
import type { ArchiveService } from './archive-service';
import { encodeMinisignPublicKey, generateAgeIdentity, ageRecipientOf, generateMinisignKeyPair } from './format';
import { workstationFingerprint } from './fingerprint';
import { makeVault } from '../../../tests/helpers/archive-vaults';

let root: string;
let own: { vault: Vault; archives: ArchiveService };
let interviewerOnly: { vault: Vault; archives: ArchiveService };

async function otherWorkstation() {
  const recipient = await ageRecipientOf(await generateAgeIdentity());
  const minisign = encodeMinisignPublicKey(generateMinisignKeyPair());
  return { ageRecipient: recipient, minisignPublicKey: minisign };
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-test-'));
  own = await makeVault(path.join(root, 'own'), 'archivist', 'keys test passphrase');
  interviewerOnly = await makeVault(path.join(root, 'interviewer'), 'minji', 'interviewer passphrase', ['interviewer']);
}, 300_000);
afterAll(() => {
  own.vault.lock();
  interviewerOnly.vault.lock();
  fs.rmSync(root, { recursive: true, force: true });
});

/** A recipient with its last (checksum) character replaced by another one: it no longer parses. */
function withLastCharacterChanged(recipient: string): string {
  return recipient.slice(0, -1) + (recipient.endsWith('q') ? 'p' : 'q');
}

describe("a vault's own archive keys", () => {
  it('are made on first need, once, kept inside the database, and identified by a fingerprint of both public keys', async () => {
    const first = await own.archives.keys.show();
    expect(first.ageRecipient).toMatch(/^age1[0-9a-z]{58}$/);
    expect(first.minisignPublicKey).toMatch(/^RW[A-Za-z0-9+/]{54}$/);
    expect(first.fingerprint).toMatch(FINGERPRINT_PATTERN);
    expect(first.fingerprint).toBe(workstationFingerprint(first.ageRecipient, first.minisignPublicKey));
    expect(await own.archives.keys.show()).toEqual(first);
    expect(listAudit(own.vault.db).filter((entry) => entry.action === 'keys.create')).toHaveLength(1);
    // No key material anywhere in the vault folder outside the encrypted database.
    const secret = (await own.archives.keys.currentSecrets()).ageIdentity;
    for (const name of fs.readdirSync(own.vault.dir)) {
      const file = path.join(own.vault.dir, name);
      if (fs.statSync(file).isFile()) expect(fs.readFileSync(file).includes(secret)).toBe(false);
    }
  });

  it('rotate to post-quantum keeps the signing key and the old identity, so older archives still open', async () => {
    const before = await own.archives.keys.show();
    const rotated = await own.archives.keys.rotate({ pq: true });
    expect(rotated.ageRecipient).toMatch(/^age1pq1/);
    expect(rotated.ageKind).toBe('hybrid');
    expect(rotated.minisignPublicKey).toBe(before.minisignPublicKey);
    expect(rotated.fingerprint).not.toBe(before.fingerprint);
    expect(own.archives.keys.allAgeIdentities()).toHaveLength(2);
    expect(own.archives.keys.ownFingerprints()).toEqual(new Set([before.fingerprint, rotated.fingerprint]));
    await own.archives.keys.rotate();
    expect((await own.archives.keys.show()).ageKind).toBe('x25519');
  });

  it('export-identity writes every identity, mode 0600, never over an existing file, and audits it', async () => {
    const file = path.join(root, 'identity.txt');
    const written = await own.archives.keys.exportIdentity(file);
    expect(written.recipients).toHaveLength(3);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter((line) => line && !line.startsWith('#'));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe((await own.archives.keys.currentSecrets()).ageIdentity);
    expect(lines[0]).toMatch(/^AGE-SECRET-KEY-1/);
    expect(lines.some((line) => line.startsWith('AGE-SECRET-KEY-PQ-1'))).toBe(true);
    fs.writeFileSync(path.join(root, 'taken.txt'), 'keep me');
    await expect(own.archives.keys.exportIdentity(path.join(root, 'taken.txt'))).rejects.toThrow(/exists already/);
    expect(fs.readFileSync(path.join(root, 'taken.txt'), 'utf8')).toBe('keep me');
    expect(listAudit(own.vault.db).filter((entry) => entry.action === 'keys.export-identity')).toHaveLength(1);
  });
});

describe('trusted workstations', () => {
  it('are recorded with name, keys, fingerprint, purpose, who added them and when', async () => {
    const keys = await otherWorkstation();
    const { workstation, alreadyTrusted } = await own.archives.keys.trust({ name: 'Geneva', ...keys, purpose: 'un-or-court-submission' });
    expect(alreadyTrusted).toBe(false);
    expect(workstation).toMatchObject({ name: 'Geneva', ...keys, purpose: 'un-or-court-submission', addedBy: 'archivist' });
    expect(workstation.fingerprint).toBe(workstationFingerprint(keys.ageRecipient, keys.minisignPublicKey));
    expect(own.archives.keys.listTrusted().map((w) => w.name)).toContain('Geneva');
    expect(listAudit(own.vault.db, { target: workstation.id }).map((entry) => entry.action)).toEqual(['keys.trust']);
    // The same again is acknowledged, not duplicated.
    expect((await own.archives.keys.trust({ name: 'Geneva', ...keys, purpose: 'un-or-court-submission' })).alreadyTrusted).toBe(true);
  });

  it('refuses malformed keys, a name already trusted with other keys, a key under a second name, and its own keys', async () => {
    const keys = await otherWorkstation();
    await own.archives.keys.trust({ name: 'Seoul', ...keys });
    const others = await otherWorkstation();
    const count = () => own.archives.keys.listTrusted().length;
    const before = count();
    await expect(own.archives.keys.trust({ name: 'X', ageRecipient: 'age1notakey', minisignPublicKey: keys.minisignPublicKey })).rejects.toThrow(/Not an age recipient/);
    await expect(own.archives.keys.trust({ name: 'X', ageRecipient: withLastCharacterChanged(keys.ageRecipient), minisignPublicKey: others.minisignPublicKey })).rejects.toThrow(/age recipient/);
    await expect(own.archives.keys.trust({ name: 'X', ageRecipient: others.ageRecipient, minisignPublicKey: 'RWnotakey' })).rejects.toThrow(/minisign/);
    await expect(own.archives.keys.trust({ name: 'Seoul', ...others })).rejects.toThrow(/already trusted with other keys/);
    await expect(own.archives.keys.trust({ name: 'Busan', ageRecipient: keys.ageRecipient, minisignPublicKey: others.minisignPublicKey })).rejects.toThrow(/already trusted as Seoul/);
    const mine = await own.archives.keys.show();
    await expect(own.archives.keys.trust({ name: 'Me', ageRecipient: mine.ageRecipient, minisignPublicKey: others.minisignPublicKey })).rejects.toThrow(/own key/);
    await expect(own.archives.keys.trust({ name: '../etc', ...others })).rejects.toThrow(/workstation name/);
    expect(count()).toBe(before);
  });

  it('show the fingerprint of keys before they are trusted, from keys as pasted, and refuse keys that do not parse', async () => {
    const keys = await otherWorkstation();
    const shown = interviewerOnly.archives.keys.fingerprintOf({
      ageRecipient: `  ${keys.ageRecipient.toUpperCase()}\n`,
      minisignPublicKey: `untrusted comment: minisign public key\n${keys.minisignPublicKey}\n`,
    });
    expect(shown).toEqual({ ...keys, fingerprint: workstationFingerprint(keys.ageRecipient, keys.minisignPublicKey) });
    expect(() => own.archives.keys.fingerprintOf({ ageRecipient: 'age1notakey', minisignPublicKey: keys.minisignPublicKey })).toThrow(/Not an age recipient/);
    expect(() => own.archives.keys.fingerprintOf({ ageRecipient: keys.ageRecipient, minisignPublicKey: 'RWnotakey' })).toThrow(/minisign/);
    const { workstation } = await own.archives.keys.trust({ name: 'Compared aloud', ...keys });
    expect(workstation.fingerprint).toBe(shown.fingerprint);
  });

  it('untrust frees the name for new keys; the old record stays for custody', async () => {
    const keys = await otherWorkstation();
    await own.archives.keys.trust({ name: 'Tokyo', ...keys });
    own.archives.keys.untrust('Tokyo');
    expect(own.archives.keys.workstationByName('Tokyo')).toBeUndefined();
    const replacement = await otherWorkstation();
    await own.archives.keys.trust({ name: 'Tokyo', ...replacement });
    expect(own.archives.keys.workstationByName('Tokyo')?.ageRecipient).toBe(replacement.ageRecipient);
    expect((own.vault.db.prepare("SELECT count(*) AS n FROM trusted_workstations WHERE name = 'Tokyo'").get() as { n: number }).n).toBe(2);
  });

  it('need keys.manage: an interviewer may show keys but not trust, rotate or export the identity', async () => {
    await expect(interviewerOnly.archives.keys.show()).resolves.toMatchObject({ fingerprint: expect.stringMatching(FINGERPRINT_PATTERN) });
    await expect(interviewerOnly.archives.keys.trust({ name: 'X', ...(await otherWorkstation()) })).rejects.toThrow(/keys.manage/);
    await expect(interviewerOnly.archives.keys.rotate()).rejects.toThrow(/keys.manage/);
    await expect(interviewerOnly.archives.keys.exportIdentity(path.join(root, 'nope.txt'))).rejects.toThrow(/keys.manage/);
    expect(fs.existsSync(path.join(root, 'nope.txt'))).toBe(false);
  });
});
