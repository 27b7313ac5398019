/**
 * `settings.json` in the app's user-data folder: where the vault is and how soon the app locks by
 * itself. Written by hand or by a settings screen; it holds no secret and no testimony.
 * Pure on purpose: shared/ imports only zod and shared/.
 */
import { z } from 'zod';

export const DEFAULT_IDLE_LOCK_MINUTES = 5;
/** Longer than this is no idle lock any more; below one minute the app locks on a person reading. */
export const MAX_IDLE_LOCK_MINUTES = 240;

/** POSIX `/…`, Windows `C:\…` or `\\server\share…`. */
export function isAbsolutePath(value: string): boolean {
  return value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value) || value.startsWith('\\\\');
}

export const absolutePathSchema = z.string().min(1).max(4096).refine(isAbsolutePath, 'must be an absolute path');

export const appSettingsSchema = z.strictObject({
  idleLockMinutes: z.number().int().min(1).max(MAX_IDLE_LOCK_MINUTES).optional(),
  vaultDir: absolutePathSchema.optional(),
});
export type AppSettings = z.infer<typeof appSettingsSchema>;
