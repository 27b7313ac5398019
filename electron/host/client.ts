/**
 * The main process's handle on the service host. It starts a host when the first call comes, sends
 * it the config, forwards calls and returns their (still unparsed) Results, passes progress events
 * on, and on lock ends the host: it asks the host to close the vault, and kills it if it has not
 * exited shortly after. Whatever the host held goes with its process; the next call starts a new one.
 *
 * No `electron` import: the process is made by an injected `spawn` (utilityProcess.fork in the app,
 * child_process.fork in tests), so all of this is tested in plain Node.
 */
import { IPC_ERROR, fail, type IpcChannel } from '@shared/ipc/contract';
import { appEventSchema, type ProgressEvent } from '@shared/ipc/events';
import { absolutePathSchema } from '@shared/app-settings';
import { hostToMainMessageSchema, type HostConfig, type MainToHostMessage } from '@shared/ipc/host-protocol';
import type { IpcContext } from './types';

/** A started host process, whatever made it. */
export interface HostProcess {
  readonly pid: number | undefined;
  postMessage(message: MainToHostMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  /** Ends the process at once (SIGKILL where there is one). */
  kill(): void;
}

export type SpawnHost = () => HostProcess;

export interface ServiceHostClientOptions {
  spawn: SpawnHost;
  /** Read at every start, so that a changed setting applies to the next session. */
  config: () => HostConfig;
  onProgress: (event: ProgressEvent) => void;
  /**
   * Shows the native file dialog when the host asks for one (attachments from disk); resolves to
   * the chosen paths, none if cancelled. Without it the host's handlers get no `chooseFiles`.
   */
  chooseFiles?: (request: { title: string }) => Promise<string[]>;
  /** The native folder dialog (where an archive goes); undefined if cancelled. Given with chooseFiles. */
  chooseFolder?: (request: { title: string }) => Promise<string | undefined>;
  /** The native save dialog for a new file (an exported identity); undefined if cancelled. Given with chooseFiles. */
  chooseSaveLocation?: (request: { title: string; defaultName: string }) => Promise<string | undefined>;
  /**
   * A host that had started ended without being asked (a crash): the vault is locked now, the UI
   * must be told. Not called for a host that failed to start.
   */
  onUnexpectedExit: (code: number | null) => void;
  /** A host that has not said `ready` by then is killed (default 20 s). */
  readyTimeoutMs?: number;
  /** A locking host that has not exited by then is killed (default 6 s, past the host's own 5 s). */
  lockTimeoutMs?: number;
}

type RawResult = unknown;

export const HOST_ERROR = {
  /** The vault was locked while the call was under way; it did not finish. */
  locked: 'vault-locked',
  /** The host stopped (crashed) during the call. */
  stopped: 'service-stopped',
} as const;

interface Session {
  process: HostProcess | undefined;
  ready: Promise<boolean>;
  exited: Promise<void>;
  pending: Map<number, (result: RawResult) => void>;
  stopping: boolean;
  hasExited: boolean;
  /** Said `ready`: from then on it may hold an unlocked vault. */
  wasReady: boolean;
}

export class ServiceHostClient {
  private session: Session | undefined;
  private previousExit: Promise<void> = Promise.resolve();
  private nextCallId = 1;

  constructor(private readonly options: ServiceHostClientOptions) {}

  /** Is a host process running (or starting) now? */
  get isRunning(): boolean {
    return this.session !== undefined;
  }

  /** pid of the current host, for tests and diagnostics. */
  get pid(): number | undefined {
    return this.session?.process?.pid;
  }

  /**
   * Sends a call to the host (starting one if none runs) and returns its Result as the host sent
   * it; the caller parses it with the channel's response schema. Never throws.
   */
  async call(channel: IpcChannel, request: unknown, caller: IpcContext): Promise<RawResult> {
    const session = this.session ?? this.start();
    const ready = await session.ready;
    if (!ready || session.stopping || session.hasExited || !session.process) {
      return session.stopping
        ? fail(HOST_ERROR.locked, 'The vault was locked before this finished.')
        : fail(HOST_ERROR.stopped, 'The vault service did not start. Try again.');
    }
    const id = this.nextCallId++;
    const process = session.process;
    return new Promise<RawResult>((resolve) => {
      session.pending.set(id, resolve);
      try {
        process.postMessage({ type: 'call', id, channel, request, caller: { webContentsId: caller.webContentsId } });
      } catch {
        session.pending.delete(id);
        resolve(fail(IPC_ERROR.transport, 'The vault service did not take this request.'));
      }
    });
  }

  /**
   * Ends the current host: pending calls answer `vault-locked`, the host is asked to close the
   * vault and killed if it is still there after the lock timeout. Resolves once the process is
   * gone; true if there was one.
   */
  async lock(): Promise<boolean> {
    const session = this.session;
    if (!session) return false;
    this.session = undefined;
    session.stopping = true;
    this.settlePending(session, fail(HOST_ERROR.locked, 'The vault was locked before this finished.'));
    const process = session.process;
    if (process && !session.hasExited) {
      try {
        process.postMessage({ type: 'lock' });
      } catch {
        process.kill();
      }
      const timer = setTimeout(() => process.kill(), this.options.lockTimeoutMs ?? 6000);
      await session.exited;
      clearTimeout(timer);
    } else {
      await session.exited;
    }
    return true;
  }

  private start(): Session {
    const session: Session = {
      process: undefined,
      ready: Promise.resolve(false),
      exited: Promise.resolve(),
      pending: new Map(),
      stopping: false,
      hasExited: false,
      wasReady: false,
    };
    let markExited!: () => void;
    session.exited = new Promise<void>((resolve) => (markExited = resolve));
    // A new host opens the vault only once the previous one has closed it.
    const previous = this.previousExit;
    this.previousExit = session.exited;
    this.session = session;

    session.ready = previous.then(
      () =>
        new Promise<boolean>((resolve) => {
          if (session.stopping) {
            session.hasExited = true;
            markExited();
            resolve(false);
            return;
          }
          let process: HostProcess;
          try {
            process = this.options.spawn();
          } catch {
            console.error('service host: could not start');
            this.forget(session);
            session.hasExited = true;
            markExited();
            resolve(false);
            return;
          }
          session.process = process;
          const readyTimer = setTimeout(() => {
            console.error('service host: no answer at start, stopping it');
            this.forget(session);
            resolve(false);
            process.kill();
          }, this.options.readyTimeoutMs ?? 20_000);

          process.onMessage((raw) => {
            const parsed = hostToMainMessageSchema.safeParse(raw);
            if (!parsed.success) {
              console.error('service host: ignored a malformed message');
              return;
            }
            const message = parsed.data;
            if (message.type === 'ready') {
              clearTimeout(readyTimer);
              session.wasReady = true;
              resolve(true);
            } else if (message.type === 'result') {
              const settle = session.pending.get(message.id);
              session.pending.delete(message.id);
              settle?.(message.result);
            } else if (message.type === 'event') {
              // The host reports progress only; lock events are the main process's own.
              if (session.stopping) return;
              const event = appEventSchema.safeParse(message.event);
              if (event.success && event.data.type === 'progress') this.options.onProgress(event.data);
              else console.error('service host: ignored an event that is not well-formed progress');
            } else if (message.type === 'choose-files') {
              const answer = (paths: string[]) => {
                if (!session.hasExited && !session.stopping) process.postMessage({ type: 'chosen-files', id: message.id, paths });
              };
              const choose = this.options.chooseFiles;
              if (!choose) answer([]);
              else choose({ title: message.title }).then(answer, () => answer([]));
            } else if (message.type === 'choose-folder' || message.type === 'choose-save-location') {
              const answer = (chosen: string | undefined) => {
                // Anything but an absolute path counts as nothing chosen (the host would drop the message and wait forever).
                const valid = absolutePathSchema.safeParse(chosen);
                if (!session.hasExited && !session.stopping) process.postMessage({ type: 'chosen-path', id: message.id, path: valid.success ? valid.data : null });
              };
              const asked =
                message.type === 'choose-folder'
                  ? this.options.chooseFolder?.({ title: message.title })
                  : this.options.chooseSaveLocation?.({ title: message.title, defaultName: message.defaultName });
              if (!asked) answer(undefined);
              else asked.then(answer, () => answer(undefined));
            }
          });

          process.onExit((code) => {
            clearTimeout(readyTimer);
            session.hasExited = true;
            resolve(false);
            // A host that never said ready held nothing: a failed start is no lost session (and
            // reporting it would have the window reload, ask again, and loop).
            const lostSession = !session.stopping && session.wasReady;
            this.forget(session);
            this.settlePending(session, fail(HOST_ERROR.stopped, 'The vault service stopped; the vault is locked. Unlock it again.'));
            markExited();
            if (lostSession) this.options.onUnexpectedExit(code);
          });

          try {
            process.postMessage({ type: 'init', config: { ...this.options.config(), fileDialog: this.options.chooseFiles !== undefined } });
          } catch {
            process.kill();
          }
        }),
    );
    return session;
  }

  private forget(session: Session): void {
    if (this.session === session) this.session = undefined;
  }

  private settlePending(session: Session, result: RawResult): void {
    const settles = [...session.pending.values()];
    session.pending.clear();
    for (const settle of settles) settle(result);
  }
}
