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

  it('passes well-formed events to listeners and drops malformed ones', () => {
    const { transport, emit } = recordingTransport();
    const api = buildTwApi(transport);
    const seen: unknown[] = [];
    const stop = api.onProgress((event) => seen.push(event));
    emit({ type: 'vault-locked', reason: 'idle' });
    emit({ type: 'vault-locked', reason: 'because' });
    emit('<script>');
    emit({ type: 'progress', operation: 'attachment-add', id: 'u1', done: 5, total: 10 });
    stop();
    emit({ type: 'vault-locked', reason: 'idle' });
    expect(seen).toEqual([
      { type: 'vault-locked', reason: 'idle' },
      { type: 'progress', operation: 'attachment-add', id: 'u1', done: 5, total: 10 },
    ]);
  });

  it('cannot be changed by the page', () => {
    const api = buildTwApi(recordingTransport().transport);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.vault)).toBe(true);
  });
});
