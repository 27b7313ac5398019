/**
 * Entry point of the service host process (built to out/main/host.js). In the app it runs as an
 * Electron utilityProcess and talks over `process.parentPort`; in plain Node (tests, tools) it runs
 * as a `child_process.fork` child and talks over the IPC channel. Either way it is a process of
 * its own, so that locking ends it and its memory is returned to the operating system.
 */
import { useNativeBinding } from '../services/vault/database';
import { createServiceHandlers } from '../main/handlers';
import { runServiceHost, type HostEndpoint } from './service-host';

/** Electron's ParentPort as far as the host uses it (no `electron` import: this runs in plain Node too). */
interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function connect(): HostEndpoint {
  const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
  if (parentPort) {
    return {
      post: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
      // Let the last message leave before the process ends.
      exit: (code) => setImmediate(() => process.exit(code)),
    };
  }
  const send = process.send?.bind(process);
  if (!send) throw new Error('The service host must be started by the app (utilityProcess) or with child_process.fork');
  // The parent is gone (crashed or killed): nothing may stay unlocked behind it.
  process.on('disconnect', () => process.exit(0));
  let lastSend: Promise<void> = Promise.resolve();
  return {
    post: (message) => {
      lastSend = new Promise((resolve) => send(message, undefined, {}, () => resolve()));
    },
    onMessage: (listener) => process.on('message', listener),
    exit: (code) => void lastSend.then(() => process.exit(code)),
  };
}

// Node's default report would print the error's message, which may hold testimony. Name only.
process.on('uncaughtException', (error) => {
  console.error(`service host: uncaught ${error instanceof Error ? error.name : typeof error}`);
  process.exit(70);
});
process.on('unhandledRejection', (reason) => {
  console.error(`service host: unhandled rejection ${reason instanceof Error ? reason.name : typeof reason}`);
  process.exit(70);
});

runServiceHost(connect(), {
  createHandlers: createServiceHandlers,
  configure: (config) => useNativeBinding(config.nativeBinding),
});
