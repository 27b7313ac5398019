/**
 * The service host as the app runs it, in plain Node: the main process's client starts the real
 * host entry (with the real handlers) as a separate process, calls through it with a real vault,
 * receives progress events, and locks it — which must end the process.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IPC_CHANNELS, type IpcChannel } from '@shared/ipc/contract';
import type { ProgressEvent } from '@shared/ipc/events';
import { tempDir } from '../../tests/helpers/temp';
import { Vault } from '../services/vault/vault';
import { ServiceHostClient, type ServiceHostClientOptions } from './client';
import { parseIpcResult } from './dispatch';
import { spawnNodeHost } from './node-process';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PASSPHRASE = 'host test passphrase';
const caller = { webContentsId: 1 };

function isAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const clients: ServiceHostClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.lock();
});

function startClient(vaultDir: string, overrides: Partial<ServiceHostClientOptions> & { entry?: string } = {}) {
  const progress: ProgressEvent[] = [];
  const unexpectedExits: Array<number | null> = [];
  const entry = overrides.entry ?? 'electron/host/entry.ts';
  const client = new ServiceHostClient({
    spawn: () => spawnNodeHost({ modulePath: path.join(ROOT, entry), execArgv: ['--import', 'tsx'], cwd: ROOT }),
    config: () => ({ vaultDir }),
    onProgress: (event) => progress.push(event),
    onUnexpectedExit: (code) => unexpectedExits.push(code),
    ...overrides,
  });
  clients.push(client);
  const call = async <C extends IpcChannel>(channel: C, request?: unknown) =>
    parseIpcResult(channel, await client.call(channel, request, caller));
  return { client, call, progress, unexpectedExits };
}

async function createVault(): Promise<string> {
  const dir = path.join(tempDir(), 'vault');
  const { vault } = await Vault.create(dir, { userName: 'minji', roles: ['interviewer', 'reviewer'], passphrase: PASSPHRASE });
  vault.lock();
  return dir;
}

describe('service host', () => {
  it('runs the handlers in a process of its own, and creates a vault there', async () => {
    const dir = path.join(tempDir(), 'vault');
    const { client, call } = startClient(dir);
    await expect(call(IPC_CHANNELS.vaultStatus)).resolves.toEqual({ ok: true, value: { state: 'no-vault' } });
    expect(client.pid).toBeDefined();
    expect(client.pid).not.toBe(process.pid);
    await expect(call(IPC_CHANNELS.vaultUnlock, { passphrase: PASSPHRASE })).resolves.toMatchObject({ ok: false });
    const created = await call(IPC_CHANNELS.vaultCreate, { userName: 'minji', roles: ['interviewer'], passphrase: PASSPHRASE });
    expect(created).toMatchObject({ ok: true, value: { session: { kind: 'user', user: { name: 'minji' } }, recoveryKey: expect.stringMatching(/^TWRK-/) } });
    await expect(call(IPC_CHANNELS.vaultStatus)).resolves.toMatchObject({ ok: true, value: { state: 'unlocked' } });
    // app:info is the main process's own (it knows the version): the host has no handler for it.
    await expect(call(IPC_CHANNELS.appInfo)).resolves.toMatchObject({ ok: false, error: { code: 'not-implemented' } });
  });

  it('unlocks a real vault, refuses a wrong passphrase, and lock ends the process holding the key', async () => {
    const dir = await createVault();
    const { client, call, unexpectedExits } = startClient(dir);
    await expect(call(IPC_CHANNELS.vaultStatus)).resolves.toEqual({ ok: true, value: { state: 'locked' } });

    const wrong = await call(IPC_CHANNELS.vaultUnlock, { passphrase: 'not the passphrase 123' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong-passphrase' } });
    expect(JSON.stringify(wrong)).not.toContain('not the passphrase 123');
    // A malformed request is refused by the host too (the main process checks it first as well).
    await expect(call(IPC_CHANNELS.vaultUnlock, { passphrase: PASSPHRASE, user: 'x' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });

    await expect(call(IPC_CHANNELS.vaultUnlock, { passphrase: PASSPHRASE })).resolves.toMatchObject({
      ok: true,
      value: { session: { kind: 'user', user: { name: 'minji', roles: ['interviewer', 'reviewer'] } } },
    });
    await expect(call(IPC_CHANNELS.vaultStatus)).resolves.toMatchObject({
      ok: true,
      value: { state: 'unlocked', session: { kind: 'user', user: { name: 'minji', roles: ['interviewer', 'reviewer'] } } },
    });
    const unlockedPid = client.pid;
    expect(isAlive(unlockedPid)).toBe(true);

    await expect(client.lock()).resolves.toBe(true);
    expect(isAlive(unlockedPid)).toBe(false);
    expect(client.isRunning).toBe(false);
    expect(unexpectedExits).toEqual([]);

    // The next call starts a fresh host, which holds nothing: the vault is locked.
    await expect(call(IPC_CHANNELS.vaultStatus)).resolves.toEqual({ ok: true, value: { state: 'locked' } });
    expect(client.pid).not.toBe(unlockedPid);
    // Locking closed the database cleanly: the vault opens again, consistent.
    const reopened = await Vault.unlock(dir, PASSPHRASE);
    expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok');
    reopened.lock();
  });

  it('answers vault-locked to a call under way when the vault locks, and leaves nothing unlocked', async () => {
    const dir = await createVault();
    const { client, call } = startClient(dir);
    await call(IPC_CHANNELS.vaultStatus); // host up, so the unlock below is under way when lock comes
    const pid = client.pid;
    const unlocking = call(IPC_CHANNELS.vaultUnlock, { passphrase: PASSPHRASE });
    await new Promise((resolve) => setTimeout(resolve, 100)); // Argon2id at 256 MiB takes about a second
    await client.lock();
    await expect(unlocking).resolves.toMatchObject({ ok: false, error: { code: 'vault-locked' } });
    expect(isAlive(pid)).toBe(false);
    await expect(call(IPC_CHANNELS.vaultStatus)).resolves.toEqual({ ok: true, value: { state: 'locked' } });
  });

  it('reports a host that died (a crash) as locked, and the next call starts a new one', async () => {
    const dir = path.join(tempDir(), 'vault');
    const { client, call, unexpectedExits } = startClient(dir);
    await call(IPC_CHANNELS.vaultStatus);
    const pid = client.pid!;
    process.kill(pid, 'SIGKILL');
    await waitUntil(() => unexpectedExits.length === 1, 'the exit to be noticed');
    expect(client.isRunning).toBe(false);
    await expect(call(IPC_CHANNELS.vaultStatus)).resolves.toEqual({ ok: true, value: { state: 'no-vault' } });
    expect(client.pid).not.toBe(pid);
  });

  it('does not outlive the process that started it', async () => {
    const dir = path.join(tempDir(), 'vault');
    const parent = spawn(process.execPath, ['--import', 'tsx', 'electron/host/test-fixtures/parent-that-dies.ts', dir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const hostPid = await new Promise<number>((resolve, reject) => {
      let output = '';
      parent.stdout.on('data', (data: Buffer) => {
        output += data.toString();
        const match = /host (\d+)/.exec(output);
        if (match) resolve(Number(match[1]));
      });
      parent.on('exit', () => reject(new Error('parent exited early')));
    });
    expect(isAlive(hostPid)).toBe(true);
    parent.kill('SIGKILL');
    await waitUntil(() => !isAlive(hostPid), 'the orphaned host to exit');
  });
});

describe('progress events', () => {
  const fixture = 'electron/host/test-fixtures/progress-host.ts';

  it('arrive parsed and thinned out, and the final one always arrives', async () => {
    const { call, progress } = startClient(path.join(tempDir(), 'vault'), { entry: fixture });
    await expect(call(IPC_CHANNELS.vaultStatus)).resolves.toMatchObject({ ok: true });
    const total = 4 * 1024 * 1024;
    // 65 chunk reports and a final one, about 2 ms apart: throttled to a few per 100 ms.
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.length).toBeLessThan(40);
    expect(progress[0]).toEqual({ type: 'progress', operation: 'export', id: 'op-sealing-0001', phase: 'encrypting', done: 0, total });
    expect(progress.at(-1)).toEqual({ type: 'progress', operation: 'export', id: 'op-sealing-0001', phase: 'done', done: total, total });
    const encrypting = progress.filter((event) => event.phase === 'encrypting').map((event) => event.done);
    expect(encrypting).toEqual([...encrypting].sort((a, b) => a - b));
    expect(encrypting.at(-1)).toBe(total); // the event completing the total is never dropped
  });

  it('never carry content: an event with extra fields is a bug, refused in the host', async () => {
    const { call, progress } = startClient(path.join(tempDir(), 'vault'), { entry: fixture });
    const result = await call(IPC_CHANNELS.vaultChangePassphrase, { newPassphrase: 'irrelevant here' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(progress)).not.toContain('Kim');
    expect(progress).toEqual([]);
  });
});

describe('file dialogs', () => {
  const fixture = 'electron/host/test-fixtures/progress-host.ts';

  it("reach the main process's dialog when it has one, and are absent otherwise", async () => {
    const asked: string[] = [];
    const withDialog = startClient(path.join(tempDir(), 'vault'), {
      entry: fixture,
      chooseFiles: async ({ title }) => {
        asked.push(title);
        return ['/home/minji/interview.m4a'];
      },
    });
    // The fixture's handler answers with what it was given, as a refusal's message.
    await expect(withDialog.call(IPC_CHANNELS.vaultUnlock, { passphrase: 'x' })).resolves.toEqual({
      ok: false,
      error: { code: 'chosen', message: '/home/minji/interview.m4a' },
    });
    expect(asked).toEqual(['Choose recordings']);
    await withDialog.client.lock();

    const withoutDialog = startClient(path.join(tempDir(), 'vault'), { entry: fixture });
    await expect(withoutDialog.call(IPC_CHANNELS.vaultUnlock, { passphrase: 'x' })).resolves.toEqual({
      ok: false,
      error: { code: 'chosen', message: '(no dialog)' },
    });
    await expect(withoutDialog.call(IPC_CHANNELS.vaultCreate, { userName: 'x', roles: ['archivist'], passphrase: 'x' })).resolves.toMatchObject({
      error: { message: '(no dialog)' },
    });
  });

  it('pass the folder and the save dialogs through; a cancel and a path that is not absolute both arrive as nothing chosen', async () => {
    const asked: string[] = [];
    const create = { userName: 'x', roles: ['archivist'], passphrase: 'x' };
    let folder: string | undefined = '/media/usb';
    let file: string | undefined = '/home/minji/age-identity.txt';
    const { call } = startClient(path.join(tempDir(), 'vault'), {
      entry: fixture,
      chooseFiles: async () => [],
      chooseFolder: async ({ title }) => {
        asked.push(title);
        return folder;
      },
      chooseSaveLocation: async ({ title, defaultName }) => {
        asked.push(`${title} (${defaultName})`);
        return file;
      },
    });
    await expect(call(IPC_CHANNELS.vaultCreate, create)).resolves.toEqual({ ok: false, error: { code: 'chosen', message: '/media/usb|/home/minji/age-identity.txt' } });
    expect(asked).toEqual(['Where to seal', 'Save the identity (age-identity.txt)']);
    folder = undefined;
    file = 'relative/identity.txt';
    await expect(call(IPC_CHANNELS.vaultCreate, create)).resolves.toEqual({ ok: false, error: { code: 'chosen', message: '(cancelled)|(cancelled)' } });
  });
});

describe('the client', () => {
  it('ignores what a misbehaving host sends: junk, lock events, events with content, results that break the contract', async () => {
    const original = console.error;
    const logged: string[] = [];
    console.error = (...args: unknown[]) => void logged.push(args.join(' '));
    try {
      const { call, progress } = startClient(path.join(tempDir(), 'vault'), { entry: 'electron/host/test-fixtures/hostile-host.ts' });
      const result = await call(IPC_CHANNELS.vaultStatus);
      expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
      expect(progress).toEqual([{ type: 'progress', operation: 'import', id: 'op-hostile-001', done: 1, total: 2 }]);
    } finally {
      console.error = original;
    }
    expect(logged.join('\n')).not.toContain('Kim');
    expect(logged.join('\n')).not.toContain('mallory');
  });

  it('kills a host that does not exit when asked to lock', async () => {
    const original = console.error;
    console.error = () => undefined;
    try {
      const { call, client, unexpectedExits } = startClient(path.join(tempDir(), 'vault'), {
        entry: 'electron/host/test-fixtures/hostile-host.ts',
        lockTimeoutMs: 300,
      });
      await call(IPC_CHANNELS.vaultStatus); // the hostile host ignores `lock`
      const pid = client.pid;
      const started = Date.now();
      await client.lock();
      expect(isAlive(pid)).toBe(false);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(unexpectedExits).toEqual([]);
    } finally {
      console.error = original;
    }
  });

  it('kills a host that does not answer at start, without reporting a lost session', async () => {
    const { call, client, unexpectedExits } = startClient(path.join(tempDir(), 'vault'), {
      entry: 'electron/host/test-fixtures/hostile-host.ts',
      readyTimeoutMs: 300,
      config: () => ({ vaultDir: '/silent' }),
    });
    const original = console.error;
    console.error = () => undefined;
    try {
      await expect(call(IPC_CHANNELS.vaultStatus)).resolves.toMatchObject({ ok: false, error: { code: 'service-stopped' } });
      expect(client.isRunning).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      console.error = original;
    }
    expect(unexpectedExits).toEqual([]);
  });
});
