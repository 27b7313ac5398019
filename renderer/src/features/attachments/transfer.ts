/**
 * Moving file bytes over IPC in pieces. A File is read slice by slice (File.slice reads lazily),
 * so a large recording is never whole in the page's memory on its way to the vault.
 */
import type { AttachmentInfo } from '@shared/ipc/contract';
import { request } from '../../app/api';

export const UPLOAD_CHUNK_BYTES = 512 * 1024;
/** Largest attachment opened for viewing or playback inside the page. */
export const PREVIEW_LIMIT_BYTES = 256 * 1024 * 1024;

export type TransferResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

export async function uploadFile(
  testimonyId: string,
  file: File,
  onProgress: (sent: number) => void,
  cancelled: () => boolean,
): Promise<TransferResult<AttachmentInfo>> {
  const begin = await request('attachment:upload-begin', {
    testimonyId,
    fileName: file.name || 'file',
    ...(file.type && /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/i.test(file.type) ? { mediaType: file.type } : {}),
    size: file.size,
  });
  if (!begin.ok) return { ok: false, ...begin.error };
  const { uploadId } = begin.value;
  for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
    if (cancelled()) {
      await request('attachment:upload-cancel', { uploadId });
      return { ok: false, code: 'upload-cancelled', message: 'The upload was cancelled' };
    }
    const bytes = new Uint8Array(await file.slice(offset, offset + UPLOAD_CHUNK_BYTES).arrayBuffer());
    const sent = await request('attachment:upload-chunk', { uploadId, bytes });
    if (!sent.ok) {
      await request('attachment:upload-cancel', { uploadId });
      return { ok: false, ...sent.error };
    }
    onProgress(Math.min(offset + bytes.byteLength, file.size));
  }
  const finished = await request('attachment:upload-finish', { uploadId });
  return finished.ok ? { ok: true, value: finished.value.attachment } : { ok: false, ...finished.error };
}

/** Reads an attachment back into a Blob (in memory only) for viewing or playback. */
export async function readAttachment(attachmentId: string, mediaType: string): Promise<TransferResult<Blob>> {
  const begin = await request('attachment:read-begin', { attachmentId });
  if (!begin.ok) return { ok: false, ...begin.error };
  const parts: Uint8Array[] = [];
  for (;;) {
    const chunk = await request('attachment:read-chunk', { readId: begin.value.readId });
    if (!chunk.ok) return { ok: false, ...chunk.error };
    parts.push(chunk.value.bytes);
    if (chunk.value.done) break;
  }
  return { ok: true, value: new Blob(parts as BlobPart[], { type: mediaType.split(';')[0] }) };
}
