import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { UserError } from '@shared/errors';
import { IPC_CHANNEL_LIST, IPC_CHANNELS, ipcContract, resultSchema } from '@shared/ipc/contract';
import { dispatchIpcRequest, isTrustedSender, registerIpcHandlers, type IpcHandlers, type IpcSenderFacts } from './ipc';

const context = { webContentsId: 1 };

function senderEvent(overrides: { url?: string; id?: number; parent?: unknown; routingId?: number; frame?: null } = {}) {
  const mainFrame = { processId: 7, routingId: 3 };
  const event: IpcSenderFacts = {
    sender: { id: overrides.id ?? 1, mainFrame },
    senderFrame:
      overrides.frame === null
        ? null
        : {
            url: overrides.url ?? 'app://tw/index.html',
            processId: 7,
            routingId: overrides.routingId ?? 3,
            parent: overrides.parent ?? null,
          },
  };
  return event;
}

describe('isTrustedSender', () => {
  const trusted = new Set([1]);

  it("accepts the app window's main frame on an app:// page", () => {
    expect(isTrustedSender(senderEvent(), trusted)).toBe(true);
  });

  it('refuses other windows, subframes, other pages and vanished frames', () => {
    expect(isTrustedSender(senderEvent({ id: 2 }), trusted)).toBe(false);
    expect(isTrustedSender(senderEvent({ parent: {} }), trusted)).toBe(false);
    expect(isTrustedSender(senderEvent({ routingId: 4 }), trusted)).toBe(false);
    expect(isTrustedSender(senderEvent({ url: 'https://example.org/' }), trusted)).toBe(false);
    expect(isTrustedSender(senderEvent({ url: 'file:///tmp/x.html' }), trusted)).toBe(false);
    expect(isTrustedSender(senderEvent({ frame: null }), trusted)).toBe(false);
  });

  it('accepts the dev server only in development', () => {
    const url = 'http://localhost:5173/';
    expect(isTrustedSender(senderEvent({ url }), trusted)).toBe(false);
    expect(isTrustedSender(senderEvent({ url }), trusted, { devServerOrigin: 'http://localhost:5173' })).toBe(true);
  });
});

describe('dispatchIpcRequest', () => {
  it('returns the parsed response of a handler', async () => {
    const result = await dispatchIpcRequest(
      IPC_CHANNELS.appInfo,
      [],
      () => ({ version: '0.1.0', platform: 'linux' }),
      context,
    );
    expect(result).toEqual({ ok: true, value: { version: '0.1.0', platform: 'linux' } });
    expect(resultSchema(ipcContract['app:info'].response).safeParse(result).success).toBe(true);
  });

  it('passes the parsed request to the handler', async () => {
    const seen: unknown[] = [];
    const result = await dispatchIpcRequest(
      IPC_CHANNELS.vaultUnlock,
      [{ passphrase: 'correct horse' }],
      (request) => {
        seen.push(request);
        return { session: { kind: 'user' as const, user: { id: '6f1c7a52-58a4-4c3e-9d0b-2b1e7f3a9c10', name: 'kim', roles: ['interviewer' as const], isAdmin: false } } };
      },
      context,
    );
    expect(seen).toEqual([{ passphrase: 'correct horse' }]);
    expect(result).toMatchObject({ ok: true, value: { session: { kind: 'user', user: { name: 'kim', roles: ['interviewer'] } } } });
  });

  it('refuses malformed requests without echoing them', async () => {
    let called = false;
    const handler = () => {
      called = true;
      return { session: { kind: 'user' as const, user: { id: '6f1c7a52-58a4-4c3e-9d0b-2b1e7f3a9c10', name: 'kim', roles: ['interviewer' as const], isAdmin: false } } };
    };
    for (const args of [[], [{}], [{ passphrase: '' }], [{ passphrase: 'secret-123', extra: 1 }], ['secret-123'], [{ passphrase: 'a' }, 2]]) {
      const result = await dispatchIpcRequest(IPC_CHANNELS.vaultUnlock, args, handler, context);
      expect(result.ok, JSON.stringify(args)).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid-request');
        expect(result.error.message).not.toContain('secret-123');
      }
    }
    expect(called).toBe(false);
    // A channel that takes nothing refuses a payload.
    const withPayload = await dispatchIpcRequest(IPC_CHANNELS.vaultLock, [{ now: true }], () => null, context);
    expect(withPayload).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('answers not-implemented when there is no handler', async () => {
    const result = await dispatchIpcRequest(IPC_CHANNELS.vaultStatus, [], undefined, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'not-implemented' } });
  });

  it("turns a UserError into its code and message, anything else into 'internal'", async () => {
    const refused = await dispatchIpcRequest(
      IPC_CHANNELS.vaultUnlock,
      [{ passphrase: 'wrong' }],
      () => {
        throw new UserError('wrong-passphrase', 'The passphrase is not right.');
      },
      context,
    );
    expect(refused).toEqual({ ok: false, error: { code: 'wrong-passphrase', message: 'The passphrase is not right.' } });

    const originalError = console.error;
    const logged: unknown[][] = [];
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const crashed = await dispatchIpcRequest(
        IPC_CHANNELS.vaultStatus,
        [],
        () => {
          throw new Error('testimony text that must not be logged');
        },
        context,
      );
      expect(crashed).toMatchObject({ ok: false, error: { code: 'internal' } });
      if (!crashed.ok) expect(crashed.error.message).not.toContain('testimony');

      const badResponse = await dispatchIpcRequest(
        IPC_CHANNELS.vaultStatus,
        [],
        () => ({ state: 'open' }) as never,
        context,
      );
      expect(badResponse).toMatchObject({ ok: false, error: { code: 'internal' } });
    } finally {
      console.error = originalError;
    }
    expect(JSON.stringify(logged)).not.toContain('testimony');
  });
});

describe('registerIpcHandlers', () => {
  /** Records what registerIpcHandlers does with ipcMain; Electron itself cannot run in these tests. */
  function recordingIpcMain() {
    const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
    const ipcMain = {
      handle: (channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) => {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        handlers.set(channel, listener);
      },
      removeHandler: (channel: string) => void handlers.delete(channel),
    } as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>;
    return { ipcMain, handlers };
  }

  const event = senderEvent() as unknown as IpcMainInvokeEvent;
  const handlers: Partial<IpcHandlers> = { 'app:info': () => ({ version: '1.2.3', platform: 'linux' }) };

  it('registers every channel of the contract and removes them again', () => {
    const { ipcMain, handlers: registered } = recordingIpcMain();
    const unregister = registerIpcHandlers(ipcMain, handlers, { isTrustedSender: () => true });
    expect([...registered.keys()].sort()).toEqual([...IPC_CHANNEL_LIST].sort());
    unregister();
    expect(registered.size).toBe(0);
  });

  it('answers trusted senders and refuses the rest', async () => {
    const { ipcMain, handlers: registered } = recordingIpcMain();
    let trusted = true;
    registerIpcHandlers(ipcMain, handlers, { isTrustedSender: () => trusted });
    const appInfo = registered.get('app:info')!;
    await expect(appInfo(event)).resolves.toEqual({ ok: true, value: { version: '1.2.3', platform: 'linux' } });
    await expect(registered.get('vault:lock')!(event)).resolves.toMatchObject({
      ok: false,
      error: { code: 'not-implemented' },
    });
    trusted = false;
    await expect(appInfo(event)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
