/**
 * Registers one `ipcMain.handle` per channel of the contract. For every call it checks the sender
 * (the app's own main frame on an app:// page), parses the request with the channel's schema, runs
 * the handler, parses the response, and answers with a Result. Nothing thrown reaches the renderer.
 *
 * Only `import type` from electron: `ipcMain` is passed in, so this file is tested in plain Node.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { isUserError } from '@shared/errors';
import {
  IPC_CHANNEL_LIST,
  IPC_ERROR,
  fail,
  ipcContract,
  ok,
  type IpcChannel,
  type IpcParsedRequest,
  type IpcResponse,
  type Result,
} from '@shared/ipc/contract';
import { isTrustedPageUrl, type PolicyOptions } from './security-policy';

/** What a handler knows about its caller, beyond the request. */
export interface IpcContext {
  /** `webContents.id` of the window that asked. */
  webContentsId: number;
}

export type IpcHandler<C extends IpcChannel> = (
  request: IpcParsedRequest<C>,
  context: IpcContext,
) => IpcResponse<C> | Promise<IpcResponse<C>>;

/** The main process's side of the contract; channels without a handler answer `not-implemented`. */
export type IpcHandlers = { [C in IpcChannel]: IpcHandler<C> };

/** The few facts of an invoke event the sender check needs (a real `IpcMainInvokeEvent` fits). */
export interface IpcSenderFacts {
  sender: { id: number; mainFrame: { processId: number; routingId: number } };
  senderFrame: { url: string; processId: number; routingId: number; parent: unknown } | null;
}

/**
 * The sender must be a window this process trusts, the message must come from that window's
 * top-level frame (not an iframe), and that frame must show the app's own page.
 */
export function isTrustedSender(
  event: IpcSenderFacts,
  trustedWebContentsIds: ReadonlySet<number>,
  options: PolicyOptions = {},
): boolean {
  const frame = event.senderFrame;
  if (!frame) return false; // frame navigated away or destroyed
  if (!trustedWebContentsIds.has(event.sender.id)) return false;
  if (frame.parent !== null) return false;
  const mainFrame = event.sender.mainFrame;
  if (frame.processId !== mainFrame.processId || frame.routingId !== mainFrame.routingId) return false;
  return isTrustedPageUrl(frame.url, options);
}

/** Logs without content: testimony or a passphrase may sit in an error's message. */
function logHandlerFailure(channel: IpcChannel, error: unknown): void {
  const name = error instanceof Error ? error.name : typeof error;
  console.error(`IPC handler for ${channel} failed (${name})`);
}

/** Handles one call after the sender check: parse, run, parse, wrap. Exported for tests. */
export async function dispatchIpcRequest<C extends IpcChannel>(
  channel: C,
  args: readonly unknown[],
  handler: IpcHandler<C> | undefined,
  context: IpcContext,
): Promise<Result<IpcResponse<C>>> {
  const spec = ipcContract[channel];
  if (args.length > 1) return fail(IPC_ERROR.invalidRequest, `Malformed request for ${channel}.`);
  const request = spec.request.safeParse(args[0]);
  if (!request.success) {
    // Only where it failed, never the values: the request may hold a passphrase.
    const where = request.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    return fail(IPC_ERROR.invalidRequest, `Malformed request for ${channel} at ${where}.`);
  }
  if (!handler) return fail(IPC_ERROR.notImplemented, `${channel} is not implemented yet.`);

  let value: unknown;
  try {
    value = await handler(request.data as IpcParsedRequest<C>, context);
  } catch (error) {
    if (isUserError(error)) return fail(error.code, error.message);
    logHandlerFailure(channel, error);
    return fail(IPC_ERROR.internal, 'Something went wrong in the program. Nothing was changed by this request.');
  }
  const response = spec.response.safeParse(value);
  if (!response.success) {
    logHandlerFailure(channel, new TypeError('response does not match the contract'));
    return fail(IPC_ERROR.internal, 'Something went wrong in the program. Nothing was changed by this request.');
  }
  return ok(response.data as IpcResponse<C>);
}

export interface RegisterIpcOptions {
  /** Decides whether an invoke event comes from the app's own main frame. */
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
}

/**
 * Registers every channel of the contract (implemented or not, so that the renderer always gets a
 * Result). Returns a function that removes the handlers again.
 */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: Partial<IpcHandlers>,
  options: RegisterIpcOptions,
): () => void {
  for (const channel of IPC_CHANNEL_LIST) {
    ipcMain.handle(channel, async (event, ...args: unknown[]) => {
      if (!options.isTrustedSender(event)) {
        return fail(IPC_ERROR.forbidden, 'This request did not come from the application window.');
      }
      return dispatchIpcRequest(channel, args, handlers[channel] as IpcHandler<typeof channel> | undefined, {
        webContentsId: event.sender.id,
      });
    });
  }
  return () => {
    for (const channel of IPC_CHANNEL_LIST) ipcMain.removeHandler(channel);
  };
}
