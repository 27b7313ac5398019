import { describe, expect, it } from 'vitest';
import { hostToMainMessageSchema, mainToHostMessageSchema } from './host-protocol';

describe('host protocol', () => {
  it('accepts the messages the main process sends', () => {
    for (const message of [
      { type: 'init', config: { vaultDir: '/home/minji/vault' } },
      { type: 'init', config: { vaultDir: 'C:\\Users\\minji\\vault', nativeBinding: 'C:\\tw\\resources\\native\\better_sqlite3.node', fileDialog: true } },
      { type: 'chosen-files', id: 3, paths: ['/home/minji/interview.m4a'] },
      { type: 'chosen-files', id: 4, paths: [] },
      { type: 'call', id: 1, channel: 'vault:unlock', request: { passphrase: 'x' }, caller: { webContentsId: 3 } },
      { type: 'call', id: 2, channel: 'app:info', request: undefined, caller: { webContentsId: 3 } },
      { type: 'lock' },
    ]) {
      expect(mainToHostMessageSchema.safeParse(message).success, JSON.stringify(message)).toBe(true);
    }
  });

  it('refuses unknown channels, relative paths, extra fields and bad ids', () => {
    for (const message of [
      { type: 'call', id: 1, channel: 'vault:delete-everything', request: {}, caller: { webContentsId: 3 } },
      { type: 'call', id: 0, channel: 'app:info', caller: { webContentsId: 3 } },
      { type: 'call', id: 1.5, channel: 'app:info', caller: { webContentsId: 3 } },
      { type: 'init', config: { vaultDir: 'vault' } },
      { type: 'init', config: { vaultDir: '/vault', nodeOptions: '--inspect' } },
      { type: 'chosen-files', id: 3, paths: ['relative/file.m4a'] },
      { type: 'lock', now: true },
      { type: 'eval', code: '1' },
      'lock',
      null,
    ]) {
      expect(mainToHostMessageSchema.safeParse(message).success, JSON.stringify(message)).toBe(false);
    }
  });

  it('lets the host send only ready, results, events, dialog requests and locked', () => {
    expect(hostToMainMessageSchema.safeParse({ type: 'ready' }).success).toBe(true);
    expect(hostToMainMessageSchema.safeParse({ type: 'result', id: 4, result: { ok: true, value: null } }).success).toBe(true);
    expect(hostToMainMessageSchema.safeParse({ type: 'event', event: {} }).success).toBe(true); // parsed again as an AppEvent
    expect(hostToMainMessageSchema.safeParse({ type: 'choose-files', id: 1, title: 'Choose recordings' }).success).toBe(true);
    expect(hostToMainMessageSchema.safeParse({ type: 'locked' }).success).toBe(true);
    expect(hostToMainMessageSchema.safeParse({ type: 'choose-files', id: 1, title: 'x'.repeat(201) }).success).toBe(false);
    expect(hostToMainMessageSchema.safeParse({ type: 'navigate', url: 'https://example.org' }).success).toBe(false);
    expect(hostToMainMessageSchema.safeParse({ type: 'call', id: 1, channel: 'app:info' }).success).toBe(false);
  });
});
