/**
 * The two pipelines of a sealed archive (SPEC.md, "The sealed archive, version 1"):
 *
 *   writeSealedArchive: payload sources → tar (tag files first, then data/) → age → <random>.twa
 *   openSealedArchive:  .twa → age → tar → tag files in memory, payload files to the caller's stage()
 *                       → bag, hashes, Payload-Oxum, signature checked → a verified description
 *
 * Both stream at flat memory: a payload file is never held whole in memory and never written to
 * disk in plaintext; only the tag files (bounded by maxTagFileBytes) are held.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  ARCHIVE_FORMAT_VERSION,
  ArchiveBagInfoFields,
  ArchiveId,
  formatArchiveTrustedComment,
  parseArchiveTrustedComment,
  trustedCommentFormatVersion,
  type ArchiveKind,
} from '@shared/archive/sealed-archive-format';
import { isUserError } from '@shared/errors';
import { statUserFile } from '../../files/regular-file';
import { fsyncDirectory } from '../../vault/atomic-file';
import { decryptAge, encryptAge } from './age';
import { decryptAgeFile, writeAgeFile } from './age-file';
import { ageWorkerAvailable, holdLentPiece, type HoldPiece } from './age-worker';
import {
  BAG_INFO_FILE,
  BAGIT_FILE,
  BAGIT_TXT,
  PAYLOAD_DIRECTORY,
  PAYLOAD_MANIFEST_FILE,
  TAG_MANIFEST_FILE,
  bagInfoValue,
  formatBagInfo,
  formatManifest,
  formatPayloadOxum,
  parseBagInfo,
  parseBagitTxt,
  parseManifest,
  parsePayloadOxum,
  sha256Hex,
  type BagInfoFields,
  type PayloadOxum,
} from './bagit';
import { archiveError } from './errors';
import { readFileChunks, writeChunks } from './file-io';
import { resolveLimits, type ArchiveLimits } from './limits';
import {
  createMinisignPrehash,
  minisignKeyIdHex,
  parseMinisignPublicKey,
  parseMinisignSignature,
  signMinisign,
  verifyMinisign,
  type MinisignPublicKey,
  type MinisignSecretKey,
} from './minisign';
import { OFF_THREAD_MIN_BYTES, streamHash, type StreamHash } from './sha256-stream';
import { TarPathRegistry, checkTarPath, readTar, tarStreamSize, writeTar, type TarWriteEntry } from './tar';

export const SIGNATURE_FILE = `${TAG_MANIFEST_FILE}.minisig`;
export const ARCHIVE_EXTENSION = '.twa';
/** The tag files, in the order the writer puts them (before data/). */
export const TAG_FILES = [BAGIT_FILE, BAG_INFO_FILE, PAYLOAD_MANIFEST_FILE, TAG_MANIFEST_FILE, SIGNATURE_FILE] as const;
/** What tagmanifest-sha256.txt lists: every tag file but itself and its signature. */
const TAG_MANIFEST_LISTS = [BAGIT_FILE, BAG_INFO_FILE, PAYLOAD_MANIFEST_FILE] as const;
export const DEFAULT_SOFTWARE_AGENT = 'Testimony Workstation';

const SHA256_HEX = /^[0-9a-f]{64}$/;
const STAGE_HIGH_WATER_MARK = 256 * 1024;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

type ByteSource = Readable | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** One payload file to seal. */
export interface SealedArchiveEntry {
  /** Path inside the bag's data/ folder, "/"-separated, e.g. "testimonies/<id>.json". */
  path: string;
  /** Exact size in bytes, known in advance (it goes into Payload-Oxum before any byte is written). */
  size: number;
  /**
   * The SHA-256 (lower-case hex) of the bytes, when already known (the vault stores it for every
   * attachment). The source is then read once, and the hash is checked as the bytes stream into
   * the archive. Without it the source is read twice: once to hash, once to write, and checked again.
   */
  sha256?: string;
  /** Opens the bytes; called once per pass (see sha256), each call must give the same bytes. */
  open(): ByteSource | Promise<ByteSource>;
  /**
   * With sha256: opens the bytes from a source that vouches itself for their being those of
   * sha256, throwing (at the latest at its end) if they are not: the vault's reader, whose blob
   * authenticates in full only under its own key, kept beside the hash taken when it was written
   * (../vault-blobs.ts). Used instead of open(), and the writer then does not hash them again. Each chunk it yields need only stay
   * valid until the next is asked for (the writer copies it on into the age payload first).
   */
  openChecked?(): AsyncIterable<Uint8Array>;
}

export interface WriteSealedArchiveOptions {
  /** Folder that receives `<random>.twa`. */
  dir: string;
  /** The bag's folder name and External-Identifier; see ArchiveId. */
  archiveId: string;
  /** age recipients (`age1…` or `age1pq1…`, not mixed). */
  recipients: readonly string[];
  /** The sender's minisign key, which signs tagmanifest-sha256.txt. */
  signer: MinisignSecretKey;
  /** The TW-* fields of bag-info.txt; `recipients` and `created` also go into the signed trusted comment. */
  bagInfo: { kind: ArchiveKind; sender: string; recipients: readonly string[]; created: string };
  entries: Iterable<SealedArchiveEntry> | AsyncIterable<SealedArchiveEntry>;
  /** Bag-Software-Agent; default "Testimony Workstation". */
  softwareAgent?: string;
  limits?: Partial<ArchiveLimits>;
}

export interface SealedArchiveFile {
  /** Path inside data/. */
  path: string;
  size: number;
  sha256: string;
}

export interface SealedArchiveWritten {
  /** The finished `<dir>/<random>.twa`. */
  file: string;
  /** Its size in bytes. */
  bytes: number;
  /** SHA-256 of the file's bytes, taken as they were written (no second read of the file). */
  sha256: string;
  archiveId: string;
  files: SealedArchiveFile[];
  payloadOxum: PayloadOxum;
  /** SHA-256 of tagmanifest-sha256.txt, the file the signature covers: it pins the whole bag. */
  tagManifestSha256: string;
  trustedComment: string;
}

// ------------------------------------------------------------------------------------------ write

function invalidEntry(entryPath: string, why: string): never {
  throw archiveError('archive-invalid-entry', `Cannot seal ${JSON.stringify(entryPath)}: ${why}.`);
}

/** The writer's hashing pass over a source: its SHA-256, refusing a size other than announced. */
async function hashSource(entry: SealedArchiveEntry): Promise<string> {
  const hash = streamHash(entry.size);
  try {
    let count = 0;
    for await (const chunk of await entry.open()) {
      count += (chunk as Uint8Array).length;
      if (count > entry.size) throw archiveError('archive-source-changed', `${entry.path} has more than its announced ${entry.size} bytes.`);
      await hash.update(chunk as Uint8Array);
    }
    if (count !== entry.size) throw archiveError('archive-source-changed', `${entry.path} has ${count} bytes, not the announced ${entry.size}.`);
    return await hash.digest();
  } finally {
    hash.dispose();
  }
}

/** Passes a source's bytes through, refusing at the end if they are not the ones hashed before. */
async function* verifiedSource(entry: SealedArchiveEntry, sha256: string): AsyncGenerator<Uint8Array, void, undefined> {
  const hash = streamHash(entry.size);
  try {
    for await (const chunk of await entry.open()) {
      await hash.update(chunk as Uint8Array);
      yield chunk as Uint8Array;
    }
    if ((await hash.digest()) !== sha256) throw archiveError('archive-source-changed', `${entry.path} changed while it was being sealed: its SHA-256 is not the one recorded.`);
  } finally {
    hash.dispose();
  }
}

/** Passes buffers through, hashing each before it goes on (the file's SHA-256 as it is written). */
async function* hashedAs(hash: StreamHash, source: AsyncIterable<Buffer>): AsyncGenerator<Buffer, void, undefined> {
  for await (const buffer of source) {
    await hash.update(buffer);
    yield buffer;
  }
}

/** A file-system failure while writing, as a UserError where the user can act on it; anything else unchanged. */
function writeFailure(error: unknown, dir: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') {
    return archiveError('archive-no-space', `Not enough space to write the archive in ${dir} (${code}); nothing was left behind.`);
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return archiveError('archive-cannot-write', `Cannot write the archive in ${dir} (${code}): check that the folder is writable.`);
  }
  return error;
}

/**
 * Seals the payload into `<dir>/<random>.twa`. The file name is 128 random bits, unrelated to the
 * archive id, so that copies of one archive cannot be linked by name to its id or to each other's
 * custody records. The archive is written to a hidden temporary name, fsynced, renamed only when
 * complete, and the folder fsynced; on any failure the temporary file is removed and nothing is left.
 */
export async function writeSealedArchive(options: WriteSealedArchiveOptions): Promise<SealedArchiveWritten> {
  const limits = resolveLimits(options.limits);
  const archiveId = ArchiveId.parse(options.archiveId);
  const bagInfo = ArchiveBagInfoFields.parse({ format: ARCHIVE_FORMAT_VERSION, ...options.bagInfo, recipients: [...options.bagInfo.recipients] });

  // 1. Collect and check the entries (metadata only), refusing what the reader would refuse.
  const registry = new TarPathRegistry();
  registry.add(archiveId, 'directory');
  for (const tag of TAG_FILES) registry.add(`${archiveId}/${tag}`, 'file');
  registry.add(`${archiveId}/${PAYLOAD_DIRECTORY}`, 'directory');
  const entries: SealedArchiveEntry[] = [];
  let totalBytes = 0;
  for await (const entry of options.entries) {
    if (typeof entry.path !== 'string' || entry.path === '') invalidEntry(String(entry.path), 'empty path');
    // sha256sum -c reads a manifest literally, so a "%" (written %25 by BagIt) would not be found.
    if (entry.path.includes('%')) invalidEntry(entry.path, 'a path may not contain "%"');
    const tarPath = `${archiveId}/${PAYLOAD_DIRECTORY}/${entry.path}`;
    let normalised: string;
    try {
      normalised = checkTarPath(tarPath, limits.maxPathBytes);
    } catch (error) {
      if (isUserError(error)) invalidEntry(entry.path, error.message);
      throw error;
    }
    if (normalised !== tarPath) invalidEntry(entry.path, 'not a plain relative path');
    if (!Number.isSafeInteger(entry.size) || entry.size < 0) invalidEntry(entry.path, 'its size is not a whole number of bytes');
    if (entry.size > limits.maxEntryBytes) invalidEntry(entry.path, `it is larger than ${limits.maxEntryBytes} bytes`);
    if (entry.sha256 !== undefined && !SHA256_HEX.test(entry.sha256)) invalidEntry(entry.path, 'its sha256 is not a lower-case hex SHA-256');
    totalBytes += entry.size;
    if (totalBytes > limits.maxTotalBytes) invalidEntry(entry.path, `the archive would hold more than ${limits.maxTotalBytes} bytes`);
    try {
      registry.add(tarPath, 'file');
    } catch (error) {
      if (isUserError(error)) invalidEntry(entry.path, 'the same path (or a file and a folder of one name) appears twice');
      throw error;
    }
    entries.push(entry);
  }

  // 2. Hash the sources whose hash is not known yet (first pass).
  const files: SealedArchiveFile[] = [];
  for (const entry of entries) files.push({ path: entry.path, size: entry.size, sha256: entry.sha256 ?? (await hashSource(entry)) });

  // 3. The tag files, signed.
  const payloadOxum = { bytes: totalBytes, count: files.length };
  const trustedComment = formatArchiveTrustedComment({ archiveId, created: bagInfo.created, recipients: bagInfo.recipients });
  const bagInfoText = formatBagInfo([
    ['Bagging-Date', bagInfo.created.slice(0, 10)],
    ['Payload-Oxum', formatPayloadOxum(payloadOxum)],
    ['Bag-Software-Agent', options.softwareAgent ?? DEFAULT_SOFTWARE_AGENT],
    ['External-Identifier', archiveId],
    ['TW-Format', String(ARCHIVE_FORMAT_VERSION)],
    ['TW-Kind', bagInfo.kind],
    ['TW-Sender', bagInfo.sender],
    ['TW-Recipients', bagInfo.recipients.join(',')],
    ['TW-Created', bagInfo.created],
  ]);
  const tagBytes = new Map<string, Buffer>();
  tagBytes.set(BAGIT_FILE, Buffer.from(BAGIT_TXT, 'utf8'));
  tagBytes.set(BAG_INFO_FILE, Buffer.from(bagInfoText, 'utf8'));
  tagBytes.set(PAYLOAD_MANIFEST_FILE, Buffer.from(formatManifest(files.map((file) => ({ path: `${PAYLOAD_DIRECTORY}/${file.path}`, sha256: file.sha256 }))), 'utf8'));
  const tagManifest = Buffer.from(formatManifest(TAG_MANIFEST_LISTS.map((name) => ({ path: name, sha256: sha256Hex(tagBytes.get(name)!) }))), 'utf8');
  tagBytes.set(TAG_MANIFEST_FILE, tagManifest);
  const prehash = createMinisignPrehash().update(tagManifest).digest();
  tagBytes.set(SIGNATURE_FILE, Buffer.from(signMinisign({ prehash }, options.signer, { trustedComment }), 'utf8'));
  for (const [name, bytes] of tagBytes) {
    if (bytes.length > limits.maxTagFileBytes) invalidEntry(name, `the tag file would be larger than ${limits.maxTagFileBytes} bytes`);
  }

  // 4. The tar: root folder, tag files, data/, then each payload file after the folders it needs.
  const mtime = Math.floor(Date.parse(bagInfo.created) / 1000);
  // Listed in full first, for the tar's size (the age payload's last chunk follows from it); each
  // body is opened only when the tar writer reaches it.
  const tarEntries: TarWriteEntry[] = [{ type: 'directory', path: archiveId, mtime }];
  for (const name of TAG_FILES) {
    const bytes = tagBytes.get(name)!;
    tarEntries.push({ type: 'file', path: `${archiveId}/${name}`, size: bytes.length, body: [bytes], mtime });
  }
  const written = new Set<string>([PAYLOAD_DIRECTORY]);
  tarEntries.push({ type: 'directory', path: `${archiveId}/${PAYLOAD_DIRECTORY}`, mtime });
  for (const [index, entry] of entries.entries()) {
    const components = entry.path.split('/');
    for (let depth = 1; depth < components.length; depth++) {
      const folder = `${PAYLOAD_DIRECTORY}/${components.slice(0, depth).join('/')}`;
      if (written.has(folder)) continue;
      written.add(folder);
      tarEntries.push({ type: 'directory', path: `${archiveId}/${folder}`, mtime });
    }
    const sha256 = files[index]!.sha256;
    const open = () => (entry.sha256 !== undefined && entry.openChecked ? entry.openChecked() : verifiedSource(entry, sha256));
    const body: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: () => open()[Symbol.asyncIterator]() };
    tarEntries.push({ type: 'file', path: `${archiveId}/${PAYLOAD_DIRECTORY}/${entry.path}`, size: entry.size, body, mtime });
  }

  // 5. Encrypt and write to a temporary name; rename when complete.
  const name = randomBytes(16).toString('hex');
  const temporary = path.join(options.dir, `.${name}.partial`);
  const target = path.join(options.dir, `${name}${ARCHIVE_EXTENSION}`);
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(temporary, 'wx', 0o600);
  } catch (error) {
    throw writeFailure(error, options.dir);
  }
  let bytes: number;
  let fileSha256: string;
  try {
    if (totalBytes >= OFF_THREAD_MIN_BYTES && ageWorkerAvailable()) {
      // Large: the age cipher, the file's hash and the writes on the worker, beside the sources' work here.
      ({ bytes, sha256: fileSha256 } = await writeAgeFile(handle, writeTar(tarEntries), options.recipients, tarStreamSize(tarEntries)));
    } else {
      const fileHash = streamHash(totalBytes);
      try {
        bytes = await writeChunks(handle, hashedAs(fileHash, encryptAge(writeTar(tarEntries), options.recipients)));
        fileSha256 = await fileHash.digest();
      } finally {
        fileHash.dispose();
      }
    }
    // One fsync, of the whole file, before it gets its name.
    await handle.sync();
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.promises.rm(temporary, { force: true });
    throw writeFailure(error, options.dir);
  }
  try {
    await fs.promises.rename(temporary, target);
  } catch (error) {
    await fs.promises.rm(temporary, { force: true });
    throw writeFailure(error, options.dir);
  }
  fsyncDirectory(options.dir);
  return { file: target, bytes, sha256: fileSha256, archiveId, files, payloadOxum, tagManifestSha256: sha256Hex(tagManifest), trustedComment };
}

// ------------------------------------------------------------------------------------------- open

/** A sender whose archives are accepted; the service passes its trust records, and gets back the one that signed. */
export interface TrustedSigner {
  /** `RW…` */
  minisignPublicKey: string;
}

export interface OpenSealedArchiveOptions<S extends TrustedSigner> {
  /** This workstation's age identities (`AGE-SECRET-KEY-1…`, `AGE-SECRET-KEY-PQ-1…`). */
  identities: readonly string[];
  trustedSigners: readonly S[];
  /**
   * Receives each payload file as it is read (path inside data/, announced size, its bytes). It
   * should consume the stream (what it leaves is read and hashed anyway). Called before the bag is
   * verified: if openSealedArchive then fails, the caller must discard everything it staged.
   * With `hashing` it may hash the file itself instead (see PayloadHashing).
   */
  stage(path: string, size: number, body: Readable, hashing: PayloadHashing): Promise<StagedPayload | void> | StagedPayload | void;
  limits?: Partial<ArchiveLimits>;
  /** openSealedArchive only: told how many bytes of the file have been read so far. */
  onFileBytes?: (bytesRead: number, bytesTotal: number) => void;
}

/**
 * Offered to stage() with each payload file, for a stage() that hashes the bytes anyway where there
 * is time to spare (the import's cipher worker): one SHA-256 per byte instead of two.
 */
export interface PayloadHashing {
  /**
   * Called before reading a byte: stage() then reads the body to its very end and resolves with
   * the SHA-256 of exactly the bytes it read, which is checked against the manifest in place of
   * the format layer's own (a stage() that does not keep that promise is a bug, and fails).
   */
  takeOver(): void;
  /**
   * Called before reading a byte, instead of reading the Readable: the file's bytes as they come,
   * without the copy the Readable needs. Each piece's `bytes` stay valid only until the next piece
   * is asked for; `hold()` keeps them valid (unchanged) until the function it returns is called,
   * and returns undefined when they are not shared memory (then they are the caller's to keep).
   * That is how an import hands the bytes from age's worker to the vault's without copying them.
   * The format layer still hashes every piece unless takeOver() was called too.
   */
  pieces(): AsyncIterable<PayloadPiece>;
}

/** One piece of a payload file (see PayloadHashing.pieces). */
export interface PayloadPiece {
  bytes: Buffer;
  hold(): (() => void) | undefined;
}

/** What a stage() that took over hashing resolves with. */
export interface StagedPayload {
  sha256?: string;
}

export interface VerifiedBagInfo extends ArchiveBagInfoFields {
  baggingDate: string;
  payloadOxum: PayloadOxum;
  softwareAgent?: string;
  /** Every field of bag-info.txt, in order, as written. */
  fields: BagInfoFields;
}

export interface VerifiedSealedArchive<S extends TrustedSigner> {
  archiveId: string;
  bagInfo: VerifiedBagInfo;
  /** The trusted signer whose key verified the signature. */
  signer: S;
  /** The signing key's id as minisign prints it. */
  signerKeyId: string;
  trustedComment: string;
  /** Every payload file, in archive order. */
  files: SealedArchiveFile[];
  tagManifestSha256: string;
}

/** What openSealedArchive also knows about the file it read (every byte of it). */
export interface VerifiedSealedArchiveFile<S extends TrustedSigner> extends VerifiedSealedArchive<S> {
  fileBytes: number;
  fileSha256: string;
}

/** A stage() that reads and drops the bytes: for `tw verify`, which checks everything and keeps nothing. */
export async function discardPayload(_path: string, _size: number, body: Readable, hashing?: PayloadHashing): Promise<void> {
  // The pieces, not the Readable: nothing to keep, so nothing to copy.
  for await (const _chunk of hashing ? hashing.pieces() : body) {
    // dropped: verify only needs the hash, which openSealedArchive computes itself
  }
}

interface VerifiedTags<S> {
  signer: S;
  signerKeyId: string;
  trustedComment: string;
  bagInfo: VerifiedBagInfo;
  /** "data/…" → sha256 */
  manifest: Map<string, string>;
  tagManifestSha256: string;
}

function decodeText(bytes: Buffer, name: string): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    throw archiveError('bag-malformed', `The bag's ${name} is not valid UTF-8.`);
  }
}

function layout(why: string): never {
  throw archiveError('archive-layout', `Not a valid sealed archive: ${why}.`);
}

/**
 * Checks the tag files, signature first, so that nothing unauthenticated is interpreted: the
 * signature against the trusted keys, the trusted comment, the tag manifest's hashes, bagit.txt,
 * bag-info.txt (and its agreement with the folder name and the signed comment), the manifest.
 */
function verifyTags<S extends TrustedSigner>(root: string, tags: Map<string, Buffer>, signers: ReadonlyArray<{ signer: S; key: MinisignPublicKey }>): VerifiedTags<S> {
  for (const name of TAG_FILES) if (!tags.has(name)) throw archiveError('bag-incomplete', `The archive has no ${name}.`);
  const tagManifest = tags.get(TAG_MANIFEST_FILE)!;

  const signature = parseMinisignSignature(decodeText(tags.get(SIGNATURE_FILE)!, SIGNATURE_FILE));
  const signerKeyId = minisignKeyIdHex(signature.keyId);
  const candidates = signers.filter((candidate) => candidate.key.keyId.equals(signature.keyId));
  if (candidates.length === 0) throw archiveError('archive-untrusted-signer', `The archive is signed by key ${signerKeyId}, which is not a trusted sender.`);
  const prehash = createMinisignPrehash().update(tagManifest).digest();
  let signer: S | undefined;
  let trustedComment = '';
  for (const candidate of candidates) {
    try {
      trustedComment = verifyMinisign({ prehash }, signature, candidate.key).trustedComment;
      signer = candidate.signer;
      break;
    } catch (error) {
      if (!isUserError(error)) throw error;
    }
  }
  if (signer === undefined) throw archiveError('archive-bad-signature', `The archive's signature by key ${signerKeyId} does not verify: it has been altered or forged.`);

  const commentVersion = trustedCommentFormatVersion(trustedComment);
  if (commentVersion !== undefined && commentVersion > ARCHIVE_FORMAT_VERSION) {
    throw archiveError('archive-future-format', `The archive is in format ${commentVersion}; this program reads format ${ARCHIVE_FORMAT_VERSION}. Update it to open this archive.`);
  }
  const comment = parseArchiveTrustedComment(trustedComment);
  if (comment === undefined) layout('the signature\'s trusted comment is not that of a sealed archive');
  if (comment.archiveId !== root) layout(`the signature is for archive ${comment.archiveId}, the folder is ${root}`);

  const listed = parseManifest(tagManifest, TAG_MANIFEST_FILE);
  for (const name of TAG_MANIFEST_LISTS) {
    const expected = listed.get(name);
    if (expected === undefined) throw archiveError('bag-incomplete', `The tag manifest does not list ${name}.`);
    if (expected !== sha256Hex(tags.get(name)!)) throw archiveError('bag-hash-mismatch', `${name} has been altered: its SHA-256 is not the one in the tag manifest.`);
  }
  for (const name of listed.keys()) {
    if (!(TAG_MANIFEST_LISTS as readonly string[]).includes(name)) throw archiveError('bag-incomplete', `The tag manifest lists ${JSON.stringify(name)}, which the bag does not hold.`);
  }

  parseBagitTxt(tags.get(BAGIT_FILE)!);
  const fields = parseBagInfo(tags.get(BAG_INFO_FILE)!);
  const required = (label: string): string => {
    const value = bagInfoValue(fields, label);
    if (value === undefined) throw archiveError('bag-malformed', `The bag's ${BAG_INFO_FILE} has no ${label}.`);
    return value;
  };
  const formatText = required('TW-Format');
  if (!/^[0-9]{1,6}$/.test(formatText)) throw archiveError('bag-malformed', `The bag's TW-Format ${JSON.stringify(formatText)} is not a number.`);
  if (Number(formatText) > ARCHIVE_FORMAT_VERSION) {
    throw archiveError('archive-future-format', `The archive is in format ${formatText}; this program reads format ${ARCHIVE_FORMAT_VERSION}. Update it to open this archive.`);
  }
  const baggingDate = required('Bagging-Date');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(baggingDate)) throw archiveError('bag-malformed', `The bag's Bagging-Date ${JSON.stringify(baggingDate)} is not YYYY-MM-DD.`);
  const payloadOxum = parsePayloadOxum(required('Payload-Oxum'));
  if (required('External-Identifier') !== root) layout(`bag-info.txt names archive ${JSON.stringify(required('External-Identifier'))}, the folder is ${root}`);
  const parsed = ArchiveBagInfoFields.safeParse({
    format: Number(formatText),
    kind: required('TW-Kind'),
    sender: required('TW-Sender'),
    recipients: required('TW-Recipients').split(','),
    created: required('TW-Created'),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw archiveError('bag-malformed', `The bag's ${BAG_INFO_FILE} has an invalid ${issue?.path.join('.') ?? 'field'}: ${issue?.message ?? 'invalid'}.`);
  }
  // The signed comment and bag-info must tell the same story; else one of them was swapped.
  if (parsed.data.created !== comment.created) layout('bag-info.txt and the signature disagree on the creation time');
  if (parsed.data.recipients.join(',') !== comment.recipients.join(',')) layout('bag-info.txt and the signature disagree on the recipients');

  const manifest = parseManifest(tags.get(PAYLOAD_MANIFEST_FILE)!, PAYLOAD_MANIFEST_FILE);
  for (const name of manifest.keys()) {
    if (!name.startsWith(`${PAYLOAD_DIRECTORY}/`)) throw archiveError('bag-malformed', `The payload manifest lists ${JSON.stringify(name)}, which is outside data/.`);
  }
  const softwareAgent = bagInfoValue(fields, 'Bag-Software-Agent');
  return {
    signer,
    signerKeyId,
    trustedComment,
    bagInfo: { ...parsed.data, baggingDate, payloadOxum, ...(softwareAgent !== undefined ? { softwareAgent } : {}), fields },
    manifest,
    tagManifestSha256: sha256Hex(tagManifest),
  };
}

/**
 * Hands one payload file to stage() as a Readable, or as pieces (PayloadHashing.pieces), while
 * hashing every byte, including any that stage() leaves unread; or, if stage() takes the hashing
 * over, checks that it read every byte. Returns the SHA-256.
 */
async function stagePayload(
  body: AsyncIterable<Buffer>,
  size: number,
  stage: (body: Readable, hashing: PayloadHashing) => Promise<StagedPayload | void> | StagedPayload | void,
  hold: HoldPiece | undefined,
): Promise<string> {
  const iterator = body[Symbol.asyncIterator]();
  const hash = streamHash(size);
  let delegated = false;
  let started = false;
  let ended = false;
  let direct = false;
  const pull = async (): Promise<IteratorResult<Buffer>> => {
    const result = await iterator.next();
    if (result.done) ended = true;
    else {
      started = true;
      if (!delegated) await hash.update(result.value);
    }
    return result;
  };
  const hashing: PayloadHashing = {
    takeOver: () => {
      if (started) throw new Error('stage() took over hashing after reading');
      delegated = true;
    },
    pieces: () => {
      if (started || direct) throw new Error('stage() asked for the pieces after reading');
      direct = true;
      return {
        [Symbol.asyncIterator]: () => ({
          next: async (): Promise<IteratorResult<PayloadPiece>> => {
            const result = await pull();
            if (result.done) return { done: true, value: undefined };
            const bytes = result.value;
            return { done: false, value: { bytes, hold: () => hold?.(bytes) } };
          },
        }),
      };
    },
  };
  const readable = new Readable({
    highWaterMark: STAGE_HIGH_WATER_MARK,
    read() {
      if (direct) return void this.destroy(new Error('stage() read the Readable after asking for the pieces'));
      pull().then(
        // A Readable keeps what it is given past the next pull: shared memory is copied first.
        (result) => this.push(result.done ? null : result.value.buffer instanceof SharedArrayBuffer ? copyOf(result.value) : result.value),
        (error: unknown) => this.destroy(error as Error),
      );
    },
  });
  try {
    const staged = await stage(readable, hashing);
    if (delegated) {
      if (!ended || typeof staged?.sha256 !== 'string' || !SHA256_HEX.test(staged.sha256)) throw new Error('stage() took over hashing but did not read to the end and give a SHA-256');
      return staged.sha256;
    }
    for (;;) if ((await pull()).done) break;
    return await hash.digest();
  } finally {
    readable.destroy();
    hash.dispose();
  }
}

/** A copy in memory of its own (Buffer.copy is a memcpy, also from shared memory). */
function copyOf(bytes: Buffer): Buffer {
  const copy = Buffer.allocUnsafe(bytes.length);
  bytes.copy(copy);
  return copy;
}

/**
 * Opens a sealed archive from a byte stream; see openSealedArchive.
 */
export async function readSealedArchive<S extends TrustedSigner>(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: OpenSealedArchiveOptions<S>): Promise<VerifiedSealedArchive<S>> {
  const limits = resolveLimits(options.limits);
  return readSealedPlaintext(decryptAge(source, options.identities, limits), options);
}

/** The tar and bag inside an age payload: everything openSealedArchive checks but the age layer. */
async function readSealedPlaintext<S extends TrustedSigner>(plaintext: AsyncIterable<Buffer>, options: OpenSealedArchiveOptions<S>, hold?: HoldPiece): Promise<VerifiedSealedArchive<S>> {
  const limits = resolveLimits(options.limits);
  const signers = options.trustedSigners.map((signer) => ({ signer, key: parseMinisignPublicKey(signer.minisignPublicKey) }));
  let root: string | undefined;
  const tags = new Map<string, Buffer>();
  let verified: VerifiedTags<S> | undefined;
  const files: SealedArchiveFile[] = [];
  let payloadBytes = 0;

  const checkListed = (file: SealedArchiveFile | { path: string; size: number }, state: VerifiedTags<S>): void => {
    if (!state.manifest.has(`${PAYLOAD_DIRECTORY}/${file.path}`)) throw archiveError('bag-incomplete', `${JSON.stringify(file.path)} is in the archive but not in its manifest.`);
  };
  const checkOxumSoFar = (count: number, bytes: number, state: VerifiedTags<S>): void => {
    const oxum = state.bagInfo.payloadOxum;
    if (count > oxum.count || bytes > oxum.bytes) {
      throw archiveError('bag-oxum-mismatch', `The payload is larger than its Payload-Oxum ${formatPayloadOxum(oxum)} says: refused.`);
    }
  };
  const checkHash = (file: SealedArchiveFile, state: VerifiedTags<S>): void => {
    if (state.manifest.get(`${PAYLOAD_DIRECTORY}/${file.path}`) !== file.sha256) {
      throw archiveError('bag-hash-mismatch', `${JSON.stringify(file.path)} has been altered: its SHA-256 is not the one in the manifest.`);
    }
  };

  for await (const entry of readTar(plaintext, limits)) {
    const [first, ...rest] = entry.path.split('/');
    if (root === undefined) {
      if (!ArchiveId.safeParse(first).success) layout(`the top folder ${JSON.stringify(first)} is not an archive id`);
      root = first!;
    } else if (first !== root) {
      // One bag per archive: a second top-level folder could carry anything past the checks.
      layout(`more than one top-level folder (${JSON.stringify(root)} and ${JSON.stringify(first)})`);
    }
    const inner = rest.join('/');
    if (entry.type === 'directory') {
      if (inner === '' || inner === PAYLOAD_DIRECTORY || inner.startsWith(`${PAYLOAD_DIRECTORY}/`)) continue;
      layout(`unexpected folder ${JSON.stringify(entry.path)}`);
    }
    if (inner === '') layout(`the bag folder ${JSON.stringify(root)} is a file`);
    if ((TAG_FILES as readonly string[]).includes(inner)) {
      // Tag files are held in memory: their size is checked before they are read.
      if (entry.size > limits.maxTagFileBytes) throw archiveError('tar-too-large', `Refused: ${inner} is ${entry.size} bytes (limit ${limits.maxTagFileBytes}).`);
      // Copied piece by piece: a piece may be reused by the decryptor once the next is asked for.
      const bytes = Buffer.alloc(entry.size);
      let filled = 0;
      for await (const chunk of entry.body) filled += chunk.copy(bytes, filled);
      tags.set(inner, bytes);
      // Verify as soon as all tag files are in (the writer puts them first): an untrusted or forged
      // archive is refused before any payload is staged, and each payload file is checked as it ends.
      if (verified === undefined && TAG_FILES.every((name) => tags.has(name))) {
        verified = verifyTags(root, tags, signers);
        for (const file of files) {
          checkListed(file, verified);
          checkHash(file, verified);
        }
        checkOxumSoFar(files.length, payloadBytes, verified);
      }
      continue;
    }
    if (!inner.startsWith(`${PAYLOAD_DIRECTORY}/`)) layout(`unexpected file ${JSON.stringify(entry.path)} outside data/`);
    const payloadPath = inner.slice(PAYLOAD_DIRECTORY.length + 1);
    if (verified !== undefined) {
      // Before staging a byte: the file must be listed, and must fit in the declared Payload-Oxum.
      checkListed({ path: payloadPath, size: entry.size }, verified);
      checkOxumSoFar(files.length + 1, payloadBytes + entry.size, verified);
    }
    const sha256 = await stagePayload(entry.body, entry.size, (body, hashing) => options.stage(payloadPath, entry.size, body, hashing), hold);
    const file = { path: payloadPath, size: entry.size, sha256 };
    files.push(file);
    payloadBytes += entry.size;
    if (verified !== undefined) checkHash(file, verified);
  }

  if (root === undefined) layout('the archive is empty');
  verified ??= verifyTags(root, tags, signers);
  for (const file of files) {
    checkListed(file, verified);
    checkHash(file, verified);
  }
  const present = new Set(files.map((file) => `${PAYLOAD_DIRECTORY}/${file.path}`));
  for (const listed of verified.manifest.keys()) {
    if (!present.has(listed)) throw archiveError('bag-incomplete', `${JSON.stringify(listed)} is in the manifest but missing from the archive.`);
  }
  const oxum = verified.bagInfo.payloadOxum;
  if (oxum.bytes !== payloadBytes || oxum.count !== files.length) {
    throw archiveError('bag-oxum-mismatch', `The payload holds ${payloadBytes} bytes in ${files.length} files, but its Payload-Oxum says ${formatPayloadOxum(oxum)}.`);
  }
  return {
    archiveId: root,
    bagInfo: verified.bagInfo,
    signer: verified.signer,
    signerKeyId: verified.signerKeyId,
    trustedComment: verified.trustedComment,
    files,
    tagManifestSha256: verified.tagManifestSha256,
  };
}

/**
 * Decrypts and reads a sealed archive once, streaming: payload files go to options.stage() while
 * being hashed; tag files are held in memory. Then checks the bag (every file listed once and
 * present, every hash, Payload-Oxum, tag manifest, BagIt 1.0, UTF-8) and the signature against the
 * trusted signers, and only then returns the verified description. Anything wrong: a UserError,
 * and the caller discards what it staged.
 */
export async function openSealedArchive<S extends TrustedSigner>(file: string, options: OpenSealedArchiveOptions<S>): Promise<VerifiedSealedArchiveFile<S>> {
  const size = statUserFile(file).size;
  const limits = resolveLimits(options.limits);
  let read: { sha256: string; bytes: number } | undefined;
  let plaintext: AsyncIterable<Buffer>;
  if (size >= OFF_THREAD_MIN_BYTES && ageWorkerAvailable()) {
    // Large: reading, hashing and opening the age chunks on the worker, beside the tar and staging here.
    plaintext = decryptAgeFile(file, options.identities, limits, (result) => (read = result), options.onFileBytes);
  } else {
    plaintext = decryptAge(hashedFile(file, size, options.onFileBytes, (result) => (read = result)), options.identities, limits);
  }
  // Pieces that are views of age's slots are held, not copied; any other piece is not shared memory.
  const verified = await readSealedPlaintext(plaintext, options, holdLentPiece);
  // The tar reader reads to the very end (it checks what follows the end marker), so every byte was hashed.
  if (read === undefined) throw new Error('the archive file was not read to its end');
  return { ...verified, fileBytes: read.bytes, fileSha256: read.sha256 };
}

/** A file's chunks, hashed as they are read; `onEnd` gets the hash once the last byte was read. */
async function* hashedFile(file: string, size: number, onBytes: ((bytesRead: number, bytesTotal: number) => void) | undefined, onEnd: (result: { sha256: string; bytes: number }) => void): AsyncGenerator<Buffer> {
  const hash = streamHash(size);
  let bytes = 0;
  try {
    for await (const chunk of readFileChunks(file)) {
      await hash.update(chunk);
      bytes += chunk.length;
      onBytes?.(bytes, size);
      yield chunk;
    }
    onEnd({ sha256: await hash.digest(), bytes });
  } finally {
    hash.dispose();
  }
}
