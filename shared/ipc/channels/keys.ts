/**
 * This vault's archive keys and the workstations it trusts (docs/archive.md, "Keys and trust").
 * Only public keys cross IPC; the age identity leaves the vault only through keys:export-identity,
 * written by the handlers to a file chosen in the main process's save dialog.
 */
import { z } from 'zod';
import { ArchivePurpose, Fingerprint } from '../../archive/documents';
import { isoTimestamp, noRequest, type ChannelSpec } from './common';

const ageRecipient = z.string().trim().min(1).max(2000);
const minisignPublicKey = z.string().trim().min(1).max(500);
const dialogTitle = z.string().trim().min(1).max(200).optional();

export const ownKeysSchema = z.strictObject({
  ageRecipient: z.string().max(2000),
  minisignPublicKey: z.string().max(200),
  fingerprint: Fingerprint,
  /** x25519, or hybrid post-quantum (ML-KEM-768 + X25519, age1pq1…). */
  ageKind: z.enum(['x25519', 'hybrid']),
  createdAt: isoTimestamp,
});
export type OwnKeys = z.infer<typeof ownKeysSchema>;

export const trustedWorkstationSchema = z.strictObject({
  name: z.string().max(64),
  ageRecipient: z.string().max(2000),
  minisignPublicKey: z.string().max(200),
  fingerprint: Fingerprint,
  purpose: ArchivePurpose,
  addedBy: z.string().max(200),
  addedAt: isoTimestamp,
});
export type TrustedWorkstationView = z.infer<typeof trustedWorkstationSchema>;

export const keyChannels = {
  'keys:show': {
    request: noRequest,
    response: ownKeysSchema,
  },
  'keys:trusted': {
    request: noRequest,
    response: z.strictObject({ workstations: z.array(trustedWorkstationSchema).max(10_000) }),
  },
  'keys:fingerprint': {
    // The fingerprint of another workstation's keys as typed, to read aloud before trusting them.
    request: z.strictObject({ ageRecipient, minisignPublicKey }),
    response: z.strictObject({ fingerprint: Fingerprint }),
  },
  'keys:trust': {
    // comparedFingerprint: the one the person confirmed having compared aloud; refused if the keys give another.
    request: z.strictObject({
      name: z.string().trim().min(1).max(64),
      ageRecipient,
      minisignPublicKey,
      purpose: ArchivePurpose,
      comparedFingerprint: Fingerprint,
    }),
    response: z.strictObject({ workstation: trustedWorkstationSchema, alreadyTrusted: z.boolean() }),
  },
  'keys:untrust': {
    request: z.strictObject({ name: z.string().trim().min(1).max(64) }),
    response: z.null(),
  },
  'keys:rotate': {
    request: z.strictObject({ postQuantum: z.boolean() }),
    response: ownKeysSchema,
  },
  'keys:export-identity': {
    // Written to a new file chosen in the main process's save dialog, never over an existing one.
    request: z.strictObject({ dialogTitle }),
    response: z.discriminatedUnion('outcome', [
      z.strictObject({ outcome: z.literal('cancelled') }),
      z.strictObject({ outcome: z.literal('written'), file: z.string().min(1).max(4096), identities: z.int().min(1) }),
    ]),
  },
} as const satisfies Record<string, ChannelSpec>;
