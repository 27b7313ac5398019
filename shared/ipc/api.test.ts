import { describe, expect, it } from 'vitest';
import { buildTwApi, type TwTransport } from './api';
import { IPC_CHANNELS, IPC_CHANNEL_LIST, ipcApiPath } from './contract';

function recordingTransport(answer: (channel: string, args: unknown[]) => unknown = () => ({ ok: true, value: null })) {
  const calls: Array<{ channel: string; args: unknown[] }> = [];
  const listeners = new Set<(event: unknown) => void>();
  const transport: TwTransport = {
    invoke: async (channel, args) => {
      calls.push({ channel, args });
      return answer(channel, args);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { transport, calls, emit: (event: unknown) => listeners.forEach((listener) => listener(event)) };
}

describe('buildTwApi', () => {
  it('has one function per channel, at the path the contract names', async () => {
    const { transport, calls } = recordingTransport();
    const api = buildTwApi(transport) as unknown as Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>;
    for (const channel of IPC_CHANNEL_LIST) {
      const [namespace, method] = ipcApiPath(channel);
      expect(typeof api[namespace]?.[method], channel).toBe('function');
    }
    await api['vault']!['changePassphrase']!({ newPassphrase: 'x' });
    expect(calls).toEqual([{ channel: 'vault:change-passphrase', args: [{ newPassphrase: 'x' }] }]);
    expect(IPC_CHANNELS.vaultChangePassphrase).toBe('vault:change-passphrase');
    expect(IPC_CHANNELS.attachmentUploadChunk).toBe('attachment:upload-chunk');
  });

  it('refuses unknown channels without sending them, and turns transport failures into Results', async () => {
    const { transport, calls } = recordingTransport(() => {
      throw new Error('window closing');
    });
    const api = buildTwApi(transport);
    const unknown = await (api.invoke as (channel: string) => Promise<unknown>)('vault:delete-everything');
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(calls).toHaveLength(0);
    expect(await api.vault.status()).toMatchObject({ ok: false, error: { code: 'ipc-failed' } });
  });

  it('passes well-formed events to the listeners of their kind and drops malformed ones', () => {
    const { transport, emit } = recordingTransport();
    const api = buildTwApi(transport);
    const progress: unknown[] = [];
    const locks: unknown[] = [];
    const stopProgress = api.onProgress((event) => progress.push(event));
    const stopLocks = api.onVaultLocked((event) => locks.push(event));
    emit({ type: 'vault-locked', reason: 'idle' });
    emit({ type: 'vault-locked', reason: 'because' });
    emit('<script>');
    emit({ type: 'progress', operation: 'attachment-add', id: 'u1', done: 5, total: 10 });
    emit({ type: 'progress', operation: 'attachment-add', id: 'u1', done: 5, total: 10, name: '김철수.m4a' });
    emit({ type: 'progress', operation: 'Kim Chol-su.m4a', id: 'u1', done: 5 });
    stopProgress();
    stopLocks();
    emit({ type: 'vault-locked', reason: 'idle' });
    emit({ type: 'progress', operation: 'attachment-add', id: 'u1', done: 10, total: 10 });
    expect(locks).toEqual([{ type: 'vault-locked', reason: 'idle' }]);
    expect(progress).toEqual([{ type: 'progress', operation: 'attachment-add', id: 'u1', done: 5, total: 10 }]);
  });

  it('keeps telling the other listeners when one throws', () => {
    const { transport, emit } = recordingTransport();
    const api = buildTwApi(transport);
    const heard: string[] = [];
    api.onVaultLocked(() => {
      throw new Error('broken screen');
    });
    api.onVaultLocked((event) => heard.push(event.reason));
    emit({ type: 'vault-locked', reason: 'shortcut' });
    expect(heard).toEqual(['shortcut']);
  });

  it('cannot be changed by the page', () => {
    const api = buildTwApi(recordingTransport().transport);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.vault)).toBe(true);
  });
});
