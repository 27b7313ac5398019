/**
 * Test support for the format layer: keys, hand-built age files (with chosen chunks, for hostile
 * input), and unpacking / repacking archives so that tests can alter a valid archive one detail at
 * a time. Imported by tests only.
 */
import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { Encrypter, type Recipient } from 'age-encryption';
import { formatArchiveTrustedComment } from '@shared/archive/sealed-archive-format';
import { isUserError } from '@shared/errors';
import { ageRecipientOf, decryptAgeBuffer, encryptAgeBuffer, generateAgeIdentity, type AgeKeyKind } from './age';
import { BAG_INFO_FILE, BAGIT_FILE, PAYLOAD_MANIFEST_FILE, TAG_MANIFEST_FILE, formatManifest, sha256Hex } from './bagit';
import { createMinisignPrehash, encodeMinisignPublicKey, generateMinisignKeyPair, signMinisign, type MinisignSecretKey } from './minisign';
import { SIGNATURE_FILE } from './sealed-archive';
import { readTar, writeTar, type TarWriteEntry } from './tar';

export interface AgeKeys {
  identity: string;
  recipient: string;
}

export async function ageKeys(kind: AgeKeyKind = 'x25519'): Promise<AgeKeys> {
  const identity = await generateAgeIdentity(kind);
  return { identity, recipient: await ageRecipientOf(identity) };
}

export function signerKeys(): { signer: MinisignSecretKey; trusted: { name: string; minisignPublicKey: string } } {
  const signer = generateMinisignKeyPair();
  return { signer, trusted: { name: 'field laptop 1', minisignPublicKey: encodeMinisignPublicKey(signer) } };
}

/** The UserError code `run` throws, "accepted" if it returns, or a note if it throws anything else. */
export function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return describeFailure(error);
  }
  return 'accepted';
}

/** codeOf for a promise. */
export async function codeOfAsync(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return describeFailure(error);
  }
  return 'accepted';
}

function describeFailure(error: unknown): string {
  return isUserError(error) ? error.code : `not a UserError: ${String(error)}`;
}

/** True if a command-line tool is on PATH. */
export function hasTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/**
 * An age file built from first principles (c2sp.org/age), with the chunks the test chooses, so
 * that files no honest writer produces (empty final chunks, data after the end, a missing final
 * chunk) can be fed to the reader. The header comes from age-encryption, the payload from here.
 */
export async function craftAgeFile(recipient: string, chunks: Array<{ plaintext: Buffer; last: boolean }>, trailing?: Buffer): Promise<Buffer> {
  let fileKey: Uint8Array | undefined;
  const capture: Recipient = {
    wrapFileKey(key) {
      fileKey = key;
      return [];
    },
  };
  const encrypter = new Encrypter();
  encrypter.addRecipient(recipient);
  encrypter.addRecipient(capture);
  const sample = await encrypter.encrypt(new Uint8Array(0));
  const header = Buffer.from(sample.subarray(0, sample.length - 32));
  const nonce = randomBytes(16);
  const key = Buffer.from(hkdfSync('sha256', fileKey!, nonce, 'payload', 32));
  const parts: Buffer[] = [header, nonce];
  chunks.forEach((chunk, counter) => {
    const chunkNonce = Buffer.alloc(12);
    chunkNonce.writeUIntBE(counter, 5, 6);
    chunkNonce[11] = chunk.last ? 1 : 0;
    const cipher = createCipheriv('chacha20-poly1305', key, chunkNonce, { authTagLength: 16 });
    parts.push(cipher.update(chunk.plaintext), cipher.final(), cipher.getAuthTag());
  });
  if (trailing) parts.push(trailing);
  return Buffer.concat(parts);
}

/** Where the age header ends in a file (after the MAC line). */
export function ageHeaderLength(file: Buffer): number {
  const mac = file.indexOf('\n--- ');
  return file.indexOf(0x0a, mac + 1) + 1;
}

export interface Member {
  type: 'file' | 'directory';
  path: string;
  bytes: Buffer;
}

export async function unpackTar(tar: Buffer): Promise<Member[]> {
  const members: Member[] = [];
  for await (const entry of readTar([tar])) {
    const parts: Buffer[] = [];
    for await (const chunk of entry.body) parts.push(chunk);
    members.push({ type: entry.type, path: entry.path, bytes: Buffer.concat(parts) });
  }
  return members;
}

export async function packTar(members: Member[]): Promise<Buffer> {
  const entries: TarWriteEntry[] = members.map((member) =>
    member.type === 'directory' ? { type: 'directory', path: member.path } : { type: 'file', path: member.path, size: member.bytes.length, body: [member.bytes] },
  );
  const parts: Buffer[] = [];
  for await (const part of writeTar(entries)) parts.push(part);
  return Buffer.concat(parts);
}

/** Decrypts and unpacks a (small) archive into its members. */
export async function unpackArchive(archive: Buffer, identity: string): Promise<Member[]> {
  return unpackTar(await decryptAgeBuffer(archive, [identity]));
}

/** Packs members into a tar and age-encrypts it. */
export async function packArchive(members: Member[], recipients: readonly string[]): Promise<Buffer> {
  return encryptAgeBuffer(await packTar(members), recipients);
}

export function member(members: Member[], path: string): Member {
  const found = members.find((candidate) => candidate.path === path);
  if (!found) throw new Error(`no member ${path}`);
  return found;
}

export function setMember(members: Member[], path: string, bytes: Buffer | string): void {
  member(members, path).bytes = Buffer.from(bytes);
}

/**
 * Recomputes manifest-sha256.txt (unless told to keep it), tagmanifest-sha256.txt and the
 * signature after a test changed a member, as a sender with `signer` would: the result is a validly
 * signed bag, so that the check under test is the only one that can refuse it.
 */
export function resign(
  members: Member[],
  root: string,
  signer: MinisignSecretKey,
  options: { keepManifest?: boolean; trustedComment?: string; created?: string; recipients?: string[]; extraTagManifestLines?: string } = {},
): void {
  if (!options.keepManifest) {
    const payload = members.filter((candidate) => candidate.type === 'file' && candidate.path.startsWith(`${root}/data/`));
    setMember(members, `${root}/${PAYLOAD_MANIFEST_FILE}`, formatManifest(payload.map((file) => ({ path: file.path.slice(root.length + 1), sha256: sha256Hex(file.bytes) }))));
  }
  const tagManifest =
    formatManifest([BAGIT_FILE, BAG_INFO_FILE, PAYLOAD_MANIFEST_FILE].map((name) => ({ path: name, sha256: sha256Hex(member(members, `${root}/${name}`).bytes) }))) +
    (options.extraTagManifestLines ?? '');
  setMember(members, `${root}/${TAG_MANIFEST_FILE}`, tagManifest);
  const trustedComment =
    options.trustedComment ?? formatArchiveTrustedComment({ archiveId: root, created: options.created ?? CREATED, recipients: options.recipients ?? [RECIPIENT_FINGERPRINT] });
  setMember(members, `${root}/${SIGNATURE_FILE}`, signMinisign({ prehash: createMinisignPrehash().update(tagManifest).digest() }, signer, { trustedComment }));
}

export const CREATED = '2024-05-01T09:30:00+09:00';
export const SENDER_FINGERPRINT = '12345 67890 12345 67890';
export const RECIPIENT_FINGERPRINT = '09876 54321 09876 54321';
