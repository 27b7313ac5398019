/**
 * Injected into the page before the app's own scripts (Playwright addInitScript): defines
 * `window.tw` with the same builder the preload uses (shared/ipc/api), over the binding
 * `__twInvoke` that the test exposes. Events from the "main process" (the test) arrive through
 * `__twDeliverEvent`, as webContents.send would deliver them to the preload.
 */
import { buildTwApi } from '@shared/ipc/api';
import { decode, encode } from './codec';

type Binding = (channel: string, args: unknown) => Promise<unknown>;
const listeners = new Set<(event: unknown) => void>();
const scope = window as unknown as Record<string, unknown>;

const api = buildTwApi({
  invoke: async (channel, args) => {
    const binding = scope['__twInvoke'] as Binding | undefined;
    if (!binding) throw new Error('no binding');
    return decode(await binding(channel, encode(args)));
  },
  subscribe: (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
});

Object.defineProperty(window, 'tw', { value: api, enumerable: true, configurable: false, writable: false });
Object.defineProperty(window, '__twDeliverEvent', {
  value: (event: unknown) => listeners.forEach((listener) => listener(event)),
  configurable: false,
  writable: false,
});
