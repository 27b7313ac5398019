/**
 * Calls handlers the way the main process does (parse the request, run, parse the Result), for
 * tests of electron/main/handlers: `value` expects success, `errorCode` a refusal's code.
 */
import type { IpcArgs, IpcChannel, IpcResponse, Result } from '@shared/ipc/contract';
import { dispatchIpcRequest } from '../../electron/host/dispatch';
import type { IpcHandler, IpcHandlers } from '../../electron/host/types';

export interface HandlerCaller {
  call<C extends IpcChannel>(channel: C, ...args: IpcArgs<C>): Promise<Result<IpcResponse<C>>>;
  value<C extends IpcChannel>(channel: C, ...args: IpcArgs<C>): Promise<IpcResponse<C>>;
  errorCode<C extends IpcChannel>(channel: C, ...args: IpcArgs<C>): Promise<string>;
}

export function handlerCaller(handlers: () => Partial<IpcHandlers>): HandlerCaller {
  const call = <C extends IpcChannel>(channel: C, ...args: IpcArgs<C>): Promise<Result<IpcResponse<C>>> =>
    dispatchIpcRequest(channel, args, handlers()[channel] as IpcHandler<C> | undefined, { webContentsId: 1 });
  return {
    call,
    async value(channel, ...args) {
      const result = await call(channel, ...args);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
    async errorCode(channel, ...args) {
      const result = await call(channel, ...args);
      return result.ok ? 'ok' : result.error.code;
    },
  };
}

/** Uploads bytes as an attachment through the chunked upload channels. */
export async function uploadThrough(caller: HandlerCaller, testimonyId: string, fileName: string, bytes: Uint8Array, mediaType?: string) {
  const { uploadId } = await caller.value('attachment:upload-begin', { testimonyId, fileName, size: bytes.length, ...(mediaType ? { mediaType } : {}) });
  await caller.value('attachment:upload-chunk', { uploadId, bytes });
  return (await caller.value('attachment:upload-finish', { uploadId })).attachment;
}
