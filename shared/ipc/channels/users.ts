/** Users of the vault and the audit log. */
import { z } from 'zod';
import { Role } from '../../roles';
import { isoTimestamp, noRequest, type ChannelSpec } from './common';
import { sessionUserSchema } from './vault';

const auditValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

export const auditEntrySchema = z.strictObject({
  seq: z.int().min(1),
  at: isoTimestamp,
  /** The user's name; null for actions taken with the recovery key. */
  user: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  details: z.record(z.string(), auditValue),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const userChannels = {
  'user:list': {
    request: noRequest,
    response: z.strictObject({ users: z.array(sessionUserSchema) }),
  },
  'user:add': {
    request: z.strictObject({
      name: z.string().trim().min(1).max(64),
      roles: z.array(Role).min(1).max(3),
      passphrase: z.string().min(1).max(4096),
    }),
    response: z.strictObject({ user: sessionUserSchema }),
  },
  'audit:list': {
    // Newest first; `beforeSeq` pages back.
    request: z.strictObject({ beforeSeq: z.int().min(1).optional(), limit: z.int().min(1).max(500).default(50) }),
    response: z.strictObject({ entries: z.array(auditEntrySchema), total: z.int().min(0) }),
  },
  'audit:verify': {
    request: noRequest,
    response: z.strictObject({ intact: z.boolean(), entries: z.int().min(0), problem: z.string().optional() }),
  },
} as const satisfies Record<string, ChannelSpec>;
