import fs from 'node:fs';
import crypto from 'node:crypto';
import argon2 from 'argon2';
import { z } from 'zod';
import { UserError } from '@shared/errors';
import { writeFileAtomic } from './atomic-file';

/**
 * Key slots: the random database key, wrapped once per user passphrase (Argon2id) and once for the
 * recovery key. The file holds no names: a slot is a random id, the user it belongs to is recorded
 * inside the encrypted database. Changing a passphrase rewrites one slot, never the database.
 */

export const KEYSLOT_FILE = 'keyslots.json';
export const DATABASE_KEY_BYTES = 32;

/** Floor enforced when a slot is read: a tampered file cannot weaken the passphrase hashing. */
export const ARGON2_FLOOR = { memoryKiB: 256 * 1024, iterations: 3, parallelism: 1 } as const;
export const ARGON2_DEFAULT = { memoryKiB: 256 * 1024, iterations: 3, parallelism: 4 } as const;
/** Upper bounds so that a hostile slot file cannot make unlock allocate or spin without limit. */
const ARGON2_CEILING = { memoryKiB: 4 * 1024 * 1024, iterations: 64, parallelism: 16 } as const;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/).max(1024);

const Argon2Kdf = z.strictObject({
  name: z.literal('argon2id'),
  memoryKiB: z.number().int().min(ARGON2_FLOOR.memoryKiB).max(ARGON2_CEILING.memoryKiB),
  iterations: z.number().int().min(ARGON2_FLOOR.iterations).max(ARGON2_CEILING.iterations),
  parallelism: z.number().int().min(ARGON2_FLOOR.parallelism).max(ARGON2_CEILING.parallelism),
  salt: base64,
});
/** The recovery key has 256 bits of entropy, so it needs no stretching, only domain separation. */
const HkdfKdf = z.strictObject({ name: z.literal('hkdf-sha256'), salt: base64 });

const Wrap = z.strictObject({
  cipher: z.literal('chacha20-poly1305'),
  nonce: base64,
  ciphertext: base64,
  tag: base64,
});

const PassphraseSlot = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{32}$/),
  kind: z.literal('passphrase'),
  kdf: Argon2Kdf,
  wrap: Wrap,
});
const RecoverySlot = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{32}$/),
  kind: z.literal('recovery'),
  kdf: HkdfKdf,
  wrap: Wrap,
});
const Slot = z.discriminatedUnion('kind', [PassphraseSlot, RecoverySlot]);
export type Slot = z.infer<typeof Slot>;

const SlotFile = z.strictObject({
  format: z.literal('tw-keyslots'),
  version: z.literal(1),
  slots: z.array(Slot).min(1).max(64),
});
type SlotFile = z.infer<typeof SlotFile>;

export interface Argon2Parameters {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

function slotAad(slot: Pick<Slot, 'id' | 'kind' | 'kdf'>): Buffer {
  // Binds the wrapped key to its slot id and KDF parameters: editing either breaks the tag.
  return Buffer.from(`tw-keyslot-v1\n${slot.id}\n${slot.kind}\n${JSON.stringify(slot.kdf)}`, 'utf8');
}

async function deriveArgon2(passphrase: string, kdf: z.infer<typeof Argon2Kdf>): Promise<Buffer> {
  return argon2.hash(passphrase.normalize('NFC'), {
    type: argon2.argon2id,
    memoryCost: kdf.memoryKiB,
    timeCost: kdf.iterations,
    parallelism: kdf.parallelism,
    salt: Buffer.from(kdf.salt, 'base64'),
    hashLength: 32,
    raw: true,
  });
}

function deriveHkdf(recoveryKey: Buffer, kdf: z.infer<typeof HkdfKdf>): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', recoveryKey, Buffer.from(kdf.salt, 'base64'), 'tw-recovery-slot-v1', 32));
}

function wrapKey(kek: Buffer, databaseKey: Buffer, aad: Buffer): z.infer<typeof Wrap> {
  const nonce = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('chacha20-poly1305', kek, nonce, { authTagLength: 16 });
  cipher.setAAD(aad, { plaintextLength: databaseKey.length });
  const ciphertext = Buffer.concat([cipher.update(databaseKey), cipher.final()]);
  return {
    cipher: 'chacha20-poly1305',
    nonce: nonce.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

function unwrapKey(kek: Buffer, wrap: z.infer<typeof Wrap>, aad: Buffer): Buffer | undefined {
  try {
    const decipher = crypto.createDecipheriv('chacha20-poly1305', kek, Buffer.from(wrap.nonce, 'base64'), {
      authTagLength: 16,
    });
    const ciphertext = Buffer.from(wrap.ciphertext, 'base64');
    decipher.setAAD(aad, { plaintextLength: ciphertext.length });
    decipher.setAuthTag(Buffer.from(wrap.tag, 'base64'));
    const key = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    return key.length === DATABASE_KEY_BYTES ? key : undefined;
  } catch {
    return undefined;
  }
}

export async function makePassphraseSlot(
  passphrase: string,
  databaseKey: Buffer,
  parameters: Argon2Parameters = ARGON2_DEFAULT,
): Promise<Slot> {
  const kdf = { name: 'argon2id' as const, ...parameters, salt: crypto.randomBytes(16).toString('base64') };
  Argon2Kdf.parse(kdf);
  const id = crypto.randomBytes(16).toString('hex');
  const kek = await deriveArgon2(passphrase, kdf);
  try {
    return { id, kind: 'passphrase', kdf, wrap: wrapKey(kek, databaseKey, slotAad({ id, kind: 'passphrase', kdf })) };
  } finally {
    kek.fill(0);
  }
}

export function makeRecoverySlot(recoveryKey: Buffer, databaseKey: Buffer): Slot {
  const kdf = { name: 'hkdf-sha256' as const, salt: crypto.randomBytes(16).toString('base64') };
  const id = crypto.randomBytes(16).toString('hex');
  const kek = deriveHkdf(recoveryKey, kdf);
  try {
    return { id, kind: 'recovery', kdf, wrap: wrapKey(kek, databaseKey, slotAad({ id, kind: 'recovery', kdf })) };
  } finally {
    kek.fill(0);
  }
}

export function readSlotFile(vaultDir: string): SlotFile {
  const file = `${vaultDir}/${KEYSLOT_FILE}`;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UserError('not-a-vault', `${vaultDir} is not a vault (no ${KEYSLOT_FILE})`);
    }
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UserError('keyslots-corrupt', `${KEYSLOT_FILE} is damaged: it is not valid JSON`);
  }
  const parsed = SlotFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') : '';
    throw new UserError(
      'keyslots-corrupt',
      `${KEYSLOT_FILE} is damaged or its parameters are below the allowed floor (${where}: ${issue?.message ?? 'invalid'})`,
    );
  }
  return parsed.data;
}

export function writeSlotFile(vaultDir: string, slots: Slot[]): void {
  const file: SlotFile = SlotFile.parse({ format: 'tw-keyslots', version: 1, slots });
  writeFileAtomic(`${vaultDir}/${KEYSLOT_FILE}`, `${JSON.stringify(file, null, 2)}\n`);
}

export interface UnlockedKey {
  databaseKey: Buffer;
  slotId: string;
  kind: Slot['kind'];
}

/**
 * Tries the passphrase against every passphrase slot (the file does not say whose slot is whose),
 * two at a time to use both cores without doubling peak memory beyond reason.
 */
export async function unlockWithPassphrase(vaultDir: string, passphrase: string): Promise<UnlockedKey> {
  const slots = readSlotFile(vaultDir).slots.filter((slot) => slot.kind === 'passphrase');
  for (let index = 0; index < slots.length; index += 2) {
    const batch = slots.slice(index, index + 2);
    const results = await Promise.all(
      batch.map(async (slot) => {
        if (slot.kind !== 'passphrase') return undefined;
        const kek = await deriveArgon2(passphrase, slot.kdf);
        try {
          const key = unwrapKey(kek, slot.wrap, slotAad(slot));
          return key ? { databaseKey: key, slotId: slot.id, kind: slot.kind } : undefined;
        } finally {
          kek.fill(0);
        }
      }),
    );
    const found = results.find((result) => result !== undefined);
    if (found) {
      for (const other of results) if (other && other !== found) other.databaseKey.fill(0);
      return found;
    }
  }
  throw new UserError('wrong-passphrase', 'Wrong passphrase: it opens no key slot of this vault');
}

export function unlockWithRecoveryKey(vaultDir: string, recoveryKey: Buffer): UnlockedKey {
  for (const slot of readSlotFile(vaultDir).slots) {
    if (slot.kind !== 'recovery') continue;
    const kek = deriveHkdf(recoveryKey, slot.kdf);
    try {
      const key = unwrapKey(kek, slot.wrap, slotAad(slot));
      if (key) return { databaseKey: key, slotId: slot.id, kind: 'recovery' };
    } finally {
      kek.fill(0);
    }
  }
  throw new UserError('wrong-recovery-key', 'Wrong recovery key: it opens no key slot of this vault');
}

/** Replaces the slot with id `slotId` (or appends when absent) in one atomic write. */
export function putSlot(vaultDir: string, slot: Slot, replaceSlotId?: string): void {
  const slots = readSlotFile(vaultDir).slots.filter((existing) => existing.id !== replaceSlotId);
  slots.push(slot);
  writeSlotFile(vaultDir, slots);
}

export function removeSlot(vaultDir: string, slotId: string): void {
  writeSlotFile(
    vaultDir,
    readSlotFile(vaultDir).slots.filter((slot) => slot.id !== slotId),
  );
}
