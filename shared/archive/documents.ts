/**
 * What a sealed archive carries in its bag's `data/` folder, as this program writes and reads it
 * (format TW-Format 1). Everything read from an archive is parsed with these schemas before use.
 *
 *   data/schema/testimony-record-v1.schema.json          JSON Schema of each record file
 *   data/schema/testimony-document-v1.schema.json        JSON Schema of each testimony.json
 *   data/testimonies/<id>/testimony.json                 a TestimonyDocument: status, versions (hashes),
 *                                                        attachments, chain of custody, audit entries
 *   data/testimonies/<id>/versions/<n>.json              version n of the record (a TestimonyRecord,
 *                                                        with its schemaVersion), every version kept
 *   data/testimonies/<id>/attachments/<attachment id><.ext>   the attachment's bytes
 *
 * A redacted archive (TW-Kind: redacted) holds releases instead, and nothing else:
 *
 *   data/schema/redacted-release-v1.schema.json          JSON Schema of each release.json
 *   data/releases/<release id>/release.json              a ReleaseRecord (shared/redaction/release-record.ts),
 *                                                        byte for byte as two reviewers approved it
 *   data/releases/<release id>/attachments/<name>        a stripped file under its neutral name ("image-1.jpg")
 *
 * One JSON file per record version keeps every file bounded (a record may hold millions of
 * characters) and lets anyone check a record file against the JSON Schema with standard tools.
 * Paths are derived from ids, never taken from the document, so a document cannot point elsewhere.
 */
import { z } from 'zod';
import { ConsentScope } from '../testimony/vocabulary';
import { TestimonyStatus } from '../testimony/schema';
import { ArchiveId, ArchiveKind } from './sealed-archive-format';

export const DOCUMENT_VERSION = 1;

export { ArchiveKind, ArchiveId } from './sealed-archive-format';

/** Limits a reader enforces before it reads; the writer refuses to produce anything beyond them. */
export const ARCHIVE_DOCUMENT_LIMITS = {
  /** One record version as JSON: the CLI accepts testimony files of 16 MiB; room for expansion. */
  recordFileBytes: 32 * 1024 * 1024,
  /** testimony.json: metadata, custody and audit entries, no record text. */
  documentFileBytes: 16 * 1024 * 1024,
  /** All JSON of one archive together: it is parsed in memory (never written out in plaintext). */
  totalJsonBytes: 256 * 1024 * 1024,
  schemaFileBytes: 4 * 1024 * 1024,
  testimonies: 20_000,
  versionsPerTestimony: 10_000,
  attachmentsPerTestimony: 2_000,
  custodyEvents: 10_000,
  auditEntries: 100_000,
} as const;

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 is 64 lowercase hex characters');
export const Uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'an id is a lowercase UUID');
/** RFC 3339 with an offset or Z. */
export const Timestamp = z.iso.datetime({ offset: true });

/** 12 groups of 5 digits, as read aloud to compare: "12345 67890 …". */
export const FINGERPRINT_PATTERN = /^\d{5}( \d{5}){11}$/;
export const Fingerprint = z.string().regex(FINGERPRINT_PATTERN, 'a fingerprint is 12 groups of 5 digits');
export type Fingerprint = z.infer<typeof Fingerprint>;


/** What a trusted workstation receives archives for: a consent scope the testimonies must allow. */
export const ArchivePurpose = ConsentScope;
export type ArchivePurpose = z.infer<typeof ArchivePurpose>;

const Name = z.string().min(1).max(200);

export const ArchivedVersion = z.strictObject({
  version: z.int().min(1).max(1_000_000),
  createdAt: Timestamp,
  /** The author's user name in the sending vault; null in redacted releases. */
  createdBy: Name.nullable(),
  /** SHA-256 of the record file's bytes (the canonical JSON of the record). */
  recordSha256: Sha256Hex,
});
export type ArchivedVersion = z.infer<typeof ArchivedVersion>;

export const ArchivedAttachment = z.strictObject({
  id: Uuid,
  fileName: z.string().min(1).max(255),
  mediaType: z.string().regex(/^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i, 'a media type such as audio/mp4'),
  size: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
  sha256: Sha256Hex,
  createdAt: Timestamp,
  createdBy: Name.nullable(),
});
export type ArchivedAttachment = z.infer<typeof ArchivedAttachment>;

export const CustodyEventKind = z.enum(['exported', 'imported']);

/** One step of a testimony's chain of custody, recorded by the vault named in `recordedBy`. */
export const CustodyEvent = z.strictObject({
  id: Uuid,
  event: CustodyEventKind,
  at: Timestamp,
  archiveId: ArchiveId,
  senderFingerprint: Fingerprint,
  recipientFingerprints: z.array(Fingerprint).min(1).max(16),
  /** The vault that recorded this event: the sender for "exported", the importer for "imported". */
  recordedBy: Fingerprint,
  /** For "imported": the archive file's SHA-256 and its tag manifest's, as the importer computed them. */
  archiveSha256: Sha256Hex.optional(),
  tagManifestSha256: Sha256Hex.optional(),
});
export type CustodyEvent = z.infer<typeof CustodyEvent>;

const AuditValue = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null(), z.array(z.string().max(10_000)).max(1000)]);

/** An entry of the sender's audit log that concerns this testimony (ids, versions, hashes; no content). */
export const ArchivedAuditEntry = z.strictObject({
  seq: z.int().min(1),
  at: Timestamp,
  userName: Name.nullable(),
  action: z.string().min(1).max(100),
  details: z.record(z.string().max(100), AuditValue),
  prevHash: Sha256Hex,
  hash: Sha256Hex,
});
export type ArchivedAuditEntry = z.infer<typeof ArchivedAuditEntry>;

/**
 * testimony.json: everything about one testimony except the record text and attachment bytes. Only
 * full archives hold testimony documents; a redacted archive holds releases (see above).
 */
export const TestimonyDocument = z
  .strictObject({
    documentType: z.literal('tw-testimony'),
    documentVersion: z.literal(DOCUMENT_VERSION, { error: `this program reads testimony documents of version ${DOCUMENT_VERSION}` }),
    kind: z.literal('full', { error: 'a testimony document belongs to a full archive; a redacted archive holds releases' }),
    id: Uuid,
    status: TestimonyStatus,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    /** Oldest first, every version. */
    versions: z.array(ArchivedVersion).min(1).max(ARCHIVE_DOCUMENT_LIMITS.versionsPerTestimony),
    attachments: z.array(ArchivedAttachment).max(ARCHIVE_DOCUMENT_LIMITS.attachmentsPerTestimony),
    custody: z.array(CustodyEvent).max(ARCHIVE_DOCUMENT_LIMITS.custodyEvents),
    audit: z.array(ArchivedAuditEntry).max(ARCHIVE_DOCUMENT_LIMITS.auditEntries),
  })
  .superRefine((doc, ctx) => {
    doc.versions.forEach((version, index) => {
      const previous = doc.versions[index - 1];
      if (previous && version.version <= previous.version) {
        ctx.addIssue({ code: 'custom', path: ['versions', index, 'version'], message: 'versions must be listed oldest first, each number once' });
      }
    });
    const attachmentIds = new Set<string>();
    doc.attachments.forEach((attachment, index) => {
      if (attachmentIds.has(attachment.id)) ctx.addIssue({ code: 'custom', path: ['attachments', index, 'id'], message: `attachment ${attachment.id} is listed twice` });
      attachmentIds.add(attachment.id);
    });
    const custodyIds = new Set<string>();
    doc.custody.forEach((event, index) => {
      if (custodyIds.has(event.id)) ctx.addIssue({ code: 'custom', path: ['custody', index, 'id'], message: `custody event ${event.id} is listed twice` });
      custodyIds.add(event.id);
    });
  });
export type TestimonyDocument = z.infer<typeof TestimonyDocument>;

// ---------------------------------------------------------------------------------------------
// Paths inside data/ (derived from ids, so that a document never names a path itself)

export const SCHEMA_RECORD_PATH = 'schema/testimony-record-v1.schema.json';
export const SCHEMA_DOCUMENT_PATH = 'schema/testimony-document-v1.schema.json';
export const SCHEMA_RELEASE_PATH = 'schema/redacted-release-v1.schema.json';

export function documentPath(testimonyId: string): string {
  return `testimonies/${testimonyId}/testimony.json`;
}

export function versionPath(testimonyId: string, version: number): string {
  return `testimonies/${testimonyId}/versions/${version}.json`;
}

/** The attachment's extension, kept so that standard tools open it; only a plain short one. */
export function attachmentExtension(fileName: string): string {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(fileName);
  return match ? `.${match[1]!.toLowerCase()}` : '';
}

export function attachmentPath(testimonyId: string, attachment: { id: string; fileName: string }): string {
  return `testimonies/${testimonyId}/attachments/${attachment.id}${attachmentExtension(attachment.fileName)}`;
}

export function releasePath(releaseId: string): string {
  return `releases/${releaseId}/release.json`;
}

/** `name` is a release attachment's neutral name (RELEASE_ATTACHMENT_NAME), safe as one path component. */
export function releaseAttachmentPath(releaseId: string, name: string): string {
  return `releases/${releaseId}/attachments/${name}`;
}

/** Which file of data/ a path is, or undefined for a path this format does not have. */
export type DataPath =
  | { kind: 'schema'; path: string }
  | { kind: 'document'; testimonyId: string }
  | { kind: 'version'; testimonyId: string; version: number }
  | { kind: 'attachment'; testimonyId: string; attachmentId: string }
  | { kind: 'release'; releaseId: string }
  | { kind: 'release-attachment'; releaseId: string; name: string };

const UUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const DOCUMENT_RE = new RegExp(`^testimonies/(${UUID_SOURCE})/testimony\\.json$`);
const VERSION_RE = new RegExp(`^testimonies/(${UUID_SOURCE})/versions/([1-9][0-9]{0,6})\\.json$`);
const ATTACHMENT_RE = new RegExp(`^testimonies/(${UUID_SOURCE})/attachments/(${UUID_SOURCE})(\\.[a-z0-9]{1,10})?$`);
const RELEASE_RE = new RegExp(`^releases/(${UUID_SOURCE})/release\\.json$`);
// The same pattern as RELEASE_ATTACHMENT_NAME (shared/redaction/release-record.ts).
const RELEASE_ATTACHMENT_RE = new RegExp(`^releases/(${UUID_SOURCE})/attachments/([a-z]+-[0-9]{1,4}\\.[a-z0-9]{2,5})$`);

export function classifyDataPath(path: string): DataPath | undefined {
  if (path === SCHEMA_RECORD_PATH || path === SCHEMA_DOCUMENT_PATH || path === SCHEMA_RELEASE_PATH) return { kind: 'schema', path };
  let match = DOCUMENT_RE.exec(path);
  if (match) return { kind: 'document', testimonyId: match[1]! };
  match = VERSION_RE.exec(path);
  if (match) return { kind: 'version', testimonyId: match[1]!, version: Number(match[2]) };
  match = ATTACHMENT_RE.exec(path);
  if (match) return { kind: 'attachment', testimonyId: match[1]!, attachmentId: match[2]! };
  match = RELEASE_RE.exec(path);
  if (match) return { kind: 'release', releaseId: match[1]! };
  match = RELEASE_ATTACHMENT_RE.exec(path);
  if (match) return { kind: 'release-attachment', releaseId: match[1]!, name: match[2]! };
  return undefined;
}
