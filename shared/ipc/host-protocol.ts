/**
 * Messages between the main process and the service host (the process that runs the services:
 * SQLite, Argon2, archive crypto). Both sides parse every message they receive with these schemas;
 * the payloads inside (`request`, `result`, `event`) are parsed again with the IPC contract's and
 * the events' schemas by whoever uses them.
 * Pure on purpose: shared/ imports only zod and shared/.
 */
import { z } from 'zod';
import { absolutePathSchema as absolutePath } from '../app-settings';
import { IPC_CHANNEL_LIST } from './contract';

/** A file name a save dialog may offer: no folder, nothing hidden, nothing that climbs. */
export const dialogFileNameSchema = z.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/, 'a plain file name');

const channelSchema = z.enum(IPC_CHANNEL_LIST as [string, ...string[]]);
const callIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** What the main process tells a new host before the first call. */
export const hostConfigSchema = z.strictObject({
  /** The folder of the vault this app works on. */
  vaultDir: absolutePath,
  /** better-sqlite3's native module built for Electron's ABI; absent in plain Node. */
  nativeBinding: absolutePath.optional(),
  /** Whether the main process shows its file dialogs when the host asks (`choose-files`, `choose-folder`, `choose-save-location`). */
  fileDialog: z.boolean().optional(),
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
  /** The files the person chose in the dialog a `choose-files` asked for (none if cancelled). */
  z.strictObject({ type: z.literal('chosen-files'), id: callIdSchema, paths: z.array(absolutePath).max(1000) }),
  /** The folder or new file chosen in the dialog a `choose-folder` or `choose-save-location` asked for (null if cancelled). */
  z.strictObject({ type: z.literal('chosen-path'), id: callIdSchema, path: absolutePath.nullable() }),
]);
export type MainToHostMessage = z.infer<typeof mainToHostMessageSchema>;

export const hostToMainMessageSchema = z.discriminatedUnion('type', [
  /** Sent once the handlers exist (answer to `init`). */
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('result'), id: callIdSchema, result: z.unknown() }),
  /** An event for the window; the main process passes on progress only (see shared/ipc/events). */
  z.strictObject({ type: z.literal('event'), event: z.unknown() }),
  /** Asks the main process for its native file dialog (the page never names a path). */
  z.strictObject({ type: z.literal('choose-files'), id: callIdSchema, title: z.string().min(1).max(200) }),
  /** Asks for the native folder dialog (where an archive goes). */
  z.strictObject({ type: z.literal('choose-folder'), id: callIdSchema, title: z.string().min(1).max(200) }),
  /** Asks for the native save dialog, offering `defaultName` (a bare file name, no folder). */
  z.strictObject({ type: z.literal('choose-save-location'), id: callIdSchema, title: z.string().min(1).max(200), defaultName: dialogFileNameSchema }),
  /** The vault is closed; the host exits right after. */
  z.strictObject({ type: z.literal('locked') }),
]);
export type HostToMainMessage = z.infer<typeof hostToMainMessageSchema>;
