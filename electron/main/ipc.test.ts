import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { IPC_CHANNEL_LIST, IPC_CHANNELS } from '@shared/ipc/contract';
import { handlersRouter } from '../host/dispatch';
import { isTrustedSender, registerIpcHandlers, routeIpcRequest, type IpcHandlers, type IpcSenderFacts } from './ipc';

const context = { webContentsId: 1 };

/** Silences and records console.error while `run` runs. */
async function capturingErrors<T>(run: () => Promise<T>): Promise<{ value: T; logged: string }> {
  const original = console.error;
  const logged: unknown[][] = [];
  console.error = (...args: unknown[]) => void logged.push(args);
  try {
    return { value: await run(), logged: JSON.stringify(logged) };
  } finally {
    console.error = original;
  }
}

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

describe('routeIpcRequest', () => {
  it('refuses a malformed request before it reaches the router', async () => {
    let routed = 0;
    const router = async () => {
      routed += 1;
      return { ok: true, value: null };
    };
    for (const args of [[{ passphrase: '' }], [{ passphrase: 'secret-123', extra: 1 }], [{ passphrase: 'a' }, 2], []]) {
      const result = await routeIpcRequest(IPC_CHANNELS.vaultUnlock, args, router, context);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      expect(JSON.stringify(result)).not.toContain('secret-123');
    }
    expect(routed).toBe(0);
  });

  it('forwards the request as received and returns the Result parsed with the response schema', async () => {
    const seen: unknown[] = [];
    const result = await routeIpcRequest(
      IPC_CHANNELS.vaultStatus,
      [],
      async (channel, request) => {
        seen.push([channel, request]);
        return { ok: true, value: { state: 'unlocked', session: { kind: 'recovery', userNames: ['kim'] } } };
      },
      context,
    );
    expect(seen).toEqual([['vault:status', undefined]]);
    expect(result).toEqual({ ok: true, value: { state: 'unlocked', session: { kind: 'recovery', userNames: ['kim'] } } });
  });

  it("turns a Result that does not fit the contract, or a router that throws, into 'internal'", async () => {
    const { value: outcomes, logged } = await capturingErrors(async () => [
      // A value the contract does not allow (no such state), with content that must not be logged.
      await routeIpcRequest(IPC_CHANNELS.vaultStatus, [], async () => ({ ok: true, value: { state: 'open', note: 'testimony' } }), context),
      await routeIpcRequest(IPC_CHANNELS.vaultStatus, [], async () => 'not a result', context),
      await routeIpcRequest(IPC_CHANNELS.vaultStatus, [], async () => ({ ok: false, error: { code: 7 } }), context),
      await routeIpcRequest(
        IPC_CHANNELS.vaultStatus,
        [],
        async () => {
          throw new Error('testimony text');
        },
        context,
      ),
    ]);
    for (const outcome of outcomes) expect(outcome).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logged).not.toContain('testimony');
  });

  it('passes refusals through unchanged', async () => {
    const refusal = { ok: false, error: { code: 'wrong-passphrase', message: 'The passphrase is not right.' } };
    await expect(routeIpcRequest(IPC_CHANNELS.vaultUnlock, [{ passphrase: 'x' }], async () => refusal, context)).resolves.toEqual(refusal);
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
    const unregister = registerIpcHandlers(ipcMain, handlersRouter(handlers), { isTrustedSender: () => true });
    expect([...registered.keys()].sort()).toEqual([...IPC_CHANNEL_LIST].sort());
    unregister();
    expect(registered.size).toBe(0);
  });

  it('answers trusted senders and refuses the rest', async () => {
    const { ipcMain, handlers: registered } = recordingIpcMain();
    let trusted = true;
    registerIpcHandlers(ipcMain, handlersRouter(handlers), { isTrustedSender: () => trusted });
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
