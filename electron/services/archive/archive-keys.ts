import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '@shared/errors';
import { ArchivePurpose } from '@shared/archive/documents';
import type { Vault } from '../vault/vault';
import { fsyncDirectory } from '../vault/atomic-file';
import { workstationFingerprint } from './fingerprint';
import {
  type AgeKeyKind,
  ageRecipientKind,
  ageRecipientOf,
  encodeMinisignPublicKey,
  encodeMinisignSecretKey,
  generateAgeIdentity,
  generateMinisignKeyPair,
  parseMinisignPublicKey,
} from './format';

async function generateAgeKeys(kind: AgeKeyKind): Promise<{ kind: AgeKeyKind; identity: string; recipient: string }> {
  const identity = await generateAgeIdentity(kind);
  return { kind, identity, recipient: await ageRecipientOf(identity) };
}

/** A new signing key: the public `RW…` line, and the secret as the vault stores it (base64, inside the encrypted database only). */
function generateSigningKeys(): { publicKey: string; secretKey: string } {
  const key = generateMinisignKeyPair();
  const secret = encodeMinisignSecretKey(key);
  try {
    return { publicKey: encodeMinisignPublicKey(key), secretKey: secret.toString('base64') };
  } finally {
    secret.fill(0);
    key.seed.fill(0);
  }
}

/** This vault's public archive keys, as `tw keys show --json` prints them (SPEC). */
export interface PublicArchiveKeys {
  ageRecipient: string;
  minisignPublicKey: string;
  fingerprint: string;
}

export interface OwnArchiveKeys extends PublicArchiveKeys {
  ageKind: AgeKeyKind;
  createdAt: string;
}

export interface TrustedWorkstation {
  id: string;
  name: string;
  ageRecipient: string;
  minisignPublicKey: string;
  fingerprint: string;
  purpose: ArchivePurpose;
  addedBy: string;
  addedAt: string;
}

/** Secrets, for the archive service only: never shown, never logged. */
export interface OwnKeySecrets extends OwnArchiveKeys {
  ageIdentity: string;
  minisignSecretKey: string;
}

type KeyRow = {
  id: string;
  age_identity: string;
  age_recipient: string;
  minisign_secret_key: string;
  minisign_public_key: string;
  fingerprint: string;
  created_at: string;
  retired_at: string | null;
};

type WorkstationRow = {
  id: string;
  name: string;
  age_recipient: string;
  minisign_public_key: string;
  fingerprint: string;
  purpose: ArchivePurpose;
  added_by_name: string | null;
  added_at: string;
};

const WORKSTATION_SELECT = `SELECT w.id, w.name, w.age_recipient, w.minisign_public_key, w.fingerprint, w.purpose, w.added_at,
  u.name AS added_by_name FROM trusted_workstations w LEFT JOIN users u ON u.id = w.added_by`;

function toWorkstation(row: WorkstationRow): TrustedWorkstation {
  return {
    id: row.id,
    name: row.name,
    ageRecipient: row.age_recipient,
    minisignPublicKey: row.minisign_public_key,
    fingerprint: row.fingerprint,
    purpose: row.purpose,
    addedBy: row.added_by_name ?? '(removed user)',
    addedAt: row.added_at,
  };
}

function toOwnKeys(row: KeyRow): OwnArchiveKeys {
  return {
    ageRecipient: row.age_recipient,
    minisignPublicKey: row.minisign_public_key,
    fingerprint: row.fingerprint,
    ageKind: ageRecipientKind(row.age_recipient),
    createdAt: row.created_at,
  };
}

/** A workstation's name: what the archivist types after --to; shown in reports. */
export function assertWorkstationName(name: string): void {
  if (!/^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,63}$/u.test(name)) {
    throw new UserError('bad-workstation-name', 'A workstation name is 1 to 64 letters, digits, spaces, dots, dashes or underscores');
  }
}

/**
 * This vault's archive keys and the workstations it trusts.
 * The keys are made on first need (X25519 unless rotated to hybrid post-quantum with `rotate`);
 * their secrets live only in the encrypted database. Rotation keeps the old age identity, retired,
 * so that archives sealed to it still open; the signing key stays, so that trust in it holds.
 */
export class ArchiveKeyService {
  constructor(private readonly vault: Vault) {}

  /** The current public keys and fingerprint, making the keys if this vault has none yet. */
  async show(): Promise<OwnArchiveKeys> {
    this.vault.require('testimony.read');
    return toOwnKeys(await this.ensureCurrentRow());
  }

  /** The current keys with their secrets, made on first need. For sealing and opening archives. */
  async currentSecrets(): Promise<OwnKeySecrets> {
    const row = await this.ensureCurrentRow();
    return { ...toOwnKeys(row), ageIdentity: row.age_identity, minisignSecretKey: row.minisign_secret_key };
  }

  /** Every age identity this vault ever had, current first: an archive sealed before a rotation still opens. */
  allAgeIdentities(): string[] {
    return (
      this.vault.db.prepare('SELECT age_identity FROM archive_keys ORDER BY retired_at IS NOT NULL, created_at DESC').all() as Array<{
        age_identity: string;
      }>
    ).map((row) => row.age_identity);
  }

  /** Fingerprints of every key set this vault ever had: how it recognises itself in TW-Recipients. */
  ownFingerprints(): Set<string> {
    return new Set((this.vault.db.prepare('SELECT fingerprint FROM archive_keys').all() as Array<{ fingerprint: string }>).map((row) => row.fingerprint));
  }

  /** Replaces the age identity (hybrid post-quantum with `pq`). Trusting workstations must trust the new recipient. */
  async rotate(options: { pq?: boolean } = {}): Promise<OwnArchiveKeys> {
    this.vault.require('keys.manage');
    const current = await this.ensureCurrentRow();
    const age = await generateAgeKeys(options.pq ? 'hybrid' : 'x25519');
    const fingerprint = workstationFingerprint(age.recipient, current.minisign_public_key);
    const now = new Date().toISOString();
    const id = crypto.randomUUID();
    const db = this.vault.db;
    db.transaction(() => {
      const changed = db.prepare('UPDATE archive_keys SET retired_at = ? WHERE id = ? AND retired_at IS NULL').run(now, current.id);
      if (changed.changes !== 1) throw new UserError('keys-changed', 'The archive keys changed meanwhile; try again');
      db.prepare(
        `INSERT INTO archive_keys (id, age_identity, age_recipient, minisign_secret_key, minisign_public_key, fingerprint, created_at, created_by, retired_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
      ).run(id, age.identity, age.recipient, current.minisign_secret_key, current.minisign_public_key, fingerprint, now, this.vault.user!.id);
      this.vault.audit('keys.rotate', null, { kind: age.kind, previousFingerprint: current.fingerprint, fingerprint });
    })();
    return toOwnKeys(this.currentRow()!);
  }

  listTrusted(): TrustedWorkstation[] {
    this.vault.require('testimony.read');
    return (this.vault.db.prepare(`${WORKSTATION_SELECT} WHERE w.removed_at IS NULL ORDER BY w.name`).all() as WorkstationRow[]).map(toWorkstation);
  }

  /**
   * Records another workstation as a recipient of exports and a trusted sender of imports.
   * Both keys are checked for syntax; a name or key already trusted under another name is refused,
   * so that one workstation never has two names (and a name never silently changes its keys).
   */
  async trust(options: { name: string; ageRecipient: string; minisignPublicKey: string; purpose?: ArchivePurpose }): Promise<{
    workstation: TrustedWorkstation;
    alreadyTrusted: boolean;
  }> {
    const user = this.vault.require('keys.manage');
    const name = options.name.trim();
    assertWorkstationName(name);
    const { ageRecipient, minisignPublicKey, fingerprint } = this.fingerprintOf(options);
    const purpose = ArchivePurpose.parse(options.purpose ?? 'internal-archive');
    const own = await this.ensureCurrentRow();
    const db = this.vault.db;
    const ownKeys = db.prepare('SELECT 1 FROM archive_keys WHERE age_recipient = ? OR minisign_public_key = ?').get(ageRecipient, minisignPublicKey);
    if (ownKeys || own.minisign_public_key === minisignPublicKey) {
      throw new UserError('own-key', "That is this vault's own key; a vault always trusts itself");
    }
    return db.transaction(() => {
      const sameName = db.prepare(`${WORKSTATION_SELECT} WHERE w.removed_at IS NULL AND w.name = ?`).get(name) as WorkstationRow | undefined;
      if (sameName) {
        if (sameName.age_recipient === ageRecipient && sameName.minisign_public_key === minisignPublicKey && sameName.purpose === purpose) {
          return { workstation: toWorkstation(sameName), alreadyTrusted: true };
        }
        throw new UserError('workstation-exists', `${name} is already trusted with other keys or another purpose; remove it first (tw keys untrust --name "${name}")`);
      }
      const sameKey = db
        .prepare(`${WORKSTATION_SELECT} WHERE w.removed_at IS NULL AND (w.age_recipient = ? OR w.minisign_public_key = ?)`)
        .get(ageRecipient, minisignPublicKey) as WorkstationRow | undefined;
      if (sameKey) throw new UserError('key-already-trusted', `That key is already trusted as ${sameKey.name}`);
      const id = crypto.randomUUID();
      db.prepare(
        `INSERT INTO trusted_workstations (id, name, age_recipient, minisign_public_key, fingerprint, purpose, added_by, added_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, name, ageRecipient, minisignPublicKey, fingerprint, purpose, user.id, new Date().toISOString());
      this.vault.audit('keys.trust', id, { name, fingerprint, purpose });
      return { workstation: this.workstationById(id)!, alreadyTrusted: false };
    })();
  }

  /**
   * Another workstation's keys in canonical form and their fingerprint, for the archivists to
   * compare aloud before trusting. Both keys are parsed (Bech32 checksum and length; minisign's
   * Ed25519 key line): a mistyped key is refused here, not at the first export.
   */
  fingerprintOf(keys: { ageRecipient: string; minisignPublicKey: string }): PublicArchiveKeys {
    this.vault.require('testimony.read');
    const ageRecipient = keys.ageRecipient.trim().toLowerCase();
    ageRecipientKind(ageRecipient);
    const minisignPublicKey = encodeMinisignPublicKey(parseMinisignPublicKey(keys.minisignPublicKey.trim()));
    return { ageRecipient, minisignPublicKey, fingerprint: workstationFingerprint(ageRecipient, minisignPublicKey) };
  }

  /** Stops trusting a workstation. Its row stays for the custody records that name it. */
  untrust(name: string): void {
    this.vault.require('keys.manage');
    const db = this.vault.db;
    db.transaction(() => {
      const row = this.workstationByName(name);
      if (!row) throw new UserError('no-such-workstation', `No trusted workstation is named ${name}`);
      db.prepare('UPDATE trusted_workstations SET removed_at = ?, removed_by = ? WHERE id = ?').run(new Date().toISOString(), this.vault.user!.id, row.id);
      this.vault.audit('keys.untrust', row.id, { name: row.name, fingerprint: row.fingerprint });
    })();
  }

  workstationByName(name: string): TrustedWorkstation | undefined {
    const row = this.vault.db.prepare(`${WORKSTATION_SELECT} WHERE w.removed_at IS NULL AND w.name = ?`).get(name) as WorkstationRow | undefined;
    return row ? toWorkstation(row) : undefined;
  }

  workstationByMinisignKey(publicKey: string): TrustedWorkstation | undefined {
    const row = this.vault.db
      .prepare(`${WORKSTATION_SELECT} WHERE w.removed_at IS NULL AND w.minisign_public_key = ?`)
      .get(publicKey) as WorkstationRow | undefined;
    return row ? toWorkstation(row) : undefined;
  }

  /**
   * Writes this vault's age identities (current first, then retired ones) to `file`, for opening
   * archives with the age command line if this program is gone. Never over an existing file; mode
   * 0600; audited. The file is a secret: whoever holds it opens every archive sealed to this vault.
   */
  async exportIdentity(file: string): Promise<{ file: string; recipients: string[] }> {
    this.vault.require('keys.manage');
    await this.ensureCurrentRow();
    const rows = this.vault.db
      .prepare('SELECT age_identity, age_recipient, created_at, retired_at FROM archive_keys ORDER BY retired_at IS NOT NULL, created_at DESC')
      .all() as Array<{ age_identity: string; age_recipient: string; created_at: string; retired_at: string | null }>;
    const text = rows
      .map((row) =>
        [
          `# created: ${row.created_at}${row.retired_at ? ` (retired ${row.retired_at})` : ''}`,
          `# public key: ${row.age_recipient}`,
          row.age_identity,
        ].join('\n'),
      )
      .join('\n')
      .concat('\n');
    let fd: number;
    try {
      fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0), 0o600);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new UserError('file-exists', `${file} exists already; the identity is never written over a file`);
      throw new UserError('cannot-write', `Cannot write ${file} (${code ?? 'error'})`);
    }
    try {
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      fsyncDirectory(path.dirname(path.resolve(file)));
      this.vault.audit('keys.export-identity', null, { recipients: rows.map((row) => row.age_recipient) });
    } catch (error) {
      try {
        fs.closeSync(fd);
      } catch {
        // already closed
      }
      fs.rmSync(file, { force: true });
      throw error;
    }
    return { file, recipients: rows.map((row) => row.age_recipient) };
  }

  private workstationById(id: string): TrustedWorkstation | undefined {
    const row = this.vault.db.prepare(`${WORKSTATION_SELECT} WHERE w.id = ?`).get(id) as WorkstationRow | undefined;
    return row ? toWorkstation(row) : undefined;
  }

  private currentRow(): KeyRow | undefined {
    return this.vault.db.prepare('SELECT * FROM archive_keys WHERE retired_at IS NULL').get() as KeyRow | undefined;
  }

  private async ensureCurrentRow(): Promise<KeyRow> {
    const existing = this.currentRow();
    if (existing) return existing;
    // Generated outside the transaction (the library is asynchronous); if another caller won the
    // race meanwhile, its keys stand and these are dropped.
    const age = await generateAgeKeys('x25519');
    const minisign = generateSigningKeys();
    const fingerprint = workstationFingerprint(age.recipient, minisign.publicKey);
    const db = this.vault.db;
    db.transaction(() => {
      if (this.currentRow()) return;
      db.prepare(
        `INSERT INTO archive_keys (id, age_identity, age_recipient, minisign_secret_key, minisign_public_key, fingerprint, created_at, created_by, retired_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
      ).run(crypto.randomUUID(), age.identity, age.recipient, minisign.secretKey, minisign.publicKey, fingerprint, new Date().toISOString(), this.vault.user?.id ?? null);
      this.vault.audit('keys.create', null, { kind: age.kind, fingerprint });
    })();
    return this.currentRow()!;
  }
}
