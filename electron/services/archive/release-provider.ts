import type { Readable } from 'node:stream';
import type { TestimonyRecord } from '@shared/testimony/schema';

/**
 * Where a redacted export (`tw export --redacted`) gets its content: releases that a reviewer has
 * approved, in their redacted form. The redaction service implements this; the archive service
 * only seals what it is given, and never reads the original record for a redacted archive.
 *
 * A redacted archive carries, per release: the redacted record as the one version, the stripped
 * attachments, and `derivedFrom` (the original testimony's id, version and record hash) so that the
 * receiving archive can tell which original a publication came from. It carries no audit entries
 * and no author names.
 */
export interface ReleaseAttachment {
  /** A fresh id of the stripped file (not the original attachment's id). Lowercase UUID. */
  id: string;
  /** The file name to show; the provider strips identifying names. */
  fileName: string;
  mediaType: string;
  /** Exact size and SHA-256 of the stripped bytes that open() yields. */
  size: number;
  sha256: string;
  createdAt: string;
  /** The stripped bytes, as a stream: never a plaintext copy on disk. Called at most once. */
  open(): Readable;
}

export interface ApprovedRelease {
  /** The release's own id (lowercase UUID): the testimony id the redacted record has in archives. */
  releaseId: string;
  /** The original testimony it was derived from, and which version. */
  testimonyId: string;
  sourceVersion: number;
  /** SHA-256 of the original record version (as in testimony_versions.record_sha256). */
  sourceRecordSha256: string;
  approvedAt: string;
  /** The redacted record; it must pass the record schema like any other. */
  record: TestimonyRecord;
  attachments: ReleaseAttachment[];
}

export interface ReleaseSelection {
  /** Original testimony ids to take releases of; undefined: every approved release. */
  testimonyIds?: readonly string[];
}

export interface ReleaseProvider {
  /** The latest approved release of each selected testimony; testimonies without one are left out. */
  approvedReleases(selection: ReleaseSelection): Promise<ApprovedRelease[]>;
}

/**
 * Until the redaction workflow exists nothing is approved for release, and a redacted export says
 * so rather than sealing originals under a "redacted" label.
 */
export const NO_RELEASES: ReleaseProvider = {
  approvedReleases: async () => [],
};
