/**
 * POSIX tar (ustar, with pax extended headers where ustar cannot say it), streaming both ways.
 *
 * The writer emits ustar headers, preceded by a pax header when a name is not ASCII or does not fit
 * ustar's 155 + 100 bytes, or a size is 8 GiB or more; owner names are left empty and ids are 0, so
 * the archive says nothing about the machine that wrote it.
 *
 * The reader accepts what GNU tar and bsdtar write by default (ustar, pax, GNU long names) and
 * refuses, from the header alone and before reading any entry's data, everything the sealed
 * archive has no use for and an attacker might (see the checks below, each with its reason).
 */
import { archiveError } from './errors';
import { ByteReader } from './byte-reader';
import { DEFAULT_ARCHIVE_LIMITS, resolveLimits, type ArchiveLimits } from './limits';

export const TAR_BLOCK_SIZE = 512;
/** GNU tar's default record (blocking factor 20): the archive is padded with zeros to a multiple of it. */
export const TAR_RECORD_SIZE = 20 * TAR_BLOCK_SIZE;
/** The largest size an 11-digit octal ustar field holds (8 GiB - 1); beyond it the size goes in a pax header. */
export const USTAR_MAX_SIZE = 0o77777777777;
/** NAME_MAX on common file systems: a longer component could not be unpacked. */
export const MAX_PATH_COMPONENT_BYTES = 255;

const ZERO_BLOCK = Buffer.alloc(TAR_BLOCK_SIZE);
const USTAR_NAME_BYTES = 100;
const USTAR_PREFIX_BYTES = 155;
const CHECKSUM_OFFSET = 148;
const CHECKSUM_LENGTH = 8;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

export type TarReadLimits = Pick<ArchiveLimits, 'maxEntries' | 'maxEntryBytes' | 'maxTotalBytes' | 'maxPathBytes' | 'maxPaxHeaderBytes' | 'maxTrailingZeroBytes'>;

// ------------------------------------------------------------------------------------------ paths

function unsafePath(path: string, why: string): never {
  throw archiveError('tar-unsafe-path', `Refused tar entry ${JSON.stringify(path.length > 120 ? `${path.slice(0, 117)}…` : path)}: ${why}.`);
}

/**
 * Checks a path from (or for) a tar entry and returns it normalised: without a leading "./" and
 * without the trailing "/" of a directory. An empty result is the archive's own root ("./").
 */
export function checkTarPath(path: string, maxPathBytes: number = DEFAULT_ARCHIVE_LIMITS.maxPathBytes): string {
  // NUL ends a name in C tools, so what they unpack would differ from what we checked; other control
  // characters can rewrite terminal output and log lines that show the name.
  if (/[\u0000-\u001f\u007f]/.test(path)) unsafePath(path, 'the name contains NUL or control characters');
  // A path separator on Windows: "a\..\..\x" would climb out of the folder there.
  if (path.includes('\\')) unsafePath(path, 'the name contains a backslash');
  // Absolute paths would unpack outside the folder the archivist chose; "C:" is absolute on Windows.
  if (path.startsWith('/')) unsafePath(path, 'absolute path');
  if (/^[A-Za-z]:/.test(path)) unsafePath(path, 'absolute (drive letter) path');
  if (Buffer.byteLength(path, 'utf8') > maxPathBytes) unsafePath(path, `the name is longer than ${maxPathBytes} bytes`);
  let normalised = path;
  // "./" prefixes are what `tar -C dir .` writes; they name the same place and are dropped.
  while (normalised.startsWith('./')) normalised = normalised.slice(2);
  if (normalised === '.') normalised = '';
  if (normalised.endsWith('/')) normalised = normalised.slice(0, -1);
  if (normalised === '') return '';
  for (const component of normalised.split('/')) {
    // ".." climbs out of the folder; "." and empty components make two spellings of one name,
    // which would defeat the duplicate check.
    if (component === '..') unsafePath(path, 'the name contains ".."');
    if (component === '' || component === '.') unsafePath(path, 'the name contains an empty or "." component');
    if (Buffer.byteLength(component, 'utf8') > MAX_PATH_COMPONENT_BYTES) unsafePath(path, `a name component is longer than ${MAX_PATH_COMPONENT_BYTES} bytes`);
  }
  return normalised;
}

/**
 * The names seen so far, to refuse duplicates. Names are compared after Unicode NFC normalisation
 * and case folding: on macOS and Windows file systems such names are one file, so unpacking with
 * tar would let the second silently replace the first. A file and a folder of the same name, or a
 * file used as a folder, are refused for the same reason.
 */
export class TarPathRegistry {
  private readonly files = new Set<string>();
  private readonly folders = new Set<string>();
  private readonly explicitFolders = new Set<string>();

  add(path: string, type: 'file' | 'directory'): void {
    const key = path.normalize('NFC').toLowerCase();
    const components = key.split('/');
    for (let depth = 1; depth < components.length; depth++) {
      const ancestor = components.slice(0, depth).join('/');
      if (this.files.has(ancestor)) throw archiveError('tar-duplicate-entry', `Refused tar entry ${JSON.stringify(path)}: ${JSON.stringify(ancestor)} is a file, not a folder.`);
      this.folders.add(ancestor);
    }
    if (type === 'directory') {
      if (this.files.has(key)) throw archiveError('tar-duplicate-entry', `Refused tar entry ${JSON.stringify(path)}: a file and a folder of the same name.`);
      if (this.explicitFolders.has(key)) throw archiveError('tar-duplicate-entry', `Refused tar entry ${JSON.stringify(path)}: the folder appears twice.`);
      this.explicitFolders.add(key);
      this.folders.add(key);
      return;
    }
    if (this.files.has(key)) throw archiveError('tar-duplicate-entry', `Refused tar entry ${JSON.stringify(path)}: the name appears twice.`);
    if (this.folders.has(key)) throw archiveError('tar-duplicate-entry', `Refused tar entry ${JSON.stringify(path)}: a file and a folder of the same name.`);
    this.files.add(key);
  }
}

// ----------------------------------------------------------------------------------------- writer

export interface TarDirectoryEntry {
  type: 'directory';
  path: string;
  /** Seconds since 1970; default 0. */
  mtime?: number;
  mode?: number;
}

export interface TarFileEntry {
  type: 'file';
  path: string;
  /** Exact byte count the body yields; a body that yields more or less is refused. */
  size: number;
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  mtime?: number;
  mode?: number;
}

export type TarWriteEntry = TarDirectoryEntry | TarFileEntry;

const DEFAULT_FILE_MODE = 0o600;
const DEFAULT_DIRECTORY_MODE = 0o700;

function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  // length - 1 octal digits, zero-padded, then NUL.
  block.write(value.toString(8).padStart(length - 1, '0'), offset, length - 1, 'latin1');
  block[offset + length - 1] = 0;
}

function headerChecksum(block: Buffer): number {
  let sum = 0;
  for (let index = 0; index < TAR_BLOCK_SIZE; index++) {
    sum += index >= CHECKSUM_OFFSET && index < CHECKSUM_OFFSET + CHECKSUM_LENGTH ? 0x20 : block[index]!;
  }
  return sum;
}

interface UstarFields {
  name: Buffer;
  prefix: Buffer;
  mode: number;
  size: number;
  mtime: number;
  typeflag: string;
}

function ustarBlock(fields: UstarFields): Buffer {
  const block = Buffer.alloc(TAR_BLOCK_SIZE);
  fields.name.copy(block, 0, 0, Math.min(fields.name.length, USTAR_NAME_BYTES));
  writeOctal(block, 100, 8, fields.mode & 0o7777);
  writeOctal(block, 108, 8, 0); // uid
  writeOctal(block, 116, 8, 0); // gid
  writeOctal(block, 124, 12, fields.size);
  writeOctal(block, 136, 12, fields.mtime);
  block.write(fields.typeflag, 156, 1, 'latin1');
  block.write('ustar\u000000', 257, 8, 'latin1'); // magic "ustar\0" and version "00"
  // uname and gname stay empty: the writer's user name is nobody's business.
  writeOctal(block, 329, 8, 0); // devmajor
  writeOctal(block, 337, 8, 0); // devminor
  fields.prefix.copy(block, 345, 0, Math.min(fields.prefix.length, USTAR_PREFIX_BYTES));
  const checksum = headerChecksum(block);
  block.write(`${checksum.toString(8).padStart(6, '0')}\u0000 `, CHECKSUM_OFFSET, CHECKSUM_LENGTH, 'latin1');
  return block;
}

/** Splits a name into ustar prefix and name fields, or undefined if it does not fit. */
function splitUstarName(name: Buffer): { prefix: Buffer; name: Buffer } | undefined {
  if (name.length <= USTAR_NAME_BYTES) return { prefix: Buffer.alloc(0), name };
  for (let index = name.length - 1; index > 0; index--) {
    if (name[index] !== 0x2f) continue;
    if (index > USTAR_PREFIX_BYTES) continue;
    const tail = name.subarray(index + 1);
    if (tail.length === 0 || tail.length > USTAR_NAME_BYTES) return undefined;
    return { prefix: name.subarray(0, index), name: tail };
  }
  return undefined;
}

/** One pax record "<length> <key>=<value>\n", where the length counts the whole record. */
function paxRecord(key: string, value: string): Buffer {
  const body = Buffer.from(` ${key}=${value}\n`, 'utf8');
  let length = body.length + 1;
  while (String(length).length + body.length !== length) length = String(length).length + body.length;
  return Buffer.concat([Buffer.from(String(length), 'latin1'), body]);
}

function asciiFallback(text: string, maxBytes: number): Buffer {
  return Buffer.from(text.replace(/[^\x20-\x7e]/g, '_').slice(-maxBytes), 'latin1');
}

function padding(size: number): number {
  return (TAR_BLOCK_SIZE - (size % TAR_BLOCK_SIZE)) % TAR_BLOCK_SIZE;
}

/**
 * The header block(s) of one entry: a ustar block, preceded by a pax header where a name is not
 * ASCII or too long for ustar, or the size needs more than 11 octal digits.
 */
export function tarHeader(entry: { type: 'file' | 'directory'; path: string; size: number; mtime?: number; mode?: number }): Buffer {
  const path = checkTarPath(entry.path);
  if (path === '') unsafePath(entry.path, 'empty name');
  if (entry.type === 'directory' && entry.size !== 0) throw new TypeError('a tar directory entry has size 0');
  if (!Number.isSafeInteger(entry.size) || entry.size < 0) throw new TypeError('a tar entry size is a non-negative safe integer');
  const mtime = Math.max(0, Math.min(Math.floor(entry.mtime ?? 0), USTAR_MAX_SIZE));
  const mode = entry.mode ?? (entry.type === 'directory' ? DEFAULT_DIRECTORY_MODE : DEFAULT_FILE_MODE);
  const name = entry.type === 'directory' ? `${path}/` : path;
  const nameBytes = Buffer.from(name, 'utf8');
  const ascii = /^[\x20-\x7e]*$/.test(name);
  const split = ascii ? splitUstarName(nameBytes) : undefined;
  const records: Buffer[] = [];
  if (split === undefined) records.push(paxRecord('path', name));
  if (entry.size > USTAR_MAX_SIZE) records.push(paxRecord('size', String(entry.size)));
  const typeflag = entry.type === 'directory' ? '5' : '0';
  const main = ustarBlock({
    name: split?.name ?? asciiFallback(name, USTAR_NAME_BYTES),
    prefix: split?.prefix ?? Buffer.alloc(0),
    mode,
    size: entry.size > USTAR_MAX_SIZE ? 0 : entry.size,
    mtime,
    typeflag,
  });
  if (records.length === 0) return main;
  const pax = Buffer.concat(records);
  const paxHeader = ustarBlock({
    name: asciiFallback(`PaxHeaders/${path.split('/').pop() ?? ''}`, USTAR_NAME_BYTES),
    prefix: Buffer.alloc(0),
    mode: 0o600,
    size: pax.length,
    mtime,
    typeflag: 'x',
  });
  return Buffer.concat([paxHeader, pax, ZERO_BLOCK.subarray(0, padding(pax.length)), main]);
}

/** The end of an archive: two zero blocks, then zeros up to the next full record. */
export function tarEnd(bytesWritten: number): Buffer {
  const withEnd = bytesWritten + 2 * TAR_BLOCK_SIZE;
  const total = Math.ceil(withEnd / TAR_RECORD_SIZE) * TAR_RECORD_SIZE;
  return Buffer.alloc(total - bytesWritten);
}

/** The number of bytes writeTar yields for `entries` (headers, bodies of their sizes, padding, the end). */
export function tarStreamSize(entries: Iterable<TarWriteEntry>): number {
  let written = 0;
  for (const entry of entries) {
    const size = entry.type === 'file' ? entry.size : 0;
    written += tarHeader({ ...entry, size }).length + size + padding(size);
  }
  return written + tarEnd(written).length;
}

/**
 * Writes a tar stream of the entries, in order. A file's body must yield exactly `size` bytes; a
 * body that yields more or fewer (the source changed) throws "archive-source-changed".
 */
export async function* writeTar(entries: AsyncIterable<TarWriteEntry> | Iterable<TarWriteEntry>): AsyncGenerator<Buffer, void, undefined> {
  let written = 0;
  for await (const entry of entries) {
    const header = tarHeader({ ...entry, size: entry.type === 'file' ? entry.size : 0 });
    written += header.length;
    yield header;
    if (entry.type === 'directory') continue;
    let count = 0;
    for await (const chunk of entry.body) {
      count += chunk.length;
      if (count > entry.size) throw archiveError('archive-source-changed', `${entry.path} grew while it was being written (more than its ${entry.size} bytes).`);
      if (chunk.length > 0) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
    if (count !== entry.size) throw archiveError('archive-source-changed', `${entry.path} shrank while it was being written (${count} of ${entry.size} bytes).`);
    const pad = padding(entry.size);
    written += entry.size + pad;
    if (pad > 0) yield ZERO_BLOCK.subarray(0, pad);
  }
  yield tarEnd(written);
}

// ----------------------------------------------------------------------------------------- reader

export interface TarEntry {
  type: 'file' | 'directory';
  /** Checked and normalised (see checkTarPath): relative, no "..", no trailing "/". */
  path: string;
  size: number;
  mode: number;
  /** Seconds since 1970. */
  mtime: number;
  /**
   * The file's bytes (nothing for a directory). Read it before asking readTar for the next entry;
   * whatever is left unread is skipped then.
   */
  body: AsyncIterable<Buffer>;
}

function malformed(why: string): never {
  throw archiveError('tar-malformed', `The archive's tar is malformed: ${why}.`);
}

function truncated(why: string): never {
  throw archiveError('tar-truncated', `The archive's tar is truncated: ${why}.`);
}

function tooLarge(why: string): never {
  throw archiveError('tar-too-large', `Refused: ${why}.`);
}

function isZero(buffer: Buffer): boolean {
  for (let index = 0; index < buffer.length; index++) if (buffer[index] !== 0) return false;
  return true;
}

/** A NUL-terminated header string. */
function headerString(block: Buffer, offset: number, length: number): Buffer {
  const field = block.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return end === -1 ? field : field.subarray(0, end);
}

function decodeName(bytes: Buffer, what: string): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    // Names must be UTF-8 so that the one we check is the one every tool shows and unpacks.
    return malformed(`${what} is not valid UTF-8`);
  }
}

/** A numeric header field: octal digits (space or NUL terminated), or GNU base-256 for large values. */
function headerNumber(block: Buffer, offset: number, length: number, what: string): number {
  const field = block.subarray(offset, offset + length);
  if (field[0]! & 0x80) {
    // base-256: a negative value (0xff) is never valid for these fields.
    if (field[0] === 0xff) malformed(`negative ${what}`);
    let value = field[0]! & 0x7f;
    for (let index = 1; index < field.length; index++) {
      value = value * 256 + field[index]!;
      if (!Number.isSafeInteger(value)) tooLarge(`a tar ${what} is beyond any sane value`);
    }
    return value;
  }
  const text = field.toString('latin1');
  const match = /^ *([0-7]*)[ \u0000]*$/.exec(text);
  if (!match) malformed(`the ${what} field is not an octal number`);
  return match[1] === '' ? 0 : parseInt(match[1]!, 8);
}

function parsePax(data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    if (space === -1 || space - offset > 12) malformed('a pax record has no length');
    const lengthText = data.toString('latin1', offset, space);
    if (!/^[1-9][0-9]*$/.test(lengthText)) malformed('a pax record length is not a number');
    const end = offset + Number(lengthText);
    if (end > data.length || end <= space + 1 || data[end - 1] !== 0x0a) malformed('a pax record has the wrong length');
    const record = data.subarray(space + 1, end - 1);
    const equals = record.indexOf(0x3d);
    if (equals <= 0) malformed('a pax record has no key');
    records.set(decodeName(record.subarray(0, equals), 'a pax key'), decodeName(record.subarray(equals + 1), 'a pax value'));
    offset = end;
  }
  return records;
}

const UNSUPPORTED_TYPES: Record<string, string> = {
  '1': 'a hard link',
  '2': 'a symbolic link',
  '3': 'a character device',
  '4': 'a block device',
  '6': 'a FIFO',
  '7': 'a contiguous file',
  g: 'a pax global header',
  K: 'a GNU long link name',
  S: 'a GNU sparse file',
  V: 'a volume label',
  M: 'a multi-volume continuation',
  D: 'a GNU dump directory',
};

/**
 * Reads a tar stream, yielding each file and folder after checking its header: type, name, size
 * against the limits, duplicates. Fails with a UserError at the first thing wrong, before reading
 * that entry's data; ends only after the two zero blocks and nothing but zeros after them.
 */
export async function* readTar(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, limits?: Partial<TarReadLimits>): AsyncGenerator<TarEntry, void, undefined> {
  const resolved = resolveLimits(limits);
  const reader = new ByteReader(source);
  const registry = new TarPathRegistry();
  let entries = 0;
  let total = 0;
  let pax: Map<string, string> | undefined;
  let longName: string | undefined;

  const readExactly = async (count: number, what: string): Promise<Buffer> => {
    const data = await reader.read(count);
    if (data.length < count) truncated(`it ends inside ${what}`);
    return data;
  };
  const skip = async (count: number, what: string): Promise<void> => {
    let left = count;
    while (left > 0) {
      const piece = await reader.readSome(left);
      if (piece.length === 0) truncated(`it ends inside ${what}`);
      left -= piece.length;
    }
  };

  try {
    for (;;) {
      const block = await reader.read(TAR_BLOCK_SIZE);
      if (block.length === 0) truncated('it ends without the end-of-archive blocks');
      if (block.length < TAR_BLOCK_SIZE) truncated('it ends inside a header');

      if (isZero(block)) {
        if (pax !== undefined || longName !== undefined) malformed('an extended header is not followed by an entry');
        const second = await reader.read(TAR_BLOCK_SIZE);
        if (second.length < TAR_BLOCK_SIZE) truncated('it ends after a single zero block');
        // Entries hidden after the end marker are unpacked by some tools (tar -i) and not others.
        if (!isZero(second)) throw archiveError('tar-trailing-garbage', 'The archive has data after its tar end-of-archive marker: refused.');
        let trailing = 0;
        for (;;) {
          const piece = await reader.readSome(64 * 1024);
          if (piece.length === 0) return;
          trailing += piece.length;
          if (!isZero(piece)) throw archiveError('tar-trailing-garbage', 'The archive has data after its tar end-of-archive marker: refused.');
          if (trailing > resolved.maxTrailingZeroBytes) throw archiveError('tar-trailing-garbage', `The archive has more than ${resolved.maxTrailingZeroBytes} bytes of padding after its end: refused.`);
        }
      }

      const stored = headerNumber(block, CHECKSUM_OFFSET, CHECKSUM_LENGTH, 'checksum');
      // A wrong checksum means a damaged or hand-edited header whose fields cannot be trusted.
      if (stored !== headerChecksum(block)) throw archiveError('tar-bad-checksum', `A tar header at byte ${reader.position - TAR_BLOCK_SIZE} has a wrong checksum: the archive is damaged or altered.`);
      const magic = block.toString('latin1', 257, 265);
      // ustar/pax ("ustar\0" "00") or GNU ("ustar  \0"); pre-POSIX v7 headers cannot carry types safely.
      if (magic !== 'ustar\u000000' && magic !== 'ustar  \u0000') malformed('not a POSIX (ustar, pax or GNU) tar header');

      const typeflag = block[156] === 0 ? '0' : String.fromCharCode(block[156]!);
      const size = headerNumber(block, 124, 12, 'size');

      if (typeflag === 'x') {
        // Checked before reading: a pax header is held in memory.
        if (size > resolved.maxPaxHeaderBytes) tooLarge(`a pax extended header of ${size} bytes (limit ${resolved.maxPaxHeaderBytes})`);
        if (pax !== undefined) malformed('two pax extended headers in a row');
        pax = parsePax(await readExactly(size, 'a pax header'));
        await skip(padding(size), 'a pax header');
        continue;
      }
      if (typeflag === 'L') {
        if (size > resolved.maxPathBytes + 1) tooLarge(`a long name of ${size} bytes (limit ${resolved.maxPathBytes})`);
        if (longName !== undefined) malformed('two long-name headers in a row');
        longName = decodeName(headerString(await readExactly(size, 'a long name'), 0, size), 'a long name');
        await skip(padding(size), 'a long name');
        continue;
      }
      // Only plain files and folders: links can point outside the folder or at each other, devices
      // and FIFOs do things when opened, sparse files say one size and hold another.
      const unsupported = UNSUPPORTED_TYPES[typeflag];
      if (unsupported !== undefined) throw archiveError('tar-unsupported-entry', `The archive contains ${unsupported}, which a sealed archive never holds: refused.`);
      if (typeflag !== '0' && typeflag !== '5') throw archiveError('tar-unsupported-entry', `The archive contains a tar entry of unknown type ${JSON.stringify(typeflag)}: refused.`);
      if (pax !== undefined && [...pax.keys()].some((key) => key.startsWith('GNU.sparse.'))) {
        throw archiveError('tar-unsupported-entry', 'The archive contains a GNU sparse file, which a sealed archive never holds: refused.');
      }

      entries += 1;
      if (entries > resolved.maxEntries) tooLarge(`the archive has more than ${resolved.maxEntries} entries`);

      let rawName: string;
      if (longName !== undefined) rawName = longName;
      else if (pax?.has('path')) rawName = pax.get('path')!;
      else {
        const name = decodeName(headerString(block, 0, USTAR_NAME_BYTES), 'a name');
        const prefix = magic === 'ustar\u000000' ? decodeName(headerString(block, 345, USTAR_PREFIX_BYTES), 'a name prefix') : '';
        rawName = prefix === '' ? name : `${prefix}/${name}`;
      }
      let entrySize = size;
      if (pax?.has('size')) {
        const text = pax.get('size')!;
        if (!/^[0-9]{1,16}$/.test(text) || !Number.isSafeInteger(Number(text))) malformed('a pax size is not a number');
        entrySize = Number(text);
      }
      let mtime = headerNumber(block, 136, 12, 'mtime');
      if (pax?.has('mtime')) {
        const value = Number(pax.get('mtime'));
        if (!Number.isFinite(value)) malformed('a pax mtime is not a number');
        mtime = Math.floor(value);
      }
      const mode = headerNumber(block, 100, 8, 'mode') & 0o7777;
      pax = undefined;
      longName = undefined;

      const type = typeflag === '5' ? 'directory' : 'file';
      if (type === 'file' && rawName.endsWith('/')) malformed(`the file ${JSON.stringify(rawName)} has a folder's name`);
      const path = checkTarPath(rawName, resolved.maxPathBytes);
      if (type === 'directory') {
        if (entrySize !== 0) malformed(`the folder ${JSON.stringify(rawName)} has a size`);
        if (path === '') continue; // "./": the archive's own root
      } else {
        if (path === '') unsafePath(rawName, 'empty name');
        // Sizes are checked before a byte of the entry is read.
        if (entrySize > resolved.maxEntryBytes) tooLarge(`${JSON.stringify(path)} is ${entrySize} bytes (limit ${resolved.maxEntryBytes} per file)`);
        total += entrySize;
        if (total > resolved.maxTotalBytes) tooLarge(`the archive holds more than ${resolved.maxTotalBytes} bytes`);
      }
      registry.add(path, type);

      let remaining = type === 'file' ? entrySize : 0;
      const body: AsyncIterable<Buffer> = {
        async *[Symbol.asyncIterator]() {
          while (remaining > 0) {
            const piece = await reader.readSome(Math.min(remaining, 1024 * 1024));
            if (piece.length === 0) truncated(`it ends inside ${JSON.stringify(path)}`);
            remaining -= piece.length;
            yield piece;
          }
        },
      };
      yield { type, path, size: type === 'file' ? entrySize : 0, mode, mtime, body };
      await skip(remaining, JSON.stringify(path));
      remaining = 0;
      await skip(padding(entrySize), JSON.stringify(path));
    }
  } finally {
    await reader.close();
  }
}
