/**
 * The service host: the process in which the services run (SQLite with the vault key, Argon2,
 * archive crypto), apart from the main process. The main process starts one when the window first
 * asks for something, and ends it when the vault locks, so that the key, the decrypted page cache
 * and every decrypted string go back to the operating system with the process.
 *
 * This file is the host's logic without its transport: `entry.ts` connects it to Electron's
 * utilityProcess parent port or to a Node child-process IPC channel. The first message must be
 * `init`; after `ready`, calls run concurrently; `lock` closes the vault and exits.
 */
import { IPC_CHANNELS, IPC_ERROR, fail, type IpcChannel } from '@shared/ipc/contract';
import { progressEventSchema, type ProgressEvent } from '@shared/ipc/events';
import { mainToHostMessageSchema, type HostConfig, type HostToMainMessage } from '@shared/ipc/host-protocol';
import { dispatchIpcRequest, logHandlerFailure } from './dispatch';
import { ProgressThrottle } from './progress-throttle';
import type { CreateServiceHandlers, HandlerContext, IpcHandler, IpcHandlers } from './types';

/** The host's side of its channel to the main process. */
export interface HostEndpoint {
  post(message: HostToMainMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  exit(code: number): void;
}

export interface ServiceHostOptions {
  createHandlers: CreateServiceHandlers;
  /** Applies the config before handlers exist (e.g. the Electron-ABI SQLite binding). */
  configure?: (config: HostConfig) => void;
  /**
   * How long `lock` may take to close the vault before the host exits regardless (default 5 s:
   * the handlers drop the key at once, then wait for cancelled uploads to remove their files).
   */
  lockTimeoutMs?: number;
  /** Least time between two progress events of one operation (final ones excepted). */
  progressIntervalMs?: number;
}

/** Never logs the message itself: it may be a request holding a passphrase. */
function logMalformed(what: string): void {
  console.error(`service host: ignored a malformed message (${what})`);
}

export function runServiceHost(endpoint: HostEndpoint, options: ServiceHostOptions): void {
  let handlers: Partial<IpcHandlers> | undefined;
  let locking = false;
  const throttle = new ProgressThrottle((event) => endpoint.post({ type: 'event', event }), options.progressIntervalMs ?? 100);
  let nextDialogId = 1;
  const dialogs = new Map<number, (paths: string[]) => void>();
  const pathDialogs = new Map<number, (path: string | undefined) => void>();
  const dialogTitle = (title: string, fallback: string) => title.slice(0, 200) || fallback;

  const chooseFiles = (request: { title: string }): Promise<string[]> =>
    new Promise((resolve) => {
      const id = nextDialogId++;
      dialogs.set(id, resolve);
      endpoint.post({ type: 'choose-files', id, title: dialogTitle(request.title, 'Choose files') });
    });
  const chooseFolder = (request: { title: string }): Promise<string | undefined> =>
    new Promise((resolve) => {
      const id = nextDialogId++;
      pathDialogs.set(id, resolve);
      endpoint.post({ type: 'choose-folder', id, title: dialogTitle(request.title, 'Choose a folder') });
    });
  const chooseSaveLocation = (request: { title: string; defaultName: string }): Promise<string | undefined> =>
    new Promise((resolve) => {
      const id = nextDialogId++;
      pathDialogs.set(id, resolve);
      endpoint.post({ type: 'choose-save-location', id, title: dialogTitle(request.title, 'Save as'), defaultName: request.defaultName });
    });

  const start = (config: HostConfig): void => {
    options.configure?.(config);
    const context: HandlerContext = {
      vaultDir: config.vaultDir,
      emitProgress(event: ProgressEvent) {
        // A malformed event is a bug in a handler: fail loudly there, send nothing.
        throttle.push(progressEventSchema.parse(event));
      },
      ...(config.fileDialog ? { chooseFiles, chooseFolder, chooseSaveLocation } : {}),
    };
    handlers = options.createHandlers(context);
    endpoint.post({ type: 'ready' });
  };

  const lock = async (): Promise<void> => {
    if (locking) return;
    locking = true;
    const lockHandler = handlers?.[IPC_CHANNELS.vaultLock] as IpcHandler<typeof IPC_CHANNELS.vaultLock> | undefined;
    if (lockHandler) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        await Promise.race([
          Promise.resolve(lockHandler(undefined, { webContentsId: 0 })),
          new Promise((resolve) => (timer = setTimeout(resolve, options.lockTimeoutMs ?? 5000))),
        ]);
      } catch (error) {
        logHandlerFailure(IPC_CHANNELS.vaultLock, error);
      } finally {
        clearTimeout(timer);
      }
    }
    endpoint.post({ type: 'locked' });
    endpoint.exit(0);
  };

  endpoint.onMessage((raw) => {
    const parsed = mainToHostMessageSchema.safeParse(raw);
    if (!parsed.success) {
      logMalformed(parsed.error.issues[0]?.path.join('.') || 'type');
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'init':
        if (handlers) return logMalformed('second init');
        start(message.config);
        return;
      case 'lock':
        void lock();
        return;
      case 'chosen-files': {
        const settle = dialogs.get(message.id);
        dialogs.delete(message.id);
        settle?.(message.paths);
        return;
      }
      case 'chosen-path': {
        const settle = pathDialogs.get(message.id);
        pathDialogs.delete(message.id);
        settle?.(message.path ?? undefined);
        return;
      }
      case 'call': {
        const channel = message.channel as IpcChannel;
        if (!handlers || locking) {
          const refusal = locking
            ? fail('vault-locked', 'The vault was locked before this finished.')
            : fail(IPC_ERROR.internal, 'The vault service is not ready.');
          endpoint.post({ type: 'result', id: message.id, result: refusal });
          return;
        }
        const handler = handlers[channel] as IpcHandler<typeof channel> | undefined;
        void dispatchIpcRequest(channel, [message.request], handler, message.caller).then((result) => {
          endpoint.post({ type: 'result', id: message.id, result });
        });
        return;
      }
    }
  });
}
