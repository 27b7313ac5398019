/**
 * Attachments: list, add (streamed in chunks from the page, or chosen in the main process's file
 * dialog and read there), read back in chunks, verify. A file never crosses IPC whole, so a large
 * recording never sits in one message or in the renderer's memory on the way in.
 */
import { z } from 'zod';
import { bytesSchema, isoTimestamp, uuid, type ChannelSpec } from './common';

export const attachmentInfoSchema = z.strictObject({
  id: uuid,
  testimonyId: uuid,
  fileName: z.string().min(1).max(255),
  mediaType: z.string().min(1).max(200),
  size: z.int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: isoTimestamp,
});
export type AttachmentInfo = z.infer<typeof attachmentInfoSchema>;

const mediaType = z.string().regex(/^[a-z0-9.+-]+\/[a-z0-9.+-]+(;[ a-z0-9=.+-]*)*$/i).max(200);

export const attachmentChannels = {
  'attachment:list': {
    request: z.strictObject({ testimonyId: uuid }),
    response: z.strictObject({ attachments: z.array(attachmentInfoSchema) }),
  },
  'attachment:upload-begin': {
    // `size` is what the page announces; the stored size is what arrived.
    request: z.strictObject({
      testimonyId: uuid,
      fileName: z.string().min(1).max(255),
      mediaType: mediaType.optional(),
      size: z.int().min(0).optional(),
    }),
    response: z.strictObject({ uploadId: uuid }),
  },
  'attachment:upload-chunk': {
    request: z.strictObject({ uploadId: uuid, bytes: bytesSchema }),
    response: z.strictObject({ received: z.int().min(0) }),
  },
  'attachment:upload-finish': {
    request: z.strictObject({ uploadId: uuid }),
    response: z.strictObject({ attachment: attachmentInfoSchema }),
  },
  'attachment:upload-cancel': {
    request: z.strictObject({ uploadId: uuid }),
    response: z.null(),
  },
  'attachment:add-from-dialog': {
    // The main process shows its own file dialog and reads the chosen files itself; answers
    // "not-available" where there is no dialog (the page then uses its file input and uploads).
    request: z.strictObject({ testimonyId: uuid }),
    response: z.strictObject({ attachments: z.array(attachmentInfoSchema) }),
  },
  'attachment:read-begin': {
    request: z.strictObject({ attachmentId: uuid }),
    response: z.strictObject({ readId: uuid, attachment: attachmentInfoSchema }),
  },
  'attachment:read-chunk': {
    request: z.strictObject({ readId: uuid }),
    response: z.strictObject({ bytes: bytesSchema, done: z.boolean() }),
  },
  'attachment:read-end': {
    request: z.strictObject({ readId: uuid }),
    response: z.null(),
  },
  'attachment:verify': {
    request: z.strictObject({ attachmentId: uuid }),
    response: z.strictObject({ intact: z.literal(true) }),
  },
} as const satisfies Record<string, ChannelSpec>;
