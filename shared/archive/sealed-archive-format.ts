/**
 * The fields of a sealed archive (SPEC.md, "The sealed archive, version 1") that cross the archive
 * boundary as text: the archive id (the bag's folder name), the TW-* fields of bag-info.txt and the
 * minisign trusted comment. The format layer (electron/services/archive/format) parses them with
 * these schemas before anything else uses them.
 */
import { z } from 'zod';

/** The only archive format this program writes and reads; a larger TW-Format is refused. */
export const ARCHIVE_FORMAT_VERSION = 1;

/**
 * An archive id is the bag's folder name inside the tar, so it must be one safe path component:
 * letters, digits, '.', '_' and '-', not starting with a dot (no "." or ".." or hidden folder).
 */
export const ArchiveId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'an archive id is 1 to 128 letters, digits, ".", "_" or "-", not starting with "."');
export type ArchiveId = z.infer<typeof ArchiveId>;

export const ArchiveKind = z.enum(['full', 'redacted']);
export type ArchiveKind = z.infer<typeof ArchiveKind>;

/**
 * A key fingerprint as written in TW-Sender / TW-Recipients and the trusted comment. Its exact
 * shape belongs to the key service; the format only needs it to be one line without commas (the
 * list separator) and of bounded length.
 */
export const KeyFingerprint = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^,\u0000-\u001f\u007f]+$/, 'a fingerprint is one line without commas')
  .refine((value) => value.trim() === value, 'a fingerprint has no leading or trailing spaces');
export type KeyFingerprint = z.infer<typeof KeyFingerprint>;

/** RFC 3339 date-time with seconds and an explicit offset (Z or ±hh:mm), e.g. 2024-05-01T09:30:00Z. */
export const Rfc3339DateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/, 'an RFC 3339 date-time such as 2024-05-01T09:30:00Z')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'not a real date-time');
export type Rfc3339DateTime = z.infer<typeof Rfc3339DateTime>;

/** The TW-* fields of bag-info.txt, as the writer is given them and the reader returns them. */
export const ArchiveBagInfoFields = z.strictObject({
  format: z.literal(ARCHIVE_FORMAT_VERSION),
  kind: ArchiveKind,
  sender: KeyFingerprint,
  recipients: z.array(KeyFingerprint).min(1).max(64),
  created: Rfc3339DateTime,
});
export type ArchiveBagInfoFields = z.infer<typeof ArchiveBagInfoFields>;

/** What the sender signs in the minisign trusted comment of tagmanifest-sha256.txt.minisig. */
export const ArchiveTrustedComment = z.strictObject({
  archiveId: ArchiveId,
  created: Rfc3339DateTime,
  recipients: z.array(KeyFingerprint).min(1).max(64),
});
export type ArchiveTrustedComment = z.infer<typeof ArchiveTrustedComment>;

const TRUSTED_COMMENT_PREFIX = `tw-archive ${ARCHIVE_FORMAT_VERSION} `;

/**
 * The trusted comment as one line, readable in `minisign -V` output:
 * `tw-archive 1 id=<archive id> created=<RFC 3339> recipients=<fingerprint>,<fingerprint>`.
 * Recipients come last so that a fingerprint containing spaces still parses unambiguously.
 */
export function formatArchiveTrustedComment(comment: ArchiveTrustedComment): string {
  const parsed = ArchiveTrustedComment.parse(comment);
  return `${TRUSTED_COMMENT_PREFIX}id=${parsed.archiveId} created=${parsed.created} recipients=${parsed.recipients.join(',')}`;
}

/** Parses a trusted comment written by formatArchiveTrustedComment; undefined if it is not one. */
export function parseArchiveTrustedComment(text: string): ArchiveTrustedComment | undefined {
  const match = /^tw-archive (\d+) id=(\S+) created=(\S+) recipients=(.+)$/.exec(text);
  if (!match || Number(match[1]) !== ARCHIVE_FORMAT_VERSION) return undefined;
  const result = ArchiveTrustedComment.safeParse({ archiveId: match[2], created: match[3], recipients: match[4]!.split(',') });
  return result.success ? result.data : undefined;
}

/** The format version a trusted comment claims, so that a newer one is refused as "future format", not as "malformed". */
export function trustedCommentFormatVersion(text: string): number | undefined {
  const match = /^tw-archive (\d{1,6}) /.exec(text);
  return match ? Number(match[1]) : undefined;
}
