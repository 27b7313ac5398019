import crypto from 'node:crypto';
import path from 'node:path';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { UserError } from '@shared/errors';
import {
  ARCHIVE_DOCUMENT_LIMITS,
  type ArchiveKind,
  type ArchivedAttachment,
  type ArchivedAuditEntry,
  type ArchivedVersion,
  attachmentPath,
  type CustodyEvent,
  DOCUMENT_VERSION,
  documentPath,
  SCHEMA_DOCUMENT_PATH,
  SCHEMA_RECORD_PATH,
  TestimonyDocument,
  versionPath,
} from '@shared/archive/documents';
import type { ExportedTestimony, ExportSkip } from '@shared/archive/reports';
import { consentAllows, parseTestimonyRecord, type TestimonyRecord, type TestimonyStatus, testimonyJsonSchema } from '@shared/testimony/schema';
import type { Vault } from '../vault/vault';
import { ATTACHMENTS_DIR } from '../vault/vault';
import { AttachmentStore } from '../attachments/attachment-store';
import { canonicalRecordText } from '../testimony/testimony-service';
import type { TrustedWorkstation } from './archive-keys';
import type { ApprovedRelease, ReleaseProvider } from './release-provider';
import { custodyChain } from './custody';

/** One file of the bag's data/ folder as the format layer seals it. */
export interface PayloadSource {
  /** Relative to data/. */
  path: string;
  size: number;
  /** Known beforehand (from the vault), so that the manifest can be written before the payload. */
  sha256: string;
  open(): Readable;
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

function consentProblem(record: TestimonyRecord, testimonyId: string, purpose: TrustedWorkstation['purpose']): ExportSkip | undefined {
  if (consentAllows(record.consent, purpose)) return undefined;
  const consent = record.consent;
  if (!consent) return { testimonyId, reason: 'no-consent', message: 'no consent is recorded' };
  const withdrawn = consent.withdrawal?.scopesWithdrawn ?? [];
  if (withdrawn.includes(purpose) || withdrawn.includes('internal-archive')) {
    return { testimonyId, reason: 'consent-withdrawn', message: `consent for ${purpose} was withdrawn on ${consent.withdrawal!.date}` };
  }
  return { testimonyId, reason: 'consent-excludes-purpose', message: `consent does not cover ${purpose}` };
}

/**
 * The testimonies an export may take: the selection (ids, status, changed since the last export to
 * this workstation), then consent, which must allow the workstation's purpose. Unknown ids are refused
 * rather than skipped, so that a typo is not mistaken for an export.
 */
export function selectTestimonies(
  vault: Vault,
  workstation: TrustedWorkstation,
  selection: ExportSelection,
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
  if (selection.status) rows = rows.filter((row) => row.status === selection.status);
  if (selection.sinceLast) {
    const lastItem = db.prepare(
      `SELECT i.version, i.status, i.attachments_digest FROM archive_export_items i JOIN archive_exports e ON e.archive_id = i.archive_id
        WHERE i.testimony_id = ? AND e.workstation_id = ? ORDER BY e.created_at DESC, e.rowid DESC LIMIT 1`,
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
  const skipped: ExportSkip[] = [];
  for (const row of rows) {
    const stored = recordOf.get(row.id, row.current_version) as { record: string; record_sha256: string };
    const parsed = parseTestimonyRecord(JSON.parse(stored.record));
    if (!parsed.ok) throw new Error(`stored testimony ${row.id} fails its schema`);
    const problem = consentProblem(parsed.value, row.id, workstation.purpose);
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
      if (rows.length === 0) {
        const why = skipped.length > 0 ? ` (${skipped.length} left out for consent)` : '';
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

/**
 * A redacted archive: the approved releases the provider gives, each as one version with its
 * stripped attachments and the hash of the original it derives from; no audit entries, no
 * author names. Consent is checked on the original's current record, so a withdrawal made after
 * the release was approved still stops it.
 */
export async function prepareRedactedExport(
  vault: Vault,
  workstation: TrustedWorkstation,
  selection: ExportSelection,
  context: ExportContext,
  provider: ReleaseProvider,
): Promise<PreparedExport> {
  const { rows, skipped } = selectTestimonies(vault, workstation, selection);
  const releases = rows.length > 0 ? await provider.approvedReleases({ testimonyIds: rows.map((row) => row.id) }) : [];
  const byTestimony = new Map<string, ApprovedRelease>(releases.map((release) => [release.testimonyId, release]));
  const chosen = rows.filter((row) => {
    if (byTestimony.has(row.id)) return true;
    skipped.push({ testimonyId: row.id, reason: 'no-approved-release', message: 'no approved release' });
    return false;
  });
  if (chosen.length === 0) {
    throw new UserError('no-approved-releases', `No approved releases to export to ${workstation.name}${skipped.length > 0 ? ` (${skipped.length} left out)` : ''}`);
  }
  const budget = new JsonBudget();
  const entries = schemaSources();
  const testimonies: ExportedTestimony[] = [];
  const items: ExportItem[] = [];
  const custody: PreparedExport['custody'] = [];
  let attachmentBytes = 0;
  for (const row of chosen) {
    const release = byTestimony.get(row.id)!;
    const parsed = parseTestimonyRecord(release.record);
    if (!parsed.ok) throw new Error(`release ${release.releaseId} fails the record schema`);
    const recordData = Buffer.from(canonicalRecordText(parsed.value), 'utf8');
    budget.add(recordData.length, `Release ${release.releaseId}`, ARCHIVE_DOCUMENT_LIMITS.recordFileBytes);
    const attachments: ArchivedAttachment[] = release.attachments.map((attachment) => ({
      id: attachment.id,
      fileName: attachment.fileName,
      mediaType: attachment.mediaType,
      size: attachment.size,
      sha256: attachment.sha256,
      createdAt: attachment.createdAt,
      createdBy: null,
    }));
    const event = exportEvent(context);
    custody.push({ testimonyId: row.id, event });
    const document = TestimonyDocument.parse({
      documentType: 'tw-testimony',
      documentVersion: DOCUMENT_VERSION,
      kind: 'redacted',
      id: release.releaseId,
      status: 'approved',
      createdAt: release.approvedAt,
      updatedAt: release.approvedAt,
      versions: [{ version: 1, createdAt: release.approvedAt, createdBy: null, recordSha256: sha256Hex(recordData) }],
      attachments,
      custody: [event],
      audit: [],
      derivedFrom: { testimonyId: release.testimonyId, version: release.sourceVersion, recordSha256: release.sourceRecordSha256 },
    });
    const documentData = jsonBuffer(document);
    budget.add(documentData.length, `The description of release ${release.releaseId}`, ARCHIVE_DOCUMENT_LIMITS.documentFileBytes);
    entries.push(
      bufferSource(documentPath(release.releaseId), documentData),
      bufferSource(versionPath(release.releaseId, 1), recordData),
      ...release.attachments.map((attachment, index) => ({
        path: attachmentPath(release.releaseId, attachments[index]!),
        size: attachment.size,
        sha256: attachment.sha256,
        open: () => attachment.open(),
      })),
    );
    attachmentBytes += attachments.reduce((sum, attachment) => sum + attachment.size, 0);
    testimonies.push({ id: release.releaseId, title: parsed.value.title, version: 1, versions: 1, attachments: attachments.length });
    items.push({ testimonyId: row.id, version: row.current_version, status: row.status, attachmentsDigest: attachmentsDigest(release.attachments) });
  }
  return { entries, testimonies, skipped, items, custody, attachmentBytes, dispose: () => undefined };
}
