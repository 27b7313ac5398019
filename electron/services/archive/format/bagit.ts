/**
 * BagIt 1.0 (RFC 8493) tag files: bagit.txt, bag-info.txt, manifest-sha256.txt and
 * tagmanifest-sha256.txt, written and parsed. Parsers take the raw bytes of a tag file, decode them
 * as strict UTF-8 and refuse anything the RFC does not allow, each with a UserError.
 */
import { createHash } from 'node:crypto';
import { archiveError } from './errors';

export const BAGIT_VERSION = '1.0';
export const BAGIT_FILE = 'bagit.txt';
export const BAG_INFO_FILE = 'bag-info.txt';
export const PAYLOAD_MANIFEST_FILE = 'manifest-sha256.txt';
export const TAG_MANIFEST_FILE = 'tagmanifest-sha256.txt';
export const PAYLOAD_DIRECTORY = 'data';

export const BAGIT_TXT = `BagIt-Version: ${BAGIT_VERSION}\nTag-File-Character-Encoding: UTF-8\n`;

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;
/** RFC 8493 §2.1.1: a label has no colon and does not start with whitespace. */
const LABEL = /^[^\s:][^:]*$/;

function bagMalformed(file: string, why: string): never {
  throw archiveError('bag-malformed', `The bag's ${file} is malformed: ${why}.`);
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Decodes a tag file as UTF-8 (RFC 8493 §2.1.1 requires it here) and splits it into lines. */
function tagFileLines(bytes: Uint8Array, file: string): string[] {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bagMalformed(file, 'it starts with a byte-order mark');
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    bagMalformed(file, 'it is not valid UTF-8');
  }
  // RFC 8493 §2.1: lines end with LF, CR LF or CR.
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

// ---------------------------------------------------------------------------------- manifest paths

/** RFC 8493 §2.1.3: in a manifest, "%", LF and CR in a path are written %25, %0A and %0D. */
export function encodeManifestPath(path: string): string {
  return path.replace(/%/g, '%25').replace(/\n/g, '%0A').replace(/\r/g, '%0D');
}

export function decodeManifestPath(encoded: string): string {
  return encoded.replace(/%(25|0A|0D)/gi, (_match, code: string) => String.fromCharCode(parseInt(code, 16)));
}

// ------------------------------------------------------------------------------------- bagit.txt

/** Checks bagit.txt: BagIt-Version 1.0 and Tag-File-Character-Encoding UTF-8, nothing else. */
export function parseBagitTxt(bytes: Uint8Array): { version: string; encoding: string } {
  const lines = tagFileLines(bytes, BAGIT_FILE);
  const version = /^BagIt-Version: ([0-9]+\.[0-9]+)$/.exec(lines[0] ?? '');
  const encoding = /^Tag-File-Character-Encoding: (\S+)$/.exec(lines[1] ?? '');
  if (lines.length !== 2 || !version || !encoding) bagMalformed(BAGIT_FILE, 'expected exactly "BagIt-Version: 1.0" and "Tag-File-Character-Encoding: UTF-8"');
  if (version[1] !== BAGIT_VERSION) throw archiveError('bag-unsupported-version', `The bag is BagIt ${version[1]}; only BagIt ${BAGIT_VERSION} is read.`);
  if (encoding[1]!.toUpperCase() !== 'UTF-8') throw archiveError('bag-unsupported-version', `The bag's tag files are in ${encoding[1]}; only UTF-8 is read.`);
  return { version: version[1]!, encoding: encoding[1]! };
}

// ---------------------------------------------------------------------------------- bag-info.txt

/** Label and value pairs in order; a label may repeat (RFC 8493 §2.2.2). */
export type BagInfoFields = Array<[label: string, value: string]>;

export function formatBagInfo(fields: BagInfoFields): string {
  let text = '';
  for (const [label, value] of fields) {
    // A newline in a value would start a new field when read back: a caller bug.
    if (!LABEL.test(label) || /[\r\n]/.test(label)) throw new TypeError(`bag-info label ${JSON.stringify(label)} is not allowed`);
    if (/[\r\n]/.test(value) || value !== value.trim()) throw new TypeError(`bag-info value for ${label} must be one trimmed line`);
    text += `${label}: ${value}\n`;
  }
  return text;
}

/** Parses bag-info.txt, joining continuation lines (lines that start with whitespace) with a space. */
export function parseBagInfo(bytes: Uint8Array): BagInfoFields {
  const fields: BagInfoFields = [];
  for (const line of tagFileLines(bytes, BAG_INFO_FILE)) {
    if (/^[ \t]/.test(line)) {
      const last = fields[fields.length - 1];
      if (last === undefined) bagMalformed(BAG_INFO_FILE, 'it starts with a continuation line');
      last[1] = `${last[1]} ${line.trim()}`.trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) bagMalformed(BAG_INFO_FILE, `a line has no "label: value" (${JSON.stringify(line.slice(0, 60))})`);
    const label = line.slice(0, colon);
    if (!LABEL.test(label)) bagMalformed(BAG_INFO_FILE, `a label is not allowed (${JSON.stringify(label.slice(0, 60))})`);
    fields.push([label.trimEnd(), line.slice(colon + 1).trim()]);
  }
  return fields;
}

/** The single value of a label, undefined if absent; refuses a label that appears twice. */
export function bagInfoValue(fields: BagInfoFields, label: string): string | undefined {
  const values = fields.filter(([name]) => name.toLowerCase() === label.toLowerCase());
  if (values.length > 1) bagMalformed(BAG_INFO_FILE, `${label} appears ${values.length} times`);
  return values[0]?.[1];
}

// -------------------------------------------------------------------------------- Payload-Oxum

export interface PayloadOxum {
  bytes: number;
  count: number;
}

export function formatPayloadOxum(oxum: PayloadOxum): string {
  return `${oxum.bytes}.${oxum.count}`;
}

export function parsePayloadOxum(text: string): PayloadOxum {
  const match = /^([0-9]{1,16})\.([0-9]{1,16})$/.exec(text);
  if (!match || !Number.isSafeInteger(Number(match[1])) || !Number.isSafeInteger(Number(match[2]))) {
    bagMalformed(BAG_INFO_FILE, `Payload-Oxum ${JSON.stringify(text.slice(0, 40))} is not "<octets>.<file count>"`);
  }
  return { bytes: Number(match[1]), count: Number(match[2]) };
}

// ------------------------------------------------------------------------------------ manifests

export interface ManifestEntry {
  /** Relative to the bag's root, with "/" separators, e.g. "data/testimonies/x.json". */
  path: string;
  /** Lower-case hex SHA-256. */
  sha256: string;
}

/** "<sha256>  <path>" per line: what `sha256sum` writes and `sha256sum -c` reads. */
export function formatManifest(entries: Iterable<ManifestEntry>): string {
  let text = '';
  for (const entry of entries) {
    if (!SHA256_HEX.test(entry.sha256)) throw new TypeError(`manifest hash for ${entry.path} is not a SHA-256 hex digest`);
    text += `${entry.sha256.toLowerCase()}  ${encodeManifestPath(entry.path)}\n`;
  }
  return text;
}

/**
 * Parses a manifest into path → lower-case hash, in order. Refuses a path listed twice (which of
 * the two hashes would be meant?), a hash that is not SHA-256, and paths that climb or are absolute.
 */
export function parseManifest(bytes: Uint8Array, file: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of tagFileLines(bytes, file)) {
    const match = /^([0-9a-fA-F]+)[ \t]+(.+)$/.exec(line);
    if (!match || !SHA256_HEX.test(match[1]!)) bagMalformed(file, `a line is not "<sha256> <path>" (${JSON.stringify(line.slice(0, 80))})`);
    const path = decodeManifestPath(match[2]!);
    const components = path.split('/');
    if (path.startsWith('/') || components.some((component) => component === '' || component === '.' || component === '..') || path.includes('\\')) {
      bagMalformed(file, `the path ${JSON.stringify(path.slice(0, 80))} is not a plain relative path`);
    }
    if (entries.has(path)) bagMalformed(file, `${JSON.stringify(path.slice(0, 80))} is listed twice`);
    entries.set(path, match[1]!.toLowerCase());
  }
  return entries;
}
