/**
 * Events the main process pushes to the app window (the other direction from the IPC contract's
 * request/response channels), all on one Electron channel, told apart by `type`:
 * - `progress` of a long operation (attachment ingest, export, import), made by a handler in the
 *   service host with `context.emitProgress`, thinned out there, and passed on by main;
 * - `vault-locked`, made by main when it locks (shortcut, idle timeout, sleep, screen lock, a
 *   request, or the service host ending), so that the page clears itself at once.
 * The page subscribes with `window.tw.onProgress(listener)` and `window.tw.onVaultLocked(listener)`.
 *
 * Events never carry testimony: no names, titles, file names or text, only fixed words, ids and
 * counts, so nothing decrypted can leak through a listener, a log or a crash report. The host
 * parses an event before sending it, main parses it again, and the preload parses it before a
 * listener sees it.
 * Pure on purpose: shared/ imports only zod and shared/.
 */
import { z } from 'zod';

/** A fixed word or words joined by '-': an operation's kind or step, never free text. */
const word = z.string().regex(/^[a-z]+(?:-[a-z]+)*$/, 'lower-case words joined by -').max(40);

/** Tells concurrent operations apart (an upload id, an export id): letters, digits, '-', '_'. */
export const operationIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'an id: letters, digits, - or _');

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const progressEventSchema = z
  .strictObject({
    type: z.literal('progress'),
    /** What is running: `attachment-add`, `export`, `import`… */
    operation: word,
    id: operationIdSchema,
    /** The step within the operation where it has several (`encrypting`, `verifying`, `done`). */
    phase: word.optional(),
    /** Bytes (or items) handled so far. */
    done: count,
    /** Absent when the total is not known in advance. */
    total: count.optional(),
  })
  .refine((event) => event.total === undefined || event.done <= event.total, { message: 'done exceeds total' });
export type ProgressEvent = z.infer<typeof progressEventSchema>;

/** Phases after which an operation reports nothing more; the host never holds them back. */
export const FINAL_PROGRESS_PHASES: readonly string[] = Object.freeze(['done', 'failed', 'cancelled']);

/** Why the vault was locked: the page may say so ("locked after 5 minutes without input"). */
export const lockReasonSchema = z.enum([
  /** The person pressed the lock shortcut. */
  'shortcut',
  /** The window had no input for the idle timeout. */
  'idle',
  /** The computer went to sleep. */
  'suspend',
  /** The operating system's screen lock came on. */
  'lock-screen',
  /** The page asked (vault:lock). */
  'request',
  /** The service host stopped on its own (a crash): whatever it held is gone. */
  'host-exit',
]);
export type LockReason = z.infer<typeof lockReasonSchema>;

export const vaultLockedEventSchema = z.strictObject({
  type: z.literal('vault-locked'),
  reason: lockReasonSchema,
});
export type VaultLockedEvent = z.infer<typeof vaultLockedEventSchema>;

/**
 * After a lock the window starts again in a fresh renderer process at `app://tw/index.html?locked=<reason>`
 * (the old page, and what its memory held, is gone); the new page reads the reason from its URL
 * with this, to say why it is at the unlock screen.
 */
export function lockReasonFromSearch(search: string): LockReason | undefined {
  const match = /[?&]locked=([a-z-]+)(?:&|$)/.exec(search);
  const parsed = lockReasonSchema.safeParse(match?.[1]);
  return parsed.success ? parsed.data : undefined;
}

export const appEventSchema = z.discriminatedUnion('type', [progressEventSchema, vaultLockedEventSchema]);
export type AppEvent = z.infer<typeof appEventSchema>;

/** The one channel on which the main process sends events to the page (webContents.send). */
export const APP_EVENT_CHANNEL = 'tw:event';

/** The listener part of `window.tw`; each returns a function that unsubscribes. */
export interface TwEventApi {
  readonly onProgress: (listener: (event: ProgressEvent) => void) => () => void;
  readonly onVaultLocked: (listener: (event: VaultLockedEvent) => void) => () => void;
}
