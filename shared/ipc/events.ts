/**
 * Events the main process sends to the page (`window.tw.onProgress(listener)`).
 * A minimal definition made on the app-ui branch so that the renderer and the handlers compile;
 * app-shell owns this file and may extend it (more event kinds, more fields), keeping these.
 */
import { z } from 'zod';

export const progressEventSchema = z.strictObject({
  type: z.literal('progress'),
  /** What is running, e.g. "attachment-add", "export", "import". */
  operation: z.string().min(1).max(100),
  /** Tells concurrent operations apart (an upload id, an export id). */
  id: z.string().min(1).max(100),
  done: z.number().min(0),
  total: z.number().min(0).optional(),
});
export type ProgressEvent = z.infer<typeof progressEventSchema>;

/** The vault was locked by the main process (quick-lock shortcut, idle timeout, system sleep). */
export const vaultLockedEventSchema = z.strictObject({
  type: z.literal('vault-locked'),
  reason: z.enum(['shortcut', 'idle', 'system', 'request']),
});
export type VaultLockedEvent = z.infer<typeof vaultLockedEventSchema>;

export const appEventSchema = z.discriminatedUnion('type', [progressEventSchema, vaultLockedEventSchema]);
export type AppEvent = z.infer<typeof appEventSchema>;

/** The one channel on which the main process sends events to the page (webContents.send). */
export const APP_EVENT_CHANNEL = 'tw:event';
