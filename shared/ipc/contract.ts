/**
 * The one typed contract between the renderer and the main process.
 *
 * Channels live in one file per feature under ./channels (app, vault, testimony, search,
 * attachments, users, review, archive, keys); they are merged here. Adding a channel takes three steps:
 *   1. its name (`namespace:method`, lower-case words joined by '-') with request and response
 *      schemas in the feature's channel file (use `noRequest` when there is nothing to send);
 *   2. nothing here unless it is a new feature file (then spread it into ipcContract);
 *   3. a handler in `createServiceHandlers` (electron/main/handlers/), which runs in the service host.
 * The preload then exposes it as `window.tw.<namespace>.<method>()` (kebab-case becomes camelCase,
 * e.g. `vault:change-passphrase` → `tw.vault.changePassphrase`) and as `window.tw.invoke(channel, …)`;
 * see ./api (`buildTwApi`), which the preload and the browser test harness both use.
 *
 * The main process parses every request with its schema before a handler sees it and every response
 * before it leaves; the renderer gets a Result, never a thrown error.
 * Pure on purpose: shared/ imports only zod and shared/.
 */
import { z } from 'zod';
import { appChannels } from './channels/app';
import { vaultChannels } from './channels/vault';
import { testimonyChannels } from './channels/testimony';
import { searchChannels } from './channels/search';
import { attachmentChannels } from './channels/attachments';
import { userChannels } from './channels/users';
import { reviewChannels } from './channels/review';
import { archiveChannels } from './channels/archive';
import { keyChannels } from './channels/keys';
import type { ChannelSpec } from './channels/common';
import type { TwEventApi } from './events';

export { noRequest, MAX_CHUNK_BYTES, type ChannelSpec } from './channels/common';
export { sessionUserSchema, vaultSessionSchema, vaultStateSchema, MIN_PASSPHRASE_CHARACTERS } from './channels/vault';
export type { SessionUser, VaultSession, VaultState } from './channels/vault';
export type { TestimonySummary, TestimonyDetail, TestimonyVersion } from './channels/testimony';
export type { SearchFilters, SearchResult, Dashboard } from './channels/search';
export type { AttachmentInfo } from './channels/attachments';
export type { AuditEntryView } from './channels/users';
export type { ReviewItem, ReviewText, ResidualHitView, RiskView, ReleaseBlockerView, ReleaseSummaryView } from './channels/review';
export type { ExportSelection, ExportSkipView, VerifyReportView, ImportReportView, ConflictView, CustodyEventView } from './channels/archive';
export type { OwnKeys, TrustedWorkstationView } from './channels/keys';

export const ipcContract = {
  ...appChannels,
  ...vaultChannels,
  ...testimonyChannels,
  ...searchChannels,
  ...attachmentChannels,
  ...userChannels,
  ...reviewChannels,
  ...archiveChannels,
  ...keyChannels,
} as const satisfies Record<string, ChannelSpec>;

export type IpcContract = typeof ipcContract;
export type IpcChannel = keyof IpcContract;

/** What the renderer passes (schema input). */
export type IpcRequest<C extends IpcChannel> = z.input<IpcContract[C]['request']>;
/** What a main-process handler receives after parsing (schema output). */
export type IpcParsedRequest<C extends IpcChannel> = z.output<IpcContract[C]['request']>;
/** What a handler returns and the renderer receives. */
export type IpcResponse<C extends IpcChannel> = z.output<IpcContract[C]['response']>;

/** Error codes the IPC layer itself produces; handlers add their own (a UserError's code). */
export const IPC_ERROR = {
  /** The payload did not match the channel's request schema. */
  invalidRequest: 'invalid-request',
  /** The sender is not the app's own main frame. */
  forbidden: 'forbidden',
  /** The channel exists in the contract but the main process has no handler for it yet. */
  notImplemented: 'not-implemented',
  /** The channel is not in the contract. */
  unknownChannel: 'unknown-channel',
  /** A bug in the main process; details stay there. */
  internal: 'internal',
  /** The IPC transport failed (no handler registered, window closing). */
  transport: 'ipc-failed',
} as const;

export const ipcErrorSchema = z.strictObject({
  code: z.string().min(1),
  message: z.string(),
});
export type IpcError = z.infer<typeof ipcErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: string, message: string): { ok: false; error: IpcError } {
  return { ok: false, error: { code, message } };
}

/** Schema of the Result a channel answers with (for tests and for whoever checks answers). */
export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.strictObject({ ok: z.literal(true), value }),
    z.strictObject({ ok: z.literal(false), error: ipcErrorSchema }),
  ]);
}

export const IPC_CHANNEL_LIST: readonly IpcChannel[] = Object.freeze(Object.keys(ipcContract) as IpcChannel[]);

export function isIpcChannel(value: unknown): value is IpcChannel {
  return typeof value === 'string' && Object.hasOwn(ipcContract, value);
}

const CHANNEL_NAME = /^[a-z]+(?:-[a-z]+)*:[a-z]+(?:-[a-z]+)*$/;

function camelCase(words: string): string {
  return words.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

/** Where a channel appears on `window.tw`: `vault:change-passphrase` → ['vault', 'changePassphrase']. */
export function ipcApiPath(channel: string): [namespace: string, method: string] {
  if (!CHANNEL_NAME.test(channel)) throw new Error(`IPC channel name must be "namespace:method": ${channel}`);
  const [namespace = '', method = ''] = channel.split(':');
  if (namespace === 'invoke') throw new Error('IPC namespace "invoke" is reserved');
  // `tw.onProgress`, `tw.onVaultLocked`…: the event listeners (./events) live beside the namespaces.
  if (namespace === 'on' || namespace.startsWith('on-')) throw new Error('IPC namespaces starting with "on" are reserved for events');
  return [camelCase(namespace), camelCase(method)];
}

// ---- names and the API the preload exposes, derived from the contract ----

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;
type NamespaceOf<C extends string> = C extends `${infer N}:${string}` ? CamelCase<N> : never;
type MethodOf<C extends string> = C extends `${string}:${infer M}` ? CamelCase<M> : never;

/** `IPC_CHANNELS.vaultUnlock === 'vault:unlock'`: constants for code that names a channel. */
export type IpcChannelConstants = { readonly [C in IpcChannel as `${NamespaceOf<C>}${Capitalize<MethodOf<C>>}`]: C };

export const IPC_CHANNELS = Object.freeze(
  Object.fromEntries(
    IPC_CHANNEL_LIST.map((channel) => {
      const [namespace, method] = ipcApiPath(channel);
      return [`${namespace}${method.charAt(0).toUpperCase()}${method.slice(1)}`, channel];
    }),
  ),
) as IpcChannelConstants;

/** Arguments of a call: none for `noRequest` channels, the request otherwise. */
export type IpcArgs<C extends IpcChannel> = [IpcRequest<C>] extends [undefined] ? [] : [request: IpcRequest<C>];

export type IpcCall<C extends IpcChannel> = (...args: IpcArgs<C>) => Promise<Result<IpcResponse<C>>>;

export type IpcInvoke = <C extends IpcChannel>(channel: C, ...args: IpcArgs<C>) => Promise<Result<IpcResponse<C>>>;

/**
 * `window.tw`: one generic `invoke`, one function per channel grouped by namespace, and the event
 * listeners `onProgress` and `onVaultLocked` (./events).
 */
export type TwApi = { readonly invoke: IpcInvoke } & TwEventApi & {
  readonly [N in NamespaceOf<IpcChannel>]: {
    readonly [C in IpcChannel as NamespaceOf<C> extends N ? MethodOf<C> : never]: IpcCall<C>;
  };
};
