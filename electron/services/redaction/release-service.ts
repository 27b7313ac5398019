/**
 * Redacted releases with four eyes.
 *
 * prepare: a reviewer builds the release from the review's decisions (stripping images into the
 *   encrypted store) and it waits for approval. Preparing again replaces an unapproved release.
 * check:   what approval would say: unresolved items, a stale review, decisions made after
 *   preparing, residual hits, attachments that are not clean, consent, and the k-count.
 * approve: a second reviewer (never the one who prepared it) approves. Refused while any item
 *   is pending, while the residual check finds anything, when the review or the testimony changed
 *   since preparing, or when consent does not cover redacted publication. Recorded in the audit
 *   log with ids and hashes only.
 *
 * The original stays in the vault, untouched; a release names it by id, version and SHA-256.
 * The pseudonym table never leaves: only the labels are in the release text.
 */
import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import { UserError } from '@shared/errors';
import { buildRelease, pseudonymKeysInOrder, type BuiltRelease } from '@shared/redaction/release';
import { RELEASE_FORMAT, RELEASE_FORMAT_VERSION, ReleaseRecord, type ReleaseAttachmentEntry } from '@shared/redaction/release-record';
import { residualHits, type ResidualHit } from '@shared/redaction/residual';
import { assessRisk, DEFAULT_K, quasiIdentifiersOfRelease, type RiskAssessment } from '@shared/redaction/risk';
import type { KnownTerm, SpanType } from '@shared/redaction/types';
import { effectiveSpanOperator } from '@shared/redaction/release';
import type { TestimonyRecord } from '@shared/testimony/schema';
import type { ConsentScope } from '@shared/testimony/vocabulary';
import type { Vault } from '../vault/vault';
import type { VaultDatabase } from '../vault/database';
import { TestimonyService } from '../testimony/testimony-service';
import { ReviewService, type Detector } from './review-service';
import { decisionsSha256, itemRows, pseudonymIndex, toDecisionItem, typeOperators } from './review-store';
import { attachmentStore, planAttachments, stripImageIntoStore, type ExclusionCode, type StrippedImage } from './release-attachments';
import { metadataProblems } from './image-sanitiser';
import { countSharing, refreshQuasiIndex } from './quasi-index';
import { detectSpans } from '@shared/redaction/detect';
import { isPublicationCopy } from '../archive/publication';

export type ReleaseStatus = 'prepared' | 'approved' | 'superseded';

interface ReleaseRow {
  id: string;
  testimony_id: string;
  version: number;
  original_sha256: string;
  decisions_sha256: string;
  release_json: string;
  release_sha256: string;
  release_size: number;
  check_ranges: string;
  status: ReleaseStatus;
  risk_k: number;
  risk_count: number;
  prepared_by: string;
  prepared_at: string;
  approved_by: string | null;
  approved_at: string | null;
}

interface ReleaseAttachmentRow {
  release_id: string;
  attachment_id: string;
  position: number;
  name: string;
  media_type: string;
  blob_id: string | null;
  file_key: Buffer | null;
  size: number;
  sha256: string;
}

export interface ReleaseSummary {
  releaseId: string;
  testimonyId: string;
  version: number;
  originalSha256: string;
  releaseSha256: string;
  status: ReleaseStatus;
  preparedBy: string;
  preparedAt: string;
  approvedBy?: string;
  approvedAt?: string;
  attachments: (ReleaseAttachmentEntry & { attachmentId: string })[];
  excludedAttachments: { attachmentId: string; reason: string; code: ExclusionCode }[];
  warnings: string[];
  risk: { k: number; count: number };
}

/** Why approval is refused, as a code the UI words itself (`blockers` holds the same in English). */
export type ReleaseBlocker =
  | { code: 'testimony-changed' | 'review-stale' | 'decisions-changed' | 'consent' }
  | { code: 'pending' | 'residual' | 'attachments'; count: number };

export interface ReleaseCheck {
  releaseId: string;
  testimonyId: string;
  canApprove: boolean;
  /** Why approval would be refused, one line each (no testimony text). */
  blockers: string[];
  /** The same reasons, in the same order, as codes. */
  reasons: ReleaseBlocker[];
  pending: number;
  residual: ResidualHit[];
  attachmentProblems: { attachmentId: string; problem: string }[];
  risk: RiskAssessment;
  warnings: string[];
}

export interface ReleasePreview {
  testimonyId: string;
  version: number;
  built: BuiltRelease;
  residual: ResidualHit[];
  risk: RiskAssessment;
  /** Suggestions still pending: the preview replaces them with their defaults, as prepare would. */
  pending: number;
}

/** One approved release as an export needs it: the record as bytes, and attachments as streams. */
export interface ApprovedRelease {
  releaseId: string;
  testimonyId: string;
  testimonyVersion: number;
  originalSha256: string;
  approvedBy: string;
  approvedAt: string;
  preparedBy: string;
  record: ReleaseRecord;
  /** The record as stored (UTF-8 JSON); `recordSha256` and `recordSize` are of these bytes. */
  recordJson: string;
  recordSize: number;
  recordSha256: string;
  attachments: ApprovedReleaseAttachment[];
}

/** What a redacted export may take of one testimony: its release, or why there is none. */
export type ReleaseForExport =
  | { testimonyId: string; release: ApprovedRelease }
  | { testimonyId: string; release: null; reason: 'no-release' | 'release-not-approved' | 'release-stale' | 'release-check-failed'; message: string };

export interface ApprovedReleaseAttachment {
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  /** A fresh stream of the stripped bytes (decrypted on the fly; errors if the blob was altered). */
  open(): Readable;
}

const sha256 = (text: string | Buffer) => crypto.createHash('sha256').update(text).digest('hex');
const now = () => new Date().toISOString();

export class ReleaseService {
  constructor(
    private readonly vault: Vault,
    private readonly detect: Detector = detectSpans,
  ) {}

  private get db(): VaultDatabase {
    return this.vault.db;
  }

  /** Builds the release text and fields from the current decisions (after allocating pseudonyms). Inside a transaction. */
  private build(testimonyId: string, record: TestimonyRecord): BuiltRelease {
    const items = itemRows(this.db, testimonyId).map(toDecisionItem);
    const operators = typeOperators(this.db, testimonyId);
    ReviewService.allocate(this.db, testimonyId, pseudonymKeysInOrder(record, items, operators));
    return buildRelease(record, items, operators, pseudonymIndex(this.db, testimonyId));
  }

  async prepare(testimonyId: string, options: { k?: number } = {}): Promise<ReleaseSummary> {
    const user = this.vault.require('testimony.review');
    // A publication copy is a release already (approved in the vault it came from), not an original.
    if (isPublicationCopy(this.db, testimonyId)) {
      throw new UserError('publication-copy', `Testimony ${testimonyId} is a publication copy received in a redacted archive; only its original can be released`);
    }
    const review = new ReviewService(this.vault, this.detect);
    const { record, version, sha256: originalSha256 } = review.requireCurrentReview(testimonyId);
    const k = options.k ?? DEFAULT_K;

    // Attachments first (async, outside the transaction); removed again if anything fails.
    const plans = planAttachments(this.vault, testimonyId);
    const stripped: StrippedImage[] = [];
    const store = attachmentStore(this.vault);
    const removeStripped = async () => {
      for (const image of stripped) await store.remove(image.stored.blobId).catch(() => undefined);
    };
    try {
      for (const plan of plans) {
        if (plan.action !== 'image') continue;
        try {
          stripped.push(await stripImageIntoStore(this.vault, plan.attachmentId, plan.regions));
        } catch (error) {
          if (error instanceof UserError) {
            throw new UserError(error.code, `Attachment ${plan.attachmentId}: ${error.message}. Leave it out with tw review attachment ${plan.attachmentId} --exclude`);
          }
          throw error;
        }
      }
      const releaseId = crypto.randomUUID();
      const db = this.db;
      const summary = db.transaction((): ReleaseSummary => {
        // The testimony may have changed while images were encoded.
        review.requireCurrentReview(testimonyId);
        const built = this.build(testimonyId, record);
        const entries: (ReleaseAttachmentEntry & { attachmentId: string; blobId: string | null; fileKey: Buffer | null })[] = [];
        const warnings: string[] = [];
        let position = 0;
        for (const plan of plans) {
          if (plan.action === 'image') {
            const image = stripped.find((s) => s.attachmentId === plan.attachmentId)!;
            position += 1;
            entries.push({ attachmentId: plan.attachmentId, name: `image-${position}.${image.extension}`, mediaType: image.mediaType, size: image.stored.size, sha256: image.stored.sha256, blobId: image.stored.blobId, fileKey: image.stored.fileKey });
          } else if (plan.action === 'as-recorded') {
            position += 1;
            const kind = plan.mediaType.startsWith('video/') ? 'video' : 'audio';
            entries.push({ attachmentId: plan.attachmentId, name: `${kind}-${position}.${extensionOf(plan.mediaType)}`, mediaType: plan.mediaType, size: plan.size, sha256: plan.sha256, blobId: null, fileKey: null });
            warnings.push(`attachment ${plan.attachmentId}: ${plan.warning}`);
          }
        }
        const releaseRecord: ReleaseRecord = {
          format: RELEASE_FORMAT,
          formatVersion: RELEASE_FORMAT_VERSION,
          releaseId,
          original: { testimonyId, version, recordSha256: originalSha256 },
          record: built.record,
          generalised: built.generalised,
          consentScopes: built.consentScopes,
          attachments: entries.map(({ name, mediaType, size, sha256: hash }) => ({ name, mediaType, size, sha256: hash })),
        };
        const json = JSON.stringify(ReleaseRecord.parse(releaseRecord));
        const risk = this.risk(built, k);
        if (risk.belowK) warnings.push(riskWarning(risk));
        // An unapproved release of this testimony is replaced; its stripped files go with it.
        const replaced = db.prepare("SELECT id FROM redaction_releases WHERE testimony_id = ? AND status = 'prepared'").all(testimonyId) as { id: string }[];
        db.prepare("UPDATE redaction_releases SET status = 'superseded' WHERE testimony_id = ? AND status = 'prepared'").run(testimonyId);
        db.prepare(
          `INSERT INTO redaction_releases (id, testimony_id, version, original_sha256, decisions_sha256, release_json, release_sha256, release_size, check_ranges, status, risk_k, risk_count, prepared_by, prepared_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'prepared', ?, ?, ?, ?)`,
        ).run(releaseId, testimonyId, version, originalSha256, decisionsSha256(db, testimonyId), json, sha256(json), Buffer.byteLength(json), JSON.stringify(built.ranges), k, risk.count, user.id, now());
        for (const [index, entry] of entries.entries()) {
          db.prepare('INSERT INTO redaction_release_attachments (release_id, attachment_id, position, name, media_type, blob_id, file_key, size, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
            releaseId, entry.attachmentId, index, entry.name, entry.mediaType, entry.blobId, entry.fileKey, entry.size, entry.sha256,
          );
        }
        this.vault.audit('release.prepare', testimonyId, {
          release: releaseId,
          version,
          originalSha256,
          releaseSha256: sha256(json),
          attachments: entries.length,
          replaced: replaced.map((r) => r.id),
          kCount: risk.count,
        });
        return { ...this.summary(this.releaseRow(releaseId)), warnings, excludedAttachments: excludedOf(plans) };
      })();
      for (const image of stripped) image.stored.fileKey.fill(0);
      await this.removeSupersededBlobs(testimonyId);
      return summary;
    } catch (error) {
      await removeStripped();
      throw error;
    }
  }

  /** What approval of the latest prepared release would find. Changes nothing. */
  async check(testimonyId: string, options: { k?: number } = {}): Promise<ReleaseCheck> {
    this.vault.require('testimony.review');
    const row = this.latest(testimonyId, 'prepared');
    return this.inspect(row, options.k ?? row.risk_k);
  }

  /** `k` undefined: the risk is not assessed (at export, where it would not block anyway). */
  private async inspect(row: ReleaseRow, k: number | undefined): Promise<ReleaseCheck> {
    const blockers: string[] = [];
    const reasons: ReleaseBlocker[] = [];
    const block = (reason: ReleaseBlocker, message: string) => {
      reasons.push(reason);
      blockers.push(message);
    };
    const review = new ReviewService(this.vault, this.detect);
    const current = new TestimonyService(this.vault).show(row.testimony_id);
    const record = ReleaseRecord.parse(JSON.parse(row.release_json));
    if (current.version !== row.version || current.recordSha256 !== row.original_sha256) {
      block({ code: 'testimony-changed' }, `the testimony changed since this release was prepared (release of version ${row.version}, now version ${current.version}): review it again and prepare a new release`);
    }
    let reviewCurrent = true;
    try {
      review.requireCurrentReview(row.testimony_id);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      reviewCurrent = false;
      if (blockers.length === 0) block({ code: 'review-stale' }, error.message);
    }
    const rows = itemRows(this.db, row.testimony_id);
    const pending = rows.filter((r) => r.status === 'pending').length;
    if (pending > 0) block({ code: 'pending', count: pending }, `${pending} suggestion${pending === 1 ? ' is' : 's are'} still pending: accept or reject each (tw review list ${row.testimony_id})`);
    if (reviewCurrent && decisionsSha256(this.db, row.testimony_id) !== row.decisions_sha256) {
      block({ code: 'decisions-changed' }, 'decisions changed after this release was prepared: prepare it again (tw release prepare)');
    }
    if (!record.consentScopes.includes('redacted-publication')) {
      block({ code: 'consent' }, "the interviewee's consent does not cover redacted publication (consent scope redacted-publication)");
    }

    // Residual check: the released record as stored, against the original's identifying terms and every marked surface.
    const original = new TestimonyService(this.vault).show(row.testimony_id, row.version).record;
    const marked = this.markedTerms(row.testimony_id);
    const ranges = JSON.parse(row.check_ranges) as BuiltRelease['ranges'];
    const built: BuiltRelease = { record: record.record, generalised: record.generalised, consentScopes: record.consentScopes, ranges };
    const residual = residualHits({ built, identifyingTerms: ReviewService.knownTerms(original), markedTerms: marked, detect: this.detect });
    if (residual.length > 0) block({ code: 'residual', count: residual.length }, `the residual check found ${residual.length} identifying span${residual.length === 1 ? '' : 's'} left in the release`);

    const attachmentProblems = await this.checkAttachments(row.id, [...ReviewService.knownTerms(original), ...marked]);
    if (attachmentProblems.length > 0) block({ code: 'attachments', count: attachmentProblems.length }, `${attachmentProblems.length} attachment problem${attachmentProblems.length === 1 ? '' : 's'}`);

    // Without a new count, the one recorded at prepare stands (it warns, never blocks).
    const risk: RiskAssessment =
      k === undefined ? { k: row.risk_k, count: row.risk_count, belowK: false, quasiIdentifiers: quasiIdentifiersOfRelease(built) } : this.risk(built, k);
    const warnings = risk.belowK ? [riskWarning(risk)] : [];
    const asRecorded = this.db.prepare('SELECT count(*) AS n FROM redaction_release_attachments WHERE release_id = ? AND blob_id IS NULL').get(row.id) as { n: number };
    if (asRecorded.n > 0) warnings.push(`${asRecorded.n} audio or video file${asRecorded.n === 1 ? ' is' : 's are'} included as recorded: voices identify`);
    return { releaseId: row.id, testimonyId: row.testimony_id, canApprove: blockers.length === 0, blockers, reasons, pending, residual, attachmentProblems, risk, warnings };
  }

  /** Every text a reviewer marked for redaction (any span not kept): the residual check looks for each. */
  private markedTerms(testimonyId: string): KnownTerm[] {
    const operators = typeOperators(this.db, testimonyId);
    const marked: KnownTerm[] = [];
    for (const item of itemRows(this.db, testimonyId)) {
      if (item.kind !== 'span') continue;
      if (effectiveSpanOperator(toDecisionItem(item), operators).operator === 'keep') continue;
      marked.push({ text: item.surface, type: item.type as SpanType });
    }
    return marked;
  }

  /**
   * What the release would be if prepared now, for the reviewer to read beside the original: the
   * redacted record, where replacements and kept spans stand, the residual check's hits and the
   * k-count. Writes nothing: the pseudonym labels prepare would allocate are allocated inside a
   * transaction that is rolled back, and no image is stripped.
   */
  async preview(testimonyId: string, options: { k?: number } = {}): Promise<ReleasePreview> {
    this.vault.require('testimony.review');
    const review = new ReviewService(this.vault, this.detect);
    const { record, version } = review.requireCurrentReview(testimonyId);
    let built: BuiltRelease | undefined;
    const rollback = new Error('preview: roll back');
    try {
      this.db.transaction(() => {
        built = this.build(testimonyId, record);
        throw rollback;
      })();
    } catch (error) {
      if (error !== rollback) throw error;
    }
    const release = built!;
    const residual = residualHits({ built: release, identifyingTerms: ReviewService.knownTerms(record), markedTerms: this.markedTerms(testimonyId), detect: this.detect });
    const pending = itemRows(this.db, testimonyId).filter((item) => item.status === 'pending').length;
    return { testimonyId, version, built: release, residual, risk: this.risk(release, options.k ?? DEFAULT_K), pending };
  }

  /** Re-reads every stripped image from the store: hash as recorded, nothing but pixels, no known term in its bytes. */
  private async checkAttachments(releaseId: string, terms: readonly KnownTerm[]): Promise<{ attachmentId: string; problem: string }[]> {
    const problems: { attachmentId: string; problem: string }[] = [];
    const rows = this.db.prepare('SELECT * FROM redaction_release_attachments WHERE release_id = ? ORDER BY position').all(releaseId) as ReleaseAttachmentRow[];
    // Short terms would match compressed bytes by chance; six UTF-8 bytes or more do not.
    const needles = terms.map((term) => Buffer.from(term.text.trim(), 'utf8')).filter((bytes) => bytes.length >= 6);
    for (const row of rows) {
      if (row.blob_id === null || row.file_key === null) continue;
      const chunks: Buffer[] = [];
      try {
        for await (const chunk of attachmentStore(this.vault).read(row.blob_id, row.file_key)) chunks.push(chunk as Buffer);
      } catch (error) {
        if (error instanceof UserError) {
          problems.push({ attachmentId: row.attachment_id, problem: error.message });
          continue;
        }
        throw error;
      }
      const bytes = Buffer.concat(chunks);
      try {
        if (sha256(bytes) !== row.sha256) problems.push({ attachmentId: row.attachment_id, problem: 'the stripped file does not match its recorded hash' });
        for (const problem of metadataProblems(bytes)) problems.push({ attachmentId: row.attachment_id, problem: `metadata left: ${problem}` });
        if (needles.some((needle) => bytes.includes(needle))) problems.push({ attachmentId: row.attachment_id, problem: 'an identifying term occurs in the file' });
      } finally {
        bytes.fill(0);
        for (const chunk of chunks) chunk.fill(0);
      }
    }
    return problems;
  }

  async approve(testimonyId: string, options: { k?: number } = {}): Promise<ReleaseSummary & { check: ReleaseCheck }> {
    const user = this.vault.require('release.approve');
    const row = this.latest(testimonyId, 'prepared');
    // Four eyes: the schema refuses it too, but say so plainly first.
    if (row.prepared_by === user.id) {
      throw new UserError('four-eyes', 'You prepared this release; a second reviewer must approve it');
    }
    const check = await this.inspect(row, options.k ?? row.risk_k);
    if (!check.canApprove) throw new UserError('release-blocked', `The release cannot be approved: ${check.blockers.join('; ')}`);
    const db = this.db;
    db.transaction(() => {
      const again = this.releaseRow(row.id);
      if (again.status !== 'prepared' || decisionsSha256(db, testimonyId) !== again.decisions_sha256) {
        throw new UserError('release-changed', 'The release or its decisions changed meanwhile; check it again');
      }
      db.prepare("UPDATE redaction_releases SET status = 'superseded' WHERE testimony_id = ? AND status = 'approved'").run(testimonyId);
      db.prepare("UPDATE redaction_releases SET status = 'approved', approved_by = ?, approved_at = ? WHERE id = ?").run(user.id, now(), row.id);
      this.vault.audit('release.approve', testimonyId, {
        release: row.id,
        version: row.version,
        originalSha256: row.original_sha256,
        releaseSha256: row.release_sha256,
        preparedBy: row.prepared_by,
        kCount: check.risk.count,
        k: check.risk.k,
      });
    })();
    await this.removeSupersededBlobs(testimonyId);
    return { ...this.summary(this.releaseRow(row.id)), warnings: check.warnings, excludedAttachments: [], check };
  }

  /** The newest release of a testimony (prepared, else approved), with its redacted record. */
  show(testimonyId: string): ReleaseSummary & { record: ReleaseRecord } {
    this.vault.require('testimony.read');
    const row =
      (this.db.prepare("SELECT * FROM redaction_releases WHERE testimony_id = ? AND status <> 'superseded' ORDER BY prepared_at DESC, rowid DESC LIMIT 1").get(testimonyId) as ReleaseRow | undefined);
    if (!row) {
      new TestimonyService(this.vault).show(testimonyId);
      throw new UserError('no-release', `Testimony ${testimonyId} has no release; prepare one with tw release prepare ${testimonyId}`);
    }
    return { ...this.summary(row), warnings: [], excludedAttachments: [], record: ReleaseRecord.parse(JSON.parse(row.release_json)) };
  }

  /**
   * Every approved release that is still current — of the testimony's current version and made
   * from the decisions as they are now (a testimony edited, or a decision changed, after approval
   * needs a new release and approval) — in testimony order, one at a time.
   */
  *approvedReleases(options: { testimonyIds?: readonly string[] } = {}): Generator<ApprovedRelease> {
    this.vault.require('testimony.read');
    const wanted = options.testimonyIds ? new Set(options.testimonyIds) : undefined;
    const ids = (
      this.db
        .prepare(
          `SELECT r.id FROM redaction_releases r JOIN testimonies t ON t.id = r.testimony_id
           JOIN testimony_versions v ON v.testimony_id = t.id AND v.version = t.current_version
           WHERE r.status = 'approved' AND r.version = t.current_version AND r.original_sha256 = v.record_sha256
           ORDER BY r.testimony_id`,
        )
        .all() as { id: string }[]
    ).map((r) => r.id);
    for (const id of ids) {
      const row = this.releaseRow(id);
      if (wanted && !wanted.has(row.testimony_id)) continue;
      if (this.staleness(row) !== undefined) continue;
      yield this.approvedRelease(row);
    }
  }

  /**
   * What a redacted export may take of each testimony, in the order asked: its approved release,
   * when that is current (see approvedReleases) and passes again every check approval ran —
   * residual terms and detector, stripped images, consent for redacted publication and for
   * `purpose` — or the reason there is none. Checking again at export means a release approved
   * before this program learnt to find a name is held back, saying so, rather than published.
   */
  async releasesForExport(testimonyIds: readonly string[], options: { purpose?: ConsentScope } = {}): Promise<ReleaseForExport[]> {
    this.vault.require('testimony.read');
    const out: ReleaseForExport[] = [];
    const latestOf = this.db.prepare('SELECT * FROM redaction_releases WHERE testimony_id = ? AND status = ? ORDER BY prepared_at DESC, rowid DESC LIMIT 1');
    for (const testimonyId of testimonyIds) {
      const approved = latestOf.get(testimonyId, 'approved') as ReleaseRow | undefined;
      const prepared = latestOf.get(testimonyId, 'prepared') as ReleaseRow | undefined;
      if (!approved) {
        out.push(
          prepared
            ? { testimonyId, release: null, reason: 'release-not-approved', message: `its release (prepared ${prepared.prepared_at}) waits for a second reviewer's approval (tw release approve ${testimonyId})` }
            : { testimonyId, release: null, reason: 'no-release', message: `no release has been prepared (tw review start ${testimonyId}, then tw release prepare)` },
        );
        continue;
      }
      const stale = this.staleness(approved);
      if (stale !== undefined) {
        out.push({ testimonyId, release: null, reason: 'release-stale', message: `${stale} after its release was approved: review it, prepare and approve it again` });
        continue;
      }
      const check = await this.inspect(approved, undefined);
      const record = ReleaseRecord.parse(JSON.parse(approved.release_json));
      const blockers = [...check.blockers];
      if (options.purpose && !record.consentScopes.includes(options.purpose)) blockers.push(`the consent released with it does not cover ${options.purpose}`);
      if (blockers.length > 0) {
        out.push({ testimonyId, release: null, reason: 'release-check-failed', message: `checked again at export, its approved release is refused: ${blockers.join('; ')}` });
        continue;
      }
      out.push({ testimonyId, release: this.approvedRelease(approved) });
    }
    return out;
  }

  /** Why an approved release no longer stands for the testimony as it is: undefined when it still does. */
  private staleness(row: ReleaseRow): string | undefined {
    const current = this.db
      .prepare('SELECT t.current_version AS version, v.record_sha256 AS sha256 FROM testimonies t JOIN testimony_versions v ON v.testimony_id = t.id AND v.version = t.current_version WHERE t.id = ?')
      .get(row.testimony_id) as { version: number; sha256: string };
    if (current.version !== row.version || current.sha256 !== row.original_sha256) {
      return `the testimony changed (release of version ${row.version}, now version ${current.version})`;
    }
    if (decisionsSha256(this.db, row.testimony_id) !== row.decisions_sha256) return 'a redaction decision changed';
    return undefined;
  }

  private approvedRelease(row: ReleaseRow): ApprovedRelease {
    const record = ReleaseRecord.parse(JSON.parse(row.release_json));
    const attachments = (this.db.prepare('SELECT * FROM redaction_release_attachments WHERE release_id = ? ORDER BY position').all(row.id) as ReleaseAttachmentRow[]).map(
      (attachment): ApprovedReleaseAttachment => ({
        name: attachment.name,
        mediaType: attachment.media_type,
        size: attachment.size,
        sha256: attachment.sha256,
        open: () => this.openAttachment(attachment),
      }),
    );
    return {
      releaseId: row.id,
      testimonyId: row.testimony_id,
      testimonyVersion: row.version,
      originalSha256: row.original_sha256,
      approvedBy: row.approved_by!,
      approvedAt: row.approved_at!,
      preparedBy: row.prepared_by,
      record,
      recordJson: row.release_json,
      recordSize: row.release_size,
      recordSha256: row.release_sha256,
      attachments,
    };
  }

  private openAttachment(attachment: ReleaseAttachmentRow): Readable {
    if (attachment.blob_id !== null && attachment.file_key !== null) return attachmentStore(this.vault).read(attachment.blob_id, attachment.file_key);
    const original = this.db.prepare('SELECT blob_id, file_key FROM attachments WHERE id = ?').get(attachment.attachment_id) as { blob_id: string; file_key: Buffer };
    return attachmentStore(this.vault).read(original.blob_id, original.file_key);
  }

  private risk(built: BuiltRelease, k: number): RiskAssessment {
    if (!Number.isInteger(k) || k < 1 || k > 1000) throw new UserError('usage', '--k takes a whole number from 1 to 1000');
    refreshQuasiIndex(this.db);
    return assessRisk(quasiIdentifiersOfRelease(built), (qi) => countSharing(this.db, qi), k);
  }

  private latest(testimonyId: string, status: ReleaseStatus): ReleaseRow {
    const row = this.db.prepare('SELECT * FROM redaction_releases WHERE testimony_id = ? AND status = ? ORDER BY prepared_at DESC, rowid DESC LIMIT 1').get(testimonyId, status) as ReleaseRow | undefined;
    if (!row) {
      new TestimonyService(this.vault).show(testimonyId);
      throw new UserError('no-release', `Testimony ${testimonyId} has no release waiting for approval; prepare one with tw release prepare ${testimonyId}`);
    }
    return row;
  }

  private releaseRow(id: string): ReleaseRow {
    return this.db.prepare('SELECT * FROM redaction_releases WHERE id = ?').get(id) as ReleaseRow;
  }

  private summary(row: ReleaseRow): Omit<ReleaseSummary, 'warnings' | 'excludedAttachments'> & { warnings: string[]; excludedAttachments: ReleaseSummary['excludedAttachments'] } {
    const attachments = (this.db.prepare('SELECT * FROM redaction_release_attachments WHERE release_id = ? ORDER BY position').all(row.id) as ReleaseAttachmentRow[]).map((a) => ({
      attachmentId: a.attachment_id,
      name: a.name,
      mediaType: a.media_type,
      size: a.size,
      sha256: a.sha256,
    }));
    return {
      releaseId: row.id,
      testimonyId: row.testimony_id,
      version: row.version,
      originalSha256: row.original_sha256,
      releaseSha256: row.release_sha256,
      status: row.status,
      preparedBy: row.prepared_by,
      preparedAt: row.prepared_at,
      ...(row.approved_by ? { approvedBy: row.approved_by, approvedAt: row.approved_at! } : {}),
      attachments,
      excludedAttachments: [],
      warnings: [],
      risk: { k: row.risk_k, count: row.risk_count },
    };
  }

  /** Stripped files of superseded releases are deleted (their rows stay, for the audit trail). */
  private async removeSupersededBlobs(testimonyId: string): Promise<void> {
    const rows = this.db
      .prepare(
        `SELECT a.release_id, a.attachment_id, a.blob_id FROM redaction_release_attachments a JOIN redaction_releases r ON r.id = a.release_id
         WHERE r.testimony_id = ? AND r.status = 'superseded' AND a.blob_id IS NOT NULL`,
      )
      .all(testimonyId) as { release_id: string; attachment_id: string; blob_id: string }[];
    for (const row of rows) {
      this.db.prepare('UPDATE redaction_release_attachments SET blob_id = NULL, file_key = NULL WHERE release_id = ? AND attachment_id = ?').run(row.release_id, row.attachment_id);
      await attachmentStore(this.vault).remove(row.blob_id);
    }
  }
}

function excludedOf(plans: ReturnType<typeof planAttachments>): ReleaseSummary['excludedAttachments'] {
  return plans.flatMap((plan) => (plan.action === 'excluded' ? [{ attachmentId: plan.attachmentId, reason: plan.reason, code: plan.code }] : []));
}

function extensionOf(mediaType: string): string {
  const known: Record<string, string> = { 'audio/mpeg': 'mp3', 'audio/mp4': 'm4a', 'audio/wav': 'wav', 'audio/ogg': 'ogg', 'audio/webm': 'webm', 'video/mp4': 'mp4', 'video/quicktime': 'mov' };
  return known[mediaType] ?? 'bin';
}

export function riskWarning(risk: RiskAssessment): string {
  const base = `only ${risk.count} testimon${risk.count === 1 ? 'y' : 'ies'} in this vault share${risk.count === 1 ? 's' : ''} the released province, birth, sex, year of leaving and occupation (fewer than k = ${risk.k})`;
  if (!risk.suggestion) return base;
  const how = risk.suggestion.step.decisions.map((d) => `tw review field ID ${d.path} ${d.operator}${d.level ? ` --level ${d.level}` : ''}`).join(' and ');
  return `${base}; generalising ${risk.suggestion.step.description} would raise it to ${risk.suggestion.count} (${how})`;
}
