import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUserError } from '@shared/errors';
import { detectSpans } from '@shared/redaction/detect';
import { collectIdentifyingTerms, parseTestimonyRecord, type TestimonyRecord } from '@shared/testimony/schema';
import { Vault } from '../vault/vault';
import { TestimonyService } from '../testimony/testimony-service';
import { AttachmentService } from '../attachments/attachment-service';
import { listAudit } from '../vault/audit-log';
import { ATTACHMENTS_DIR } from '../vault/vault';
import { identifyingTestimony } from '@shared/redaction/identifying-testimony.fixture';
import { jpegWithMetadata } from '../../../tests/helpers/exif';
import { vaultSnapshot } from '../../../tests/helpers/vault-snapshot';
import { ReviewService } from './review-service';
import { ReleaseService } from './release-service';
import { archiveReleaseProvider } from './archive-release-provider';
import { acceptAll } from '../../../tests/helpers/review';

let root: string;
let dir: string;
/** minji: interviewer and reviewer; she records and prepares. */
let minji: Vault;
/** jun: reviewer only; the second pair of eyes. */
let jun: Vault;
/** sora: interviewer only; may record, not review. */
let sora: Vault;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-test-'));
  dir = path.join(root, 'vault');
  minji = (await Vault.create(dir, { userName: 'minji', roles: ['interviewer', 'reviewer'], passphrase: 'minji passphrase for tests' })).vault;
  await minji.addUser({ name: 'jun', roles: ['reviewer'], passphrase: 'jun passphrase for tests' });
  await minji.addUser({ name: 'sora', roles: ['interviewer'], passphrase: 'sora passphrase for tests' });
  jun = await Vault.unlock(dir, 'jun passphrase for tests');
  sora = await Vault.unlock(dir, 'sora passphrase for tests');
  detectSpans('김영철은 회령에서 왔다.');
}, 240_000);
afterAll(() => {
  sora.lock();
  jun.lock();
  minji.lock();
  fs.rmSync(root, { recursive: true, force: true });
});

function addTestimony(overrides: Record<string, unknown> = {}): string {
  return new TestimonyService(minji).add({ ...identifyingTestimony(), ...overrides });
}

/** A review in which minji accepts every suggestion but keeps the broker's name in the narrative. */
function reviewKeepingBrokerName(id: string): void {
  const review = new ReviewService(minji);
  review.start(id);
  acceptAll(minji, id);
  const name = review.show(id).items.find((item) => item.field === 'narrative.text' && item.surface === '김영철')!;
  review.decide(id, name.id, 'reject');
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Every row of every table, and the files in the vault: a refusal must leave all of it as it was. */
const snapshot = (vault: Vault): string => JSON.stringify(vaultSnapshot(vault));

async function expectRefusal(vault: Vault, action: () => unknown, code: string | RegExp): Promise<void> {
  const before = snapshot(vault);
  let error: unknown;
  try {
    await action();
  } catch (caught) {
    error = caught;
  }
  expect(isUserError(error), `expected a refusal, got ${String(error)}`).toBe(true);
  if (typeof code === 'string') expect((error as { code: string }).code).toBe(code);
  else expect((error as Error).message).toMatch(code);
  expect(snapshot(vault)).toBe(before);
}

function record(id: string): TestimonyRecord {
  return new TestimonyService(minji).show(id).record;
}

// The detector is rule-based but heavy (its first call compiles the word lists): generous timeouts
// keep these tests from failing on a loaded CI machine; they measure nothing.
const SLOW = { timeout: 240_000 };

describe('review', SLOW, () => {
  it('stores detection over every text field as pending suggestions, the names from the structured fields in every form included', () => {
    const id = addTestimony();
    const result = new ReviewService(minji).start(id);
    expect(result.outcome).toBe('created');
    const view = new ReviewService(minji).show(id);
    expect(view.items.every((item) => item.status === 'pending')).toBe(true);
    const surfaces = (field: string) => view.items.filter((item) => item.field === field).map((item) => item.surface);
    expect(surfaces('narrative.text')).toEqual(expect.arrayContaining(['박순희', '김영철', '2011년 3월 5일', '스물세 살', '010-2345-6789']));
    expect(surfaces('translation.text')).toEqual(expect.arrayContaining(['Park Sun-hee', 'Kim Young-chul']));
    // Structured fields come as items too: birth year → decade, home county → province, the exact event date → year.
    expect(view.items.filter((item) => item.kind === 'field').map((item) => [item.field, item.operator])).toEqual(
      expect.arrayContaining([['interviewee.birthYear', 'generalise'], ['interviewee.homeCounty', 'generalise'], ['events[0].date', 'generalise']]),
    );
    // Starting again on the same version changes nothing.
    const before = snapshot(minji);
    expect(new ReviewService(minji).start(id).outcome).toBe('current');
    expect(snapshot(minji)).toBe(before);
  });

  it('"apply to every occurrence" decides the same name in narrative, translation and notes, in every recorded spelling', () => {
    const id = addTestimony();
    const review = new ReviewService(minji);
    review.start(id);
    const first = review.show(id).items.find((item) => item.field === 'narrative.text' && item.surface === '김영철')!;
    const result = review.decide(id, first.id, 'accept', { operator: 'remove', all: true });
    expect(result.decided).toBeGreaterThanOrEqual(5);
    const decided = review.show(id).items.filter((item) => item.kind === 'span' && ['김영철', 'Kim Young-chul'].includes(item.surface));
    expect(new Set(decided.map((item) => item.field))).toEqual(new Set(['narrative.text', 'translation.text', 'people[1].note']));
    expect(decided.every((item) => item.status === 'accepted' && item.operator === 'remove')).toBe(true);
  });

  it('a new version makes the review stale; starting again carries decisions over where the text is unchanged', async () => {
    const id = addTestimony();
    const review = new ReviewService(minji);
    review.start(id);
    const items = review.show(id).items;
    const name = items.find((item) => item.field === 'narrative.text' && item.surface === '박순희')!;
    const phone = items.find((item) => item.surface === '010-2345-6789')!;
    review.decide(id, name.id, 'accept', { operator: 'remove' });
    review.decide(id, phone.id, 'reject');

    const changed = identifyingTestimony() as { narrative: { language: string; text: string } };
    changed.narrative.text = changed.narrative.text.replace('연락처는', '전화번호는 몰랐고 최 과장이 준 연락처는');
    new TestimonyService(minji).update(id, changed);
    await expectRefusal(minji, () => review.decide(id, name.id, 'reject'), 'review-stale');
    await expectRefusal(minji, () => new ReleaseService(minji).prepare(id), 'review-stale');

    const refreshed = review.start(id);
    expect(refreshed).toMatchObject({ outcome: 'refreshed', version: 2 });
    expect(refreshed.carried).toBeGreaterThanOrEqual(2);
    const after = review.show(id).items;
    // Before the change: carried. After it (shifted): carried. The new words: pending.
    expect(after.find((item) => item.field === 'narrative.text' && item.surface === '박순희')).toMatchObject({ status: 'accepted', operator: 'remove' });
    expect(after.find((item) => item.surface === '010-2345-6789')).toMatchObject({ status: 'rejected' });
    expect(after.find((item) => item.surface.startsWith('최'))).toMatchObject({ status: 'pending' });
    expect(review.show(id).stale).toBe(false);
  });

  it('refuses bad spans, overlaps, unknown items and operators that do not fit, changing nothing', async () => {
    const id = addTestimony();
    const review = new ReviewService(minji);
    review.start(id);
    const name = review.show(id).items.find((item) => item.field === 'narrative.text' && item.surface === '박순희')!;
    await expectRefusal(minji, () => review.add(id, { start: 5, end: 2, type: 'PERSON' }), 'bad-span');
    await expectRefusal(minji, () => review.add(id, { start: 0, end: 100_000, type: 'PERSON' }), 'bad-span');
    await expectRefusal(minji, () => review.add(id, { start: name.start! + 1, end: name.end! + 3, type: 'PERSON' }), 'span-overlap');
    await expectRefusal(minji, () => review.add(id, { field: 'interviewee.identity.realName', start: 0, end: 1, type: 'PERSON' }), 'no-such-field');
    await expectRefusal(minji, () => review.decide(id, 's99999', 'accept'), 'no-such-item');
    await expectRefusal(minji, () => review.decide(id, name.id, 'accept', { operator: 'generalise' }), 'bad-operator');
    await expectRefusal(minji, () => review.setField(id, 'interviewee.identity', 'keep'), 'no-such-field');
    await expectRefusal(minji, () => new ReviewService(jun).start('00000000-0000-4000-8000-000000000000'), 'no-such-testimony');
  });
});

describe('release with four eyes', SLOW, () => {
  it('unresolved suggestions block approval; the one who prepared cannot approve; a second reviewer can, audited with ids and hashes only', async () => {
    const id = addTestimony();
    new ReviewService(minji).start(id);
    const releases = new ReleaseService(minji);
    await releases.prepare(id);

    await expectRefusal(minji, () => releases.approve(id), 'four-eyes');
    const check = await new ReleaseService(jun).check(id);
    expect(check.canApprove).toBe(false);
    expect(check.blockers.join(' ')).toMatch(/still pending/);
    expect(check.reasons).toEqual([{ code: 'pending', count: check.pending }]);
    await expectRefusal(jun, () => new ReleaseService(jun).approve(id), /still pending/);

    acceptAll(minji, id);
    // Decisions made after preparing make the prepared release outdated.
    await expectRefusal(jun, () => new ReleaseService(jun).approve(id), /prepare it again/);
    expect((await new ReleaseService(jun).check(id)).reasons).toEqual([{ code: 'decisions-changed' }]);
    const prepared = await releases.prepare(id);
    const approved = await new ReleaseService(jun).approve(id);
    expect(approved).toMatchObject({ releaseId: prepared.releaseId, status: 'approved', approvedBy: jun.user!.id, preparedBy: minji.user!.id });

    const entry = listAudit(minji.db, { target: id }).find((e) => e.action === 'release.approve')!;
    expect(entry.userId).toBe(jun.user!.id);
    expect(entry.details).toMatchObject({ release: prepared.releaseId, originalSha256: prepared.originalSha256, releaseSha256: prepared.releaseSha256, version: 1 });
    const auditText = JSON.stringify(listAudit(minji.db, { target: id }));
    for (const term of collectIdentifyingTerms(record(id))) expect(auditText).not.toContain(term);
    expect(auditText).not.toContain('스물세');
    expect(minji.verifyAudit().ok).toBe(true);
  });

  it('a release contains no term from the identifying fields anywhere: record JSON, texts, attachment names and bytes', async () => {
    const id = addTestimony();
    const attachments = new AttachmentService(minji);
    const photo = jpegWithMetadata(48, 32, { make: 'Canon', model: 'EOS', orientation: 6, description: '박순희', artist: 'Kim Young-chul', gps: { lat: 42.4, lon: 129.7 } }, { comment: '박순희 회령' });
    await attachments.attach(id, Readable.from([photo]), { fileName: '박순희-여권.jpg' });
    await attachments.attach(id, Readable.from([Buffer.from('ID3 voice')]), { fileName: 'interview.mp3' });
    await attachments.attach(id, Readable.from([Buffer.from('%PDF-1.4 박순희')]), { fileName: 'passport.pdf' });
    new ReviewService(minji).start(id);
    acceptAll(minji, id);
    const prepared = await new ReleaseService(minji).prepare(id);
    expect(prepared.attachments.map((a) => a.name)).toEqual(['image-1.jpg']);
    expect(prepared.excludedAttachments.map((a) => a.reason)).toEqual([expect.stringMatching(/voices identify/), expect.stringMatching(/not released/)]);
    await new ReleaseService(jun).approve(id);

    const [release] = [...new ReleaseService(minji).approvedReleases({ testimonyIds: [id] })];
    expect(release).toBeDefined();
    expect(parseTestimonyRecord(release!.record.record).ok).toBe(true);
    expect(release!.recordSize).toBe(Buffer.byteLength(release!.recordJson));
    const original = record(id);
    const terms = [...collectIdentifyingTerms(original), '1974-05-02', 'NK-2024-031', '이정민', 'Translator Lee', '회령', '2011-03-05'];
    const image = await readAll(release!.attachments[0]!.open());
    expect(image.length).toBe(release!.attachments[0]!.size);
    const everything = [release!.recordJson, release!.attachments.map((a) => a.name).join(' '), image.toString('latin1'), image.toString('utf8')].join('\n');
    for (const term of terms) {
      expect(everything.toLowerCase(), term).not.toContain(term.toLowerCase());
      expect(image.includes(Buffer.from(term, 'utf8')), term).toBe(false);
    }
    const tags = JSON.parse(execFileSync('exiftool', ['-j', '-G', '-a', '-u', '-'], { input: image }).toString())[0] as Record<string, unknown>;
    expect(Object.keys(tags).filter((tag) => /^(EXIF|GPS|XMP|IPTC|ICC|MakerNotes)/.test(tag) || /Comment|GPS|Make|Model/.test(tag))).toEqual([]);
    // The shape the sealed-archive export takes: the same record, the same stripped bytes.
    const [lookup] = await archiveReleaseProvider(minji).releasesFor([id], { purpose: 'redacted-publication' });
    const forArchive = lookup!.release!;
    expect(forArchive).toMatchObject({ releaseId: release!.releaseId, testimonyId: id, sourceVersion: 1, sourceRecordSha256: release!.originalSha256, releaseJson: release!.recordJson, releaseSha256: release!.recordSha256 });
    expect(forArchive.attachments.map((a) => a.name)).toEqual(['image-1.jpg']);
    expect((await readAll(forArchive.attachments[0]!.open())).equals(image)).toBe(true);
    // The original stays sealed and unchanged in the vault, linked by hash.
    expect(release!.originalSha256).toBe(new TestimonyService(minji).show(id).recordSha256);
    expect(new TestimonyService(minji).show(id).record).toEqual(original);
  });

  it('previews the release a prepare would make, with residual hits and the k-count, writing nothing', async () => {
    const id = addTestimony();
    reviewKeepingBrokerName(id);
    const before = snapshot(minji);
    const preview = await new ReleaseService(minji).preview(id);
    expect(snapshot(minji)).toBe(before);
    expect(preview.pending).toBe(0);
    const narrative = preview.built.record.narrative.text;
    expect(narrative).toContain('저는 인물 A입니다');
    // The kept name is a residual hit at its place in the release text, as check would find it.
    const hit = preview.residual.find((h) => h.source === 'identifying-field' && h.field === 'narrative.text')!;
    expect(narrative.slice(hit.start, hit.end)).toBe('김영철');
    const prepared = await new ReleaseService(minji).prepare(id);
    expect(new ReleaseService(minji).show(id).record.record).toEqual(preview.built.record);
    expect(prepared.risk).toEqual({ k: preview.risk.k, count: preview.risk.count });
    await expect(new ReleaseService(sora).preview(id)).rejects.toThrow(/reviewer|may not/i);
  });

  it('pseudonyms are the same person across narrative and translation, and the table behind them never reaches the release', async () => {
    const id = addTestimony();
    new ReviewService(minji).start(id);
    acceptAll(minji, id);
    await new ReleaseService(minji).prepare(id);
    const { record: released } = new ReleaseService(minji).show(id);
    const narrative = released.record.narrative.text;
    const translation = released.record.translation!.text;
    // 박순희 / Park Sun-hee (her recorded other name) is A; 김영철 / Kim Young-chul is B; particles follow the label.
    expect(narrative).toContain('저는 인물 A입니다');
    expect(narrative).toContain('브로커 인물 B가');
    expect(narrative).toContain('인물 B는');
    expect(translation).toContain('I am Person A.');
    expect(translation).toContain('the broker Person B took me');
    expect(released.record.people[1]!.note).toContain('인물 B는');
    const table = minji.db.prepare('SELECT pseudonym_key FROM redaction_pseudonyms WHERE testimony_id = ?').all(id) as { pseudonym_key: string }[];
    expect(table.length).toBeGreaterThanOrEqual(2);
    const json = JSON.stringify(released);
    for (const { pseudonym_key } of table) expect(json).not.toContain(pseudonym_key);
    expect(json).not.toMatch(/pseudonym|person:/i);
  });

  it('residual hits block approval: a kept name from the identifying fields, and what the detector finds that review missed', async () => {
    const id = addTestimony();
    reviewKeepingBrokerName(id);
    await new ReleaseService(minji).prepare(id);
    const check = await new ReleaseService(jun).check(id);
    expect(check.canApprove).toBe(false);
    const hit = check.residual.find((h) => h.source === 'identifying-field' && h.field === 'narrative.text')!;
    expect(hit.type).toBe('PERSON');
    const narrative = new ReleaseService(minji).show(id).record.record.narrative.text;
    expect(narrative.slice(hit.start, hit.end)).toBe('김영철');
    await expectRefusal(jun, () => new ReleaseService(jun).approve(id), /residual check/);

    // Review with a detector that misses places; the full detector at approval finds 온성.
    const id2 = addTestimony({ narrative: { language: 'ko', text: '저는 온성에서 잡혔습니다. 보위부에서 조사를 받았습니다.' } });
    const missesPlaces = (text: string, options?: Parameters<typeof detectSpans>[1]) => detectSpans(text, options).filter((span) => span.type !== 'PLACE');
    const blind = new ReviewService(minji, missesPlaces);
    blind.start(id2);
    const items = blind.show(id2).items;
    for (const item of items) if (item.status === 'pending') blind.decide(id2, item.id, 'accept');
    await new ReleaseService(minji, missesPlaces).prepare(id2);
    const check2 = await new ReleaseService(jun).check(id2);
    expect(check2.residual).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'detector', type: 'PLACE', field: 'narrative.text' })]));
    await expectRefusal(jun, () => new ReleaseService(jun).approve(id2), /residual check/);
  });

  it('warns when fewer than k testimonies share the quasi-identifiers and names the field whose generalisation helps most', async () => {
    const base = identifyingTestimony() as { interviewee: Record<string, unknown> };
    const add = (birthYear: number, yearLeftNorthKorea: number) =>
      addTestimony({ interviewee: { ...base.interviewee, sex: 'male', occupation: '광부', birthYear, yearLeftNorthKorea } });
    for (const [born, left] of [[1971, 2012], [1972, 2013], [1975, 2014], [1978, 2010], [1979, 2011]] as const) add(born, left);
    const id = add(1974, 2011);
    new ReviewService(minji).start(id);
    acceptAll(minji, id);
    const prepared = await new ReleaseService(minji).prepare(id);
    expect(prepared.risk).toEqual({ k: 5, count: 2 });
    expect(prepared.warnings.join(' ')).toMatch(/only 2 testimonies .* year of leaving → 5-year band would raise it to 6/);
    const check = await new ReleaseService(minji).check(id);
    expect(check.risk.suggestion).toMatchObject({ step: { quasiField: 'yearLeft', decisions: [{ path: 'interviewee.yearLeftNorthKorea', operator: 'generalise', level: 'band5' }] }, count: 6 });

    new ReviewService(minji).setField(id, 'interviewee.yearLeftNorthKorea', 'generalise', 'band5');
    const again = await new ReleaseService(minji).prepare(id);
    expect(again.risk.count).toBe(6);
    expect(again.warnings).toEqual([]);
    expect(new ReleaseService(minji).show(id).record.generalised).toEqual({ birthDecade: 1970, yearLeftNorthKorea: { from: 2010, to: 2014 } });
  });

  it('an image that claims absurd dimensions is refused with a clear error and leaves no file behind', async () => {
    const id = addTestimony();
    const bomb = jpegWithMetadata(8, 8, {});
    const sof = bomb.indexOf(Buffer.from([0xff, 0xc0]));
    bomb.writeUInt16BE(60000, sof + 5);
    bomb.writeUInt16BE(60000, sof + 7);
    const info = await new AttachmentService(minji).attach(id, Readable.from([bomb]), { fileName: 'bomb.jpg' });
    new ReviewService(minji).start(id);
    await expectRefusal(minji, () => new ReleaseService(minji).prepare(id), /decompression bomb.*--exclude/);
    new ReviewService(minji).includeAttachment(info.id, false);
    await expect(new ReleaseService(minji).prepare(id)).resolves.toMatchObject({ attachments: [] });
  });

  it('blacks out a region of an image at release, and refuses regions outside it', async () => {
    const id = addTestimony();
    const info = await new AttachmentService(minji).attach(id, Readable.from([jpegWithMetadata(40, 20, { orientation: 6 })]), { fileName: 'face.jpg' });
    const review = new ReviewService(minji);
    review.start(id);
    await expectRefusal(minji, () => review.addRegion(info.id, { x: 0, y: 0, width: 30, height: 10 }), 'bad-region');
    await review.addRegion(info.id, { x: 0, y: 0, width: 20, height: 20 });
    acceptAll(minji, id);
    await new ReleaseService(minji).prepare(id);
    await new ReleaseService(jun).approve(id);
    const [release] = [...new ReleaseService(jun).approvedReleases({ testimonyIds: [id] })];
    const { default: jpeg } = await import('jpeg-js');
    const decoded = jpeg.decode(await readAll(release!.attachments[0]!.open()), { useTArray: true });
    expect([decoded.width, decoded.height]).toEqual([20, 40]);
    const at = (x: number, y: number) => [...decoded.data.subarray((y * 20 + x) * 4, (y * 20 + x) * 4 + 3)];
    expect(Math.max(...at(10, 10))).toBeLessThan(30);
    expect(at(10, 30)[2]).toBeGreaterThan(150);
  });

  it('an interviewer without the reviewer role can neither review, prepare nor approve', async () => {
    const id = addTestimony();
    await expectRefusal(sora, () => new ReviewService(sora).start(id), 'forbidden');
    new ReviewService(minji).start(id);
    acceptAll(minji, id);
    await expectRefusal(sora, () => new ReleaseService(sora).prepare(id), 'forbidden');
    await new ReleaseService(minji).prepare(id);
    await expectRefusal(sora, () => new ReleaseService(sora).approve(id), 'forbidden');
  });

  it('at export, says for each testimony why it has no release to seal: none, awaiting approval, stale after a decision, refused when checked again', async () => {
    const none = addTestimony();
    const waiting = addTestimony();
    new ReviewService(minji).start(waiting);
    acceptAll(minji, waiting);
    await new ReleaseService(minji).prepare(waiting);
    const decided = addTestimony();
    const good = addTestimony();
    for (const id of [decided, good]) {
      new ReviewService(minji).start(id);
      acceptAll(minji, id);
      await new ReleaseService(minji).prepare(id);
      await new ReleaseService(jun).approve(id);
    }
    // A reviewer changes her mind after approval: the name is to be removed, not pseudonymised.
    const name = new ReviewService(minji).show(decided).items.find((item) => item.field === 'narrative.text' && item.surface === '김영철')!;
    new ReviewService(minji).decide(decided, name.id, 'accept', { operator: 'remove' });

    const found = await new ReleaseService(minji).releasesForExport([none, waiting, decided, good], { purpose: 'redacted-publication' });
    expect(found.map((entry) => [entry.testimonyId, entry.release === null ? entry.reason : 'release'])).toEqual([
      [none, 'no-release'],
      [waiting, 'release-not-approved'],
      [decided, 'release-stale'],
      [good, 'release'],
    ]);
    expect(found[2]).toMatchObject({ message: expect.stringMatching(/a redaction decision changed after its release was approved/) });
    expect([...new ReleaseService(minji).approvedReleases({ testimonyIds: [decided, good] })].map((release) => release.testimonyId)).toEqual([good]);

    // The check approval ran, run again at export: a purpose the consent does not cover, and a
    // detector that has learnt to find what was released (as after an update of this program).
    const [court] = await new ReleaseService(minji).releasesForExport([good], { purpose: 'un-or-court-submission' });
    expect(court).toMatchObject({ release: null, reason: 'release-check-failed', message: expect.stringMatching(/does not cover un-or-court-submission/) });
    const wiser = (text: string, options?: Parameters<typeof detectSpans>[1]) => {
      const at = text.indexOf('강을');
      return [...detectSpans(text, options), ...(at >= 0 ? [{ start: at, end: at + 2, type: 'PLACE' as const, score: 0.9, reason: 'test: a river' }] : [])];
    };
    const [held] = await new ReleaseService(minji, wiser).releasesForExport([good], { purpose: 'redacted-publication' });
    expect(held).toMatchObject({ release: null, reason: 'release-check-failed', message: expect.stringMatching(/residual check found 1 identifying span/) });
  });

  it('an approved release is no longer offered once the testimony changes', async () => {
    const id = addTestimony();
    new ReviewService(minji).start(id);
    acceptAll(minji, id);
    await new ReleaseService(minji).prepare(id);
    await new ReleaseService(jun).approve(id);
    expect([...new ReleaseService(minji).approvedReleases({ testimonyIds: [id] })]).toHaveLength(1);
    new TestimonyService(minji).update(id, { ...identifyingTestimony(), title: '새 제목' });
    expect([...new ReleaseService(minji).approvedReleases({ testimonyIds: [id] })]).toHaveLength(0);
  });
});
