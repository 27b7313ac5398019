/**
 * Preload of the sandboxed window: exposes `window.tw`, built from the IPC contract.
 * It checks only that a channel exists; the main process parses every payload. It never exposes
 * ipcRenderer itself. Built as CommonJS (out/preload/index.cjs): a sandboxed preload cannot be an
 * ES module and can require nothing but `electron`, so everything else is bundled in.
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

function buildApi(): TwApi {
  const api: Record<string, unknown> = { invoke };
  for (const channel of IPC_CHANNEL_LIST) {
    const [namespace, method] = ipcApiPath(channel);
    const group = (api[namespace] ??= {}) as Record<string, unknown>;
    group[method] = (...args: unknown[]) => invoke(channel, ...args);
  }
  return api as unknown as TwApi;
}

contextBridge.exposeInMainWorld('tw', buildApi());
