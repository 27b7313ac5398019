import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  APP_EVENT_LIST,
  appEventChannel,
  appEventListenerName,
  appEventSchemas,
  operationIdSchema,
  progressEventSchema,
  vaultLockedEventSchema,
  type ProgressEvent,
  type TwEventApi,
  type VaultLockedEvent,
} from './events';
import { IPC_CHANNEL_LIST, ipcApiPath, type TwApi } from './contract';

describe('app events', () => {
  it('have one schema each, a channel apart from the contract, and a listener name', () => {
    expect(Object.keys(appEventSchemas).sort()).toEqual([...APP_EVENT_LIST].sort());
    expect(APP_EVENT_LIST.map(appEventListenerName)).toEqual(['onProgress', 'onVaultLocked']);
    for (const name of APP_EVENT_LIST) expect(IPC_CHANNEL_LIST).not.toContain(appEventChannel(name));
    expect(() => appEventListenerName('Vault_Locked')).toThrow();
  });

  it('cannot collide with a channel namespace on window.tw', () => {
    expect(() => ipcApiPath('on-progress:x')).toThrow();
    expect(() => ipcApiPath('on:x')).toThrow();
    expect(ipcApiPath('onboarding:start')).toEqual(['onboarding', 'start']);
  });

  it('accept progress with counts only', () => {
    const event = { operationId: 'op-export-0001', phase: 'encrypting', bytesDone: 10, bytesTotal: 100 };
    expect(progressEventSchema.parse(event)).toEqual(event);
    expect(progressEventSchema.safeParse({ ...event, bytesTotal: undefined }).success).toBe(true);
    expect(progressEventSchema.safeParse({ ...event, itemsDone: 2, itemsTotal: 3 }).success).toBe(true);
  });

  it('refuse progress that carries anything else, or impossible counts', () => {
    const event = { operationId: 'op-export-0001', phase: 'encrypting', bytesDone: 10, bytesTotal: 100 };
    for (const bad of [
      { ...event, title: '김철수의 증언' },
      { ...event, phase: 'Encrypting Kim Chol-su.m4a' },
      { ...event, phase: 'x'.repeat(41) },
      { ...event, operationId: 'short' },
      { ...event, operationId: '../../etc/passwd' },
      { ...event, bytesDone: -1 },
      { ...event, bytesDone: 1.5 },
      { ...event, bytesDone: 101 },
      { ...event, itemsDone: 4, itemsTotal: 3 },
      { operationId: 'op-export-0001', phase: 'encrypting' },
    ]) {
      expect(progressEventSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(operationIdSchema.safeParse(crypto.randomUUID()).success).toBe(true);
  });

  it('name why the vault locked, from a fixed list', () => {
    expect(vaultLockedEventSchema.parse({ reason: 'idle' })).toEqual({ reason: 'idle' });
    expect(vaultLockedEventSchema.safeParse({ reason: 'because' }).success).toBe(false);
    expect(vaultLockedEventSchema.safeParse({ reason: 'idle', at: 1 }).success).toBe(false);
  });

  it('give window.tw typed listeners', () => {
    expectTypeOf<TwEventApi['onProgress']>().parameters.toEqualTypeOf<[listener: (event: ProgressEvent) => void]>();
    expectTypeOf<TwEventApi['onVaultLocked']>().returns.toEqualTypeOf<() => void>();
    expectTypeOf<TwApi['onVaultLocked']>().parameters.toEqualTypeOf<[listener: (event: VaultLockedEvent) => void]>();
  });
});
