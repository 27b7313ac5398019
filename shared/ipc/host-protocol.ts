/**
 * Messages between the main process and the service host (the process that runs the services:
 * SQLite, Argon2, archive crypto). Both sides parse every message they receive with these schemas;
 * the payloads inside (`request`, `result`, `payload`) are parsed again with the IPC contract's and
 * the events' schemas by whoever uses them.
 * Pure on purpose: shared/ imports only zod and shared/.
 */
import { z } from 'zod';
import { absolutePathSchema as absolutePath } from '../app-settings';
import { APP_EVENT_LIST } from './events';
import { IPC_CHANNEL_LIST } from './contract';

const channelSchema = z.enum(IPC_CHANNEL_LIST as [string, ...string[]]);
const eventNameSchema = z.enum(APP_EVENT_LIST as [string, ...string[]]);
const callIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** What the main process tells a new host before the first call. */
export const hostConfigSchema = z.strictObject({
  /** The folder of the vault this app works on. */
  vaultDir: absolutePath,
  /** The app's version, for app:info (the host cannot ask Electron). */
  appVersion: z.string().min(1).max(64),
  /** better-sqlite3's native module built for Electron's ABI; absent in plain Node. */
  nativeBinding: absolutePath.optional(),
});
export type HostConfig = z.infer<typeof hostConfigSchema>;

export const mainToHostMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('init'), config: hostConfigSchema }),
  z.strictObject({
    type: z.literal('call'),
    id: callIdSchema,
    channel: channelSchema,
    request: z.unknown(),
    caller: z.strictObject({ webContentsId: z.number().int().nonnegative() }),
  }),
  /** Close the vault and exit; the main process kills the host anyway if it takes too long. */
  z.strictObject({ type: z.literal('lock') }),
]);
export type MainToHostMessage = z.infer<typeof mainToHostMessageSchema>;

export const hostToMainMessageSchema = z.discriminatedUnion('type', [
  /** Sent once the handlers exist (answer to `init`). */
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('result'), id: callIdSchema, result: z.unknown() }),
  z.strictObject({ type: z.literal('event'), name: eventNameSchema, payload: z.unknown() }),
  /** The vault is closed; the host exits right after. */
  z.strictObject({ type: z.literal('locked') }),
]);
export type HostToMainMessage = z.infer<typeof hostToMainMessageSchema>;
