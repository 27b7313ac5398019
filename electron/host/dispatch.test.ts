import { describe, expect, it } from 'vitest';
import { UserError } from '@shared/errors';
import { IPC_CHANNELS, ipcContract, resultSchema } from '@shared/ipc/contract';
import { dispatchIpcRequest, parseIpcResult } from './dispatch';

const context = { webContentsId: 1 };

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

describe('parseIpcResult', () => {
  it('accepts Results that fit the channel and nothing else', () => {
    expect(parseIpcResult(IPC_CHANNELS.vaultLock, { ok: true, value: null })).toEqual({ ok: true, value: null });
    const original = console.error;
    console.error = () => undefined;
    try {
      expect(parseIpcResult(IPC_CHANNELS.vaultLock, { ok: true, value: 1 })).toMatchObject({ ok: false, error: { code: 'internal' } });
      expect(parseIpcResult(IPC_CHANNELS.vaultLock, { ok: true })).toMatchObject({ ok: false, error: { code: 'internal' } });
      expect(parseIpcResult(IPC_CHANNELS.vaultLock, undefined)).toMatchObject({ ok: false, error: { code: 'internal' } });
    } finally {
      console.error = original;
    }
  });
});
