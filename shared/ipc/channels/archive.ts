/**
 * Sealed archives (docs/archive.md): plan and seal an export for a trusted workstation, verify an
 * archive and import it, the conflicts imports found, and a testimony's chain of custody.
 *
 * The page never names a path: where an archive goes and which file to open are chosen in the main
 * process's own dialogs (HandlerContext.chooseFolder, chooseFiles). A verified archive is named
 * afterwards by a token the handlers hold until the vault locks. Progress comes as events
 * (`operation` "export", "verify" or "import", with the request's operationId). Refusals are the
 * services' UserError codes (age-chunk-corrupt, archive-untrusted-signer, nothing-to-export, …).
 */
import { z } from 'zod';
import { ArchivePurpose, Fingerprint } from '../../archive/documents';
import { EXPORT_SKIP_REASONS } from '../../archive/reports';
import { TestimonyRecord, TestimonyStatus } from '../../testimony/schema';
import { operationIdSchema } from '../events';
import { isoTimestamp, uuid, type ChannelSpec } from './common';

const workstationName = z.string().trim().min(1).max(64);
const archiveId = z.string().regex(/^[0-9a-f]{32}$/, 'an archive id');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const kind = z.enum(['full', 'redacted']);
const title = z.string().max(10_000);
const count = z.int().min(0);
/** Title of the native dialog, in the page's language. */
const dialogTitle = z.string().trim().min(1).max(200).optional();

export const exportSelectionSchema = z.discriminatedUnion('by', [
  z.strictObject({ by: z.literal('ids'), ids: z.array(uuid).min(1).max(20_000) }),
  z.strictObject({ by: z.literal('status'), status: TestimonyStatus }),
  /** Only testimonies whose version, status or attachments changed since the last export to this workstation. */
  z.strictObject({ by: z.literal('changed-since-last-export') }),
  z.strictObject({ by: z.literal('everything') }),
]);
export type ExportSelection = z.infer<typeof exportSelectionSchema>;

const exportRequest = z.strictObject({ recipient: workstationName, kind, selection: exportSelectionSchema });

const recipient = z.strictObject({ name: z.string().max(64), fingerprint: Fingerprint, purpose: ArchivePurpose });
const exportedTestimony = z.strictObject({ id: uuid, title, version: z.int().min(1), versions: z.int().min(1), attachments: count });
export const exportSkipSchema = z.strictObject({
  testimonyId: uuid,
  /** The testimony's title here, for the person exporting (it does not leave the vault). */
  title,
  reason: z.enum(EXPORT_SKIP_REASONS),
  /** Only for consent-withdrawn: when. */
  withdrawnOn: z.string().max(40).optional(),
});
export type ExportSkipView = z.infer<typeof exportSkipSchema>;

const exportPlan = z.strictObject({ kind, recipient, testimonies: z.array(exportedTestimony).max(20_000), attachmentBytes: count, skipped: z.array(exportSkipSchema).max(100_000) });

const sender = z.strictObject({ name: z.string().max(200), fingerprint: Fingerprint, isThisVault: z.boolean() });
const outcome = z.enum(['new', 'same', 'older', 'newer', 'conflict', 'conflict-known']);
const archivedTestimony = z.strictObject({
  id: uuid,
  title,
  status: TestimonyStatus,
  versions: count,
  attachments: count,
  attachmentBytes: count,
  outcome,
  incomingVersions: count,
  derivedFrom: z.strictObject({ testimonyId: uuid, version: z.int().min(1), recordSha256: sha256 }).optional(),
});
const description = {
  archiveId,
  kind,
  sealedAt: isoTimestamp,
  sender,
  recipients: z.array(z.strictObject({ fingerprint: Fingerprint, name: z.string().max(200).nullable(), isThisVault: z.boolean() })).max(100),
  testimonies: z.array(archivedTestimony).max(20_000),
  payloadFiles: count,
  payloadBytes: count,
  fileSize: count,
  fileSha256: sha256,
};
export const verifyReportSchema = z.strictObject({ ...description, alreadyImportedAt: isoTimestamp.nullable() });
export type VerifyReportView = z.infer<typeof verifyReportSchema>;
export const importReportSchema = z.strictObject({ ...description, alreadyImported: z.boolean(), importedAt: isoTimestamp, conflicts: count });
export type ImportReportView = z.infer<typeof importReportSchema>;

export const conflictSchema = z.strictObject({
  id: uuid,
  testimonyId: uuid,
  /** The vault's current title of the testimony. */
  title,
  archiveId,
  senderName: z.string().max(200),
  detectedAt: isoTimestamp,
  baseVersion: count,
  localVersion: z.int().min(1),
  incomingVersions: z.int().min(1),
  resolved: z.strictObject({ at: isoTimestamp, by: z.string().max(200), resolution: z.enum(['kept-local', 'took-incoming']) }).nullable(),
});
export type ConflictView = z.infer<typeof conflictSchema>;

const party = z.strictObject({ fingerprint: Fingerprint, name: z.string().max(200).nullable(), isThisVault: z.boolean() });
export const custodyEventSchema = z.strictObject({
  id: z.string().min(1).max(100),
  event: z.enum(['exported', 'imported']),
  at: isoTimestamp,
  archiveId,
  sender: party,
  recipients: z.array(party).max(100),
  /** Set when this vault learned the event from an archive rather than recording it itself. */
  learnedFromArchive: archiveId.nullable(),
  archiveSha256: sha256.optional(),
});
export type CustodyEventView = z.infer<typeof custodyEventSchema>;

export const archiveChannels = {
  'archive:plan-export': {
    // What the export would seal and what consent leaves out, and why; writes nothing.
    request: exportRequest,
    response: exportPlan,
  },
  'archive:export': {
    // The main process asks where (its folder dialog; the archive gets a random name there).
    request: exportRequest.extend({ operationId: operationIdSchema, dialogTitle }),
    response: z.discriminatedUnion('outcome', [
      z.strictObject({ outcome: z.literal('cancelled') }),
      z.strictObject({
        outcome: z.literal('written'),
        archiveId,
        /** Where the archive was written, as chosen in the dialog. */
        file: z.string().min(1).max(4096),
        fileSize: count,
        fileSha256: sha256,
        createdAt: isoTimestamp,
        ...exportPlan.shape,
        senderFingerprint: Fingerprint,
        recipientFingerprints: z.array(Fingerprint).max(100),
        selfIsRecipient: z.boolean(),
      }),
    ]),
  },
  'archive:verify': {
    // The archive file is chosen in the main process's open dialog and checked completely.
    request: z.strictObject({ operationId: operationIdSchema, dialogTitle }),
    response: z.discriminatedUnion('outcome', [
      z.strictObject({ outcome: z.literal('cancelled') }),
      z.strictObject({
        outcome: z.literal('verified'),
        /** Names the chosen file for archive:import; valid until the vault locks. */
        fileToken: uuid,
        fileName: z.string().min(1).max(255),
        report: verifyReportSchema,
      }),
    ]),
  },
  'archive:import': {
    request: z.strictObject({ fileToken: uuid, operationId: operationIdSchema }),
    response: importReportSchema,
  },
  'conflict:list': {
    request: z.strictObject({ includeResolved: z.boolean().default(false) }),
    response: z.strictObject({ conflicts: z.array(conflictSchema).max(100_000) }),
  },
  'conflict:compare': {
    // The vault's current version and the other side's newest, side by side.
    request: z.strictObject({ conflictId: uuid }),
    response: z.strictObject({
      local: z.strictObject({ version: z.int().min(1), record: TestimonyRecord }),
      incoming: z.strictObject({ originVersion: z.int().min(1), senderName: z.string().max(200), record: TestimonyRecord }),
    }),
  },
  'conflict:resolve': {
    request: z.strictObject({ conflictId: uuid, keep: z.enum(['local', 'incoming']) }),
    response: z.strictObject({ version: z.int().min(1) }),
  },
  'custody:list': {
    request: z.strictObject({ testimonyId: uuid }),
    response: z.strictObject({ events: z.array(custodyEventSchema).max(10_000) }),
  },
} as const satisfies Record<string, ChannelSpec>;
