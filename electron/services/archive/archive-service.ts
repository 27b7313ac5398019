/**
 * Sealed archives between workstations: export, verify, import. The format (age + tar + BagIt +
 * minisign) is the format layer's (./format); this service decides what goes in, who it is for,
 * whom to believe, and what an archive does to the vault.
 *
 * A redacted export takes its releases from the redaction service (archiveReleaseProvider): only
 * releases approved by a second reviewer, still current, and checked again; a redacted import
 * stores each release as a publication copy (./publication.ts), never as a version of anything.
 *
 * Recipients of an export: the named workstation and this vault itself. Sealing to itself lets the
 * sender verify what it wrote and read its own archive back (a returned USB stick, a backup) and
 * costs nothing in secrecy, since this vault holds the originals anyway. (age does not mix X25519
 * and post-quantum recipients; when the two kinds differ, only the workstation is a recipient.)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import { UserError } from '@shared/errors';
import { rolesAllow } from '@shared/roles';
import { ARCHIVE_FORMAT_VERSION, type ArchiveKind } from '@shared/archive/sealed-archive-format';
import type { ArchiveDescription, CustodyRecord, ExportReport, ImportReport, ProgressCallback, PublicationCopy, VerifyReport } from '@shared/archive/reports';
import type { TestimonyStatus } from '@shared/testimony/schema';
import type { Vault } from '../vault/vault';
import { statUserFile } from '../files/regular-file';
import { fsyncDirectory } from '../vault/atomic-file';
import {
  type ArchiveLimits,
  decodeMinisignSecretKey,
  openSealedArchive,
  type PayloadHashing,
  type SealedArchiveEntry,
  writeSealedArchive,
} from './format';
// Not re-exported by ./format's index: the format layer's off-thread SHA-256 (see the report on its API).
import { ArchiveKeyService, type TrustedWorkstation } from './archive-keys';
import { type ExportContext, type ExportSelection, prepareFullExport, prepareRedactedExport, type PreparedExport } from './archive-export';
import { ArchiveContentsCollector } from './archive-contents';
import { type ArchiveMeta, attachmentsToAdd, commitImport, describeArchive, planImport, planReleaseImport, previousImport } from './archive-import';
import { ImportStaging } from './import-staging';
import { listCustody, recordCustody } from './custody';
import { ConflictService } from './conflicts';
import type { ReleaseProvider } from './release-provider';
import { publicationCopy } from './publication';
import { archiveReleaseProvider } from '../redaction/archive-release-provider';

export interface ArchiveServiceOptions {
  /** Where redacted exports take approved releases from; by default the redaction service of this vault. */
  releases?: ReleaseProvider;
  /** Format limits for reading archives (tests lower them). */
  limits?: Partial<ArchiveLimits>;
}

export interface ExportPlanOptions {
  /** Name of a trusted workstation. */
  to: string;
  redacted?: boolean;
  ids?: readonly string[];
  status?: TestimonyStatus;
  sinceLast?: boolean;
}

export interface ExportOptions extends ExportPlanOptions {
  /** An existing folder (the archive is named `<random>.twa` there) or the path of a new file. */
  out: string;
  onProgress?: ProgressCallback;
}

/** What an export would do (planExport): the testimonies it would seal and those it leaves out, with why. */
export type ExportPlan = Pick<ExportReport, 'kind' | 'recipient' | 'testimonies' | 'attachmentBytes' | 'skipped'>;

/** A signer the format layer may report: a trusted workstation, or this vault itself. */
interface KnownSigner {
  minisignPublicKey: string;
  name: string;
  workstation: TrustedWorkstation | null;
}

const SOFTWARE_AGENT = 'Testimony Workstation 0.1.0';

/**
 * The file's bytes, hashed (on the format layer's hashing thread, beside the decryption) and counted
 * on the way. Closing early (on a refusal) closes the file and drops the hash.
 */
/** Counts bytes flowing through, for progress. */
function countingTap(onBytes: (count: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      onBytes(chunk.length);
      callback(null, chunk);
    },
  });
}

/** Passes the chunks through, telling `onBytes` each one's size. */
async function* counted(source: AsyncIterable<Uint8Array>, onBytes: (count: number) => void): AsyncGenerator<Uint8Array, void, undefined> {
  for await (const chunk of source) {
    onBytes(chunk.length);
    yield chunk;
  }
}

/** Where the archive goes: into a folder under the format's random name, or to a new file the user named. */
function resolveOut(out: string): { dir: string; target: string | undefined } {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(out);
  } catch {
    stat = undefined;
  }
  if (stat?.isDirectory()) return { dir: out, target: undefined };
  if (stat) throw new UserError('file-exists', `${out} exists already; an archive is never written over a file`);
  const dir = path.dirname(path.resolve(out));
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UserError('no-such-folder', `There is no folder ${dir}`);
  return { dir, target: path.resolve(out) };
}

export class ArchiveService {
  readonly keys: ArchiveKeyService;
  readonly conflicts: ConflictService;
  private readonly releases: ReleaseProvider;
  private readonly limits: Partial<ArchiveLimits> | undefined;

  constructor(
    private readonly vault: Vault,
    options: ArchiveServiceOptions = {},
  ) {
    this.keys = new ArchiveKeyService(vault);
    this.conflicts = new ConflictService(vault);
    this.releases = options.releases ?? archiveReleaseProvider(vault);
    this.limits = options.limits;
  }

  // ------------------------------------------------------------------------------------ export

  /** The workstation an export goes to and the kind of archive, refusing a full archive for a redacted-only recipient. */
  private exportTarget(options: Pick<ExportOptions, 'to' | 'redacted'>): { workstation: TrustedWorkstation; kind: ArchiveKind } {
    const workstation = this.keys.workstationByName(options.to);
    if (!workstation) throw new UserError('no-such-workstation', `No trusted workstation is named ${options.to}; add it with tw keys trust`);
    const kind: ArchiveKind = options.redacted ? 'redacted' : 'full';
    if (kind === 'full' && workstation.purpose === 'redacted-publication') {
      throw new UserError('redacted-only', `${workstation.name} receives redacted publications only; export with --redacted`);
    }
    return { workstation, kind };
  }

  private prepare(workstation: TrustedWorkstation, kind: ArchiveKind, options: ExportPlanOptions, context: ExportContext): Promise<PreparedExport> | PreparedExport {
    const selection: ExportSelection = {
      ...(options.ids ? { ids: options.ids } : {}),
      ...(options.status ? { status: options.status } : {}),
      ...(options.sinceLast ? { sinceLast: true } : {}),
    };
    return kind === 'full'
      ? prepareFullExport(this.vault, workstation, selection, context)
      : prepareRedactedExport(this.vault, workstation, selection, context, this.releases);
  }

  /**
   * What an export with these options would seal and what consent (or a missing approved release)
   * leaves out, without writing anything: the same selection and checks as export. Unlike export, a
   * plan with nothing to seal is an answer (every testimony in `skipped`, with its reason), not a refusal.
   */
  async planExport(options: ExportPlanOptions): Promise<ExportPlan> {
    this.vault.require('archive.export');
    const { workstation, kind } = this.exportTarget(options);
    const own = await this.keys.show();
    const context: ExportContext = { archiveId: 'plan', createdAt: new Date().toISOString(), kind, senderFingerprint: own.fingerprint, recipientFingerprints: [workstation.fingerprint], planOnly: true };
    const prepared = await this.prepare(workstation, kind, options, context);
    try {
      return {
        kind,
        recipient: { name: workstation.name, fingerprint: workstation.fingerprint, purpose: workstation.purpose },
        testimonies: prepared.testimonies,
        attachmentBytes: prepared.attachmentBytes,
        skipped: prepared.skipped,
      };
    } finally {
      prepared.dispose();
    }
  }

  async export(options: ExportOptions): Promise<ExportReport> {
    const user = this.vault.require('archive.export');
    const { workstation, kind } = this.exportTarget(options);
    const out = resolveOut(options.out);
    const own = await this.keys.currentSecrets();
    const selfIsRecipient = own.ageKind === (workstation.ageRecipient.startsWith('age1pq1') ? 'hybrid' : 'x25519');
    const recipients = selfIsRecipient ? [workstation.ageRecipient, own.ageRecipient] : [workstation.ageRecipient];
    const recipientFingerprints = selfIsRecipient ? [workstation.fingerprint, own.fingerprint] : [workstation.fingerprint];
    const archiveId = crypto.randomBytes(16).toString('hex');
    // The same shape as every other time in the vault (ISO 8601 UTC with milliseconds), so that times sort as text.
    const createdAt = new Date().toISOString();
    const context = { archiveId, createdAt, kind, senderFingerprint: own.fingerprint, recipientFingerprints };
    const prepared: PreparedExport = await this.prepare(workstation, kind, options, context);
    const signer = decodeMinisignSecretKey(Buffer.from(own.minisignSecretKey, 'base64'));
    let file: string | undefined;
    try {
      const total = prepared.entries.reduce((sum, entry) => sum + entry.size, 0);
      let done = 0;
      const report = (count: number) => {
        done += count;
        options.onProgress?.({ phase: 'sealing', bytesDone: done, bytesTotal: total });
      };
      const entries: SealedArchiveEntry[] = prepared.entries.map((entry) => ({
        path: entry.path,
        size: entry.size,
        sha256: entry.sha256,
        // pipeline(), not pipe(): an error of the source (a damaged attachment) must reach the reader.
        open: () => (options.onProgress ? pipeline(entry.open(), countingTap(report), () => undefined) : entry.open()),
        ...(entry.openChecked ? { openChecked: () => (options.onProgress ? counted(entry.openChecked!(), report) : entry.openChecked!()) } : {}),
      }));
      const written = await writeSealedArchive({
        dir: out.dir,
        archiveId,
        recipients,
        signer,
        bagInfo: { kind, sender: own.fingerprint, recipients: recipientFingerprints, created: createdAt },
        entries,
        softwareAgent: SOFTWARE_AGENT,
      });
      file = written.file;
      if (out.target) {
        // link() refuses an existing name, unlike rename(): a file that appeared meanwhile is kept.
        try {
          fs.linkSync(written.file, out.target);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UserError('file-exists', `${options.out} exists already`);
          throw error;
        }
        fs.unlinkSync(written.file);
        fsyncDirectory(out.dir);
        file = out.target;
      }
      // Hashed as it was written: the same bytes, without reading the archive a second time.
      const fileSha256 = written.sha256;
      const db = this.vault.db;
      db.transaction(() => {
        db.prepare(
          `INSERT INTO archive_exports (archive_id, kind, workstation_id, sender_fingerprint, recipient_fingerprints, created_at, created_by,
             file_sha256, file_size, testimony_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(archiveId, kind, workstation.id, own.fingerprint, JSON.stringify(recipientFingerprints), createdAt, user.id, fileSha256, written.bytes, prepared.testimonies.length);
        const insertItem = db.prepare('INSERT INTO archive_export_items (archive_id, testimony_id, version, status, attachments_digest) VALUES (?, ?, ?, ?, ?)');
        for (const item of prepared.items) insertItem.run(archiveId, item.testimonyId, item.version, item.status, item.attachmentsDigest);
        for (const { testimonyId, event } of prepared.custody) {
          recordCustody(db, testimonyId, event, null);
          this.vault.audit('testimony.export', testimonyId, { archive: archiveId, to: workstation.name, kind });
        }
        this.vault.audit('archive.export', archiveId, {
          to: workstation.name,
          toFingerprint: workstation.fingerprint,
          kind,
          testimonies: prepared.testimonies.length,
          skipped: prepared.skipped.map((skip) => skip.testimonyId),
          ...(kind === 'redacted' ? { releases: prepared.testimonies.map((testimony) => testimony.id) } : {}),
          fileSha256,
          tagManifestSha256: written.tagManifestSha256,
        });
      })();
      return {
        archiveId,
        file,
        fileSize: written.bytes,
        fileSha256,
        kind,
        createdAt,
        recipient: { name: workstation.name, fingerprint: workstation.fingerprint, purpose: workstation.purpose },
        senderFingerprint: own.fingerprint,
        recipientFingerprints,
        selfIsRecipient,
        testimonies: prepared.testimonies,
        attachmentBytes: prepared.attachmentBytes,
        skipped: prepared.skipped,
      };
    } catch (error) {
      // An archive that is not recorded as exported is not left behind either.
      if (file) fs.rmSync(file, { force: true });
      throw error;
    } finally {
      prepared.dispose();
      signer.seed.fill(0);
    }
  }

  // ------------------------------------------------------------------------------ verify, import

  /** Checks an archive completely, as import would, and reports what importing would do. Writes nothing. */
  async verify(file: string, options: { onProgress?: ProgressCallback } = {}): Promise<VerifyReport> {
    const user = this.vault.require('testimony.read');
    if (!rolesAllow(user.roles, 'archive.import') && !rolesAllow(user.roles, 'archive.export')) {
      throw new UserError('forbidden', `${user.name} may not open archives: it needs archive.import or archive.export`);
    }
    const { description } = await this.read(file, undefined, options.onProgress);
    const previous = previousImport(this.vault.db, description.archiveId);
    return { ...description, alreadyImported: previous ?? null };
  }

  /**
   * Imports an archive: everything verify checks, attachments staged encrypted while reading, then
   * one transaction. The same archive a second time changes nothing and says so.
   */
  async import(file: string, options: { onProgress?: ProgressCallback } = {}): Promise<ImportReport> {
    this.vault.require('archive.import');
    const staging = ImportStaging.create(this.vault.dir);
    try {
      const { description, meta, planned, plannedReleases } = await this.read(file, staging, options.onProgress);
      const previous = previousImport(this.vault.db, meta.archiveId);
      if (previous) return { ...description, alreadyImported: true, importedAt: previous.importedAt, conflicts: [] };
      if (meta.kind === 'redacted' && meta.sender.isThisVault) {
        // Its originals and approved releases are here already; a copy beside them would only confuse.
        throw new UserError('archive-own-release', 'This vault sealed this redacted archive itself; its originals and releases are here already (tw verify checks it)');
      }
      options.onProgress?.({ phase: 'committing', bytesDone: meta.fileSize, bytesTotal: meta.fileSize });
      const { blobIds } = attachmentsToAdd(this.vault.db, planned, plannedReleases);
      staging.moveIntoVault(blobIds);
      try {
        const { importedAt, conflicts } = commitImport(this.vault, meta, planned, plannedReleases);
        return { ...description, alreadyImported: false, importedAt, conflicts };
      } catch (error) {
        staging.undoMoves();
        throw error;
      }
    } finally {
      staging.discard();
    }
  }

  private async read(file: string, staging: ImportStaging | undefined, onProgress: ProgressCallback | undefined) {
    statUserFile(file);
    const db = this.vault.db;
    const ownFingerprints = this.keys.ownFingerprints();
    if (ownFingerprints.size === 0) {
      throw new UserError('no-archive-keys', 'This vault has no archive keys yet, so no archive can have been sealed for it');
    }
    const own = await this.keys.currentSecrets();
    const trusted = this.keys.listTrusted();
    const signers: KnownSigner[] = [
      { minisignPublicKey: own.minisignPublicKey, name: 'this vault', workstation: null },
      ...trusted.map((workstation) => ({ minisignPublicKey: workstation.minisignPublicKey, name: workstation.name, workstation })),
    ];
    const existing = db.prepare('SELECT testimony_id, sha256, size FROM attachments WHERE id = ?');
    const collector = new ArchiveContentsCollector({
      ...(staging ? { staging } : {}),
      existingAttachment: (id) => {
        const row = existing.get(id) as { testimony_id: string; sha256: string; size: number } | undefined;
        return row ? { testimonyId: row.testimony_id, sha256: row.sha256, size: row.size } : undefined;
      },
    });

    // One pass over the file: the format layer decrypts and checks it, and hashes every byte it reads.
    const verified = await openSealedArchive(file, {
      identities: this.keys.allAgeIdentities(),
      trustedSigners: signers,
      stage: (relativePath: string, size: number, body: Readable, hashing: PayloadHashing) => collector.stage(relativePath, size, body, hashing),
      ...(onProgress ? { onFileBytes: (bytesDone: number, bytesTotal: number) => onProgress({ phase: 'reading', bytesDone, bytesTotal }) } : {}),
      ...(this.limits ? { limits: this.limits } : {}),
    });
    const bagInfo = verified.bagInfo;
    if (bagInfo.format !== ARCHIVE_FORMAT_VERSION) {
      throw new UserError('archive-future-format', `This archive is of format ${bagInfo.format}; this program reads format ${ARCHIVE_FORMAT_VERSION}: update it`);
    }
    const signer = verified.signer;
    const senderIsSelf = signer.workstation === null;
    if (senderIsSelf ? !ownFingerprints.has(bagInfo.sender) : bagInfo.sender !== signer.workstation!.fingerprint) {
      throw new UserError(
        'archive-sender-mismatch',
        `The archive names sender ${bagInfo.sender} but was signed by ${signer.name} (${senderIsSelf ? own.fingerprint : signer.workstation!.fingerprint}); if ${signer.name} changed its keys, compare fingerprints and trust it again`,
      );
    }
    const ownFingerprint = bagInfo.recipients.find((fingerprint) => ownFingerprints.has(fingerprint));
    if (!ownFingerprint) {
      throw new UserError('archive-not-for-this-vault', 'This archive is not sealed for this vault: its recipients do not include this vault’s fingerprint');
    }
    const collected = collector.finish(bagInfo.kind, verified.files);
    const planned = planImport(db, collected.testimonies);
    const plannedReleases = planReleaseImport(db, collected.releases);
    const byFingerprint = new Map(trusted.map((workstation) => [workstation.fingerprint, workstation.name]));
    const meta: ArchiveMeta = {
      archiveId: verified.archiveId,
      kind: bagInfo.kind,
      format: bagInfo.format,
      sealedAt: bagInfo.created,
      sender: {
        name: senderIsSelf ? 'this vault' : signer.name,
        fingerprint: bagInfo.sender,
        workstationId: signer.workstation?.id ?? null,
        isThisVault: senderIsSelf,
      },
      recipients: bagInfo.recipients.map((fingerprint) => ({
        fingerprint,
        name: ownFingerprints.has(fingerprint) ? 'this vault' : (byFingerprint.get(fingerprint) ?? null),
        isThisVault: ownFingerprints.has(fingerprint),
      })),
      ownFingerprint,
      payloadFiles: verified.files.length,
      payloadBytes: verified.files.reduce((sum, entry) => sum + entry.size, 0),
      payloadOxum: `${bagInfo.payloadOxum.bytes}.${bagInfo.payloadOxum.count}`,
      fileSize: verified.fileBytes,
      fileSha256: verified.fileSha256,
      tagManifestSha256: verified.tagManifestSha256,
    };
    const description: ArchiveDescription = describeArchive(meta, planned, plannedReleases);
    return { description, meta, planned, plannedReleases };
  }

  // ---------------------------------------------------------------------------------- custody

  custody(testimonyId: string): CustodyRecord[] {
    this.vault.require('testimony.read');
    return listCustody(this.vault.db, testimonyId);
  }

  /** For a publication copy (a release received in a redacted archive): what it was derived from and how it came; null for any other testimony. */
  publication(testimonyId: string): PublicationCopy | null {
    this.vault.require('testimony.read');
    return publicationCopy(this.vault.db, testimonyId);
  }
}
