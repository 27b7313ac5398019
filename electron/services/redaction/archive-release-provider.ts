/**
 * Approved releases in the shape the sealed-archive export asks for (`ReleaseProvider` in
 * electron/services/archive/release-provider.ts). The archive seals each release document as
 * stored — a ReleaseRecord, whose generalised values and consent scopes a plain testimony record
 * cannot hold — with the stripped attachments it lists. The pseudonym table is never part of it.
 */
import type { ReleaseLookup, ReleaseProvider } from '../archive/release-provider';
import type { Vault } from '../vault/vault';
import { ReleaseService } from './release-service';

export function archiveReleaseProvider(vault: Vault): ReleaseProvider {
  return {
    async releasesFor(testimonyIds, options) {
      const found = await new ReleaseService(vault).releasesForExport(testimonyIds, { purpose: options.purpose });
      return found.map((entry): ReleaseLookup => {
        if (entry.release === null) return entry;
        const release = entry.release;
        return {
          testimonyId: entry.testimonyId,
          release: {
            releaseId: release.releaseId,
            testimonyId: release.testimonyId,
            sourceVersion: release.testimonyVersion,
            sourceRecordSha256: release.originalSha256,
            approvedAt: release.approvedAt,
            releaseJson: release.recordJson,
            releaseSha256: release.recordSha256,
            attachments: release.attachments.map((attachment) => ({
              name: attachment.name,
              mediaType: attachment.mediaType,
              size: attachment.size,
              sha256: attachment.sha256,
              open: attachment.open,
            })),
          },
        };
      });
    },
  };
}
