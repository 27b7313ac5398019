/**
 * Reads the payload of an archive as the format layer hands it over, file by file, and checks that
 * it is what this program writes: every file one it knows (schemas, testimony documents, record
 * versions, attachments; in a redacted archive release documents and their stripped files, and
 * nothing of a full archive), every document and record valid by its schema, every file listed by a
 * document and every listed file present, sizes and hashes as declared. JSON is parsed in memory,
 * bounded by ARCHIVE_DOCUMENT_LIMITS; attachments go to the staging area encrypted (import) or only
 * through a hash (verify). Nothing here writes plaintext anywhere.
 */
import crypto from 'node:crypto';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UserError } from '@shared/errors';
import {
  ARCHIVE_DOCUMENT_LIMITS,
  type ArchiveKind,
  type ArchivedAttachment,
  attachmentPath,
  classifyDataPath,
  TestimonyDocument,
  versionPath,
} from '@shared/archive/documents';
import { parseReleaseRecord, type ReleaseRecord } from '@shared/redaction/release-record';
import { parseTestimonyRecord, type TestimonyRecord } from '@shared/testimony/schema';
import { canonicalRecordText } from '../testimony/testimony-service';
import type { PayloadHashing, StagedPayload } from './format';
import type { ImportStaging } from './import-staging';
import { releaseAttachmentId } from './publication';

export interface CollectedVersion {
  /** The version number at the sender. */
  originVersion: number;
  createdAt: string;
  createdBy: string | null;
  record: TestimonyRecord;
  /** The text this vault stores, and its SHA-256 (equal to the file's for archives this program wrote). */
  text: string;
  sha256: string;
}

export interface CollectedAttachment extends ArchivedAttachment {
  /** Where the bytes wait, encrypted; undefined when verifying or when the vault has this attachment already. */
  staged?: { blobId: string; fileKey: Buffer };
}

export interface CollectedTestimony {
  document: TestimonyDocument;
  versions: CollectedVersion[];
  attachments: CollectedAttachment[];
}

/** A stripped file of a release, under the id it gets as an attachment of the publication copy. */
export interface CollectedReleaseAttachment {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  staged?: { blobId: string; fileKey: Buffer };
}

/** One release of a redacted archive, checked: the document as received and the record the receiving vault stores. */
export interface CollectedRelease {
  release: ReleaseRecord;
  /** SHA-256 of release.json's bytes: the hash the sender's `release.approve` audit entry names. */
  releaseSha256: string;
  /** The redacted record as this vault stores it (canonical text), and its SHA-256. */
  recordText: string;
  recordSha256: string;
  attachments: CollectedReleaseAttachment[];
}

export interface CollectedContents {
  testimonies: CollectedTestimony[];
  releases: CollectedRelease[];
}

function refuse(message: string): UserError {
  return new UserError('archive-contents', message);
}

function jsonIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const first = issues.slice(0, 3).map((issue) => `${issue.path.map(String).join('.') || '(document)'}: ${issue.message}`);
  return first.join('; ') + (issues.length > 3 ? ` (and ${issues.length - 3} more)` : '');
}

async function readBounded(stream: Readable, size: number, limit: number, what: string): Promise<Buffer> {
  if (size > limit) {
    stream.destroy();
    throw refuse(`${what} is ${size} bytes, more than the ${limit} this program accepts`);
  }
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    length += (chunk as Buffer).length;
    if (length > size) throw refuse(`${what} is longer than announced`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, length);
}

/** Counts what a payload file holds without keeping it (its hash is the format layer's). */
class CountingSink extends Writable {
  size = 0;
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.size += chunk.length;
    callback();
  }
}

/** A payload file as the format layer read it: path inside data/, and the SHA-256 of every byte it handed over. */
export interface HashedPayloadFile {
  path: string;
  sha256: string;
}

/** Looks up an attachment the vault may hold already: then it is hashed, not staged again. */
export type ExistingAttachmentLookup = (attachmentId: string) => { testimonyId: string; sha256: string; size: number } | undefined;

export class ArchiveContentsCollector {
  private readonly documents = new Map<string, TestimonyDocument>();
  private readonly versionFiles = new Map<string, { bytes: Buffer; sha256: string }>();
  private readonly attachmentFiles = new Map<string, { testimonyId: string; size: number; staged?: { blobId: string; fileKey: Buffer } }>();
  private readonly attachmentPaths = new Map<string, string>();
  private readonly releaseFiles = new Map<string, { release: ReleaseRecord; sha256: string }>();
  /** Stripped files of releases, by "<release id>/<name>". */
  private readonly releaseAttachmentFiles = new Map<string, { size: number; path: string; staged?: { blobId: string; fileKey: Buffer } }>();
  /** data/ path → SHA-256, from the format layer (see finish). */
  private payloadHashes = new Map<string, string>();
  private jsonBytes = 0;
  private files = 0;

  constructor(
    private readonly options: { staging?: ImportStaging; existingAttachment?: ExistingAttachmentLookup } = {},
  ) {}

  /** The format layer's stage callback. `relativePath` is relative to the bag's data/ folder. */
  async stage(relativePath: string, size: number, stream: Readable, hashing?: PayloadHashing): Promise<StagedPayload | void> {
    const kind = classifyDataPath(relativePath);
    if (!kind) {
      stream.destroy();
      throw refuse(`The archive holds a file this program does not know: data/${relativePath.slice(0, 200)}`);
    }
    this.files += 1;
    switch (kind.kind) {
      case 'schema': {
        // Shipped for readers without this program; this program uses its own schemas.
        await readBounded(stream, size, ARCHIVE_DOCUMENT_LIMITS.schemaFileBytes, `data/${relativePath}`);
        return;
      }
      case 'document': {
        const bytes = await readBounded(stream, size, ARCHIVE_DOCUMENT_LIMITS.documentFileBytes, `data/${relativePath}`);
        this.countJson(bytes.length);
        const parsed = TestimonyDocument.safeParse(parseJson(bytes, relativePath));
        if (!parsed.success) throw refuse(`data/${relativePath} is not a valid testimony document: ${jsonIssues(parsed.error.issues)}`);
        if (parsed.data.id !== kind.testimonyId) throw refuse(`data/${relativePath} describes another testimony (${parsed.data.id})`);
        this.documents.set(kind.testimonyId, parsed.data);
        return;
      }
      case 'version': {
        const bytes = await readBounded(stream, size, ARCHIVE_DOCUMENT_LIMITS.recordFileBytes, `data/${relativePath}`);
        this.countJson(bytes.length);
        this.versionFiles.set(relativePath, { bytes, sha256: crypto.createHash('sha256').update(bytes).digest('hex') });
        return;
      }
      case 'attachment': {
        if (this.attachmentFiles.has(kind.attachmentId)) throw refuse(`Attachment ${kind.attachmentId} appears twice in the archive`);
        const existing = this.options.existingAttachment?.(kind.attachmentId);
        let hashed: StagedPayload | undefined;
        if (this.options.staging && !existing) {
          const stored = await this.options.staging.stage(stream, size, hashing);
          this.attachmentFiles.set(kind.attachmentId, { testimonyId: kind.testimonyId, size: stored.size, staged: { blobId: stored.blobId, fileKey: stored.fileKey } });
          if (stored.sha256 !== undefined) hashed = { sha256: stored.sha256 };
        } else {
          const sink = new CountingSink();
          await pipeline(stream, sink);
          this.attachmentFiles.set(kind.attachmentId, { testimonyId: kind.testimonyId, size: sink.size });
        }
        this.attachmentPaths.set(kind.attachmentId, relativePath);
        return hashed;
      }
      case 'release': {
        const bytes = await readBounded(stream, size, ARCHIVE_DOCUMENT_LIMITS.recordFileBytes, `data/${relativePath}`);
        this.countJson(bytes.length);
        const parsed = parseReleaseRecord(parseJson(bytes, relativePath));
        if (!parsed.ok) throw refuse(`data/${relativePath} is not a valid redacted release: ${parsed.issues.slice(0, 3).join('; ')}`);
        if (parsed.value.releaseId !== kind.releaseId) throw refuse(`data/${relativePath} describes another release (${parsed.value.releaseId})`);
        this.releaseFiles.set(kind.releaseId, { release: parsed.value, sha256: crypto.createHash('sha256').update(bytes).digest('hex') });
        return;
      }
      case 'release-attachment': {
        const key = `${kind.releaseId}/${kind.name}`;
        const id = releaseAttachmentId(kind.releaseId, kind.name);
        // A publication copy received before holds this file already: hashed, not staged again.
        const existing = this.options.existingAttachment?.(id);
        if (this.options.staging && !existing) {
          const stored = await this.options.staging.stage(stream, size, hashing);
          this.releaseAttachmentFiles.set(key, { size: stored.size, path: relativePath, staged: { blobId: stored.blobId, fileKey: stored.fileKey } });
          return stored.sha256 === undefined ? undefined : { sha256: stored.sha256 };
        } else {
          const sink = new CountingSink();
          await pipeline(stream, sink);
          this.releaseAttachmentFiles.set(key, { size: sink.size, path: relativePath });
        }
        return;
      }
    }
  }

  get payloadFiles(): number {
    return this.files;
  }

  /**
   * Checks the payload as a whole and returns it. `kind` is the archive's TW-Kind: a full archive
   * holds testimony documents only, a redacted one releases only. `payload` is the format layer's
   * list of what it read (VerifiedSealedArchive.files): attachments are not hashed a second time
   * here. Those hashes are of every byte handed to stage(), and each attachment's size here is
   * what stage() consumed (staged or counted), so an equal size means the same bytes.
   */
  finish(kind: ArchiveKind, payload: readonly HashedPayloadFile[]): CollectedContents {
    this.payloadHashes = new Map(payload.map((file) => [file.path, file.sha256]));
    if (kind === 'redacted') return { testimonies: [], releases: this.finishReleases() };
    if (this.releaseFiles.size > 0 || this.releaseAttachmentFiles.size > 0) throw refuse('A full archive holds a redacted release');
    return { testimonies: this.finishTestimonies(), releases: [] };
  }

  private finishReleases(): CollectedRelease[] {
    if (this.documents.size > 0 || this.versionFiles.size > 0 || this.attachmentFiles.size > 0) {
      throw refuse('A redacted archive holds testimony documents, records or attachments of a full archive');
    }
    if (this.releaseFiles.size === 0) throw refuse('The archive holds no release');
    if (this.releaseFiles.size > ARCHIVE_DOCUMENT_LIMITS.testimonies) throw refuse('The archive holds more releases than this program accepts');
    const used = new Set<string>();
    const result: CollectedRelease[] = [];
    for (const [releaseId, { release, sha256 }] of this.releaseFiles) {
      const attachments: CollectedReleaseAttachment[] = [];
      for (const entry of release.attachments) {
        const key = `${releaseId}/${entry.name}`;
        const found = this.releaseAttachmentFiles.get(key);
        if (!found) throw refuse(`The file ${entry.name} of release ${releaseId} is missing (data/releases/${key.replace('/', '/attachments/')})`);
        if (found.size !== entry.size || this.payloadHash(found.path) !== entry.sha256) throw refuse(`The file ${entry.name} of release ${releaseId} does not match the size and hash its release gives`);
        used.add(key);
        attachments.push({ id: releaseAttachmentId(releaseId, entry.name), name: entry.name, mediaType: entry.mediaType, size: entry.size, sha256: entry.sha256, ...(found.staged ? { staged: found.staged } : {}) });
      }
      const recordText = canonicalRecordText(release.record);
      result.push({ release, releaseSha256: sha256, recordText, recordSha256: crypto.createHash('sha256').update(recordText, 'utf8').digest('hex'), attachments });
    }
    for (const key of this.releaseAttachmentFiles.keys()) {
      if (!used.has(key)) throw refuse(`data/releases/${key.replace('/', '/attachments/')} is listed by no release`);
    }
    return result;
  }

  private finishTestimonies(): CollectedTestimony[] {
    if (this.documents.size === 0) throw refuse('The archive holds no testimony');
    if (this.documents.size > ARCHIVE_DOCUMENT_LIMITS.testimonies) throw refuse('The archive holds more testimonies than this program accepts');
    const usedVersionFiles = new Set<string>();
    const usedAttachments = new Set<string>();
    const result: CollectedTestimony[] = [];
    for (const [testimonyId, document] of this.documents) {
      const versions: CollectedVersion[] = [];
      for (const version of document.versions) {
        const file = versionPath(testimonyId, version.version);
        const found = this.versionFiles.get(file);
        if (!found) throw refuse(`Version ${version.version} of testimony ${testimonyId} is missing (data/${file})`);
        usedVersionFiles.add(file);
        if (found.sha256 !== version.recordSha256) throw refuse(`data/${file} does not match the hash its testimony document gives`);
        const json = parseJson(found.bytes, file);
        const parsed = parseTestimonyRecord(json);
        if (!parsed.ok) throw refuse(`data/${file} fails the record schema: ${parsed.issues.slice(0, 3).join('; ')}`);
        // Stored as the sender stored it (for archives this program wrote, byte for byte), so that
        // the version's hash is the same in every vault and matches the sender's audit entries;
        // only whitespace is normalised (and a repeated key resolved as this program reads it).
        const text = JSON.stringify(json);
        versions.push({
          originVersion: version.version,
          createdAt: version.createdAt,
          createdBy: version.createdBy,
          record: parsed.value,
          text,
          sha256: crypto.createHash('sha256').update(text, 'utf8').digest('hex'),
        });
      }
      const attachments: CollectedAttachment[] = [];
      for (const attachment of document.attachments) {
        const found = this.attachmentFiles.get(attachment.id);
        const expectedPath = attachmentPath(testimonyId, attachment);
        if (!found || found.testimonyId !== testimonyId || this.attachmentPaths.get(attachment.id) !== expectedPath) {
          throw refuse(`Attachment ${attachment.id} of testimony ${testimonyId} is missing (data/${expectedPath})`);
        }
        if (usedAttachments.has(attachment.id)) throw refuse(`Attachment ${attachment.id} is listed twice`);
        usedAttachments.add(attachment.id);
        if (found.size !== attachment.size || this.payloadHash(expectedPath) !== attachment.sha256) {
          throw refuse(`Attachment ${attachment.id} does not match the size and hash its testimony document gives`);
        }
        attachments.push({ ...attachment, ...(found.staged ? { staged: found.staged } : {}) });
      }
      result.push({ document, versions, attachments });
    }
    for (const file of this.versionFiles.keys()) {
      if (!usedVersionFiles.has(file)) throw refuse(`data/${file} belongs to no testimony document`);
    }
    for (const [attachmentId, found] of this.attachmentFiles) {
      if (!usedAttachments.has(attachmentId)) throw refuse(`Attachment ${attachmentId} of testimony ${found.testimonyId} is listed by no testimony document`);
    }
    // Record texts are now parsed; the raw copies can go.
    this.versionFiles.clear();
    return result;
  }

  private payloadHash(relativePath: string): string {
    const sha256 = this.payloadHashes.get(relativePath);
    // Every file given to stage() is in the format layer's list: a missing one is a bug.
    if (sha256 === undefined) throw new Error(`no payload hash for data/${relativePath}`);
    return sha256;
  }

  private countJson(bytes: number): void {
    this.jsonBytes += bytes;
    if (this.jsonBytes > ARCHIVE_DOCUMENT_LIMITS.totalJsonBytes) throw refuse('The archive holds more text than this program reads at once');
  }
}

function parseJson(bytes: Buffer, file: string): unknown {
  try {
    // fatal: invalid UTF-8 is refused, not replaced.
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    throw refuse(`data/${file} is not valid UTF-8 JSON`);
  }
}
