/**
 * Parsing around one IPC call, without Electron: the main process checks a request before it
 * forwards it and checks the Result it gets back; the service host parses the request again,
 * runs the handler and parses its answer. Nothing thrown by a handler crosses a process boundary.
 */
import { isUserError } from '@shared/errors';
import {
  IPC_ERROR,
  fail,
  ipcContract,
  ok,
  resultSchema,
  type IpcChannel,
  type IpcParsedRequest,
  type IpcResponse,
  type Result,
} from '@shared/ipc/contract';
import type { IpcContext, IpcHandler, IpcHandlers } from './types';

export const INTERNAL_ERROR_MESSAGE = 'Something went wrong in the program. Nothing was changed by this request.';

/** Logs without content: testimony or a passphrase may sit in an error's message. */
export function logHandlerFailure(channel: IpcChannel, error: unknown): void {
  const name = error instanceof Error ? error.name : typeof error;
  console.error(`IPC handler for ${channel} failed (${name})`);
}

export type ParsedRequest<C extends IpcChannel> =
  | { ok: true; request: IpcParsedRequest<C> }
  | { ok: false; error: ReturnType<typeof fail> };

/** The arguments of an invoke: nothing, or one request that matches the channel's schema. */
export function parseIpcRequest<C extends IpcChannel>(channel: C, args: readonly unknown[]): ParsedRequest<C> {
  if (args.length > 1) return { ok: false, error: fail(IPC_ERROR.invalidRequest, `Malformed request for ${channel}.`) };
  const parsed = ipcContract[channel].request.safeParse(args[0]);
  if (!parsed.success) {
    // Only where it failed, never the values: the request may hold a passphrase.
    const where = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    return { ok: false, error: fail(IPC_ERROR.invalidRequest, `Malformed request for ${channel} at ${where}.`) };
  }
  return { ok: true, request: parsed.data as IpcParsedRequest<C> };
}

/** A Result from elsewhere (the host), parsed with the channel's response schema; 'internal' if it does not fit. */
export function parseIpcResult<C extends IpcChannel>(channel: C, value: unknown): Result<IpcResponse<C>> {
  const parsed = resultSchema(ipcContract[channel].response).safeParse(value);
  if (!parsed.success) {
    logHandlerFailure(channel, new TypeError('result does not match the contract'));
    return fail(IPC_ERROR.internal, INTERNAL_ERROR_MESSAGE);
  }
  return parsed.data as Result<IpcResponse<C>>;
}

/** Handles one call: parse, run, parse, wrap. */
export async function dispatchIpcRequest<C extends IpcChannel>(
  channel: C,
  args: readonly unknown[],
  handler: IpcHandler<C> | undefined,
  context: IpcContext,
): Promise<Result<IpcResponse<C>>> {
  const request = parseIpcRequest(channel, args);
  if (!request.ok) return request.error;
  if (!handler) return fail(IPC_ERROR.notImplemented, `${channel} is not implemented yet.`);

  let value: unknown;
  try {
    value = await handler(request.request, context);
  } catch (error) {
    if (isUserError(error)) return fail(error.code, error.message);
    logHandlerFailure(channel, error);
    return fail(IPC_ERROR.internal, INTERNAL_ERROR_MESSAGE);
  }
  const response = ipcContract[channel].response.safeParse(value);
  if (!response.success) {
    logHandlerFailure(channel, new TypeError('response does not match the contract'));
    return fail(IPC_ERROR.internal, INTERNAL_ERROR_MESSAGE);
  }
  return ok(response.data as IpcResponse<C>);
}

/** Routes calls to handlers in this process (the host does this; so can a test or a tool). */
export function handlersRouter(handlers: Partial<IpcHandlers>) {
  return <C extends IpcChannel>(channel: C, request: unknown, context: IpcContext): Promise<Result<IpcResponse<C>>> =>
    dispatchIpcRequest(channel, [request], handlers[channel] as IpcHandler<C> | undefined, context);
}
