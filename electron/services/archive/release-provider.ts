import type { Readable } from 'node:stream';
import type { ArchivePurpose } from '@shared/archive/documents';
import type { ExportSkipReason } from '@shared/archive/reports';

/**
 * Where a redacted export (`tw export --redacted`) gets its content: releases that two reviewers
 * approved, in their redacted form. The redaction service implements this
 * (electron/services/redaction/archive-release-provider.ts); the archive service seals what it is
 * given after checking it, and never reads the original record into a redacted archive.
 *
 * A redacted archive carries, per release, the release document exactly as approved (a
 * ReleaseRecord: the redacted record, generalised values, consent scopes, the original's id,
 * version and record hash) and the stripped attachments it lists; no audit entries, no user names,
 * no pseudonym table, no original.
 */
export interface ReleaseAttachment {
  /** The neutral name given at release ("image-1.jpg"), as listed in the release document. */
  name: string;
  mediaType: string;
  /** Exact size and SHA-256 of the stripped bytes that open() yields. */
  size: number;
  sha256: string;
  /** The stripped bytes, as a stream: never a plaintext copy on disk. Called at most once. */
  open(): Readable;
}

export interface ApprovedRelease {
  releaseId: string;
  /** The original testimony it was derived from, and which version. */
  testimonyId: string;
  sourceVersion: number;
  /** SHA-256 of the original record version (as in testimony_versions.record_sha256). */
  sourceRecordSha256: string;
  approvedAt: string;
  /** The release document as approved and stored (UTF-8 JSON of a ReleaseRecord), sealed byte for byte. */
  releaseJson: string;
  /** SHA-256 of releaseJson's UTF-8 bytes (the hash in the `release.approve` audit entry). */
  releaseSha256: string;
  attachments: ReleaseAttachment[];
}

/** For one testimony asked about: the release to seal, or why there is none (said in the export report). */
export type ReleaseLookup =
  | { testimonyId: string; release: ApprovedRelease }
  | { testimonyId: string; release: null; reason: ExportSkipReason; message: string };

export interface ReleaseProvider {
  /**
   * One answer per testimony asked about, in the same order. A release is offered only when it is
   * approved (four eyes), of the testimony's current version, made from the current decisions, and
   * passes the check approval ran when run again now; otherwise the answer says why not.
   */
  releasesFor(testimonyIds: readonly string[], options: { purpose: ArchivePurpose }): Promise<ReleaseLookup[]>;
}
