/**
 * Approved releases in the shape the sealed-archive export asks for (`ReleaseProvider` in
 * electron/services/archive/release-provider.ts on the archive branch; the types are repeated here
 * so that this branch compiles alone: TypeScript matches them by structure, so
 * `const provider: ReleaseProvider = archiveReleaseProvider(vault)` needs no cast).
 *
 * The archive carries `record` (a TestimonyRecord); the values a release holds only in generalised
 * form (birth decade, band of years of leaving) and the consent scopes are in `releaseRecord`
 * beside it, for an archive format that has room for them.
 */
import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import type { ReleaseRecord } from '@shared/redaction/release-record';
import type { TestimonyRecord } from '@shared/testimony/schema';
import type { Vault } from '../vault/vault';
import { ReleaseService } from './release-service';

export interface ArchiveReleaseAttachment {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  createdAt: string;
  open(): Readable;
}

export interface ArchiveApprovedRelease {
  releaseId: string;
  testimonyId: string;
  sourceVersion: number;
  sourceRecordSha256: string;
  approvedAt: string;
  record: TestimonyRecord;
  attachments: ArchiveReleaseAttachment[];
  /** The whole release (generalised values, consent scopes, attachment list) as approved. */
  releaseRecord: ReleaseRecord;
  releaseRecordSha256: string;
}

/** A stable UUID for a stripped file: the same release and attachment always give the same id. */
function strippedFileId(releaseId: string, name: string): string {
  const hex = crypto.createHash('sha256').update(`tw-release-attachment\n${releaseId}\n${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function archiveReleaseProvider(vault: Vault): { approvedReleases(selection: { testimonyIds?: readonly string[] }): Promise<ArchiveApprovedRelease[]> } {
  return {
    async approvedReleases(selection) {
      const releases: ArchiveApprovedRelease[] = [];
      for (const release of new ReleaseService(vault).approvedReleases(selection.testimonyIds ? { testimonyIds: selection.testimonyIds } : {})) {
        releases.push({
          releaseId: release.releaseId,
          testimonyId: release.testimonyId,
          sourceVersion: release.testimonyVersion,
          sourceRecordSha256: release.originalSha256,
          approvedAt: release.approvedAt,
          record: release.record.record,
          attachments: release.attachments.map((attachment) => ({
            id: strippedFileId(release.releaseId, attachment.name),
            fileName: attachment.name,
            mediaType: attachment.mediaType,
            size: attachment.size,
            sha256: attachment.sha256,
            createdAt: release.approvedAt,
            open: attachment.open,
          })),
          releaseRecord: release.record,
          releaseRecordSha256: release.recordSha256,
        });
      }
      return releases;
    },
  };
}
