/**
 * Events the main process pushes to the app window (the other direction from the IPC contract's
 * request/response channels). Each has a name, a zod schema, and a listener method on `window.tw`
 * derived from the name (`progress` → `tw.onProgress`, `vault-locked` → `tw.onVaultLocked`).
 *
 * Events never carry testimony: no names, titles, file names or text — only ids, counts and
 * fixed words — so that nothing decrypted can leak through a listener, a log or a crash report.
 * The host parses an event before sending it, the main process parses it again before forwarding
 * it, and the preload parses it before a listener sees it.
 * Pure on purpose: shared/ imports only zod and shared/.
 */
import { z } from 'zod';

/**
 * Identifies one long operation (export, import, attachment ingest). The renderer makes it
 * (`crypto.randomUUID()`) and passes it in the request, so that it can match progress events to
 * the call it is waiting for before that call returns.
 */
export const operationIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'operation id: 8 to 64 letters, digits, - or _');
export type OperationId = z.infer<typeof operationIdSchema>;

/** A fixed word naming the step an operation is in (`reading`, `encrypting`, `verifying`, `done`…). */
export const progressPhaseSchema = z.string().regex(/^[a-z]+(?:-[a-z]+)*$/).max(40);

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const progressEventSchema = z
  .strictObject({
    operationId: operationIdSchema,
    phase: progressPhaseSchema,
    /** Bytes handled so far in this phase. */
    bytesDone: count,
    /** Absent when the total is not known in advance (a stream of unknown length). */
    bytesTotal: count.optional(),
    /** Records handled so far (testimonies imported, files sealed), where that is what counts. */
    itemsDone: count.optional(),
    itemsTotal: count.optional(),
  })
  .refine((event) => event.bytesTotal === undefined || event.bytesDone <= event.bytesTotal, {
    message: 'bytesDone exceeds bytesTotal',
  })
  .refine((event) => event.itemsTotal === undefined || (event.itemsDone ?? 0) <= event.itemsTotal, {
    message: 'itemsDone exceeds itemsTotal',
  });
export type ProgressEvent = z.infer<typeof progressEventSchema>;

/** Phases after which an operation sends nothing more; the host never throttles them away. */
export const FINAL_PROGRESS_PHASES: readonly string[] = Object.freeze(['done', 'failed', 'cancelled']);

/** Why the vault was locked: the UI may say so ("locked after 5 minutes without input"). */
export const lockReasonSchema = z.enum([
  /** The person pressed the lock shortcut. */
  'shortcut',
  /** The window had no input for the idle timeout. */
  'idle',
  /** The computer went to sleep. */
  'suspend',
  /** The operating system's screen lock came on. */
  'lock-screen',
  /** The renderer asked (vault:lock). */
  'request',
  /** The service host stopped on its own (a crash): whatever it held is gone. */
  'host-exit',
]);
export type LockReason = z.infer<typeof lockReasonSchema>;

export const vaultLockedEventSchema = z.strictObject({ reason: lockReasonSchema });
export type VaultLockedEvent = z.infer<typeof vaultLockedEventSchema>;

export const APP_EVENTS = {
  progress: 'progress',
  vaultLocked: 'vault-locked',
} as const;

export type AppEventName = (typeof APP_EVENTS)[keyof typeof APP_EVENTS];

export const appEventSchemas = {
  [APP_EVENTS.progress]: progressEventSchema,
  [APP_EVENTS.vaultLocked]: vaultLockedEventSchema,
} as const satisfies { [E in AppEventName]: z.ZodType };

export type AppEventPayload<E extends AppEventName> = z.output<(typeof appEventSchemas)[E]>;

export const APP_EVENT_LIST: readonly AppEventName[] = Object.freeze(Object.values(APP_EVENTS));

export function isAppEventName(value: unknown): value is AppEventName {
  return typeof value === 'string' && (APP_EVENT_LIST as readonly string[]).includes(value);
}

/** The Electron IPC channel an event travels on; apart from the contract's `namespace:method` names. */
export function appEventChannel(name: AppEventName): string {
  return `tw-event:${name}`;
}

const EVENT_NAME = /^[a-z]+(?:-[a-z]+)*$/;

/** The listener method on `window.tw`: `vault-locked` → `onVaultLocked`. */
export function appEventListenerName(name: string): string {
  if (!EVENT_NAME.test(name)) throw new Error(`event name must be lower-case words joined by '-': ${name}`);
  return `on${name.replace(/(?:^|-)([a-z])/g, (_match, letter: string) => letter.toUpperCase())}`;
}

type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${PascalCase<Tail>}`
  : Capitalize<S>;

/** Subscribes a listener; calling the returned function unsubscribes it. */
export type AppEventSubscribe<E extends AppEventName> = (listener: (event: AppEventPayload<E>) => void) => () => void;

/** The listener part of `window.tw`: `onProgress(listener)`, `onVaultLocked(listener)`. */
export type TwEventApi = {
  readonly [E in AppEventName as `on${PascalCase<E>}`]: AppEventSubscribe<E>;
};
