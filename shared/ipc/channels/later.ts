/**
 * Channels for redaction review (issue 4), sealed archives (issue 3) and key management, whose
 * services are being built on other branches. They are in the contract now so that the screens can
 * be designed against them; until their handlers land, every call answers "not-implemented".
 * The shapes follow the issues; the services' engineers may refine them when wiring the handlers.
 */
import { z } from 'zod';
import { isoTimestamp, noRequest, uuid, type ChannelSpec } from './common';

export const SPAN_TYPES = ['PERSON', 'PLACE', 'FACILITY', 'DATE', 'AGE', 'CONTACT', 'ID'] as const;
const spanType = z.enum(SPAN_TYPES);
const operator = z.enum(['remove', 'pseudonym', 'generalise', 'keep']);
const decision = z.enum(['pending', 'accepted', 'rejected']);

export const reviewSpanSchema = z.strictObject({
  id: z.string().min(1).max(100),
  /** "narrative", "translation", or a field path such as "people[0].name". */
  field: z.string().min(1).max(200),
  start: z.int().min(0),
  end: z.int().min(0),
  type: spanType,
  text: z.string().max(10_000),
  score: z.number().min(0).max(1),
  reason: z.string().max(500),
  decision,
  operator,
  manual: z.boolean(),
});

const fingerprint = z.string().min(8).max(200);
const publicKeys = z.strictObject({ ageRecipient: z.string().max(2000), minisignPublicKey: z.string().max(200), fingerprint });

export const laterChannels = {
  'review:suggestions': {
    request: z.strictObject({ testimonyId: uuid }),
    response: z.strictObject({ spans: z.array(reviewSpanSchema), operators: z.record(spanType, operator) }),
  },
  'review:decide': {
    request: z.strictObject({ testimonyId: uuid, spanIds: z.array(z.string().min(1).max(100)).min(1).max(10_000), decision, operator: operator.optional(), everyOccurrence: z.boolean().default(false) }),
    response: z.strictObject({ updated: z.int().min(0) }),
  },
  'review:add-span': {
    request: z.strictObject({ testimonyId: uuid, field: z.string().min(1).max(200), start: z.int().min(0), end: z.int().min(0), type: spanType }),
    response: z.strictObject({ span: reviewSpanSchema }),
  },
  'review:set-operator': {
    request: z.strictObject({ testimonyId: uuid, type: spanType, operator }),
    response: z.null(),
  },
  'review:preview': {
    request: z.strictObject({ testimonyId: uuid }),
    response: z.strictObject({
      release: z.strictObject({ narrative: z.string(), translation: z.string(), fields: z.record(z.string(), z.string()) }),
      /** Identifying terms still found in the release: any blocks approval. */
      residual: z.array(z.strictObject({ field: z.string(), term: z.string(), start: z.int().min(0), end: z.int().min(0) })),
      /** Testimonies in the vault sharing the release's quasi-identifiers (k-anonymity). */
      risk: z.strictObject({ sharing: z.int().min(0), k: z.int().min(1), generalise: z.array(z.string()) }),
      unresolved: z.int().min(0),
    }),
  },
  'review:approve': {
    request: z.strictObject({ testimonyId: uuid }),
    response: z.strictObject({ approvals: z.array(z.strictObject({ user: z.string(), at: isoTimestamp })), released: z.boolean() }),
  },
  'archive:export': {
    // The main process asks where to write (its save dialog); progress comes as events.
    request: z.strictObject({
      recipient: z.string().min(1).max(200),
      kind: z.enum(['full', 'redacted']),
      selection: z.discriminatedUnion('by', [
        z.strictObject({ by: z.literal('ids'), ids: z.array(uuid).min(1).max(100_000) }),
        z.strictObject({ by: z.literal('status'), status: z.enum(['draft', 'in-review', 'approved']) }),
        z.strictObject({ by: z.literal('changed-since-last-export') }),
        z.strictObject({ by: z.literal('everything') }),
      ]),
    }),
    response: z.strictObject({
      archiveId: z.string().max(200),
      testimonies: z.int().min(0),
      attachments: z.int().min(0),
      bytes: z.int().min(0),
      skipped: z.array(z.strictObject({ id: uuid, reason: z.string().max(500) })),
    }),
  },
  'archive:verify': {
    // The archive file is chosen in the main process's open dialog.
    request: noRequest,
    response: z.strictObject({
      archiveId: z.string().max(200),
      sender: z.strictObject({ fingerprint, name: z.string().max(200).optional(), trusted: z.boolean() }),
      kind: z.enum(['full', 'redacted']),
      createdAt: isoTimestamp,
      testimonies: z.int().min(0),
      attachments: z.int().min(0),
      problems: z.array(z.string().max(1000)),
    }),
  },
  'archive:import': {
    request: z.strictObject({ archiveId: z.string().min(1).max(200) }),
    response: z.strictObject({
      added: z.int().min(0),
      newVersions: z.int().min(0),
      unchanged: z.int().min(0),
      conflicts: z.array(z.strictObject({ id: uuid, title: z.string() })),
      alreadyImported: z.boolean(),
    }),
  },
  'keys:show': {
    request: noRequest,
    response: publicKeys,
  },
  'keys:trusted': {
    request: noRequest,
    response: z.strictObject({ workstations: z.array(publicKeys.extend({ name: z.string().max(200), trustedAt: isoTimestamp })) }),
  },
  'keys:trust': {
    request: z.strictObject({ name: z.string().trim().min(1).max(200), ageRecipient: z.string().min(1).max(2000), minisignPublicKey: z.string().min(1).max(200) }),
    response: z.strictObject({ fingerprint }),
  },
} as const satisfies Record<string, ChannelSpec>;
