/**
 * Preload of the sandboxed window: exposes `window.tw`, built from the IPC contract by
 * shared/ipc/api (the Chromium test harness builds the same object over another transport).
 * It checks only that a channel exists; the main process parses every payload. It never exposes
 * ipcRenderer itself. Built as CommonJS (out/preload/index.cjs): a sandboxed preload cannot be an
 * ES module and can require nothing but `electron`, so everything else is bundled in.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildTwApi } from '@shared/ipc/api';
import { APP_EVENT_CHANNEL } from '@shared/ipc/events';

const api = buildTwApi({
  invoke: (channel, args) => ipcRenderer.invoke(channel, ...args),
  subscribe: (listener) => {
    // The event object (with its sender) stays here; the page gets the payload only.
    const forward = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(APP_EVENT_CHANNEL, forward);
    return () => ipcRenderer.removeListener(APP_EVENT_CHANNEL, forward);
  },
});

contextBridge.exposeInMainWorld('tw', api);
