/**
 * Publication copies: testimonies that arrived in a redacted archive. Each is a release approved in
 * another vault, stored here under its release id with status approved, its one version the redacted
 * record. What marks it is its provenance: its version came from an archive of kind redacted. It is
 * never merged into an original, never exported as one, never released again, and never counted as
 * another person when re-identification risk is estimated.
 */
import crypto from 'node:crypto';
import type { DerivedFrom, PublicationCopy } from '@shared/archive/reports';
import { ConsentScope } from '@shared/testimony/vocabulary';
import { z } from 'zod';
import type { VaultDatabase } from '../vault/database';

/**
 * The attachment id a stripped file of a release gets in a receiving vault: derived from the release
 * id and the file's neutral name (a version-4-shaped UUID), so that the same release reaching a vault
 * twice, in two archives, finds its files already there.
 */
export function releaseAttachmentId(releaseId: string, name: string): string {
  const hex = crypto.createHash('sha256').update(`tw-release-attachment\n${releaseId}\n${name}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 3) | 8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** SQL: whether the testimony whose id is in `column` is a publication copy. */
export function publicationCopyCondition(column: string): string {
  return `EXISTS (SELECT 1 FROM imported_versions pc_v JOIN archive_imports pc_a ON pc_a.archive_id = pc_v.archive_id
                   WHERE pc_v.testimony_id = ${column} AND pc_a.kind = 'redacted')`;
}

export function isPublicationCopy(db: VaultDatabase, testimonyId: string): boolean {
  return db.prepare(`SELECT ${publicationCopyCondition('?')} AS yes`).pluck().get(testimonyId) === 1;
}

/**
 * What the import of a publication copy remembers beside its record, in the details of its
 * "imported" custody event: the values the record cannot hold and the link to its original.
 */
export const PublicationDetails = z.strictObject({
  releaseId: z.uuid(),
  releaseSha256: z.string().regex(/^[0-9a-f]{64}$/),
  derivedFrom: z.strictObject({ testimonyId: z.uuid(), version: z.int().positive(), recordSha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  generalised: z.strictObject({ birthDecade: z.int().optional(), yearLeftNorthKorea: z.strictObject({ from: z.int(), to: z.int() }).optional() }),
  consentScopes: z.array(ConsentScope),
});
export type PublicationDetails = z.infer<typeof PublicationDetails>;

/** The publication copy stored under this id, or null for any other testimony. */
export function publicationCopy(db: VaultDatabase, testimonyId: string): PublicationCopy | null {
  const row = db
    .prepare(
      `SELECT c.details, c.archive_id, c.at, a.sender_name, a.sender_fingerprint
         FROM custody_events c JOIN archive_imports a ON a.archive_id = c.archive_id
        WHERE c.testimony_id = ? AND c.event = 'imported' AND a.kind = 'redacted' AND c.learned_from_archive IS NULL
        ORDER BY c.rowid LIMIT 1`,
    )
    .get(testimonyId) as { details: string; archive_id: string; at: string; sender_name: string; sender_fingerprint: string } | undefined;
  if (!row) return null;
  const details = z.object({ publication: PublicationDetails }).parse(JSON.parse(row.details)).publication;
  const derivedFrom: DerivedFrom = details.derivedFrom;
  const original = db
    .prepare('SELECT 1 FROM testimony_versions WHERE testimony_id = ? AND version = ? AND record_sha256 = ?')
    .get(derivedFrom.testimonyId, derivedFrom.version, derivedFrom.recordSha256);
  return {
    releaseId: details.releaseId,
    releaseSha256: details.releaseSha256,
    derivedFrom,
    originalHere: original !== undefined,
    generalised: details.generalised,
    consentScopes: details.consentScopes,
    archiveId: row.archive_id,
    senderName: row.sender_name,
    senderFingerprint: row.sender_fingerprint,
    importedAt: row.at,
  };
}
