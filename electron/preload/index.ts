/**
 * Preload of the sandboxed window: exposes `window.tw`, built from the IPC contract and the events
 * list, and nothing else. Calls check only that a channel exists (the main process parses every
 * payload); events are parsed here with their schemas before a listener sees them, and listeners
 * get the payload alone, never Electron's event object (it would hand the page `sender`). It never
 * exposes ipcRenderer itself. Built as CommonJS (out/preload/index.cjs): a sandboxed preload cannot
 * be an ES module and can require nothing but `electron`, so everything else is bundled in.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  IPC_CHANNEL_LIST,
  IPC_ERROR,
  fail,
  ipcApiPath,
  isIpcChannel,
  type IpcError,
  type TwApi,
} from '@shared/ipc/contract';
import { APP_EVENT_LIST, appEventChannel, appEventListenerName, appEventSchemas, type AppEventName } from '@shared/ipc/events';

type AnyResult = { ok: true; value: unknown } | { ok: false; error: IpcError };

async function invoke(channel: unknown, ...args: unknown[]): Promise<AnyResult> {
  if (!isIpcChannel(channel)) return fail(IPC_ERROR.unknownChannel, 'Unknown request.');
  try {
    return (await ipcRenderer.invoke(channel, ...args)) as AnyResult;
  } catch {
    // No handler registered yet, or the window is closing.
    return fail(IPC_ERROR.transport, 'The application did not answer this request.');
  }
}

/** One ipcRenderer listener per event, fanning out to the page's listeners. */
function eventSubscriber(name: AppEventName): (listener: unknown) => () => void {
  const listeners = new Set<(payload: unknown) => void>();
  const schema = appEventSchemas[name];
  ipcRenderer.on(appEventChannel(name), (_event, payload: unknown) => {
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return;
    for (const listener of [...listeners]) {
      try {
        listener(parsed.data);
      } catch {
        // One failing listener does not keep the others (the lock screen) from hearing it.
      }
    }
  });
  return (listener: unknown) => {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const added = (payload: unknown) => (listener as (payload: unknown) => void)(payload);
    listeners.add(added);
    return () => void listeners.delete(added);
  };
}

function buildApi(): TwApi {
  const api: Record<string, unknown> = { invoke };
  for (const channel of IPC_CHANNEL_LIST) {
    const [namespace, method] = ipcApiPath(channel);
    const group = (api[namespace] ??= {}) as Record<string, unknown>;
    group[method] = (...args: unknown[]) => invoke(channel, ...args);
  }
  for (const name of APP_EVENT_LIST) api[appEventListenerName(name)] = eventSubscriber(name);
  return api as unknown as TwApi;
}

contextBridge.exposeInMainWorld('tw', buildApi());
