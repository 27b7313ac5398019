import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  APP_EVENT_CHANNEL,
  appEventSchema,
  lockReasonFromSearch,
  operationIdSchema,
  progressEventSchema,
  vaultLockedEventSchema,
  type ProgressEvent,
  type TwEventApi,
  type VaultLockedEvent,
} from './events';
import { IPC_CHANNEL_LIST, ipcApiPath, type TwApi } from './contract';

const progress = { type: 'progress', operation: 'export', id: 'op-export-0001', phase: 'encrypting', done: 10, total: 100 } as const;

describe('app events', () => {
  it('travel on a channel of their own, which no window.tw namespace can shadow', () => {
    expect(IPC_CHANNEL_LIST).not.toContain(APP_EVENT_CHANNEL);
    expect(() => ipcApiPath('on-progress:x')).toThrow();
    expect(() => ipcApiPath('on-vault-locked:x')).toThrow();
    expect(() => ipcApiPath('on:x')).toThrow();
    expect(ipcApiPath('onboarding:start')).toEqual(['onboarding', 'start']);
  });

  it('accept progress with fixed words, ids and counts', () => {
    expect(progressEventSchema.parse(progress)).toEqual(progress);
    expect(progressEventSchema.safeParse({ type: 'progress', operation: 'attachment-add', id: crypto.randomUUID(), done: 0 }).success).toBe(true);
    expect(appEventSchema.parse(progress)).toEqual(progress);
  });

  it('refuse progress that carries anything else, or impossible counts', () => {
    for (const bad of [
      { ...progress, title: '김철수의 증언' },
      { ...progress, operation: 'Encrypting Kim Chol-su.m4a' },
      { ...progress, phase: '김철수' },
      { ...progress, phase: 'x'.repeat(41) },
      { ...progress, id: '' },
      { ...progress, id: '../../etc/passwd' },
      { ...progress, id: 'x'.repeat(101) },
      { ...progress, done: -1 },
      { ...progress, done: 1.5 },
      { ...progress, done: 101 },
      { type: 'progress', operation: 'export', id: 'a' },
    ]) {
      expect(progressEventSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
      expect(appEventSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(operationIdSchema.safeParse('upload_1-A').success).toBe(true);
  });

  it('name why the vault locked, from a fixed list', () => {
    for (const reason of ['shortcut', 'idle', 'suspend', 'lock-screen', 'request', 'host-exit']) {
      expect(vaultLockedEventSchema.safeParse({ type: 'vault-locked', reason }).success, reason).toBe(true);
    }
    expect(vaultLockedEventSchema.safeParse({ type: 'vault-locked', reason: 'because' }).success).toBe(false);
    expect(vaultLockedEventSchema.safeParse({ type: 'vault-locked', reason: 'idle', at: 1 }).success).toBe(false);
    expect(appEventSchema.safeParse({ type: 'unlock-everything' }).success).toBe(false);
  });

  it('tell a fresh page why it was locked, from its URL, and nothing else', () => {
    expect(lockReasonFromSearch('?locked=idle')).toBe('idle');
    expect(lockReasonFromSearch('?x=1&locked=lock-screen')).toBe('lock-screen');
    expect(lockReasonFromSearch('')).toBeUndefined();
    expect(lockReasonFromSearch('?locked=<script>')).toBeUndefined();
    expect(lockReasonFromSearch('?locked=because')).toBeUndefined();
  });

  it('give window.tw typed listeners', () => {
    expectTypeOf<TwEventApi['onProgress']>().parameters.toEqualTypeOf<[listener: (event: ProgressEvent) => void]>();
    expectTypeOf<TwEventApi['onVaultLocked']>().returns.toEqualTypeOf<() => void>();
    expectTypeOf<TwApi['onVaultLocked']>().parameters.toEqualTypeOf<[listener: (event: VaultLockedEvent) => void]>();
  });
});
