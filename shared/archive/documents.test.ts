import { describe, expect, it } from 'vitest';
import { attachmentPath, classifyDataPath, releaseAttachmentPath, releasePath, SCHEMA_RELEASE_PATH, TestimonyDocument, versionPath } from './documents';

const ID = '0b7e4f2a-3c1d-4e5f-8a9b-0c1d2e3f4a5b';
const ATTACHMENT = '1c8f5a3b-4d2e-4f60-9bac-1d2e3f4a5b6c';
const SHA = 'a'.repeat(64);
const FINGERPRINT = Array.from({ length: 12 }, () => '12345').join(' ');

function document(overrides: Record<string, unknown> = {}) {
  return {
    documentType: 'tw-testimony',
    documentVersion: 1,
    kind: 'full',
    id: ID,
    status: 'draft',
    createdAt: '2024-05-01T09:30:00Z',
    updatedAt: '2024-05-01T09:30:00.123Z',
    versions: [
      { version: 1, createdAt: '2024-05-01T09:30:00Z', createdBy: 'minji', recordSha256: SHA },
      { version: 2, createdAt: '2024-05-02T09:30:00Z', createdBy: null, recordSha256: SHA },
    ],
    attachments: [{ id: ATTACHMENT, fileName: '면담.m4a', mediaType: 'audio/mp4', size: 10, sha256: SHA, createdAt: '2024-05-01T09:30:00Z', createdBy: null }],
    custody: [],
    audit: [],
    ...overrides,
  };
}

describe('paths inside data/', () => {
  it('are derived from ids and recognised back, nothing else', () => {
    expect(classifyDataPath(versionPath(ID, 2))).toEqual({ kind: 'version', testimonyId: ID, version: 2 });
    expect(classifyDataPath(attachmentPath(ID, { id: ATTACHMENT, fileName: '면담.M4A' }))).toEqual({ kind: 'attachment', testimonyId: ID, attachmentId: ATTACHMENT });
    expect(attachmentPath(ID, { id: ATTACHMENT, fileName: 'no extension' })).toBe(`testimonies/${ID}/attachments/${ATTACHMENT}`);
    expect(attachmentPath(ID, { id: ATTACHMENT, fileName: 'x.tar.gz;rm -rf' })).toBe(`testimonies/${ID}/attachments/${ATTACHMENT}`);
    expect(classifyDataPath(releasePath(ID))).toEqual({ kind: 'release', releaseId: ID });
    expect(classifyDataPath(releaseAttachmentPath(ID, 'image-1.jpg'))).toEqual({ kind: 'release-attachment', releaseId: ID, name: 'image-1.jpg' });
    expect(classifyDataPath(SCHEMA_RELEASE_PATH)).toEqual({ kind: 'schema', path: SCHEMA_RELEASE_PATH });
    for (const path of [
      `testimonies/${ID}/versions/0.json`,
      `testimonies/${ID.toUpperCase()}/testimony.json`,
      `testimonies/${ID}/../${ID}/testimony.json`,
      `testimonies/${ID}/notes.txt`,
      `testimonies/${ID}/attachments/${ATTACHMENT}.M4A`,
      'schema/other.json',
      `releases/${ID}/release.json.bak`,
      `releases/${ID}/attachments/../release.json`,
      `releases/${ID}/attachments/박순희-여권.jpg`,
      `releases/${ID}/attachments/Image-1.JPG`,
      `releases/${ID}/attachments/${ATTACHMENT}.jpg`,
      `releases/${ID}/testimony.json`,
    ]) {
      expect(classifyDataPath(path), path).toBeUndefined();
    }
  });
});

describe('testimony.json', () => {
  it('parses a well-formed document', () => {
    expect(TestimonyDocument.safeParse(document()).success).toBe(true);
  });

  it.each([
    ['versions out of order', { versions: [document().versions[1], document().versions[0]] }],
    ['no version', { versions: [] }],
    ['an attachment listed twice', { attachments: [document().attachments[0], document().attachments[0]] }],
    ['a testimony document of a redacted archive (those hold releases)', { kind: 'redacted' }],
    ['a testimony claiming to derive from another record', { derivedFrom: { testimonyId: ID, version: 1, recordSha256: SHA } }],
    ['an unknown field', { comment: 'hi' }],
    ['a time without offset', { createdAt: '2024-05-01T09:30:00' }],
    ['a custody event with a malformed fingerprint', {
      custody: [{ id: ATTACHMENT, event: 'exported', at: '2024-05-01T09:30:00Z', archiveId: 'a1', senderFingerprint: '123', recipientFingerprints: [FINGERPRINT], recordedBy: FINGERPRINT }],
    }],
    ['a future document version', { documentVersion: 2 }],
  ])('refuses %s', (_what, overrides) => {
    expect(TestimonyDocument.safeParse(document(overrides)).success).toBe(false);
  });
});
