/**
 * What the archive service reports to its callers (the `tw` command line, later the UI over IPC).
 * Plain data: ids, names, counts, fingerprints and hashes, never testimony content beyond titles.
 */
import type { ArchiveKind, ArchivePurpose } from './documents';
import type { TestimonyStatus } from '../testimony/schema';

/** Progress of a long operation: bytes of the archive file sealed or read so far. */
export interface ArchiveProgress {
  phase: 'sealing' | 'reading' | 'committing';
  bytesDone: number;
  bytesTotal: number;
}

export type ProgressCallback = (progress: ArchiveProgress) => void;

/**
 * Why a testimony was left out of an export. For redacted exports: no release prepared; prepared but
 * not approved by a second reviewer; approved, but the testimony or a decision changed since
 * (stale); approved, but the check run again at export found something; or the testimony is itself
 * a publication copy received from elsewhere (never exported as an original).
 */
export const EXPORT_SKIP_REASONS = [
  'no-consent',
  'consent-excludes-purpose',
  'consent-withdrawn',
  'no-release',
  'release-not-approved',
  'release-stale',
  'release-check-failed',
  'publication-copy',
] as const;
export type ExportSkipReason = (typeof EXPORT_SKIP_REASONS)[number];

export interface ExportSkip {
  testimonyId: string;
  reason: ExportSkipReason;
  /** One line for the person exporting, e.g. "consent does not cover un-or-court-submission". */
  message: string;
}

/** The link of a redacted release to the original it was derived from (which stays in the issuing vault). */
export interface DerivedFrom {
  testimonyId: string;
  version: number;
  recordSha256: string;
}

export interface ExportedTestimony {
  /** In a redacted archive: the release id (the original's id is in derivedFrom). */
  id: string;
  title: string;
  version: number;
  versions: number;
  attachments: number;
  /** Redacted archives: which original version the release was derived from. */
  derivedFrom?: DerivedFrom;
}

export interface ExportReport {
  archiveId: string;
  file: string;
  fileSize: number;
  fileSha256: string;
  kind: ArchiveKind;
  createdAt: string;
  recipient: { name: string; fingerprint: string; purpose: ArchivePurpose };
  senderFingerprint: string;
  recipientFingerprints: string[];
  /** False when this vault could not be a recipient too (post-quantum and X25519 keys cannot be mixed in one age file). */
  selfIsRecipient: boolean;
  testimonies: ExportedTestimony[];
  attachmentBytes: number;
  skipped: ExportSkip[];
}

/**
 * What importing would do (verify) or did (import) to one testimony:
 * new (added), same (nothing to do), older (the vault is ahead: nothing changes),
 * newer (versions appended), conflict (both sides edited: the archive's versions kept aside,
 * flagged), conflict-known (that same conflicting edit was already recorded).
 */
export type TestimonyImportOutcome = 'new' | 'same' | 'older' | 'newer' | 'conflict' | 'conflict-known';

export interface ArchivedTestimonySummary {
  id: string;
  title: string;
  status: TestimonyStatus;
  versions: number;
  attachments: number;
  attachmentBytes: number;
  outcome: TestimonyImportOutcome;
  /** Versions that import adds to the vault's history (for "new" and "newer") or keeps aside (for "conflict"). */
  incomingVersions: number;
  /** A redacted release names the original it was derived from; in the receiving vault it is a publication copy. */
  derivedFrom?: DerivedFrom;
}

export interface ArchiveDescription {
  archiveId: string;
  kind: ArchiveKind;
  format: number;
  sealedAt: string;
  sender: { name: string; fingerprint: string; isThisVault: boolean };
  recipients: Array<{ fingerprint: string; name: string | null; isThisVault: boolean }>;
  testimonies: ArchivedTestimonySummary[];
  payloadFiles: number;
  payloadBytes: number;
  payloadOxum: string;
  fileSize: number;
  fileSha256: string;
  tagManifestSha256: string;
}

export interface VerifyReport extends ArchiveDescription {
  /** Set when this archive was imported into this vault before. */
  alreadyImported: { importedAt: string } | null;
}

export interface ImportReport extends ArchiveDescription {
  /** True when the archive had been imported before: then nothing changed. */
  alreadyImported: boolean;
  importedAt: string;
  conflicts: string[];
}

export interface ConflictInfo {
  id: string;
  testimonyId: string;
  archiveId: string;
  senderName: string;
  detectedAt: string;
  /** The vault's version both sides last had in common (0: none). */
  baseVersion: number;
  /** The vault's version that was current when the conflict was found. */
  localVersion: number;
  incoming: Array<{ position: number; originVersion: number; recordSha256: string; createdAt: string; createdBy: string | null }>;
  resolved: { at: string; by: string; resolution: 'kept-local' | 'took-incoming' } | null;
}

export interface CustodyRecord {
  id: string;
  event: 'exported' | 'imported';
  at: string;
  archiveId: string;
  senderFingerprint: string;
  recipientFingerprints: string[];
  recordedBy: string;
  /** Whether this vault recorded the event itself or learned it from an archive. */
  learnedFromArchive: string | null;
  archiveSha256?: string;
  tagManifestSha256?: string;
}

/**
 * A testimony that arrived in a redacted archive: a publication copy of a release approved in
 * another vault, stored under the release id with status approved. It is never merged into an
 * original and never exported onward as one.
 */
export interface PublicationCopy {
  releaseId: string;
  /** SHA-256 of release.json as received: the sender's `release.approve` audit entry names the same hash. */
  releaseSha256: string;
  derivedFrom: DerivedFrom;
  /** Whether this vault holds that very original version (same id, version and record hash). */
  originalHere: boolean;
  /** Values released only in generalised form. */
  generalised: { birthDecade?: number; yearLeftNorthKorea?: { from: number; to: number } };
  consentScopes: ArchivePurpose[];
  archiveId: string;
  senderName: string;
  senderFingerprint: string;
  importedAt: string;
}
