/**
 * Builds `window.tw` from the contract over any transport. The preload gives it Electron's
 * ipcRenderer; the Chromium test harness gives it a Playwright binding. Both thereby expose the
 * same object, so the renderer tested in Chromium talks to exactly the API it has in the app.
 */
import { z } from 'zod';
import { IPC_CHANNEL_LIST, IPC_ERROR, fail, ipcApiPath, isIpcChannel, type IpcError, type TwApi } from './contract';
import { appEventSchema, type AppEvent, type ProgressEvent, type VaultLockedEvent } from './events';

export type AnyResult = { ok: true; value: unknown } | { ok: false; error: IpcError };

export interface TwTransport {
  /** Sends one request; may throw when the transport fails (window closing, no handler). */
  invoke(channel: string, args: unknown[]): Promise<unknown>;
  /** Delivers every event the main process sends; returns an unsubscribe function. */
  subscribe(listener: (event: unknown) => void): () => void;
}

export function buildTwApi(transport: TwTransport): TwApi {
  // This runs in the page (preload, test bridge), whose CSP forbids eval: keep zod from probing it.
  z.config({ jitless: true });
  async function invoke(channel: unknown, ...args: unknown[]): Promise<AnyResult> {
    // Only a channel check here; the main process parses every payload.
    if (!isIpcChannel(channel)) return fail(IPC_ERROR.unknownChannel, 'Unknown request.');
    try {
      return (await transport.invoke(channel, args)) as AnyResult;
    } catch {
      return fail(IPC_ERROR.transport, 'The application did not answer this request.');
    }
  }

  /** Listeners for one kind of event; events are parsed, and a malformed one is dropped, not handed on. */
  function subscriber<T extends AppEvent['type']>(type: T) {
    return (listener: (event: Extract<AppEvent, { type: T }>) => void): (() => void) => {
      if (typeof listener !== 'function') throw new TypeError('the listener must be a function');
      return transport.subscribe((raw) => {
        const parsed = appEventSchema.safeParse(raw);
        if (!parsed.success || parsed.data.type !== type) return;
        try {
          listener(parsed.data as Extract<AppEvent, { type: T }>);
        } catch {
          // One failing listener does not keep the others (the lock screen) from hearing it.
        }
      });
    };
  }
  const onProgress: (listener: (event: ProgressEvent) => void) => () => void = subscriber('progress');
  const onVaultLocked: (listener: (event: VaultLockedEvent) => void) => () => void = subscriber('vault-locked');

  const api: Record<string, unknown> = { invoke, onProgress, onVaultLocked };
  for (const channel of IPC_CHANNEL_LIST) {
    const [namespace, method] = ipcApiPath(channel);
    const group = (api[namespace] ??= {}) as Record<string, unknown>;
    group[method] = (...args: unknown[]) => invoke(channel, ...args);
  }
  for (const value of Object.values(api)) if (typeof value === 'object' && value) Object.freeze(value);
  return Object.freeze(api) as unknown as TwApi;
}
