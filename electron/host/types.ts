/**
 * What a service handler is and what it is given. Handlers live in electron/main/handlers/ and run
 * inside the service host, a separate process: they are plain Node (no `electron` import; the
 * layer check enforces it), so tests load them directly.
 */
import type { IpcChannel, IpcParsedRequest, IpcResponse } from '@shared/ipc/contract';
import type { HandlerContext } from '../main/handlers/context';

export type { HandlerContext } from '../main/handlers/context';

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

/** The module electron/main/handlers/index.ts must export; one host lives from unlock to lock. */
export type CreateServiceHandlers = (context: HandlerContext) => Partial<IpcHandlers>;
