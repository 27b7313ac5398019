/**
 * A redacted release as it leaves the vault (format tw-redacted-release, version 1). A redacted
 * sealed archive carries each release as exactly this document (data/releases/<id>/release.json),
 * byte for byte as approved, so that its SHA-256 is the one in the sender's `release.approve` audit
 * entry; the receiving side parses it with `ReleaseRecord` before anything else uses it.
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

/** Neutral names given at release ("image-1.jpg"): the original file name may identify. Also the file's name inside an archive. */
export const RELEASE_ATTACHMENT_NAME = /^[a-z]+-\d{1,4}\.[a-z0-9]{2,5}$/;

export const ReleaseAttachmentEntry = z.strictObject({
  name: z.string().regex(RELEASE_ATTACHMENT_NAME),
  mediaType: z.string().max(100),
  size: z.int().nonnegative(),
  sha256: Sha256Hex,
});
export type ReleaseAttachmentEntry = z.infer<typeof ReleaseAttachmentEntry>;

/**
 * Fields a release never holds, whatever its reviewers decided (shared/redaction/release.ts drops
 * them). Checked on every parse, so that an archive claiming to be redacted but carrying any of them
 * is refused by the receiver rather than published.
 */
export function identifyingFieldsPresent(record: TestimonyRecord): string[] {
  const present: string[] = [];
  if (record.interviewee?.identity !== undefined) present.push('interviewee.identity');
  if (record.interviewee?.code !== undefined) present.push('interviewee.code');
  if (record.consent !== undefined) present.push('consent');
  if (record.translation?.translator !== undefined) present.push('translation.translator');
  record.people.forEach((person, i) => {
    if (person.name !== undefined) present.push(`people[${i}].name`);
    if (person.otherNames.length > 0) present.push(`people[${i}].otherNames`);
  });
  return present;
}

export const ReleaseRecord = z
  .strictObject({
    format: z.literal(RELEASE_FORMAT),
    formatVersion: z.literal(RELEASE_FORMAT_VERSION, { error: `this program reads redacted releases of format version ${RELEASE_FORMAT_VERSION}` }),
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
  })
  .superRefine((release, ctx) => {
    for (const path of identifyingFieldsPresent(release.record)) {
      ctx.addIssue({ code: 'custom', path: ['record', ...path.split('.')], message: `a redacted release never holds ${path}` });
    }
    if (release.releaseId === release.original.testimonyId) {
      ctx.addIssue({ code: 'custom', path: ['releaseId'], message: 'a release has an id of its own, never its original’s' });
    }
    const names = new Set<string>();
    release.attachments.forEach((attachment, i) => {
      if (names.has(attachment.name)) ctx.addIssue({ code: 'custom', path: ['attachments', i, 'name'], message: `${attachment.name} is listed twice` });
      names.add(attachment.name);
    });
  });
export type ReleaseRecord = z.output<typeof ReleaseRecord>;

export function parseReleaseRecord(json: unknown): { ok: true; value: ReleaseRecord } | { ok: false; issues: string[] } {
  const result = ReleaseRecord.safeParse(json);
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
}

/**
 * Descriptions without their examples ("e.g. nk-hoeryong-si", "2011-03-05"): the schema travels in
 * every publication, where a place name or date that the testimony does not hold would still be
 * found by anyone checking the archive for identifying words.
 */
function withoutExamples(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutExamples);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, key === 'description' && typeof item === 'string' ? item.replace(/,? e\.g\. .*$/, '').replace(/: \d.*$/, '') : withoutExamples(item)]),
  );
}

type SchemaNode = { properties?: Record<string, SchemaNode>; items?: SchemaNode; required?: string[] } & Record<string, unknown>;

/**
 * What identifyingFieldsPresent refuses, said in the JSON Schema itself: the identifying properties
 * are taken out of the record's objects (which allow no other properties), and a person's other
 * names may only be empty, so that a standard validator refuses a "release" holding any of them.
 */
function withoutIdentifyingFields(schema: SchemaNode): SchemaNode {
  const record = schema.properties!.record!;
  const drop = (node: SchemaNode | undefined, keys: string[]) => {
    if (!node?.properties) throw new Error('the testimony record schema changed shape: update releaseRecordJsonSchema');
    for (const key of keys) delete node.properties[key];
    if (node.required) node.required = node.required.filter((key) => !keys.includes(key));
  };
  drop(record, ['consent']);
  drop(record.properties!.interviewee, ['identity', 'code']);
  drop(record.properties!.translation, ['translator']);
  const person = record.properties!.people!.items;
  drop(person, ['name']);
  person!.properties!.otherNames = { type: 'array', maxItems: 0, default: [] };
  return schema;
}

/** The JSON Schema a redacted archive ships (data/schema/redacted-release-v1.schema.json), for readers without this program. */
export function releaseRecordJsonSchema(): Record<string, unknown> {
  const schema = withoutIdentifyingFields(withoutExamples(z.toJSONSchema(ReleaseRecord, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' })) as SchemaNode);
  return {
    ...schema,
    $id: 'https://testimony-workstation.invalid/schema/redacted-release-v1.json',
    title: 'Redacted release, format version 1',
    description:
      'One testimony as approved for publication by two reviewers: the redacted record (a testimony record without identity, names, code, consent block or translator), ' +
      'the values released only in generalised form, the consent scopes, the stripped attachments, and the id, version and SHA-256 of the original it was derived from, which stays in the issuing vault.',
  };
}
