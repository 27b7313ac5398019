/**
 * Registers one `ipcMain.handle` per channel of the contract. For every call it checks the sender
 * (the app's own main frame on an app:// page), parses the request with the channel's schema,
 * hands it to a router (in the app: the service host, or the main process itself for vault:lock),
 * and parses the Result it gets back with the channel's response schema. Nothing thrown reaches
 * the renderer.
 *
 * Only `import type` from electron: `ipcMain` is passed in, so this file is tested in plain Node.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import {
  IPC_CHANNEL_LIST,
  IPC_ERROR,
  fail,
  type IpcChannel,
  type IpcResponse,
  type Result,
} from '@shared/ipc/contract';
import { INTERNAL_ERROR_MESSAGE, parseIpcRequest, parseIpcResult } from '../host/dispatch';
import type { IpcContext } from '../host/types';
import { isTrustedPageUrl, type PolicyOptions } from './security-policy';

export { dispatchIpcRequest } from '../host/dispatch';
export type { IpcContext, IpcHandler, IpcHandlers } from '../host/types';

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

/**
 * Answers a checked request: returns a Result (or something that should be one; it is parsed).
 * `request` is the renderer's argument as received, already checked against the schema: the
 * receiver parses it again itself.
 */
export type IpcRouter = (channel: IpcChannel, request: unknown, context: IpcContext) => Promise<unknown>;

/** One call after the sender check: parse the request, route it, parse the Result. Exported for tests. */
export async function routeIpcRequest<C extends IpcChannel>(
  channel: C,
  args: readonly unknown[],
  router: IpcRouter,
  context: IpcContext,
): Promise<Result<IpcResponse<C>>> {
  const request = parseIpcRequest(channel, args);
  if (!request.ok) return request.error;
  let result: unknown;
  try {
    result = await router(channel, args[0], context);
  } catch (error) {
    console.error(`IPC routing for ${channel} failed (${error instanceof Error ? error.name : typeof error})`);
    return fail(IPC_ERROR.internal, INTERNAL_ERROR_MESSAGE);
  }
  return parseIpcResult(channel, result);
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
  router: IpcRouter,
  options: RegisterIpcOptions,
): () => void {
  for (const channel of IPC_CHANNEL_LIST) {
    ipcMain.handle(channel, async (event, ...args: unknown[]) => {
      if (!options.isTrustedSender(event)) {
        return fail(IPC_ERROR.forbidden, 'This request did not come from the application window.');
      }
      return routeIpcRequest(channel, args, router, { webContentsId: event.sender.id });
    });
  }
  return () => {
    for (const channel of IPC_CHANNEL_LIST) ipcMain.removeHandler(channel);
  };
}
