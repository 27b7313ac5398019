import { CustodyEvent } from '@shared/archive/documents';
import type { CustodyRecord } from '@shared/archive/reports';
import type { VaultDatabase } from '../vault/database';

/**
 * The chain of custody of testimonies: every export from and import into a vault, recorded by the
 * vault where it happened and carried along inside later archives. Event ids are global (UUIDs),
 * so an event that reaches a vault by two routes is kept once.
 */

type CustodyRow = {
  id: string;
  event: 'exported' | 'imported';
  at: string;
  archive_id: string;
  sender_fingerprint: string;
  recipient_fingerprints: string;
  recorded_by_fingerprint: string;
  details: string;
  learned_from_archive: string | null;
};

function rowToRecord(row: CustodyRow): CustodyRecord {
  const details = JSON.parse(row.details) as { archiveSha256?: string; tagManifestSha256?: string };
  return {
    id: row.id,
    event: row.event,
    at: row.at,
    archiveId: row.archive_id,
    senderFingerprint: row.sender_fingerprint,
    recipientFingerprints: JSON.parse(row.recipient_fingerprints) as string[],
    recordedBy: row.recorded_by_fingerprint,
    learnedFromArchive: row.learned_from_archive,
    ...(details.archiveSha256 ? { archiveSha256: details.archiveSha256 } : {}),
    ...(details.tagManifestSha256 ? { tagManifestSha256: details.tagManifestSha256 } : {}),
  };
}

export function listCustody(db: VaultDatabase, testimonyId: string): CustodyRecord[] {
  const rows = db.prepare('SELECT * FROM custody_events WHERE testimony_id = ? ORDER BY rowid').all(testimonyId) as CustodyRow[];
  // By time (other vaults may write times with or without fractions, so not as text), then as recorded.
  return rows.map(rowToRecord).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** The chain as an archive carries it (validated: whatever is stored went through the schema once). */
export function custodyChain(db: VaultDatabase, testimonyId: string): CustodyEvent[] {
  return listCustody(db, testimonyId).map(({ learnedFromArchive: _learned, ...event }) => CustodyEvent.parse(event));
}

/**
 * Records one event; an event already known (same id) is left as it is. Returns whether it was new.
 * `extra` goes into the event's details here only (the import of a publication copy keeps what it
 * was derived from there); archives carry the event without it.
 */
export function recordCustody(
  db: VaultDatabase,
  testimonyId: string,
  event: CustodyEvent,
  learnedFromArchive: string | null,
  extra: Record<string, unknown> = {},
): boolean {
  const result = db
    .prepare(
      `INSERT INTO custody_events (id, testimony_id, event, at, archive_id, sender_fingerprint, recipient_fingerprints, recorded_by_fingerprint, details, learned_from_archive)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
    )
    .run(
      event.id,
      testimonyId,
      event.event,
      event.at,
      event.archiveId,
      event.senderFingerprint,
      JSON.stringify(event.recipientFingerprints),
      event.recordedBy,
      JSON.stringify({
        ...extra,
        ...(event.archiveSha256 ? { archiveSha256: event.archiveSha256 } : {}),
        ...(event.tagManifestSha256 ? { tagManifestSha256: event.tagManifestSha256 } : {}),
      }),
      learnedFromArchive,
    );
  return result.changes === 1;
}
