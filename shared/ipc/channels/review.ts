/**
 * Redaction review and redacted releases (docs/redaction.md): the suggestions of a testimony and a
 * reviewer's decisions on them, operators per span and per type, spans added by hand, structured
 * fields, attachments (include or not, rectangles to black out), a preview of the release beside
 * the original, and prepare / check / approve with four eyes.
 *
 * Texts cross IPC as they are (the reviewer reads them inside the vault); the page renders them
 * as text. Refusals come as the services' UserError codes (review-stale, four-eyes,
 * release-blocked, bad-span, span-overlap, …), which the page words itself.
 */
import { z } from 'zod';
import { SPAN_TYPES } from '../../redaction/types';
import { TestimonyRecord } from '../../testimony/schema';
import { isoTimestamp, uuid, type ChannelSpec } from './common';

export { SPAN_TYPES };
export const spanTypeSchema = z.enum(SPAN_TYPES);
/** Field items of sex, occupation and country of residence have no span type: QUASI. */
export const itemTypeSchema = z.enum([...SPAN_TYPES, 'QUASI']);
export const OPERATORS = ['remove', 'pseudonym', 'generalise', 'keep'] as const;
export const operatorSchema = z.enum(OPERATORS);
/** generalise: dates to year or decade, structured years also to 5-year bands. */
export const levelSchema = z.enum(['year', 'decade', 'band5']);
export const itemStatusSchema = z.enum(['pending', 'accepted', 'rejected']);
/** "s12" for a span of text, "f3" for a structured field. */
const itemId = z.string().regex(/^[sf]\d{1,9}$/, 'an item id');
/** A field path: "narrative.text", "events[2].description", "interviewee.birthYear". */
export const fieldPathSchema = z
  .string()
  .max(200)
  .regex(/^[A-Za-z]+(?:\[\d{1,5}\])*(?:\.[A-Za-z]+(?:\[\d{1,5}\])*)*$/, 'a field path');
const offset = z.int().min(0).max(100_000_000);
const range = z.strictObject({ start: offset, end: offset });
const regionId = z.string().regex(/^r[0-9a-f]{8}$/, 'a region id');
const pixels = z.int().min(0).max(30_000);
const name = z.string().max(200);

export const reviewItemSchema = z.strictObject({
  id: itemId,
  kind: z.enum(['span', 'field']),
  field: fieldPathSchema,
  start: offset.optional(),
  end: offset.optional(),
  /** The original text (for a field, its value as JSON). */
  surface: z.string().max(1_000_000),
  type: itemTypeSchema,
  score: z.number().min(0).max(1).optional(),
  reason: z.string().max(2000),
  origin: z.enum(['detector', 'reviewer', 'occurrence', 'field', 'carried']),
  status: itemStatusSchema,
  /** What will apply: the item's own operator, else its type's, else the default. */
  operator: operatorSchema,
  level: levelSchema.optional(),
  /** Operators that fit this item (a phone number has no pseudonym, a sex no generalisation). */
  allowedOperators: z.array(operatorSchema).min(1).max(4),
  pseudonym: z.strictObject({ ko: name, en: name }).optional(),
  decidedBy: name.optional(),
  decidedAt: isoTimestamp.optional(),
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

export const reviewTextSchema = z.strictObject({ path: fieldPathSchema, text: z.string(), language: z.enum(['ko', 'en']) });
export type ReviewText = z.infer<typeof reviewTextSchema>;

const typeOperator = z.strictObject({ operator: operatorSchema, level: levelSchema.optional() });

export const residualHitSchema = z.strictObject({
  field: fieldPathSchema,
  start: offset,
  end: offset,
  type: itemTypeSchema,
  source: z.enum(['detector', 'identifying-field', 'reviewer-marked']),
});
export type ResidualHitView = z.infer<typeof residualHitSchema>;

const quasiField = z.enum(['province', 'birth', 'sex', 'yearLeft', 'occupation']);
export const riskSchema = z.strictObject({
  k: z.int().min(1),
  /** Testimonies in the vault (this one included) sharing the released quasi-identifiers. */
  count: z.int().min(0),
  belowK: z.boolean(),
  /** Below k: the field decisions that raise the count most, and to what. */
  suggestion: z
    .strictObject({
      quasiField,
      decisions: z.array(z.strictObject({ path: fieldPathSchema, operator: operatorSchema, level: levelSchema.optional() })).min(1).max(4),
      count: z.int().min(0),
    })
    .optional(),
});
export type RiskView = z.infer<typeof riskSchema>;

/** Why approval is refused; `count` for pending items, residual hits and attachment problems. */
export const releaseBlockerSchema = z.strictObject({
  code: z.enum(['testimony-changed', 'review-stale', 'decisions-changed', 'consent', 'pending', 'residual', 'attachments']),
  count: z.int().min(0).optional(),
});
export type ReleaseBlockerView = z.infer<typeof releaseBlockerSchema>;

export const exclusionCodeSchema = z.enum(['left-out', 'needs-include', 'image-format', 'not-released']);

export const releaseSummarySchema = z.strictObject({
  releaseId: uuid,
  testimonyId: uuid,
  version: z.int().min(1),
  status: z.enum(['prepared', 'approved', 'superseded']),
  preparedBy: name,
  /** Whether the person asking prepared it: then another reviewer must approve. */
  preparedByMe: z.boolean(),
  preparedAt: isoTimestamp,
  approvedBy: name.optional(),
  approvedAt: isoTimestamp.optional(),
  attachments: z.array(z.strictObject({ attachmentId: uuid, name: z.string().max(100), mediaType: z.string().max(200), size: z.int().min(0) })).max(2000),
  excludedAttachments: z.array(z.strictObject({ attachmentId: uuid, code: exclusionCodeSchema })).max(2000),
  /** Audio or video included as recorded: voices identify. */
  voiceAttachments: z.int().min(0),
  risk: z.strictObject({ k: z.int().min(1), count: z.int().min(0) }),
});
export type ReleaseSummaryView = z.infer<typeof releaseSummarySchema>;

const testimony = z.strictObject({ testimonyId: uuid });

export const reviewChannels = {
  'review:start': {
    // Detection over every text field; again on a new version, carrying decisions over.
    request: testimony,
    response: z.strictObject({
      outcome: z.enum(['created', 'refreshed', 'current']),
      items: z.int().min(0),
      pending: z.int().min(0),
      carried: z.int().min(0),
    }),
  },
  'review:show': {
    // Answers "no-review" until a review is started.
    request: testimony,
    response: z.strictObject({
      testimonyId: uuid,
      title: z.string(),
      version: z.int().min(1),
      currentVersion: z.int().min(1),
      /** The testimony changed since the review: decisions are refused until it is started again. */
      stale: z.boolean(),
      counts: z.strictObject({ pending: z.int().min(0), accepted: z.int().min(0), rejected: z.int().min(0) }),
      typeOperators: z.partialRecord(spanTypeSchema, typeOperator),
      /** Operators that fit each type, for the per-type choice. */
      allowedTypeOperators: z.record(spanTypeSchema, z.array(operatorSchema).min(1).max(4)),
      items: z.array(reviewItemSchema).max(200_000),
      /** The text fields of the reviewed version, in reading order: the items' offsets are into these. */
      texts: z.array(reviewTextSchema).max(100_000),
    }),
  },
  'review:decide': {
    request: z.strictObject({
      testimonyId: uuid,
      itemId,
      decision: z.enum(['accept', 'reject']),
      operator: operatorSchema.optional(),
      level: levelSchema.optional(),
      /** The same decision for every occurrence of the text, in every form, in every field. */
      everyOccurrence: z.boolean().default(false),
      /** The same pseudonym as this other span. */
      sameAs: itemId.optional(),
    }),
    response: z.strictObject({ decided: z.int().min(0), added: z.int().min(0), skipped: z.int().min(0) }),
  },
  'review:add-span': {
    request: z.strictObject({
      testimonyId: uuid,
      field: fieldPathSchema,
      start: offset,
      end: offset,
      type: spanTypeSchema,
      operator: operatorSchema.optional(),
      level: levelSchema.optional(),
    }),
    response: z.strictObject({ item: reviewItemSchema }),
  },
  'review:set-type-operator': {
    request: z.strictObject({ testimonyId: uuid, type: spanTypeSchema, operator: operatorSchema, level: levelSchema.optional() }),
    response: z.null(),
  },
  'review:set-field': {
    request: z.strictObject({ testimonyId: uuid, field: fieldPathSchema, operator: operatorSchema, level: levelSchema.optional() }),
    response: z.strictObject({ item: reviewItemSchema }),
  },
  'review:attachments': {
    request: testimony,
    response: z.strictObject({
      attachments: z
        .array(
          z.strictObject({
            id: uuid,
            fileName: z.string().min(1).max(255),
            mediaType: z.string().min(1).max(200),
            size: z.int().min(0),
            /** What a release does with it now: strip (image), release as recorded, or leave out. */
            plan: z.enum(['image', 'as-recorded', 'excluded']),
            excluded: exclusionCodeSchema.optional(),
            /** Audio or video: voices identify, released only if a reviewer includes it. */
            voice: z.boolean(),
            /** JPEG or PNG: rectangles can be blacked out. */
            editable: z.boolean(),
            regions: z.array(z.strictObject({ regionId, x: pixels, y: pixels, width: pixels, height: pixels })).max(1000),
          }),
        )
        .max(2000),
    }),
  },
  'review:image-size': {
    // The image as displayed (after its EXIF orientation): the space rectangles are drawn in.
    request: z.strictObject({ attachmentId: uuid }),
    response: z.strictObject({ width: pixels, height: pixels }),
  },
  'review:include-attachment': {
    request: z.strictObject({ attachmentId: uuid, include: z.boolean() }),
    response: z.strictObject({ voiceWarning: z.boolean() }),
  },
  'review:add-region': {
    request: z.strictObject({ attachmentId: uuid, x: pixels, y: pixels, width: pixels.min(1), height: pixels.min(1) }),
    response: z.strictObject({ regionId }),
  },
  'review:remove-region': {
    request: z.strictObject({ attachmentId: uuid, regionId }),
    response: z.null(),
  },
  'review:preview': {
    // What prepare would release now; writes nothing.
    request: testimony,
    response: z.strictObject({
      record: TestimonyRecord,
      generalised: z.strictObject({ birthDecade: z.int().optional(), yearLeftNorthKorea: z.strictObject({ from: z.int(), to: z.int() }).optional() }),
      /** The release's text fields with where replacements and kept spans stand. */
      texts: z.array(reviewTextSchema.extend({ replaced: z.array(range).max(200_000), kept: z.array(range).max(200_000) })).max(100_000),
      residual: z.array(residualHitSchema).max(100_000),
      risk: riskSchema,
      pending: z.int().min(0),
    }),
  },
  'release:prepare': {
    request: testimony,
    response: releaseSummarySchema,
  },
  'release:check': {
    // What approval of the prepared release would find; changes nothing.
    request: testimony,
    response: z.strictObject({
      releaseId: uuid,
      canApprove: z.boolean(),
      reasons: z.array(releaseBlockerSchema).max(20),
      preparedBy: name,
      preparedByMe: z.boolean(),
      residual: z.array(residualHitSchema).max(100_000),
      risk: riskSchema,
      voiceAttachments: z.int().min(0),
    }),
  },
  'release:approve': {
    request: testimony,
    response: releaseSummarySchema,
  },
  'release:show': {
    // The newest release (prepared, else approved) with its redacted record, or none.
    request: testimony,
    response: z.strictObject({ release: releaseSummarySchema.extend({ record: TestimonyRecord }).nullable() }),
  },
} as const satisfies Record<string, ChannelSpec>;
