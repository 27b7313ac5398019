/**
 * A redacted release as it leaves the vault (format tw-redacted-release, version 1).
 *
 * Why a schema of its own around a TestimonyRecord: the record inside still parses with
 * parseTestimonyRecord (so every reader of testimony can read a release), but some generalised
 * values cannot be written in it without lying — a birth decade is not a birth year, a 5-year band
 * of leaving is not a year — and the link to the original (its hash) and the consent that covers
 * publication must travel with it. Those sit beside the record, each explicit.
 * Nothing here names a person; the pseudonym table stays in the vault.
 */
import { z } from 'zod';
import { TestimonyRecord } from '../testimony/schema';
import { ConsentScope } from '../testimony/vocabulary';

export const RELEASE_FORMAT = 'tw-redacted-release';
export const RELEASE_FORMAT_VERSION = 1;

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const YearRange = z.strictObject({ from: z.int(), to: z.int() }).refine((range) => range.from <= range.to, 'from is after to');

export const ReleaseAttachmentEntry = z.strictObject({
  /** Neutral name given at release ("image-1.jpg"): the original file name may identify. */
  name: z.string().regex(/^[a-z]+-\d{1,4}\.[a-z0-9]{2,5}$/),
  mediaType: z.string().max(100),
  size: z.int().nonnegative(),
  sha256: Sha256Hex,
});
export type ReleaseAttachmentEntry = z.infer<typeof ReleaseAttachmentEntry>;

export const ReleaseRecord = z.strictObject({
  format: z.literal(RELEASE_FORMAT),
  formatVersion: z.literal(RELEASE_FORMAT_VERSION),
  releaseId: z.uuid(),
  /** The original in the vault that issued the release: it stays sealed there. */
  original: z.strictObject({ testimonyId: z.uuid(), version: z.int().positive(), recordSha256: Sha256Hex }),
  /** The testimony with identifying fields dropped and every text replaced as decided. */
  record: TestimonyRecord,
  /** Quasi-identifiers released only in generalised form (the exact fields are absent from `record`). */
  generalised: z.strictObject({
    birthDecade: z.int().optional(),
    yearLeftNorthKorea: YearRange.optional(),
  }),
  /** Uses the interviewee's consent covers (the consent block itself, with its dates and names, is not released). */
  consentScopes: z.array(ConsentScope),
  attachments: z.array(ReleaseAttachmentEntry),
});
export type ReleaseRecord = z.output<typeof ReleaseRecord>;

export function parseReleaseRecord(json: unknown): { ok: true; value: ReleaseRecord } | { ok: false; issues: string[] } {
  const result = ReleaseRecord.safeParse(json);
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
}
