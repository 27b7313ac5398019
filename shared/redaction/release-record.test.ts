import { describe, expect, it } from 'vitest';
import { parseTestimonyInput, type TestimonyRecord } from '../testimony/schema';
import { identifyingTestimony } from './identifying-testimony.fixture';
import { buildRelease } from './release';
import { parseReleaseRecord, releaseRecordJsonSchema } from './release-record';

const RELEASE_ID = '0b7e4f2a-3c1d-4e5f-8a9b-0c1d2e3f4a5b';
const ORIGINAL_ID = '1c8f5a3b-4d2e-4f60-9bac-1d2e3f4a5b6c';

function original(): TestimonyRecord {
  const parsed = parseTestimonyInput(identifyingTestimony());
  if (!parsed.ok) throw new Error(parsed.issues.join('; '));
  return parsed.value;
}

function release(record: TestimonyRecord, overrides: Record<string, unknown> = {}) {
  return {
    format: 'tw-redacted-release',
    formatVersion: 1,
    releaseId: RELEASE_ID,
    original: { testimonyId: ORIGINAL_ID, version: 3, recordSha256: 'a'.repeat(64) },
    record,
    generalised: { birthDecade: 1970 },
    consentScopes: ['redacted-publication'],
    attachments: [{ name: 'image-1.jpg', mediaType: 'image/jpeg', size: 10, sha256: 'b'.repeat(64) }],
    ...overrides,
  };
}

describe('the release document', () => {
  it('parses what buildRelease makes', () => {
    const built = buildRelease(original(), [], {}, new Map());
    expect(parseReleaseRecord(release(built.record)).ok).toBe(true);
  });

  it.each([
    ['the interviewee identity', (r: TestimonyRecord) => ({ ...r, interviewee: { ...r.interviewee, identity: { realName: '박순희', otherNames: [] } } }), 'record.interviewee.identity'],
    ['the interviewee code', (r: TestimonyRecord) => ({ ...r, interviewee: { ...r.interviewee, code: 'NK-2024-031' } }), 'record.interviewee.code'],
    ['the consent block', (r: TestimonyRecord) => ({ ...r, consent: original().consent }), 'record.consent'],
    ['a person’s name', (r: TestimonyRecord) => ({ ...r, people: r.people.map((p) => (p.id === 'p1' ? { ...p, name: '김영철' } : p)) }), 'record.people[1].name'],
    ['a person’s other names', (r: TestimonyRecord) => ({ ...r, people: r.people.map((p) => (p.id === 'p1' ? { ...p, otherNames: ['Kim Young-chul'] } : p)) }), 'record.people[1].otherNames'],
    ['the translator', (r: TestimonyRecord) => ({ ...r, translation: { ...r.translation!, translator: 'Translator Lee' } }), 'record.translation.translator'],
  ])('refuses a release that holds %s', (_what, edit, path) => {
    const built = buildRelease(original(), [], {}, new Map());
    const parsed = parseReleaseRecord(release(edit(built.record) as TestimonyRecord));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.join('\n')).toContain(`${path}: a redacted release never holds`);
  });

  it('refuses the original’s id as the release id, a file listed twice, a file name that is not neutral, and a future format', () => {
    const built = buildRelease(original(), [], {}, new Map()).record;
    const entry = { name: 'image-1.jpg', mediaType: 'image/jpeg', size: 10, sha256: 'b'.repeat(64) };
    expect(parseReleaseRecord(release(built, { releaseId: ORIGINAL_ID, original: { testimonyId: ORIGINAL_ID, version: 1, recordSha256: 'a'.repeat(64) } })).ok).toBe(false);
    expect(parseReleaseRecord(release(built, { attachments: [entry, entry] })).ok).toBe(false);
    expect(parseReleaseRecord(release(built, { attachments: [{ ...entry, name: '박순희-여권.jpg' }] })).ok).toBe(false);
    expect(parseReleaseRecord(release(built, { formatVersion: 2 })).ok).toBe(false);
  });

  it('has a JSON Schema for readers without this program, the record schema inside it', () => {
    const schema = releaseRecordJsonSchema();
    expect(schema).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', additionalProperties: false });
    expect(schema.required).toEqual(['format', 'formatVersion', 'releaseId', 'original', 'record', 'generalised', 'consentScopes', 'attachments']);
    const record = (schema.properties as Record<string, { properties?: Record<string, unknown> }>).record!;
    expect(Object.keys(record.properties!)).toEqual(expect.arrayContaining(['schemaVersion', 'title', 'narrative', 'people', 'events']));
    // The identifying fields are not in it: a standard validator refuses a release that holds them.
    const recordProperties = record.properties as Record<string, { properties?: Record<string, unknown>; items?: { properties: Record<string, unknown> } }>;
    expect(Object.keys(recordProperties)).not.toContain('consent');
    expect(Object.keys(recordProperties.interviewee!.properties!)).not.toEqual(expect.arrayContaining(['identity']));
    expect(Object.keys(recordProperties.interviewee!.properties!)).not.toContain('code');
    expect(Object.keys(recordProperties.translation!.properties!)).not.toContain('translator');
    expect(recordProperties.people!.items!.properties).toMatchObject({ otherNames: { maxItems: 0 } });
    expect(Object.keys(recordProperties.people!.items!.properties)).not.toContain('name');
    expect(JSON.stringify(schema)).not.toMatch(/"identity"|IDENTIFYING/);
    // It travels in every publication: no example place or date a scan for identifying words would find.
    expect(JSON.stringify(schema)).not.toMatch(/hoeryong|yanji|yodok|\d{4}-\d\d-\d\d/i);
  });
});
