/**
 * Testimonies: list, read (any version), create, update (a new version each time), status.
 * Records cross IPC as the testimony schema's own shapes: the main process parses what the renderer
 * sends with TestimonyInput before the service parses it again, and the record it answers with
 * TestimonyRecord.
 */
import { z } from 'zod';
import { TestimonyInput, TestimonyRecord, TestimonyStatus } from '../../testimony/schema';
import { isoTimestamp, uuid, type ChannelSpec } from './common';

export const testimonySummarySchema = z.strictObject({
  id: uuid,
  title: z.string(),
  status: TestimonyStatus,
  version: z.int().min(1),
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
});
export type TestimonySummary = z.infer<typeof testimonySummarySchema>;

export const testimonyDetailSchema = testimonySummarySchema.extend({
  /** The version shown (the current one unless an older one was asked for). */
  shownVersion: z.int().min(1),
  record: TestimonyRecord,
  recordSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type TestimonyDetail = z.infer<typeof testimonyDetailSchema>;

export const testimonyVersionSchema = z.strictObject({
  version: z.int().min(1),
  createdAt: isoTimestamp,
  /** The user's name, or their id where the user is unknown to this vault (imported). */
  createdBy: z.string(),
  recordSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type TestimonyVersion = z.infer<typeof testimonyVersionSchema>;

export const testimonyChannels = {
  'testimony:list': {
    request: z.strictObject({
      status: TestimonyStatus.optional(),
      offset: z.int().min(0).max(10_000_000).default(0),
      limit: z.int().min(1).max(5000).default(500),
    }),
    response: z.strictObject({ total: z.int().min(0), items: z.array(testimonySummarySchema) }),
  },
  'testimony:get': {
    request: z.strictObject({ id: uuid, version: z.int().min(1).optional() }),
    response: testimonyDetailSchema,
  },
  'testimony:create': {
    request: z.strictObject({ input: TestimonyInput }),
    response: z.strictObject({ id: uuid, version: z.literal(1) }),
  },
  'testimony:update': {
    // expectedVersion: refused with "version-conflict" if someone saved in between.
    request: z.strictObject({ id: uuid, input: TestimonyInput, expectedVersion: z.int().min(1) }),
    response: z.strictObject({ version: z.int().min(2) }),
  },
  'testimony:set-status': {
    request: z.strictObject({ id: uuid, status: TestimonyStatus }),
    response: z.strictObject({ status: TestimonyStatus }),
  },
  'testimony:versions': {
    request: z.strictObject({ id: uuid }),
    response: z.strictObject({ versions: z.array(testimonyVersionSchema) }),
  },
} as const satisfies Record<string, ChannelSpec>;
