import crypto from 'node:crypto';
import path from 'node:path';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { UserError } from '@shared/errors';
import {
  ARCHIVE_DOCUMENT_LIMITS,
  type ArchiveKind,
  type ArchivePurpose,
  type ArchivedAttachment,
  type ArchivedAuditEntry,
  type ArchivedVersion,
  attachmentPath,
  type CustodyEvent,
  DOCUMENT_VERSION,
  documentPath,
  releaseAttachmentPath,
  releasePath,
  SCHEMA_DOCUMENT_PATH,
  SCHEMA_RECORD_PATH,
  SCHEMA_RELEASE_PATH,
  TestimonyDocument,
  versionPath,
} from '@shared/archive/documents';
import type { ExportedTestimony, ExportSkip } from '@shared/archive/reports';
import { ReleaseRecord, releaseRecordJsonSchema } from '@shared/redaction/release-record';
import { consentAllows, parseTestimonyRecord, type TestimonyRecord, type TestimonyStatus, testimonyJsonSchema } from '@shared/testimony/schema';
import type { Vault } from '../vault/vault';
import { ATTACHMENTS_DIR } from '../vault/vault';
import { AttachmentStore } from '../attachments/attachment-store';
import type { TrustedWorkstation } from './archive-keys';
import type { ApprovedRelease, ReleaseProvider } from './release-provider';
import { custodyChain } from './custody';
import { ageWorkerAvailable } from './format/age-worker';
import { OFF_THREAD_MIN_BYTES } from './format/sha256-stream';
import { readBlobOffThread } from './vault-blobs';
import { publicationCopyCondition } from './publication';

/** One file of the bag's data/ folder as the format layer seals it. */
export interface PayloadSource {
  /** Relative to data/. */
  path: string;
  size: number;
  /** Known beforehand (from the vault), so that the manifest can be written before the payload. */
  sha256: string;
  open(): Readable;
  /** The same bytes from a source that checks them against sha256 itself (see SealedArchiveEntry.openChecked). */
  openChecked?(): AsyncIterable<Uint8Array>;
}

export interface ExportSelection {
  ids?: readonly string[];
  status?: TestimonyStatus;
  /** Only testimonies whose version, status or attachments changed since the last export to this workstation. */
  sinceLast?: boolean;
}

export interface ExportContext {
  archiveId: string;
  createdAt: string;
  kind: ArchiveKind;
  senderFingerprint: string;
  recipientFingerprints: string[];
  /**
   * Set by planExport: a plan with nothing to seal still lists what was left out and why, so that
   * the person exporting sees each reason; only a real export refuses an empty archive.
   */
  planOnly?: boolean;
}

/** What went into an archive, recorded once the archive file is complete. */
export interface ExportItem {
  testimonyId: string;
  version: number;
  status: TestimonyStatus;
  attachmentsDigest: string;
}

export interface PreparedExport {
  entries: PayloadSource[];
  testimonies: ExportedTestimony[];
  skipped: ExportSkip[];
  items: ExportItem[];
  /** The "exported" custody event of each testimony, under the vault's own testimony id. */
  custody: Array<{ testimonyId: string; event: CustodyEvent }>;
  attachmentBytes: number;
  /** Zeroes the attachment keys held for sealing. */
  dispose(): void;
}

/** A plan that seals nothing: only what was left out, and why. */
function nothingToSeal(skipped: ExportSkip[], dispose: () => void = () => undefined): PreparedExport {
  return { entries: [], testimonies: [], skipped, items: [], custody: [], attachmentBytes: 0, dispose };
}

const sha256Hex = (data: Buffer | string): string => crypto.createHash('sha256').update(data).digest('hex');

function bufferSource(relativePath: string, data: Buffer): PayloadSource {
  return { path: relativePath, size: data.length, sha256: sha256Hex(data), open: () => Readable.from([data]) };
}

function jsonBuffer(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}

/** The JSON Schemas shipped in every archive, so that its records can be checked without this program. */
export function schemaSources(): PayloadSource[] {
  return [
    bufferSource(SCHEMA_RECORD_PATH, jsonBuffer(testimonyJsonSchema())),
    bufferSource(
      SCHEMA_DOCUMENT_PATH,
      jsonBuffer({
        ...(z.toJSONSchema(TestimonyDocument, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' }) as Record<string, unknown>),
        title: 'Testimony document (testimony.json), version 1',
      }),
    ),
  ];
}

type TestimonyRow = { id: string; title: string; status: TestimonyStatus; current_version: number; created_at: string; updated_at: string };
type AttachmentRow = {
  id: string;
  blob_id: string;
  file_key: Buffer;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  created_at: string;
  created_by_name: string | null;
  origin_created_by: string | null;
};

/** A digest of a testimony's attachments, to tell whether any were added since an export. */
export function attachmentsDigest(attachments: ReadonlyArray<{ id: string; sha256: string }>): string {
  return sha256Hex(
    attachments
      .map((attachment) => `${attachment.id}:${attachment.sha256}`)
      .sort()
      .join('\n'),
  );
}

/** The first of `scopes` the record's consent does not allow, as a skip; undefined when it allows them all. */
function consentProblem(record: TestimonyRecord, testimonyId: string, scopes: readonly ArchivePurpose[]): ExportSkip | undefined {
  const consent = record.consent;
  if (!consent) return { testimonyId, reason: 'no-consent', message: 'no consent is recorded' };
  for (const scope of scopes) {
    if (consentAllows(consent, scope)) continue;
    const withdrawn = consent.withdrawal?.scopesWithdrawn ?? [];
    if (withdrawn.includes(scope) || withdrawn.includes('internal-archive')) {
      return { testimonyId, reason: 'consent-withdrawn', message: `consent for ${scope} was withdrawn on ${consent.withdrawal!.date}` };
    }
    return { testimonyId, reason: 'consent-excludes-purpose', message: `consent does not cover ${scope}` };
  }
  return undefined;
}

/**
 * The consent scopes an export needs: the workstation's purpose; for a redacted archive also
 * redacted publication (a release is made for publication, whoever receives it first).
 */
function scopesNeeded(kind: ArchiveKind, purpose: ArchivePurpose): ArchivePurpose[] {
  return kind === 'redacted' && purpose !== 'redacted-publication' ? ['redacted-publication', purpose] : [purpose];
}

/**
 * The testimonies an export may take: the selection (ids, status, changed since the last export of
 * this kind to this workstation), then consent, which must allow what the export needs
 * (scopesNeeded). Publication copies received from elsewhere are never originals: left out, and
 * named when asked for by id. Unknown ids are refused rather than skipped, so that a typo is not
 * mistaken for an export. (For a redacted export, "changed since" is decided per release, later.)
 */
export function selectTestimonies(
  vault: Vault,
  workstation: TrustedWorkstation,
  selection: ExportSelection,
  kind: ArchiveKind = 'full',
): { rows: Array<TestimonyRow & { record: TestimonyRecord; recordSha256: string }>; skipped: ExportSkip[] } {
  const db = vault.db;
  let rows: TestimonyRow[];
  if (selection.ids && selection.ids.length > 0) {
    const byId = db.prepare('SELECT id, title, status, current_version, created_at, updated_at FROM testimonies WHERE id = ?');
    rows = [...new Set(selection.ids)].map((id) => {
      const row = byId.get(id) as TestimonyRow | undefined;
      if (!row) throw new UserError('no-such-testimony', `There is no testimony ${id}`);
      return row;
    });
  } else {
    rows = db.prepare('SELECT id, title, status, current_version, created_at, updated_at FROM testimonies ORDER BY created_at, id').all() as TestimonyRow[];
  }
  const skipped: ExportSkip[] = [];
  const copy = db.prepare(`SELECT ${publicationCopyCondition('?')} AS yes`).pluck();
  const askedFor = new Set(selection.ids ?? []);
  rows = rows.filter((row) => {
    if (copy.get(row.id) !== 1) return true;
    if (askedFor.has(row.id)) {
      skipped.push({ testimonyId: row.id, reason: 'publication-copy', message: 'it is a publication copy received in a redacted archive, not an original' });
    }
    return false;
  });
  if (selection.status) rows = rows.filter((row) => row.status === selection.status);
  if (selection.sinceLast && kind === 'full') {
    const lastItem = db.prepare(
      `SELECT i.version, i.status, i.attachments_digest FROM archive_export_items i JOIN archive_exports e ON e.archive_id = i.archive_id
        WHERE i.testimony_id = ? AND e.workstation_id = ? AND e.kind = 'full' ORDER BY e.created_at DESC, e.rowid DESC LIMIT 1`,
    );
    const attachmentsOf = db.prepare('SELECT id, sha256 FROM attachments WHERE testimony_id = ?');
    rows = rows.filter((row) => {
      const last = lastItem.get(row.id, workstation.id) as { version: number; status: string; attachments_digest: string } | undefined;
      if (!last) return true;
      const digest = attachmentsDigest(attachmentsOf.all(row.id) as Array<{ id: string; sha256: string }>);
      return last.version !== row.current_version || last.status !== row.status || last.attachments_digest !== digest;
    });
  }
  const recordOf = db.prepare('SELECT record, record_sha256 FROM testimony_versions WHERE testimony_id = ? AND version = ?');
  const chosen: Array<TestimonyRow & { record: TestimonyRecord; recordSha256: string }> = [];
  const scopes = scopesNeeded(kind, workstation.purpose);
  for (const row of rows) {
    const stored = recordOf.get(row.id, row.current_version) as { record: string; record_sha256: string };
    const parsed = parseTestimonyRecord(JSON.parse(stored.record));
    if (!parsed.ok) throw new Error(`stored testimony ${row.id} fails its schema`);
    const problem = consentProblem(parsed.value, row.id, scopes);
    if (problem) skipped.push(problem);
    else chosen.push({ ...row, record: parsed.value, recordSha256: stored.record_sha256 });
  }
  return { rows: chosen, skipped };
}

function exportEvent(context: ExportContext): CustodyEvent {
  return {
    id: crypto.randomUUID(),
    event: 'exported',
    at: context.createdAt,
    archiveId: context.archiveId,
    senderFingerprint: context.senderFingerprint,
    recipientFingerprints: context.recipientFingerprints,
    recordedBy: context.senderFingerprint,
  };
}

class JsonBudget {
  private total = 0;
  add(size: number, what: string, limit: number): void {
    if (size > limit) {
      throw new UserError('export-too-large', `${what} is ${Math.ceil(size / 2 ** 20)} MiB, more than an archive may hold in one file (${limit / 2 ** 20} MiB)`);
    }
    this.total += size;
    if (this.total > ARCHIVE_DOCUMENT_LIMITS.totalJsonBytes) {
      throw new UserError('export-too-large', 'These testimonies hold more text than one archive may; export them in parts with --ids');
    }
  }
}

/**
 * A full archive: for each testimony every version of its record (as stored, so each file's hash is
 * the version's recorded hash), its attachments streamed from the vault's encrypted store (decrypted
 * only while they pass into the age stream), the audit entries about it and its chain of custody.
 */
export function prepareFullExport(vault: Vault, workstation: TrustedWorkstation, selection: ExportSelection, context: ExportContext): PreparedExport {
  const db = vault.db;
  const store = new AttachmentStore(path.join(vault.dir, ATTACHMENTS_DIR));
  const budget = new JsonBudget();
  const heldKeys: Buffer[] = [];
  const dispose = () => {
    for (const key of heldKeys) key.fill(0);
  };
  try {
    // One read transaction: every file of the archive shows the vault at the same moment.
    return db.transaction(() => {
      const { rows, skipped } = selectTestimonies(vault, workstation, selection);
      if (rows.length === 0 && context.planOnly) return nothingToSeal(skipped, dispose);
      if (rows.length === 0) {
        const why = skipped.length > 0 ? ` (${skipped.length} left out: ${skipped.map((skip) => `${skip.testimonyId}: ${skip.message}`).join('; ')})` : '';
        throw new UserError('nothing-to-export', `Nothing to export to ${workstation.name}${why}`);
      }
      if (rows.length > ARCHIVE_DOCUMENT_LIMITS.testimonies) {
        throw new UserError('export-too-large', `One archive holds at most ${ARCHIVE_DOCUMENT_LIMITS.testimonies} testimonies; export them in parts with --ids`);
      }
      const entries = schemaSources();
      const testimonies: ExportedTestimony[] = [];
      const items: ExportItem[] = [];
      const custody: PreparedExport['custody'] = [];
      let attachmentBytes = 0;
      const versionsOf = db.prepare(
        `SELECT v.version, v.record, v.record_sha256, v.created_at, coalesce(p.origin_created_by, u.name) AS author
           FROM testimony_versions v LEFT JOIN users u ON u.id = v.created_by
           LEFT JOIN imported_versions p ON p.testimony_id = v.testimony_id AND p.version = v.version
          WHERE v.testimony_id = ? ORDER BY v.version`,
      );
      const attachmentsOf = db.prepare(
        `SELECT a.id, a.blob_id, a.file_key, a.file_name, a.media_type, a.size, a.sha256, a.created_at,
                u.name AS created_by_name, p.origin_created_by
           FROM attachments a LEFT JOIN users u ON u.id = a.created_by LEFT JOIN imported_attachments p ON p.attachment_id = a.id
          WHERE a.testimony_id = ? ORDER BY a.created_at, a.id`,
      );
      const auditOf = db.prepare(
        `SELECT l.seq, l.at, u.name AS user_name, l.action, l.details, l.prev_hash, l.hash
           FROM audit_log l LEFT JOIN users u ON u.id = l.user_id WHERE l.target = ? ORDER BY l.seq`,
      );
      for (const row of rows) {
        const versionRows = versionsOf.all(row.id) as Array<{ version: number; record: string; record_sha256: string; created_at: string; author: string | null }>;
        const versions: ArchivedVersion[] = [];
        const versionEntries: PayloadSource[] = [];
        for (const version of versionRows) {
          const data = Buffer.from(version.record, 'utf8');
          budget.add(data.length, `Version ${version.version} of testimony ${row.id}`, ARCHIVE_DOCUMENT_LIMITS.recordFileBytes);
          // The stored text is the canonical record; its hash is the one recorded at the time.
          if (sha256Hex(data) !== version.record_sha256) throw new Error(`testimony ${row.id} v${version.version} does not match its recorded hash`);
          versions.push({ version: version.version, createdAt: version.created_at, createdBy: version.author, recordSha256: version.record_sha256 });
          versionEntries.push({ path: versionPath(row.id, version.version), size: data.length, sha256: version.record_sha256, open: () => Readable.from([data]) });
        }
        const attachmentRows = attachmentsOf.all(row.id) as AttachmentRow[];
        const attachments: ArchivedAttachment[] = [];
        const attachmentEntries: PayloadSource[] = [];
        for (const attachment of attachmentRows) {
          heldKeys.push(attachment.file_key);
          const archived: ArchivedAttachment = {
            id: attachment.id,
            fileName: attachment.file_name,
            mediaType: attachment.media_type,
            size: attachment.size,
            sha256: attachment.sha256,
            createdAt: attachment.created_at,
            createdBy: attachment.origin_created_by ?? attachment.created_by_name,
          };
          attachments.push(archived);
          attachmentBytes += attachment.size;
          attachmentEntries.push({
            path: attachmentPath(row.id, archived),
            size: attachment.size,
            sha256: attachment.sha256,
            open: () => store.read(attachment.blob_id, attachment.file_key),
            // Large ones decrypt on the vault worker, beside age's cipher on the other; authenticated
            // in full under the blob's own key, they are the bytes sha256 was taken of (see readBlobOffThread).
            ...(attachment.size >= OFF_THREAD_MIN_BYTES && ageWorkerAvailable()
              ? { openChecked: () => readBlobOffThread(store, attachment.blob_id, attachment.file_key, { size: attachment.size }) }
              : {}),
          });
        }
        const audit: ArchivedAuditEntry[] = (
          auditOf.all(row.id) as Array<{ seq: number; at: string; user_name: string | null; action: string; details: string; prev_hash: string; hash: string }>
        ).map((entry) => ({
          seq: entry.seq,
          at: entry.at,
          userName: entry.user_name,
          action: entry.action,
          details: JSON.parse(entry.details) as ArchivedAuditEntry['details'],
          prevHash: entry.prev_hash,
          hash: entry.hash,
        }));
        const event = exportEvent(context);
        custody.push({ testimonyId: row.id, event });
        const document: TestimonyDocument = TestimonyDocument.parse({
          documentType: 'tw-testimony',
          documentVersion: DOCUMENT_VERSION,
          kind: 'full',
          id: row.id,
          status: row.status,
          createdAt: row.created_at,
          updatedAt: row.updated_at,
          versions,
          attachments,
          custody: [...custodyChain(db, row.id), event],
          audit,
        });
        const documentData = jsonBuffer(document);
        budget.add(documentData.length, `The description of testimony ${row.id}`, ARCHIVE_DOCUMENT_LIMITS.documentFileBytes);
        entries.push(bufferSource(documentPath(row.id), documentData), ...versionEntries, ...attachmentEntries);
        testimonies.push({ id: row.id, title: row.title, version: row.current_version, versions: versions.length, attachments: attachments.length });
        items.push({ testimonyId: row.id, version: row.current_version, status: row.status, attachmentsDigest: attachmentsDigest(attachmentRows) });
      }
      return { entries, testimonies, skipped, items, custody, attachmentBytes, dispose };
    })();
  } catch (error) {
    dispose();
    throw error;
  }
}

/** What archive_export_items.attachments_digest holds for a release: which release went out, for --since-last. */
export function releaseExportDigest(releaseId: string, releaseSha256: string): string {
  return sha256Hex(`tw-release-export\n${releaseId}\n${releaseSha256}`);
}

/** The schemas a redacted archive ships: only that of release.json (the record's is inside it). */
function releaseSchemaSources(): PayloadSource[] {
  return [bufferSource(SCHEMA_RELEASE_PATH, jsonBuffer(releaseRecordJsonSchema()))];
}

/**
 * Checks what the release provider hands over before it is sealed: the document parses as a
 * ReleaseRecord (which refuses identity, names, code, consent block and translator), its bytes
 * have the hash given, it names the original asked for, and its attachment list is the one given.
 * A mismatch is a bug of the provider, never the user's doing.
 */
function checkedRelease(release: ApprovedRelease, row: { id: string; current_version: number; recordSha256: string }): ReleaseRecord {
  const bytes = Buffer.from(release.releaseJson, 'utf8');
  if (sha256Hex(bytes) !== release.releaseSha256) throw new Error(`release ${release.releaseId} does not match its recorded hash`);
  const parsed = ReleaseRecord.safeParse(JSON.parse(release.releaseJson));
  if (!parsed.success) throw new Error(`release ${release.releaseId} fails the release schema: ${parsed.error.issues[0]?.message ?? ''}`);
  const record = parsed.data;
  const original = record.original;
  if (
    record.releaseId !== release.releaseId ||
    original.testimonyId !== row.id ||
    release.testimonyId !== row.id ||
    original.version !== row.current_version ||
    release.sourceVersion !== row.current_version ||
    original.recordSha256 !== row.recordSha256 ||
    release.sourceRecordSha256 !== row.recordSha256
  ) {
    throw new Error(`release ${release.releaseId} does not derive from the current version of testimony ${row.id}`);
  }
  const listed = JSON.stringify(record.attachments);
  const given = JSON.stringify(release.attachments.map(({ name, mediaType, size, sha256 }) => ({ name, mediaType, size, sha256 })));
  if (listed !== given) throw new Error(`release ${release.releaseId}: the attachments given are not the ones it lists`);
  return record;
}

/**
 * A redacted archive: per testimony selected (consent allowing redacted publication and the
 * workstation's purpose, checked on the original's current record, so that a withdrawal made
 * after approval stops it), the release the provider offers — approved by a second reviewer, still
 * current, checked again — as its release document byte for byte, and the stripped attachments it
 * lists. Nothing else: no original record, no audit entries, no user names, no custody, no
 * pseudonym table. Every testimony left out is named in the report with the reason.
 */
export async function prepareRedactedExport(
  vault: Vault,
  workstation: TrustedWorkstation,
  selection: ExportSelection,
  context: ExportContext,
  provider: ReleaseProvider,
): Promise<PreparedExport> {
  const { rows, skipped } = selectTestimonies(vault, workstation, selection, 'redacted');
  const lookups = rows.length > 0 ? await provider.releasesFor(rows.map((row) => row.id), { purpose: workstation.purpose }) : [];
  if (lookups.length !== rows.length || lookups.some((lookup, i) => lookup.testimonyId !== rows[i]!.id)) {
    throw new Error('the release provider answered for other testimonies than asked');
  }
  const alreadySent = vault.db.prepare(
    `SELECT 1 FROM archive_export_items i JOIN archive_exports e ON e.archive_id = i.archive_id
      WHERE i.testimony_id = ? AND e.workstation_id = ? AND e.kind = 'redacted' AND i.attachments_digest = ? LIMIT 1`,
  );
  const chosen: Array<{ row: (typeof rows)[number]; release: ApprovedRelease; record: ReleaseRecord }> = [];
  let sentBefore = 0;
  for (const [i, lookup] of lookups.entries()) {
    const row = rows[i]!;
    if (lookup.release === null) {
      skipped.push({ testimonyId: row.id, reason: lookup.reason, message: lookup.message });
      continue;
    }
    const record = checkedRelease(lookup.release, row);
    // --since-last: a release that went to this workstation before is not sent again; a new one is.
    if (selection.sinceLast && alreadySent.get(row.id, workstation.id, releaseExportDigest(lookup.release.releaseId, lookup.release.releaseSha256))) {
      sentBefore += 1;
      continue;
    }
    chosen.push({ row, release: lookup.release, record });
  }
  if (chosen.length === 0 && context.planOnly) return nothingToSeal(skipped);
  if (chosen.length === 0) {
    const why = skipped.length > 0 ? ` (${skipped.length} left out: ${skipped.map((skip) => `${skip.testimonyId}: ${skip.message}`).join('; ')})` : '';
    if (sentBefore > 0) throw new UserError('nothing-to-export', `Nothing new to export to ${workstation.name}: its ${sentBefore} approved release(s) went there before${why}`);
    throw new UserError('no-approved-releases', `No approved releases to export to ${workstation.name}${why}`);
  }
  if (chosen.length > ARCHIVE_DOCUMENT_LIMITS.testimonies) {
    throw new UserError('export-too-large', `One archive holds at most ${ARCHIVE_DOCUMENT_LIMITS.testimonies} releases; export them in parts with --ids`);
  }
  const budget = new JsonBudget();
  const entries = releaseSchemaSources();
  const testimonies: ExportedTestimony[] = [];
  const items: ExportItem[] = [];
  const custody: PreparedExport['custody'] = [];
  let attachmentBytes = 0;
  for (const { row, release, record } of chosen) {
    const releaseData = Buffer.from(release.releaseJson, 'utf8');
    budget.add(releaseData.length, `Release ${release.releaseId}`, ARCHIVE_DOCUMENT_LIMITS.recordFileBytes);
    entries.push(
      { path: releasePath(release.releaseId), size: releaseData.length, sha256: release.releaseSha256, open: () => Readable.from([releaseData]) },
      ...release.attachments.map((attachment) => ({
        path: releaseAttachmentPath(release.releaseId, attachment.name),
        size: attachment.size,
        sha256: attachment.sha256,
        open: () => attachment.open(),
      })),
    );
    attachmentBytes += release.attachments.reduce((sum, attachment) => sum + attachment.size, 0);
    // The sender's own custody of the original: this release of it left in this archive.
    custody.push({ testimonyId: row.id, event: exportEvent(context) });
    const derivedFrom = { testimonyId: record.original.testimonyId, version: record.original.version, recordSha256: record.original.recordSha256 };
    testimonies.push({ id: release.releaseId, title: record.record.title, version: 1, versions: 1, attachments: release.attachments.length, derivedFrom });
    items.push({ testimonyId: row.id, version: row.current_version, status: row.status, attachmentsDigest: releaseExportDigest(release.releaseId, release.releaseSha256) });
  }
  return { entries, testimonies, skipped, items, custody, attachmentBytes, dispose: () => undefined };
}
