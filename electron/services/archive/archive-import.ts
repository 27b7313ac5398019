/**
 * What an import does to the vault, once the archive has been read and checked completely: one
 * database transaction that adds new testimonies, appends newer versions, keeps conflicting edits
 * aside (flagged), adds attachments, and records the archive, the chain of custody, the sender's
 * audit entries and our own audit entries. Nothing is ever overwritten: a version, once stored, stays.
 */
import crypto from 'node:crypto';
import { UserError } from '@shared/errors';
import { type MergePlan, planMerge } from '@shared/archive/merge';
import type { ArchiveDescription, ArchivedTestimonySummary, TestimonyImportOutcome } from '@shared/archive/reports';
import type { Vault } from '../vault/vault';
import type { VaultDatabase } from '../vault/database';
import { indexTestimony } from '../search/search-index';
import type { CollectedRelease, CollectedTestimony } from './archive-contents';
import { recordCustody } from './custody';
import { isPublicationCopy, type PublicationDetails } from './publication';

/** What the service learnt about an archive while reading it, beside its testimonies. */
export interface ArchiveMeta
  extends Pick<
    ArchiveDescription,
    'archiveId' | 'kind' | 'format' | 'sealedAt' | 'recipients' | 'payloadFiles' | 'payloadBytes' | 'payloadOxum' | 'fileSize' | 'fileSha256' | 'tagManifestSha256'
  > {
  sender: ArchiveDescription['sender'] & { workstationId: string | null };
  /** This vault's fingerprint as listed in TW-Recipients. */
  ownFingerprint: string;
}

export type PlannedTestimony = {
  testimony: CollectedTestimony;
  plan: MergePlan | { kind: 'conflict-known' };
};

function localHistory(db: VaultDatabase, testimonyId: string): string[] | undefined {
  const rows = db.prepare('SELECT record_sha256 FROM testimony_versions WHERE testimony_id = ? ORDER BY version').all(testimonyId) as Array<{
    record_sha256: string;
  }>;
  return rows.length > 0 ? rows.map((row) => row.record_sha256) : undefined;
}

/**
 * A release of a redacted archive becomes a publication copy: new, or the same copy received before
 * (through another archive). Never a version of anything else.
 */
export type PlannedRelease = { release: CollectedRelease; plan: { kind: 'new' } | { kind: 'same' } };

/** What importing each testimony would do, given the vault as it is now. */
export function planImport(db: VaultDatabase, testimonies: readonly CollectedTestimony[]): PlannedTestimony[] {
  const knownConflict = db.prepare('SELECT 1 FROM testimony_conflicts WHERE testimony_id = ? AND incoming_head_sha256 = ?');
  return testimonies.map((testimony) => {
    const incoming = testimony.versions.map((version) => version.sha256);
    const history = localHistory(db, testimony.document.id);
    // An original never lands on a publication copy (only a forged archive could try: ids are random).
    if (history && isPublicationCopy(db, testimony.document.id)) {
      throw new UserError('archive-publication-copy', `Testimony ${testimony.document.id} in the archive has the id of a publication copy in this vault; nothing was imported`);
    }
    const plan = planMerge(history, incoming);
    if (plan.kind === 'conflict' && knownConflict.get(testimony.document.id, incoming[incoming.length - 1]!)) {
      return { testimony, plan: { kind: 'conflict-known' } };
    }
    return { testimony, plan };
  });
}

/**
 * What importing each release would do. A release whose id is taken by a testimony that is not the
 * same publication copy (an original, or another release's copy) refuses the whole archive, so that
 * a publication is never merged as a version of an original.
 */
export function planReleaseImport(db: VaultDatabase, releases: readonly CollectedRelease[]): PlannedRelease[] {
  return releases.map((release) => {
    const id = release.release.releaseId;
    const history = localHistory(db, id);
    if (!history) return { release, plan: { kind: 'new' } };
    if (isPublicationCopy(db, id) && history.length === 1 && history[0] === release.recordSha256) return { release, plan: { kind: 'same' } };
    throw new UserError(
      'archive-release-collides',
      `Release ${id} has the id of a testimony in this vault that is not the same publication copy; a release is never merged into another testimony, so nothing was imported`,
    );
  });
}

function incomingCount(plan: PlannedTestimony['plan'], versions: number): number {
  switch (plan.kind) {
    case 'new':
      return versions;
    case 'newer':
    case 'conflict':
      return versions - plan.from;
    default:
      return 0;
  }
}

/** This vault's own "imported" custody event for a testimony or release of the archive. */
function importedEvent(meta: ArchiveMeta, importedAt: string) {
  return {
    id: crypto.randomUUID(),
    event: 'imported' as const,
    at: importedAt,
    archiveId: meta.archiveId,
    senderFingerprint: meta.sender.fingerprint,
    recipientFingerprints: meta.recipients.map((recipient) => recipient.fingerprint),
    recordedBy: meta.ownFingerprint,
    archiveSha256: meta.fileSha256,
    tagManifestSha256: meta.tagManifestSha256,
  };
}

export function describeArchive(meta: ArchiveMeta, planned: readonly PlannedTestimony[], plannedReleases: readonly PlannedRelease[] = []): ArchiveDescription {
  const releases: ArchivedTestimonySummary[] = plannedReleases.map(({ release, plan }) => ({
    id: release.release.releaseId,
    title: release.release.record.title,
    status: 'approved',
    versions: 1,
    attachments: release.attachments.length,
    attachmentBytes: release.attachments.reduce((sum, attachment) => sum + attachment.size, 0),
    outcome: plan.kind,
    incomingVersions: plan.kind === 'new' ? 1 : 0,
    derivedFrom: { ...release.release.original },
  }));
  const testimonies: ArchivedTestimonySummary[] = planned.map(({ testimony, plan }) => {
    const head = testimony.versions[testimony.versions.length - 1]!;
    return {
      id: testimony.document.id,
      title: head.record.title,
      status: testimony.document.status,
      versions: testimony.versions.length,
      attachments: testimony.attachments.length,
      attachmentBytes: testimony.attachments.reduce((sum, attachment) => sum + attachment.size, 0),
      outcome: plan.kind as TestimonyImportOutcome,
      incomingVersions: incomingCount(plan, testimony.versions.length),
    };
  });
  testimonies.push(...releases);
  return {
    archiveId: meta.archiveId,
    kind: meta.kind,
    format: meta.format,
    sealedAt: meta.sealedAt,
    sender: { name: meta.sender.name, fingerprint: meta.sender.fingerprint, isThisVault: meta.sender.isThisVault },
    recipients: meta.recipients,
    testimonies,
    payloadFiles: meta.payloadFiles,
    payloadBytes: meta.payloadBytes,
    payloadOxum: meta.payloadOxum,
    fileSize: meta.fileSize,
    fileSha256: meta.fileSha256,
    tagManifestSha256: meta.tagManifestSha256,
  };
}

export function previousImport(db: VaultDatabase, archiveId: string): { importedAt: string } | undefined {
  const row = db.prepare('SELECT imported_at FROM archive_imports WHERE archive_id = ?').get(archiveId) as { imported_at: string } | undefined;
  return row ? { importedAt: row.imported_at } : undefined;
}

/** Attachments to add, and the staged blobs they need moved into the vault. Refuses one that differs from what the vault holds. */
export function attachmentsToAdd(db: VaultDatabase, planned: readonly PlannedTestimony[], plannedReleases: readonly PlannedRelease[] = []): { blobIds: string[] } {
  const existing = db.prepare('SELECT testimony_id, sha256, size FROM attachments WHERE id = ?');
  const blobIds: string[] = [];
  const owners: Array<{ testimonyId: string; attachments: ReadonlyArray<{ id: string; sha256: string; size: number; staged?: { blobId: string } }> }> = [
    ...planned.map(({ testimony }) => ({ testimonyId: testimony.document.id, attachments: testimony.attachments })),
    ...plannedReleases.map(({ release }) => ({ testimonyId: release.release.releaseId, attachments: release.attachments })),
  ];
  for (const testimony of owners) {
    for (const attachment of testimony.attachments) {
      const here = existing.get(attachment.id) as { testimony_id: string; sha256: string; size: number } | undefined;
      if (here) {
        if (here.testimony_id !== testimony.testimonyId || here.sha256 !== attachment.sha256 || here.size !== attachment.size) {
          throw new UserError('archive-attachment-differs', `Attachment ${attachment.id} in the archive differs from the one this vault holds`);
        }
      } else {
        if (!attachment.staged) throw new Error(`attachment ${attachment.id} was not staged`);
        blobIds.push(attachment.staged.blobId);
      }
    }
  }
  return { blobIds };
}

/**
 * Writes the import in one transaction. The caller has moved the staged blobs of new attachments
 * into the vault already; if this throws, nothing of it is in the database.
 */
export function commitImport(
  vault: Vault,
  meta: ArchiveMeta,
  planned: readonly PlannedTestimony[],
  plannedReleases: readonly PlannedRelease[] = [],
): { importedAt: string; conflicts: string[] } {
  const user = vault.require('archive.import');
  const db = vault.db;
  const importedAt = new Date().toISOString();
  const conflicts: string[] = [];
  db.transaction(() => {
    if (previousImport(db, meta.archiveId)) throw new UserError('archive-imported-meanwhile', 'This archive was imported meanwhile');
    const summary: Record<string, number> = {};
    for (const { plan } of [...planned, ...plannedReleases]) summary[plan.kind] = (summary[plan.kind] ?? 0) + 1;
    db.prepare(
      `INSERT INTO archive_imports (archive_id, kind, sender_workstation_id, sender_name, sender_fingerprint, recipient_fingerprints, sealed_at,
         imported_at, imported_by, file_sha256, file_size, tagmanifest_sha256, payload_oxum, summary)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      meta.archiveId,
      meta.kind,
      meta.sender.workstationId,
      meta.sender.name,
      meta.sender.fingerprint,
      JSON.stringify(meta.recipients.map((recipient) => recipient.fingerprint)),
      meta.sealedAt,
      importedAt,
      user.id,
      meta.fileSha256,
      meta.fileSize,
      meta.tagManifestSha256,
      meta.payloadOxum,
      JSON.stringify(summary),
    );

    const insertVersion = db.prepare(
      'INSERT INTO testimony_versions (testimony_id, version, record, record_sha256, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const insertProvenance = db.prepare(
      'INSERT INTO imported_versions (testimony_id, version, archive_id, origin_version, origin_created_by) VALUES (?, ?, ?, ?, ?)',
    );
    const existingAttachment = db.prepare('SELECT 1 FROM attachments WHERE id = ?');
    const insertAttachment = db.prepare(
      `INSERT INTO attachments (id, testimony_id, blob_id, file_key, file_name, media_type, size, sha256, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertAttachmentProvenance = db.prepare('INSERT INTO imported_attachments (attachment_id, archive_id, origin_created_by) VALUES (?, ?, ?)');
    const insertAudit = db.prepare(
      `INSERT INTO imported_audit_entries (hash, testimony_id, archive_id, origin_fingerprint, seq, at, user_name, action, details, prev_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(hash) DO NOTHING`,
    );

    for (const { testimony, plan } of planned) {
      const id = testimony.document.id;
      const versions = testimony.versions;
      const head = versions[versions.length - 1]!;
      const appendVersions = (fromIndex: number, firstLocalVersion: number) => {
        for (let index = fromIndex; index < versions.length; index += 1) {
          const version = versions[index]!;
          const local = firstLocalVersion + (index - fromIndex);
          insertVersion.run(id, local, version.text, version.sha256, version.createdAt, user.id);
          insertProvenance.run(id, local, meta.archiveId, version.originVersion, version.createdBy);
        }
      };
      let versionsAdded = 0;
      if (plan.kind === 'new') {
        db.prepare(
          `INSERT INTO testimonies (id, title, status, current_version, created_at, created_by, updated_at, updated_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(id, head.record.title, testimony.document.status, versions.length, testimony.document.createdAt, user.id, importedAt, user.id);
        appendVersions(0, 1);
        indexTestimony(db, id, head.record);
        versionsAdded = versions.length;
      } else if (plan.kind === 'newer') {
        const current = (db.prepare('SELECT current_version FROM testimonies WHERE id = ?').get(id) as { current_version: number }).current_version;
        appendVersions(plan.from, current + 1);
        versionsAdded = versions.length - plan.from;
        db.prepare('UPDATE testimonies SET title = ?, status = ?, current_version = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(
          head.record.title,
          testimony.document.status,
          current + versionsAdded,
          importedAt,
          user.id,
          id,
        );
        indexTestimony(db, id, head.record);
      } else if (plan.kind === 'conflict') {
        const current = (db.prepare('SELECT current_version FROM testimonies WHERE id = ?').get(id) as { current_version: number }).current_version;
        const conflictId = crypto.randomUUID();
        db.prepare(
          `INSERT INTO testimony_conflicts (id, testimony_id, archive_id, detected_at, base_version, local_version, incoming_head_sha256)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(conflictId, id, meta.archiveId, importedAt, plan.baseVersion, current, head.sha256);
        const insertConflictVersion = db.prepare(
          `INSERT INTO testimony_conflict_versions (conflict_id, position, origin_version, record, record_sha256, origin_created_at, origin_created_by)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        );
        versions.slice(plan.from).forEach((version, index) => {
          insertConflictVersion.run(conflictId, index + 1, version.originVersion, version.text, version.sha256, version.createdAt, version.createdBy);
        });
        conflicts.push(id);
        vault.audit('testimony.import-conflict', id, { archive: meta.archiveId, conflict: conflictId, baseVersion: plan.baseVersion, localVersion: current });
      }

      let attachmentsAdded = 0;
      for (const attachment of testimony.attachments) {
        if (existingAttachment.get(attachment.id)) continue;
        insertAttachment.run(
          attachment.id,
          id,
          attachment.staged!.blobId,
          attachment.staged!.fileKey,
          attachment.fileName,
          attachment.mediaType,
          attachment.size,
          attachment.sha256,
          attachment.createdAt,
          user.id,
        );
        insertAttachmentProvenance.run(attachment.id, meta.archiveId, attachment.createdBy);
        attachmentsAdded += 1;
      }

      for (const event of testimony.document.custody) recordCustody(db, id, event, meta.archiveId);
      recordCustody(db, id, importedEvent(meta, importedAt), null);
      for (const entry of testimony.document.audit) {
        insertAudit.run(entry.hash, id, meta.archiveId, meta.sender.fingerprint, entry.seq, entry.at, entry.userName, entry.action, JSON.stringify(entry.details), entry.prevHash);
      }
      vault.audit('testimony.import', id, { archive: meta.archiveId, outcome: plan.kind, versionsAdded, attachmentsAdded });
    }
    commitReleases(vault, meta, plannedReleases, importedAt, user.id);
    vault.audit('archive.import', meta.archiveId, {
      sender: meta.sender.name,
      senderFingerprint: meta.sender.fingerprint,
      kind: meta.kind,
      fileSha256: meta.fileSha256,
      tagManifestSha256: meta.tagManifestSha256,
      testimonies: planned.length + plannedReleases.length,
      conflicts: conflicts.length,
    });
  })();
  return { importedAt, conflicts };
}

/**
 * Publication copies, inside commitImport's transaction: each new release becomes a testimony under
 * the release id, status approved (the testimony service refuses to edit an approved testimony),
 * with its redacted record as its one version and its stripped files as attachments; its
 * provenance (imported_versions → an archive of kind redacted) is what marks it a copy. The values
 * the record cannot hold and the link to the original go into its "imported" custody event.
 */
function commitReleases(vault: Vault, meta: ArchiveMeta, plannedReleases: readonly PlannedRelease[], importedAt: string, userId: string): void {
  const db = vault.db;
  const insertTestimony = db.prepare(
    `INSERT INTO testimonies (id, title, status, current_version, created_at, created_by, updated_at, updated_by)
     VALUES (?, ?, 'approved', 1, ?, ?, ?, ?)`,
  );
  const insertVersion = db.prepare('INSERT INTO testimony_versions (testimony_id, version, record, record_sha256, created_at, created_by) VALUES (?, 1, ?, ?, ?, ?)');
  const insertProvenance = db.prepare('INSERT INTO imported_versions (testimony_id, version, archive_id, origin_version, origin_created_by) VALUES (?, 1, ?, 1, NULL)');
  const existingAttachment = db.prepare('SELECT 1 FROM attachments WHERE id = ?');
  const insertAttachment = db.prepare(
    `INSERT INTO attachments (id, testimony_id, blob_id, file_key, file_name, media_type, size, sha256, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAttachmentProvenance = db.prepare('INSERT INTO imported_attachments (attachment_id, archive_id, origin_created_by) VALUES (?, ?, NULL)');
  for (const { release: collected, plan } of plannedReleases) {
    const release = collected.release;
    const id = release.releaseId;
    if (plan.kind === 'new') {
      insertTestimony.run(id, release.record.title, meta.sealedAt, userId, importedAt, userId);
      insertVersion.run(id, collected.recordText, collected.recordSha256, meta.sealedAt, userId);
      insertProvenance.run(id, meta.archiveId);
      indexTestimony(db, id, release.record);
    }
    let attachmentsAdded = 0;
    for (const attachment of collected.attachments) {
      if (existingAttachment.get(attachment.id)) continue;
      insertAttachment.run(attachment.id, id, attachment.staged!.blobId, attachment.staged!.fileKey, attachment.name, attachment.mediaType, attachment.size, attachment.sha256, meta.sealedAt, userId);
      insertAttachmentProvenance.run(attachment.id, meta.archiveId);
      attachmentsAdded += 1;
    }
    const publication: PublicationDetails = {
      releaseId: id,
      releaseSha256: collected.releaseSha256,
      derivedFrom: { ...release.original },
      generalised: release.generalised,
      consentScopes: release.consentScopes,
    };
    recordCustody(db, id, importedEvent(meta, importedAt), null, { publication });
    vault.audit('testimony.import', id, {
      archive: meta.archiveId,
      outcome: plan.kind,
      versionsAdded: plan.kind === 'new' ? 1 : 0,
      attachmentsAdded,
      publicationOf: release.original.testimonyId,
      releaseSha256: collected.releaseSha256,
    });
  }
}
