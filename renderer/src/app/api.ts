/**
 * The page's only way out: `window.tw`, exposed by the preload (or, in the Chromium tests, by the
 * harness built from the same contract). Every answer is a Result; nothing here throws for a refusal.
 */
import type { IpcArgs, IpcChannel, IpcError, IpcResponse, Result } from '@shared/ipc/contract';
import type { I18n } from '../i18n';

export function call<C extends IpcChannel>(channel: C, ...args: IpcArgs<C>): Promise<Result<IpcResponse<C>>> {
  const api = (window as Partial<Window>).tw;
  if (!api) return Promise.resolve({ ok: false, error: { code: 'ipc-failed', message: 'The application interface is missing.' } });
  return api.invoke(channel, ...args);
}

/** The user's message for an error: the catalogue's by code where it has one, else the service's own. */
export function errorText(i18n: I18n, error: IpcError): string {
  return i18n.tMaybe(`error.${error.code}`) ?? error.message;
}

/** A listener for the errors that mean "the vault is no longer open" (locked by the main process). */
let lockedListener: (() => void) | undefined;
export function onVaultLockedError(listener: (() => void) | undefined): void {
  lockedListener = listener;
}

/** Like call(), and tells the session when the answer says the vault was locked behind the page's back. */
export async function request<C extends IpcChannel>(channel: C, ...args: IpcArgs<C>): Promise<Result<IpcResponse<C>>> {
  const result = await call(channel, ...args);
  if (!result.ok && result.error.code === 'vault-locked') lockedListener?.();
  return result;
}
