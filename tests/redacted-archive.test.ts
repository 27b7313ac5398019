/**
 * Redacted archives end to end, through the real archive and the standard tools. A testimony whose
 * identifying fields (real and other names, family, perpetrator and broker, phone, address, home
 * county, birth date, interviewer, translator) recur in its texts in inflected forms, other
 * spellings and romanisations, with a photo carrying GPS, camera EXIF, XMP and IPTC, is reviewed,
 * prepared by one reviewer, approved by another, and exported with `tw export --redacted` (as a
 * process). The archive is opened with `age -d` (identity from export-identity) and `tar`, checked
 * with `minisign -V` and `sha256sum -c`, and every byte of its plaintext is searched for every
 * identifying term in every form and encoding; `exiftool` reads the released image. Testimonies
 * without an exportable release (not approved, stale, consent withdrawn, …) are named with the
 * reason. The archive is imported into a second vault, which keeps it as a publication copy, and
 * forged redacted archives are refused there with the vault unchanged.
 *
 * Argon2id unlocks are kept few: the vaults are made once and driven in-process through the
 * services; only the export runs as a `tw` process.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import jpeg from 'jpeg-js';
import type { ExportReport } from '@shared/archive/reports';
import { findKnownTerms, knownTermsOf } from '@shared/redaction/known-terms';
import { parseReleaseRecord, type ReleaseRecord } from '@shared/redaction/release-record';
import { collectIdentifyingTerms, type TestimonyRecord } from '@shared/testimony/schema';
import { Vault } from '../electron/services/vault/vault';
import { listAudit } from '../electron/services/vault/audit-log';
import { TestimonyService } from '../electron/services/testimony/testimony-service';
import { AttachmentService } from '../electron/services/attachments/attachment-service';
import { SearchService } from '../electron/services/search/search-service';
import { ArchiveService } from '../electron/services/archive/archive-service';
import { decodeMinisignSecretKey, type MinisignSecretKey } from '../electron/services/archive/format';
import { ReviewService } from '../electron/services/redaction/review-service';
import { ReleaseService } from '../electron/services/redaction/release-service';
import { ALL_ROLES, makeVault, trust, vaultSnapshot } from './helpers/archive-vaults';
import { openToTar, rawTar, resign, sealTar, tarFiles, type RawEntry } from './helpers/archive-forge';
import { jpegWithMetadata } from './helpers/exif';
import { redactedTestimony } from './helpers/redacted-testimony';
import { acceptAll } from './helpers/review';

const ROOT = path.resolve(__dirname, '..');
/** Argon2id at 256 MiB per unlock, the detector's first load, image codecs: generous on a busy 2-core machine. */
const SLOW = 600_000;
const MINJI = 'field reviewer passphrase';
const JUN = 'second reviewer passphrase';
const PRESS = 'publication desk passphrase';
// Long user names, so that finding one in the archive's bytes cannot be chance.
const MINJI_NAME = 'minji-field-reviewer';
const JUN_NAME = 'jun-second-reviewer';
const TOOLS = ['age', 'minisign', 'tar', 'sha256sum', 'exiftool'];
const missing = TOOLS.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
if (missing.length > 0) console.warn(`redacted archive tests skipped: ${missing.join(', ')} not installed (apt-get install age minisign libimage-exiftool-perl)`);

let work: string;
let minji: Vault;
let jun: Vault;
let field: ArchiveService;
let press: { vault: Vault; archives: ArchiveService };
let fieldSigner: MinisignSecretKey;
/** The testimony released; the others are left out, each for its reason. */
let main: string;
let original: TestimonyRecord;
let photo: Buffer;
const leftOut: Record<string, string> = {};
let report: ExportReport;
let plaintext: Buffer;
let bag: string;
let releaseId: string;
let releaseBytes: Buffer;

function sh(command: string, args: string[], cwd = work) {
  const result = spawnSync(command, args, { cwd, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout.toString('utf8'), stderr: result.stderr.toString('utf8') };
}

/** Reviewed and prepared by minji, approved by jun. */
async function approve(id: string): Promise<void> {
  new ReviewService(minji).start(id);
  acceptAll(minji, id);
  await new ReleaseService(minji).prepare(id);
  await new ReleaseService(jun).approve(id);
}

function smallTestimony(title: string, scopes = ['internal-archive', 'redacted-publication']) {
  return {
    title,
    narrative: '브로커 최광철이 우리를 데리고 강을 건넜습니다.',
    people: [{ id: 'p1', relation: 'broker', name: '최광철' }],
    consent: { scopes, obtained: 'written', date: '2024-03-15' },
  };
}

/** The JPEG a phone would write: GPS, camera make and model, time taken, names in EXIF, XMP, IPTC and a comment. */
function phonePhoto(): Buffer {
  return jpegWithMetadata(
    64,
    48,
    { make: 'Canon', model: 'EOS 5D', orientation: 6, description: '림순옥 회령', artist: 'Rim Sun-ok', gps: { lat: 42.44, lon: 129.75 }, dateTimeOriginal: '2009:12:14 21:14:00' },
    {
      xmp: '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Rim Sun-ok</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>',
      comment: '림순옥 +86 138 4395 2071',
      iptc: { byline: '림순옥', city: '회령', caption: '남문동 3인민반' },
    },
  );
}

type ExifTags = Record<string, unknown>;
function exifTags(file: string): ExifTags {
  const result = sh('exiftool', ['-j', '-G1', '-a', '-u', file]);
  expect(result.status, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as ExifTags[])[0]!;
}
/** Tags that say anything beyond the pixels: every metadata group, and the tags a camera or phone writes. */
function metadataTags(tags: ExifTags): string[] {
  return Object.keys(tags).filter(
    (tag) =>
      /^(IFD\d|ExifIFD|GPS|XMP|IPTC|ICC|Photoshop|MakerNotes|InteropIFD|SubIFD|Adobe|APP\d+|FlashPix|MPF)/.test(tag) ||
      /(Make|Model|DateTimeOriginal|GPS|Artist|ImageDescription|By-line|City|Caption|Creator|Comment|Orientation|Thumbnail)/i.test(tag.split(':')[1] ?? tag),
  );
}

/** Every identifying term of the original, in the forms knownTermsOf gives and in the forms the texts used. */
function identifyingTerms(record: TestimonyRecord): string[] {
  const written = [
    // Inflected, the other Korea's spelling, the given name alone.
    '림순옥은', '림순옥이', '림순옥입니다', '임순옥이', '순옥이', '순옥', '림정호와', '정호', '최광철이', '광철', '김복순은', '복순', '한명수가', '한명수는', '명수',
    // Romanisations in any system and order.
    'Rim Sun-ok', 'Sun-ok Rim', 'Im Sun Ok', 'Rim Sun Ok', 'Lim Sun-ok', 'Rim Jong-ho', 'Han Myong-su', 'Han Myung Soo', 'Choe Kwang-chol', 'Kim Bok-sun',
    // The phone with other separators, the address and its parts, the county and its romanisation.
    '+86 138-4395-2071', '138 4395 2071', '13843952071', '4395', '남문동', '3인민반', '회령', 'Hoeryong', 'nk-hoeryong-si',
    // Dates, code, interviewer and translator, event place.
    '1968-11-23', '1968년 11월', '12월 14일', '2009-12-14', 'NK-2023-117', '박지현', 'Translator Hwang', 'Hwang', 'nk-onsong-gun', '온성',
    // Who reviewed and approved (no audit entry or user name travels), and the photo's original name.
    MINJI_NAME, JUN_NAME, '여권사진',
  ];
  return [...new Set([...knownTermsOf(record).map((term) => term.text), ...collectIdentifyingTerms(record), ...written])];
}

/** The byte forms a term could take in a file: UTF-8 (NFC and NFD), UTF-16 both ways, percent-encoded, JSON-escaped. */
function encodings(term: string): Array<[string, Buffer]> {
  const forms: Array<[string, Buffer]> = [];
  for (const text of new Set([term, term.normalize('NFD')])) {
    forms.push(['utf-8', Buffer.from(text, 'utf8')], ['utf-16le', Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(text, 'utf16le');
    be.swap16();
    forms.push(['utf-16be', be]);
    forms.push(['percent', Buffer.from(encodeURIComponent(text), 'latin1')]);
    const escaped = [...text].map((ch) => (ch.charCodeAt(0) > 0x7e ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : ch)).join('');
    forms.push(['json-escaped', Buffer.from(escaped, 'latin1')], ['json-escaped upper', Buffer.from(escaped.replace(/\\u([0-9a-f]{4})/g, (_m, hex: string) => `\\u${hex.toUpperCase()}`), 'latin1')]);
  }
  return forms;
}

/** Every string in a JSON value. */
function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, out);
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) out.push(key), stringsIn(item, out);
  return out;
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-redacted-'));
  if (missing.length > 0) return;
  const fieldDir = path.join(work, 'field');
  minji = (await Vault.create(fieldDir, { userName: MINJI_NAME, roles: ['interviewer', 'reviewer', 'archivist'], passphrase: MINJI })).vault;
  await minji.addUser({ name: JUN_NAME, roles: ['reviewer'], passphrase: JUN });
  jun = await Vault.unlock(fieldDir, JUN);
  field = new ArchiveService(minji);
  press = await makeVault(path.join(work, 'press'), 'press-desk-editor', PRESS, ALL_ROLES);
  await trust(field, press.archives, 'Press', 'redacted-publication');
  await trust(press.archives, field, 'Field laptop');
  fieldSigner = decodeMinisignSecretKey(Buffer.from((await field.keys.currentSecrets()).minisignSecretKey, 'base64'));

  const testimonies = new TestimonyService(minji);
  main = testimonies.add(redactedTestimony());
  original = testimonies.show(main).record;
  photo = phonePhoto();
  const attachments = new AttachmentService(minji);
  await attachments.attach(main, Readable.from([photo]), { fileName: '림순옥-여권사진.jpg' });
  await attachments.attach(main, Readable.from([Buffer.concat([Buffer.from('ID3'), crypto.randomBytes(2000)])]), { fileName: '림순옥-면담.mp3' });
  await attachments.attach(main, Readable.from([Buffer.from('%PDF-1.4 림순옥 여권')]), { fileName: 'passport.pdf' });
  await approve(main);

  const waiting = testimonies.add(smallTestimony('두 번째 검토를 기다리는 증언'));
  new ReviewService(minji).start(waiting);
  acceptAll(minji, waiting);
  await new ReleaseService(minji).prepare(waiting);
  leftOut[waiting] = 'release-not-approved';

  const edited = testimonies.add(smallTestimony('승인 후 고친 증언'));
  await approve(edited);
  testimonies.update(edited, smallTestimony('승인 후 고친 증언 (고침)'));
  leftOut[edited] = 'release-stale';

  const redecided = testimonies.add(smallTestimony('승인 후 결정을 바꾼 증언'));
  await approve(redecided);
  const name = new ReviewService(minji).show(redecided).items.find((item) => item.surface === '최광철')!;
  new ReviewService(minji).decide(redecided, name.id, 'accept', { operator: 'remove' });
  leftOut[redecided] = 'release-stale';

  const withdrawn = testimonies.add(smallTestimony('승인 후 동의를 철회한 증언'));
  await approve(withdrawn);
  testimonies.update(withdrawn, {
    ...smallTestimony('승인 후 동의를 철회한 증언'),
    consent: { scopes: ['internal-archive', 'redacted-publication'], obtained: 'written', date: '2024-03-15', withdrawal: { date: '2024-06-01', scopesWithdrawn: ['redacted-publication'] } },
  });
  leftOut[withdrawn] = 'consent-withdrawn';

  leftOut[testimonies.add(smallTestimony('검토하지 않은 증언'))] = 'no-release';
  leftOut[testimonies.add(smallTestimony('공개에 동의하지 않은 증언', ['internal-archive']))] = 'consent-excludes-purpose';
}, SLOW);

afterAll(() => {
  jun?.lock();
  minji?.lock();
  press?.vault.lock();
  fs.rmSync(work, { recursive: true, force: true });
});

describe.skipIf(missing.length > 0)('a redacted archive, end to end', () => {
  it('tw export --redacted seals only the approved, current release and names every testimony left out with its reason', () => {
    fs.mkdirSync(path.join(work, 'usb'));
    const result = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin/tw.mjs'), 'export', '--vault', minji.dir, '--to', 'Press', '--out', path.join(work, 'usb'), '--redacted', '--json'],
      { cwd: work, env: { ...process.env, TW_PASSPHRASE: MINJI }, encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    report = JSON.parse(result.stdout) as ExportReport;
    expect(report.kind).toBe('redacted');
    expect(path.basename(report.file)).toMatch(/^[0-9a-f]{32}\.twa$/);
    const versionSha = new TestimonyService(minji).show(main).recordSha256;
    expect(report.testimonies).toEqual([{ id: expect.any(String), title: '함경북도 출신 인물 A의 강제송환 증언', version: 1, versions: 1, attachments: 1, derivedFrom: { testimonyId: main, version: 1, recordSha256: versionSha } }]);
    releaseId = report.testimonies[0]!.id;
    expect(releaseId).not.toBe(main);
    expect(Object.fromEntries(report.skipped.map((skip) => [skip.testimonyId, skip.reason]))).toEqual(leftOut);
    const messages = report.skipped.map((skip) => skip.message).join('\n');
    expect(messages).toMatch(/waits for a second reviewer's approval/);
    expect(messages).toMatch(/the testimony changed \(release of version 1, now version 2\) after its release was approved/);
    expect(messages).toMatch(/a redaction decision changed after its release was approved/);
    expect(messages).toMatch(/consent for redacted-publication was withdrawn on 2024-06-01/);
    expect(messages).toMatch(/no release has been prepared/);

    // The sender's records: which release went where, with ids and hashes only.
    const exportEntry = listAudit(minji.db, { target: report.archiveId }).find((entry) => entry.action === 'archive.export')!;
    expect(exportEntry.details).toMatchObject({ kind: 'redacted', releases: [releaseId], skipped: expect.arrayContaining(Object.keys(leftOut)) });
    expect(field.custody(main).map((event) => [event.event, event.archiveId])).toEqual([['exported', report.archiveId]]);
  }, SLOW);

  it('opens with age -d and tar; the signature and manifests verify with minisign and sha256sum; it holds the approved release document and the stripped image, nothing else', async () => {
    const identity = path.join(work, 'press-identity.txt');
    await press.archives.keys.exportIdentity(identity);
    const decrypted = sh('age', ['-d', '-i', identity, '-o', path.join(work, 'plain.tar'), report.file]);
    expect(decrypted.status, decrypted.stderr).toBe(0);
    plaintext = fs.readFileSync(path.join(work, 'plain.tar'));
    fs.mkdirSync(path.join(work, 'opened'));
    expect(sh('tar', ['-xf', 'plain.tar', '-C', 'opened']).status).toBe(0);
    bag = path.join(work, 'opened', report.archiveId);

    const fieldKeys = await field.keys.show();
    const signature = sh('minisign', ['-Vm', 'tagmanifest-sha256.txt', '-P', fieldKeys.minisignPublicKey], bag);
    expect(signature.status, signature.stderr).toBe(0);
    expect(signature.stdout).toContain(`id=${report.archiveId}`);
    for (const manifest of ['tagmanifest-sha256.txt', 'manifest-sha256.txt']) {
      const checked = sh('sha256sum', ['-c', manifest], bag);
      expect(checked.status, checked.stdout).toBe(0);
      expect(checked.stdout.trim().split('\n').every((line) => line.endsWith(': OK'))).toBe(true);
    }
    expect(fs.readFileSync(path.join(bag, 'bag-info.txt'), 'utf8')).toContain('TW-Kind: redacted\n');

    const files = sh('find', ['.', '-type', 'f'], bag).stdout.trim().split('\n').map((file) => file.slice(2)).sort();
    expect(files).toEqual(
      [
        'bag-info.txt',
        'bagit.txt',
        `data/releases/${releaseId}/attachments/image-1.jpg`,
        `data/releases/${releaseId}/release.json`,
        'data/schema/redacted-release-v1.schema.json',
        'manifest-sha256.txt',
        'tagmanifest-sha256.txt',
        'tagmanifest-sha256.txt.minisig',
      ].sort(),
    );
    expect(sh('find', ['.', '!', '-type', 'f', '!', '-type', 'd'], bag).stdout).toBe('');

    // release.json is the approved document byte for byte: its hash is the one the approval recorded.
    releaseBytes = fs.readFileSync(path.join(bag, 'data/releases', releaseId, 'release.json'));
    const approval = listAudit(minji.db, { target: main }).find((entry) => entry.action === 'release.approve')!;
    expect(approval.details).toMatchObject({ release: releaseId, releaseSha256: crypto.createHash('sha256').update(releaseBytes).digest('hex') });
    const parsed = parseReleaseRecord(JSON.parse(releaseBytes.toString('utf8')));
    expect(parsed.ok).toBe(true);
    const release = (parsed as { value: ReleaseRecord }).value;
    expect(release.original).toEqual({ testimonyId: main, version: 1, recordSha256: new TestimonyService(minji).show(main).recordSha256 });
    expect(release.generalised).toEqual({ birthDecade: 1960 });
    expect(release.consentScopes).toEqual(['internal-archive', 'redacted-publication']);
    expect(release.attachments).toEqual([expect.objectContaining({ name: 'image-1.jpg', mediaType: 'image/jpeg' })]);
    // Redacted, not emptied: the labels stand where the names were, in both languages.
    expect(release.record.narrative.text).toMatch(/^저는 인물 A입니다\. .*오빠 인물 B와 .*인물 E가 저를 심문했습니다/);
    expect(release.record.translation!.text).toMatch(/^I am Person A\. .*my brother Person B\b/);
    const schema = JSON.parse(fs.readFileSync(path.join(bag, 'data/schema/redacted-release-v1.schema.json'), 'utf8')) as { $schema: string; required: string[] };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(Object.keys(release));
  }, SLOW);

  it('holds no identifying term of the testimony in any byte, form or encoding, no mapping table, no audit entry, no original', async () => {
    const haystack = plaintext;
    const lower = Buffer.from(plaintext.toString('latin1').toLowerCase(), 'latin1');
    const terms = identifyingTerms(original);
    expect(terms.length).toBeGreaterThan(60);
    for (const term of terms) {
      for (const [encoding, bytes] of encodings(term)) {
        expect(haystack.includes(bytes), `${encoding} of ${term}`).toBe(false);
        if (/^[\x20-\x7e]+$/.test(bytes.toString('latin1'))) expect(lower.includes(Buffer.from(bytes.toString('latin1').toLowerCase(), 'latin1')), `${encoding} of ${term}, any case`).toBe(false);
      }
    }
    // The matcher the residual check uses, over every text of every file: no form of any known term.
    const known = knownTermsOf(original);
    for (const file of ['bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt', 'tagmanifest-sha256.txt.minisig', `data/releases/${releaseId}/release.json`]) {
      const text = fs.readFileSync(path.join(bag, file), 'utf8');
      const texts = file.endsWith('.json') ? [text, ...stringsIn(JSON.parse(text))] : [text];
      for (const piece of texts) {
        const hits: string[] = [];
        findKnownTerms(piece, known, (start, end) => hits.push(piece.slice(start, end)));
        expect(hits, file).toEqual([]);
      }
    }

    // The pseudonym table (label → person) stays in the vault: none of its keys, nothing shaped like it.
    const table = minji.db.prepare('SELECT pseudonym_key FROM redaction_pseudonyms WHERE testimony_id = ?').all(main) as { pseudonym_key: string }[];
    expect(table.length).toBeGreaterThanOrEqual(5);
    for (const { pseudonym_key } of table) expect(haystack.includes(Buffer.from(pseudonym_key, 'utf8')), pseudonym_key).toBe(false);
    const releaseText = releaseBytes.toString('utf8');
    expect(releaseText).not.toMatch(/pseudonym|mapping|"label/i);
    // No audit entries, no custody with names, no originals: the release document is the only JSON besides the schema.
    expect(plaintext.includes(Buffer.from('release.approve'))).toBe(false);
    expect(plaintext.includes(Buffer.from('"audit"'))).toBe(false);
    expect(plaintext.includes(Buffer.from(original.narrative.text, 'utf8'))).toBe(false);
    expect(plaintext.includes(Buffer.from('"identity"'))).toBe(false);
    expect(plaintext.includes(Buffer.from('"consent"'))).toBe(false);
  }, SLOW);

  it('the released image carries no EXIF, GPS, XMP, IPTC or comment for exiftool, only upright pixels', () => {
    fs.writeFileSync(path.join(work, 'input.jpg'), photo);
    const before = exifTags(path.join(work, 'input.jpg'));
    // The input really carries what a phone writes, so that the check below can fail.
    expect(before).toMatchObject({ 'IFD0:Make': 'Canon', 'IFD0:Model': 'EOS 5D', 'ExifIFD:DateTimeOriginal': '2009:12:14 21:14:00', 'IPTC:By-line': '림순옥', 'XMP-dc:Creator': 'Rim Sun-ok' });
    expect(Object.keys(before).some((tag) => tag.startsWith('GPS:'))).toBe(true);

    const released = path.join(bag, 'data/releases', releaseId, 'attachments/image-1.jpg');
    const after = exifTags(released);
    expect(metadataTags(after)).toEqual([]);
    for (const group of ['IFD0', 'ExifIFD', 'GPS', 'XMP', 'IPTC', 'ICC_Profile', 'Photoshop', 'MakerNotes']) {
      expect(Object.keys(after).filter((tag) => tag.startsWith(group)), group).toEqual([]);
    }
    const decoded = jpeg.decode(fs.readFileSync(released), { useTArray: true });
    // EXIF orientation 6 (rotate 90°): turned upright, so 64×48 becomes 48×64.
    expect([decoded.width, decoded.height]).toEqual([48, 64]);
  }, SLOW);

  it('imported into a second vault, the release is a publication copy: approved, readable, searchable, linked to its original by hash; never edited, released again or exported as an original', async () => {
    const verified = await press.archives.verify(report.file);
    expect(verified).toMatchObject({ kind: 'redacted', sender: { name: 'Field laptop' } });
    expect(verified.testimonies).toEqual([expect.objectContaining({ id: releaseId, status: 'approved', outcome: 'new', versions: 1, attachments: 1, derivedFrom: report.testimonies[0]!.derivedFrom })]);

    const imported = await press.archives.import(report.file);
    expect(imported.alreadyImported).toBe(false);
    const testimonies = new TestimonyService(press.vault);
    const copy = testimonies.show(releaseId);
    const release = (parseReleaseRecord(JSON.parse(releaseBytes.toString('utf8'))) as { value: ReleaseRecord }).value;
    expect(copy).toMatchObject({ id: releaseId, status: 'approved', version: 1 });
    expect(copy.record).toEqual(release.record);
    expect(testimonies.list().map((item) => item.id)).toEqual([releaseId]);
    expect(() => testimonies.show(main)).toThrow(/no testimony/);
    const [image] = new AttachmentService(press.vault).list(releaseId);
    expect(image).toMatchObject({ fileName: 'image-1.jpg', mediaType: 'image/jpeg' });
    const bytes = Buffer.concat((await new AttachmentService(press.vault).open(image!.id).stream.toArray()) as Buffer[]);
    expect(bytes.equals(fs.readFileSync(path.join(bag, 'data/releases', releaseId, 'attachments/image-1.jpg')))).toBe(true);

    const search = new SearchService(press.vault);
    expect(search.search('보위부').hits.map((hit) => hit.id)).toEqual([releaseId]);
    expect(search.search('림순옥').hits).toEqual([]);
    expect(search.search('Hoeryong').hits).toEqual([]);

    expect(press.archives.publication(releaseId)).toEqual({
      releaseId,
      releaseSha256: crypto.createHash('sha256').update(releaseBytes).digest('hex'),
      derivedFrom: report.testimonies[0]!.derivedFrom,
      originalHere: false,
      generalised: { birthDecade: 1960 },
      consentScopes: ['internal-archive', 'redacted-publication'],
      archiveId: report.archiveId,
      senderName: 'Field laptop',
      senderFingerprint: report.senderFingerprint,
      importedAt: imported.importedAt,
    });
    expect(press.archives.custody(releaseId).map((event) => event.event)).toEqual(['imported']);

    // A copy, not an original: not edited, not released again, not sealed onward as an original.
    expect(() => testimonies.update(releaseId, { title: '고친 제목', narrative: '고친 내용' })).toThrow(/approved testimony cannot be edited/);
    await expect(new ReleaseService(press.vault).prepare(releaseId)).rejects.toMatchObject({ code: 'publication-copy' });
    await expect(press.archives.export({ to: 'Field laptop', out: work, ids: [releaseId] })).rejects.toThrow(/Nothing to export .*publication copy/);

    // The same archive again: nothing changes, and it says so.
    const afterFirst = vaultSnapshot(press.vault);
    expect(await press.archives.import(report.file)).toMatchObject({ alreadyImported: true });
    expect(vaultSnapshot(press.vault)).toEqual(afterFirst);
    expect(press.vault.verifyAudit()).toMatchObject({ ok: true });
  }, SLOW);

  it('a publication copy never counts as another person sharing a release’s quasi-identifiers', async () => {
    // An original in the receiving vault with the same released values as the copy (province, sex, year of leaving, occupation).
    const id = new TestimonyService(press.vault).add({
      title: '같은 도 출신의 증언',
      narrative: '보위부에서 조사를 받았습니다.',
      interviewee: { homeProvince: { gazetteerId: 'nk-hamgyongbuk-do' }, sex: 'female', yearLeftNorthKorea: 2009, occupation: '교원', currentCountry: 'KR' },
      consent: { scopes: ['internal-archive', 'redacted-publication'], obtained: 'written', date: '2024-03-15' },
    });
    new ReviewService(press.vault).start(id);
    acceptAll(press.vault, id);
    const prepared = await new ReleaseService(press.vault).prepare(id);
    // Only itself: the copy of another person's testimony is not a second person with these values.
    expect(prepared.risk.count).toBe(1);
  }, SLOW);

  it('the sending vault does not import its own redacted archive, and verifies it', async () => {
    await expect(field.verify(report.file)).resolves.toMatchObject({ kind: 'redacted', sender: { isThisVault: true } });
    const before = vaultSnapshot(minji);
    await expect(field.import(report.file)).rejects.toMatchObject({ code: 'archive-own-release' });
    expect(vaultSnapshot(minji)).toEqual(before);
  }, SLOW);

  it('an export --since-last to the same workstation sends nothing that went there before', async () => {
    await expect(field.export({ to: 'Press', out: path.join(work, 'usb'), redacted: true, sinceLast: true })).rejects.toThrow(/Nothing new to export to Press: its 1 approved release\(s\) went there before/);
  }, SLOW);
});

describe.skipIf(missing.length > 0)('forged redacted archives', () => {
  let base: RawEntry[];
  let pressRecipient: string;
  let counter = 0;
  const rootName = () => base[0]!.name.split('/')[0]!;
  const releaseFile = () => `${rootName()}/data/releases/${releaseId}/release.json`;

  async function forge(edit: (files: RawEntry[]) => RawEntry[], bagInfo?: (fields: Array<[string, string]>) => Array<[string, string]>): Promise<string> {
    const files = resign(edit(base.map((file) => ({ ...file, data: Buffer.from(file.data) }))), fieldSigner, bagInfo ? { editBagInfo: bagInfo } : {});
    const file = path.join(work, `forged-${(counter += 1)}.twa`);
    fs.writeFileSync(file, await sealTar(rawTar(files), [pressRecipient]));
    return file;
  }

  const editRelease = (change: (release: Record<string, unknown>) => Record<string, unknown>) => (files: RawEntry[]) =>
    files.map((file) => (file.name === releaseFile() ? { ...file, data: Buffer.from(JSON.stringify(change(JSON.parse(file.data.toString('utf8')) as Record<string, unknown>))) } : file));

  async function expectRefused(file: string, code: string, message: RegExp): Promise<void> {
    const before = vaultSnapshot(press.vault);
    for (const attempt of [() => press.archives.verify(file), () => press.archives.import(file)]) {
      await expect(attempt()).rejects.toMatchObject({ name: 'UserError', code, message: expect.stringMatching(message) });
    }
    expect(vaultSnapshot(press.vault)).toEqual(before);
  }

  beforeAll(async () => {
    pressRecipient = (await press.archives.keys.show()).ageRecipient;
    base = await tarFiles(await openToTar(fs.readFileSync(report.file), press.archives.keys.allAgeIdentities()));
  }, SLOW);

  it('a "redacted" release that carries the identity, a name or the consent block', async () => {
    const record = original as unknown as Record<string, unknown>;
    await expectRefused(await forge(editRelease((r) => ({ ...r, record: { ...(r.record as object), interviewee: record.interviewee } }))), 'archive-contents', /never holds interviewee\.identity/);
    await expectRefused(await forge(editRelease((r) => ({ ...r, record: { ...(r.record as object), people: original.people } }))), 'archive-contents', /never holds people\.1\.name|never holds people\[1\]\.name/);
    await expectRefused(await forge(editRelease((r) => ({ ...r, record: { ...(r.record as object), consent: record.consent } }))), 'archive-contents', /never holds consent/);
  }, SLOW);

  it('a release whose id is that of a testimony here: never merged into it', async () => {
    const here = new TestimonyService(press.vault).list().find((item) => item.id !== releaseId)!.id;
    const renamed = await forge((files) =>
      editRelease((r) => ({ ...r, releaseId: here }))(files).map((file) => ({ ...file, name: file.name.replace(`/releases/${releaseId}/`, `/releases/${here}/`) })),
    );
    await expectRefused(renamed, 'archive-release-collides', /never merged into another testimony/);
  }, SLOW);

  it('a full archive that holds a release, a redacted one with a stray file, and a stripped file that is not the one listed', async () => {
    await expectRefused(await forge((files) => files, (fields) => fields.map(([label, value]) => [label, label === 'TW-Kind' ? 'full' : value])), 'archive-contents', /A full archive holds a redacted release/);
    await expectRefused(
      await forge((files) => [...files, { name: `${rootName()}/data/releases/${releaseId}/attachments/image-2.jpg`, data: Buffer.from('not listed') }]),
      'archive-contents',
      /image-2\.jpg is listed by no release/,
    );
    await expectRefused(
      await forge((files) => files.map((file) => (file.name.endsWith('image-1.jpg') ? { ...file, data: Buffer.concat([file.data, Buffer.from('GPS 42.44N')]) } : file))),
      'archive-contents',
      /image-1\.jpg of release .* does not match/,
    );
  }, SLOW);
});
