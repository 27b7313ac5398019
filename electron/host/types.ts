/**
 * What a service handler is and what it is given. Handlers live in electron/main/handlers/ and run
 * inside the service host, a separate process: they are plain Node (no `electron` import; the
 * layer check enforces it), so tests load them directly.
 */
import type { ProgressEvent } from '@shared/ipc/events';
import type { IpcChannel, IpcParsedRequest, IpcResponse } from '@shared/ipc/contract';

/** What a handler knows about its caller, beyond the request. */
export interface IpcContext {
  /** `webContents.id` of the window that asked. */
  webContentsId: number;
}

export type IpcHandler<C extends IpcChannel> = (
  request: IpcParsedRequest<C>,
  context: IpcContext,
) => IpcResponse<C> | Promise<IpcResponse<C>>;

/** The services' side of the contract; channels without a handler answer `not-implemented`. */
export type IpcHandlers = { [C in IpcChannel]: IpcHandler<C> };

/** Given once to `createServiceHandlers` when a host starts; one host lives from unlock to lock. */
export interface ServiceContext {
  /** The folder of the vault this app works on (it may not exist yet: no vault created). */
  readonly vaultDir: string;
  /** The app's version, as app:info reports it. */
  readonly appVersion: string;
  /** `process.platform` of the host. */
  readonly platform: string;
  /**
   * Reports the progress of a long operation to the app window (throttled by the host: call it as
   * often as is convenient). Events carry no content, only ids and counts; an event that does not
   * match the schema is a bug and throws.
   */
  emitProgress(event: ProgressEvent): void;
}

/** The module electron/main/handlers/index.ts must export. */
export type CreateServiceHandlers = (context: ServiceContext) => Partial<IpcHandlers>;
