/**
 * Attachments of a release. Images (JPEG, PNG) are re-encoded from pixels (image-sanitiser.ts)
 * with the reviewer's rectangles blacked out, and stored encrypted as release attachments under
 * keys of their own; the original never leaves its encrypted blob. Audio and video are left out
 * unless a reviewer included them, and are then released as recorded (a reference to the original
 * blob, no copy). Every other file, and images in other formats, are left out: there is no codec
 * here that could prove them free of metadata.
 *
 * Plaintext only ever exists in memory: original blob → decrypting stream → buffer → codec →
 * buffer → encrypting stream → new blob.
 */
import { Readable } from 'node:stream';
import path from 'node:path';
import { UserError } from '@shared/errors';
import type { Vault } from '../vault/vault';
import { ATTACHMENTS_DIR } from '../vault/vault';
import { AttachmentStore, type StoredAttachment } from '../attachments/attachment-store';
import { MAX_IMAGE_BYTES, sanitiseImage, sniffImageKind, type Rectangle } from './image-sanitiser';

interface AttachmentRow {
  id: string;
  testimony_id: string;
  blob_id: string;
  file_key: Buffer;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
}

export function attachmentStore(vault: Vault): AttachmentStore {
  return new AttachmentStore(path.join(vault.dir, ATTACHMENTS_DIR));
}

function attachmentRow(vault: Vault, attachmentId: string): AttachmentRow {
  const row = vault.db.prepare('SELECT * FROM attachments WHERE id = ?').get(attachmentId) as AttachmentRow | undefined;
  if (!row) throw new UserError('no-such-attachment', `There is no attachment ${attachmentId}`);
  return row;
}

/** Decrypts an attachment into memory, refusing one larger than `limit`. */
export async function readAttachmentBytes(vault: Vault, attachmentId: string, limit = MAX_IMAGE_BYTES): Promise<Buffer> {
  const row = attachmentRow(vault, attachmentId);
  if (row.size > limit) throw new UserError('image-too-large', `The attachment is larger than ${limit / 1024 / 1024} MiB`);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of attachmentStore(vault).read(row.blob_id, row.file_key)) {
    total += (chunk as Buffer).length;
    if (total > limit) throw new UserError('image-too-large', `The attachment is larger than ${limit / 1024 / 1024} MiB`);
    chunks.push(chunk as Buffer);
  }
  const bytes = Buffer.concat(chunks);
  for (const chunk of chunks) chunk.fill(0);
  return bytes;
}

export type AttachmentPlan =
  | { attachmentId: string; action: 'image'; regions: Rectangle[] }
  | { attachmentId: string; action: 'as-recorded'; mediaType: string; size: number; sha256: string; warning: string }
  | { attachmentId: string; action: 'excluded'; reason: string; code: ExclusionCode };

/** Why an attachment stays out of a release, for callers that word it themselves (the UI). */
export type ExclusionCode = 'left-out' | 'needs-include' | 'image-format' | 'not-released';

export const VOICE_WARNING = 'audio and video are released as recorded: a voice identifies a person, and the file keeps its own metadata';

/** What happens to each attachment of a testimony in a release, from the reviewer's choices. */
export function planAttachments(vault: Vault, testimonyId: string): AttachmentPlan[] {
  const rows = vault.db
    .prepare(
      `SELECT a.id, a.media_type, a.size, a.sha256, d.include FROM attachments a LEFT JOIN redaction_attachment_decisions d ON d.attachment_id = a.id
       WHERE a.testimony_id = ? ORDER BY a.created_at, a.id`,
    )
    .all(testimonyId) as Array<{ id: string; media_type: string; size: number; sha256: string; include: number | null }>;
  return rows.map((row): AttachmentPlan => {
    const media = row.media_type.toLowerCase();
    if (row.include === 0) return { attachmentId: row.id, action: 'excluded', reason: 'left out by a reviewer', code: 'left-out' };
    if (media === 'image/jpeg' || media === 'image/png') {
      const regions = vault.db.prepare('SELECT x, y, width, height FROM redaction_image_regions WHERE attachment_id = ? ORDER BY created_at, region_id').all(row.id) as Rectangle[];
      return { attachmentId: row.id, action: 'image', regions };
    }
    if (/^(audio|video)\//.test(media)) {
      return row.include === 1
        ? { attachmentId: row.id, action: 'as-recorded', mediaType: row.media_type, size: row.size, sha256: row.sha256, warning: VOICE_WARNING }
        : { attachmentId: row.id, action: 'excluded', reason: 'audio and video are left out unless a reviewer includes them (voices identify)', code: 'needs-include' };
    }
    if (media.startsWith('image/')) return { attachmentId: row.id, action: 'excluded', reason: 'only JPEG and PNG images can be stripped of metadata', code: 'image-format' };
    return { attachmentId: row.id, action: 'excluded', reason: 'documents and other files are not released', code: 'not-released' };
  });
}

export interface StrippedImage {
  attachmentId: string;
  stored: StoredAttachment;
  mediaType: string;
  extension: string;
}

/** Re-encodes one image into a new encrypted blob. The caller records it or removes it. */
export async function stripImageIntoStore(vault: Vault, attachmentId: string, regions: readonly Rectangle[]): Promise<StrippedImage> {
  const original = await readAttachmentBytes(vault, attachmentId);
  const kind = sniffImageKind(original);
  if (!kind) {
    original.fill(0);
    throw new UserError('image-unreadable', `Attachment ${attachmentId} says it is an image but is neither JPEG nor PNG`);
  }
  let sanitised;
  try {
    sanitised = sanitiseImage(original, regions);
  } finally {
    original.fill(0);
  }
  try {
    const stored = await attachmentStore(vault).write(Readable.from([sanitised.bytes]));
    return { attachmentId, stored, mediaType: sanitised.mediaType, extension: sanitised.extension };
  } finally {
    sanitised.bytes.fill(0);
  }
}
