import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  IPC_CHANNELS,
  IPC_CHANNEL_LIST,
  ipcApiPath,
  ipcContract,
  isIpcChannel,
  resultSchema,
  type IpcArgs,
  type IpcResponse,
  type Result,
  type TwApi,
} from './contract';

describe('IPC contract', () => {
  it('has one spec per channel constant, and every name maps to a distinct API path', () => {
    expect(Object.keys(ipcContract).sort()).toEqual([...IPC_CHANNEL_LIST].sort());
    const paths = IPC_CHANNEL_LIST.map((channel) => ipcApiPath(channel).join('.'));
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('maps channel names to window.tw paths', () => {
    expect(ipcApiPath('app:info')).toEqual(['app', 'info']);
    expect(ipcApiPath('vault:change-passphrase')).toEqual(['vault', 'changePassphrase']);
    expect(ipcApiPath('audit-log:verify-chain')).toEqual(['auditLog', 'verifyChain']);
    expect(() => ipcApiPath('Vault:Unlock')).toThrow();
    expect(() => ipcApiPath('vault')).toThrow();
    expect(() => ipcApiPath('invoke:x')).toThrow();
  });

  it('knows its channels', () => {
    expect(isIpcChannel('vault:unlock')).toBe(true);
    expect(isIpcChannel('vault:delete-everything')).toBe(false);
    expect(isIpcChannel(42)).toBe(false);
  });

  it('parses requests and responses strictly', () => {
    const unlock = ipcContract[IPC_CHANNELS.vaultUnlock];
    expect(unlock.request.safeParse({ passphrase: 'x' }).success).toBe(true);
    expect(unlock.request.safeParse({ passphrase: '' }).success).toBe(false);
    expect(unlock.request.safeParse({ passphrase: 'x', user: 'kim' }).success).toBe(false);
    expect(ipcContract['app:info'].request.safeParse(undefined).success).toBe(true);
    expect(ipcContract['app:info'].request.safeParse({}).success).toBe(false);
    const status = ipcContract['vault:status'].response;
    const user = { id: '6f1c7a52-58a4-4c3e-9d0b-2b1e7f3a9c10', name: 'kim', roles: ['reviewer'], isAdmin: false };
    expect(status.safeParse({ state: 'locked' }).success).toBe(true);
    expect(status.safeParse({ state: 'unlocked', session: { kind: 'user', user } }).success).toBe(true);
    expect(status.safeParse({ state: 'unlocked', session: { kind: 'user', user: { ...user, roles: [] } } }).success).toBe(false);
    expect(status.safeParse({ state: 'open' }).success).toBe(false);
  });

  it('describes Results', () => {
    const schema = resultSchema(ipcContract['vault:lock'].response);
    expect(schema.safeParse({ ok: true, value: null }).success).toBe(true);
    expect(schema.safeParse({ ok: false, error: { code: 'not-implemented', message: '' } }).success).toBe(true);
    expect(schema.safeParse({ ok: false }).success).toBe(false);
  });

  it('derives the preload API type', () => {
    expectTypeOf<IpcArgs<'app:info'>>().toEqualTypeOf<[]>();
    expectTypeOf<IpcArgs<'vault:unlock'>>().toEqualTypeOf<[request: { passphrase: string }]>();
    expectTypeOf<TwApi['vault']['unlock']>().parameters.toEqualTypeOf<[request: { passphrase: string }]>();
    expectTypeOf<TwApi['app']['info']>().returns.toEqualTypeOf<Promise<Result<IpcResponse<'app:info'>>>>();
    expectTypeOf<keyof TwApi['vault']>().toEqualTypeOf<'status' | 'create' | 'unlock' | 'lock' | 'changePassphrase'>();
    // Checked by the compiler (npm run typecheck); never called.
    const calls = (tw: TwApi) => {
      void tw.invoke('app:info');
      void tw.invoke('vault:unlock', { passphrase: 'x' });
      void tw.vault.status();
      // @ts-expect-error the passphrase is required
      void tw.invoke('vault:unlock');
      // @ts-expect-error app:info takes no request
      void tw.app.info({});
      // @ts-expect-error not a channel
      void tw.invoke('vault:delete-everything');
    };
    expect(typeof calls).toBe('function');
  });
});
