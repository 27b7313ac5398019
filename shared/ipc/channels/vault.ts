/**
 * Creating, unlocking and locking the vault, and passphrases. The vault folder is the handlers'
 * (HandlerContext.vaultDir): the renderer never names a path.
 */
import { z } from 'zod';
import { Role } from '../../roles';
import { noRequest, uuid, type ChannelSpec } from './common';

/** The person a vault is unlocked for, as the UI may show it. */
export const sessionUserSchema = z.strictObject({
  id: uuid,
  name: z.string().min(1).max(200),
  roles: z.array(Role).min(1).max(3),
  isAdmin: z.boolean(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

/**
 * Who holds the vault open: a user (by passphrase), or whoever has the paper recovery key, who may
 * only set a user's passphrase.
 */
export const vaultSessionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('user'), user: sessionUserSchema }),
  z.strictObject({ kind: z.literal('recovery'), userNames: z.array(z.string().min(1).max(200)).max(1000) }),
]);
export type VaultSession = z.infer<typeof vaultSessionSchema>;

export const vaultStateSchema = z.enum(['no-vault', 'locked', 'unlocked']);
export type VaultState = z.infer<typeof vaultStateSchema>;

/** The services' rule (at least 10 characters); the UI shows strength on top of it. */
export const MIN_PASSPHRASE_CHARACTERS = 10;
const passphrase = z.string().min(1).max(4096);
const userName = z.string().trim().min(1).max(64);

export const vaultChannels = {
  'vault:status': {
    request: noRequest,
    response: z.strictObject({ state: vaultStateSchema, session: vaultSessionSchema.optional() }),
  },
  'vault:create': {
    // The recovery key crosses IPC once, in this answer; the main process keeps no copy.
    request: z.strictObject({ userName, roles: z.array(Role).min(1).max(3), passphrase }),
    response: z.strictObject({ session: vaultSessionSchema, recoveryKey: z.string().regex(/^TWRK-[0-9A-Z-]+$/) }),
  },
  'vault:unlock': {
    // A passphrase or the recovery key (told apart by its shape); never echoed back in an error.
    request: z.strictObject({ passphrase }),
    response: z.strictObject({ session: vaultSessionSchema }),
  },
  'vault:lock': {
    request: noRequest,
    response: z.null(),
  },
  'vault:change-passphrase': {
    // For oneself; with the recovery key, for the named user.
    request: z.strictObject({ newPassphrase: passphrase, userName: userName.optional() }),
    response: z.null(),
  },
} as const satisfies Record<string, ChannelSpec>;
