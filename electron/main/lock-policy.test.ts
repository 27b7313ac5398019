import { describe, expect, it } from 'vitest';
import { manualClock } from '../../tests/helpers/manual-clock';
import { IdleLockTimer, RepeatGuard, isActivityInput, isLockShortcut, resolveSettings, type KeyInput } from './lock-policy';

const key = (overrides: Partial<KeyInput>): KeyInput => ({
  type: 'keyDown',
  key: 'l',
  code: 'KeyL',
  control: false,
  meta: false,
  shift: false,
  alt: false,
  ...overrides,
});

describe('isLockShortcut', () => {
  it('locks on Ctrl+L and Ctrl+Shift+L on Windows and Linux', () => {
    for (const platform of ['win32', 'linux']) {
      expect(isLockShortcut(key({ control: true }), platform)).toBe(true);
      expect(isLockShortcut(key({ control: true, shift: true, key: 'L' }), platform)).toBe(true);
      expect(isLockShortcut(key({ meta: true }), platform)).toBe(false);
    }
  });

  it('locks on Cmd+L and Ctrl+Shift+L on macOS, not on a bare Ctrl+L', () => {
    expect(isLockShortcut(key({ meta: true }), 'darwin')).toBe(true);
    expect(isLockShortcut(key({ meta: true, shift: true }), 'darwin')).toBe(true);
    expect(isLockShortcut(key({ control: true, shift: true }), 'darwin')).toBe(true);
    expect(isLockShortcut(key({ control: true }), 'darwin')).toBe(false);
  });

  it('matches the physical key, so a Korean layout (ㅣ) locks too', () => {
    expect(isLockShortcut(key({ control: true, key: 'ㅣ', code: 'KeyL' }), 'win32')).toBe(true);
    expect(isLockShortcut(key({ meta: true, key: 'ㅣ', code: 'KeyL' }), 'darwin')).toBe(true);
  });

  it('ignores other keys, plain L, Alt combinations, key-up and auto-repeat', () => {
    expect(isLockShortcut(key({}), 'linux')).toBe(false); // typing "l"
    expect(isLockShortcut(key({ shift: true, key: 'L' }), 'linux')).toBe(false);
    expect(isLockShortcut(key({ control: true, key: 'k', code: 'KeyK' }), 'linux')).toBe(false);
    expect(isLockShortcut(key({ control: true, alt: true }), 'linux')).toBe(false); // AltGr
    expect(isLockShortcut(key({ control: true, type: 'keyUp' }), 'linux')).toBe(false);
    expect(isLockShortcut(key({ control: true, isAutoRepeat: true }), 'linux')).toBe(false);
    expect(isLockShortcut(key({ control: true, meta: true }), 'linux')).toBe(false);
  });
});

describe('isActivityInput', () => {
  it('counts keys, clicks, moves, wheel and touch; not the pointer merely leaving', () => {
    for (const type of ['keyDown', 'char', 'mouseDown', 'mouseMove', 'mouseWheel', 'touchStart', 'gestureScrollUpdate']) {
      expect(isActivityInput(type), type).toBe(true);
    }
    for (const type of ['mouseLeave', 'mouseEnter', 'undefined']) expect(isActivityInput(type), type).toBe(false);
  });
});

describe('IdleLockTimer', () => {
  const minutes = (n: number) => n * 60_000;

  it('locks after the timeout without input, once', () => {
    const { clock, advance } = manualClock();
    let locks = 0;
    const timer = new IdleLockTimer(minutes(5), () => (locks += 1), clock);
    timer.start();
    advance(minutes(4) + 59_000);
    expect(locks).toBe(0);
    advance(1000);
    expect(locks).toBe(1);
    // Left alone afterwards, it fires at most once per further period.
    advance(minutes(4));
    expect(locks).toBe(1);
  });

  it('counts from the last input', () => {
    const { clock, advance } = manualClock();
    let locks = 0;
    const timer = new IdleLockTimer(minutes(5), () => (locks += 1), clock);
    timer.start();
    for (let i = 0; i < 10; i += 1) {
      advance(minutes(3));
      timer.noteActivity();
    }
    expect(locks).toBe(0);
    advance(minutes(5));
    expect(locks).toBe(1);
  });

  it('keeps one timer however much input comes, and none after stop', () => {
    const { clock, advance, pending } = manualClock();
    let locks = 0;
    const timer = new IdleLockTimer(minutes(5), () => (locks += 1), clock);
    timer.start();
    for (let i = 0; i < 1000; i += 1) timer.noteActivity();
    expect(pending()).toBe(1);
    timer.stop();
    expect(pending()).toBe(0);
    advance(minutes(30));
    expect(locks).toBe(0);
  });

  it('refuses a timeout that is not positive', () => {
    expect(() => new IdleLockTimer(0, () => undefined)).toThrow(RangeError);
    expect(() => new IdleLockTimer(Number.NaN, () => undefined)).toThrow(RangeError);
  });
});

describe('resolveSettings', () => {
  const base = { defaultVaultDir: '/home/minji/.config/tw/vault', env: {}, isPackaged: true };

  it('defaults to a 5-minute idle lock and the vault in the user-data folder', () => {
    expect(resolveSettings({ ...base, settingsText: undefined })).toEqual({ idleLockMs: 300_000, vaultDir: base.defaultVaultDir });
  });

  it('takes both from settings.json', () => {
    const settingsText = JSON.stringify({ idleLockMinutes: 2, vaultDir: '/media/usb/vault' });
    expect(resolveSettings({ ...base, settingsText })).toEqual({ idleLockMs: 120_000, vaultDir: '/media/usb/vault' });
    const windows = JSON.stringify({ vaultDir: 'D:\\vault' });
    expect(resolveSettings({ ...base, settingsText: windows }).vaultDir).toBe('D:\\vault');
  });

  it('falls back to the safe defaults when settings.json is broken or out of range, and says so', () => {
    for (const settingsText of ['{', '[]', '{"idleLockMinutes": 0}', '{"idleLockMinutes": 100000}', '{"idleLockMinutes": 2.5}', '{"vaultDir": "relative/vault"}', '{"idleLock": 1}']) {
      const resolved = resolveSettings({ ...base, settingsText });
      expect(resolved.idleLockMs, settingsText).toBe(300_000);
      expect(resolved.vaultDir).toBe(base.defaultVaultDir);
      expect(resolved.warning).toMatch(/settings\.json/);
    }
  });

  it('honours the test overrides only in an unpackaged run', () => {
    const env = { TW_IDLE_LOCK_SECONDS: '3', TW_VAULT_DIR: '/tmp/tw-e2e/vault' };
    expect(resolveSettings({ ...base, settingsText: undefined, env, isPackaged: false })).toEqual({ idleLockMs: 3000, vaultDir: '/tmp/tw-e2e/vault' });
    expect(resolveSettings({ ...base, settingsText: undefined, env, isPackaged: true })).toEqual({ idleLockMs: 300_000, vaultDir: base.defaultVaultDir });
    const junk = { TW_IDLE_LOCK_SECONDS: '-1', TW_VAULT_DIR: 'vault' };
    expect(resolveSettings({ ...base, settingsText: undefined, env: junk, isPackaged: false })).toEqual({ idleLockMs: 300_000, vaultDir: base.defaultVaultDir });
  });
});

describe('RepeatGuard', () => {
  it('allows a few reloads after crashes, then no more until the window has passed', () => {
    let now = 0;
    const guard = new RepeatGuard(3, 60_000, () => now);
    expect([guard.allow(), guard.allow(), guard.allow(), guard.allow()]).toEqual([true, true, true, false]);
    now = 59_999;
    expect(guard.allow()).toBe(false);
    now = 60_000;
    expect(guard.allow()).toBe(true);
  });
});
