/**
 * Builds archives by hand for refusal and mutation tests: opens a real archive into its tar
 * entries, lets a test change them (paths, links, devices, contents, bag-info, signer), and seals
 * the result again. The tar writer here is deliberately naive (raw ustar headers, any name, any
 * type flag), so that it can produce what the program's own writer refuses to.
 */
import crypto from 'node:crypto';
import {
  decryptAgeBuffer,
  encryptAgeBuffer,
  readTar,
  signMinisign,
  type MinisignSecretKey,
} from '../../electron/services/archive/format';
import { formatArchiveTrustedComment as formatComment } from '@shared/archive/sealed-archive-format';

export interface RawEntry {
  name: string;
  data: Buffer;
  /** ustar type flag: '0' file, '5' directory, '1' hard link, '2' symlink, '3'/'4' devices, '6' FIFO. */
  type?: string;
  linkname?: string;
}

const BLOCK = 512;

function octal(value: number, length: number): Buffer {
  return Buffer.from(`${value.toString(8).padStart(length - 1, '0')}\0`, 'latin1');
}

/** One raw ustar header: whatever name and type it is given (names up to 100 bytes). */
export function rawHeader(entry: RawEntry): Buffer {
  const header = Buffer.alloc(BLOCK);
  let name = Buffer.from(entry.name, 'utf8');
  if (name.length > 100) {
    // ustar: the part before a "/" goes into the 155-byte prefix field.
    const cut = entry.name.lastIndexOf('/', entry.name.length - 1 - (name.length - 101));
    const prefix = Buffer.from(entry.name.slice(0, cut), 'utf8');
    name = Buffer.from(entry.name.slice(cut + 1), 'utf8');
    if (cut < 0 || prefix.length > 155 || name.length > 100) throw new Error(`test tar name too long: ${entry.name}`);
    prefix.copy(header, 345);
  }
  name.copy(header, 0);
  octal(entry.type === '5' ? 0o700 : 0o600, 8).copy(header, 100);
  octal(0, 8).copy(header, 108);
  octal(0, 8).copy(header, 116);
  octal(entry.type === undefined || entry.type === '0' ? entry.data.length : 0, 12).copy(header, 124);
  octal(0, 12).copy(header, 136);
  header.write('        ', 148, 'latin1');
  header.write(entry.type ?? '0', 156, 'latin1');
  if (entry.linkname) header.write(entry.linkname, 157, 'utf8');
  header.write('ustar\0', 257, 'latin1');
  header.write('00', 263, 'latin1');
  let sum = 0;
  for (const byte of header) sum += byte;
  Buffer.from(`${sum.toString(8).padStart(6, '0')}\0 `, 'latin1').copy(header, 148);
  return header;
}

export function rawTar(entries: readonly RawEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    parts.push(rawHeader(entry));
    const isFile = entry.type === undefined || entry.type === '0';
    if (isFile && entry.data.length > 0) {
      parts.push(entry.data, Buffer.alloc((BLOCK - (entry.data.length % BLOCK)) % BLOCK));
    }
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}

/** The files of a (decrypted) archive's tar, in order; folders left out. */
export async function tarFiles(tar: Buffer): Promise<RawEntry[]> {
  const files: RawEntry[] = [];
  for await (const entry of readTar([tar])) {
    const parts: Buffer[] = [];
    for await (const chunk of entry.body) parts.push(chunk);
    if (entry.type === 'file') files.push({ name: entry.path, data: Buffer.concat(parts) });
  }
  return files;
}

export async function openToTar(archive: Buffer, identities: string[]): Promise<Buffer> {
  return decryptAgeBuffer(archive, identities);
}

export async function sealTar(tar: Buffer, recipients: string[]): Promise<Buffer> {
  return encryptAgeBuffer(tar, recipients);
}

const sha256 = (data: Buffer | string) => crypto.createHash('sha256').update(data).digest('hex');

/** Reads bag-info.txt into [label, value] pairs. */
export function bagInfoFields(text: string): Array<[string, string]> {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(': ');
      return [line.slice(0, colon), line.slice(colon + 2)];
    });
}

/**
 * Rebuilds the tag files of a bag from its payload (`data/…` entries) and signs them with
 * `signer`, as a sender would: new manifest, Payload-Oxum, tag manifest and signature.
 * `editBagInfo` may change fields before signing.
 */
export function resign(
  files: RawEntry[],
  signer: MinisignSecretKey,
  options: { editBagInfo?: (fields: Array<[string, string]>) => Array<[string, string]>; trustedComment?: string } = {},
): RawEntry[] {
  const root = files[0]!.name.split('/')[0]!;
  const payload = files.filter((file) => file.name.startsWith(`${root}/data/`));
  const manifest = payload.map((file) => `${sha256(file.data)}  ${file.name.slice(root.length + 1)}\n`).join('');
  const bagInfoEntry = files.find((file) => file.name === `${root}/bag-info.txt`)!;
  let fields = bagInfoFields(bagInfoEntry.data.toString('utf8')).map(([label, value]): [string, string] =>
    label === 'Payload-Oxum' ? [label, `${payload.reduce((sum, file) => sum + file.data.length, 0)}.${payload.length}`] : [label, value],
  );
  if (options.editBagInfo) fields = options.editBagInfo(fields);
  const bagInfo = Buffer.from(fields.map(([label, value]) => `${label}: ${value}\n`).join(''), 'utf8');
  const bagit = files.find((file) => file.name === `${root}/bagit.txt`)!.data;
  const manifestData = Buffer.from(manifest, 'utf8');
  const tagManifest = Buffer.from(
    `${sha256(bagit)}  bagit.txt\n${sha256(bagInfo)}  bag-info.txt\n${sha256(manifestData)}  manifest-sha256.txt\n`,
    'utf8',
  );
  const value = (label: string) => fields.find(([l]) => l === label)?.[1] ?? '';
  const trustedComment =
    options.trustedComment ??
    formatComment({ archiveId: value('External-Identifier'), created: value('TW-Created'), recipients: value('TW-Recipients').split(',') });
  const signature = Buffer.from(signMinisign(tagManifest, signer, { trustedComment }), 'utf8');
  return [
    { name: `${root}/bagit.txt`, data: bagit },
    { name: `${root}/bag-info.txt`, data: bagInfo },
    { name: `${root}/manifest-sha256.txt`, data: manifestData },
    { name: `${root}/tagmanifest-sha256.txt`, data: tagManifest },
    { name: `${root}/tagmanifest-sha256.txt.minisig`, data: signature },
    ...payload,
  ];
}

