/**
 * When the vault locks by itself: the quick-lock shortcut, the idle timeout, and the settings that
 * configure them. Pure (no `electron` import), so each decision is tested in plain Node; index.ts
 * plugs them into `before-input-event`, `input-event` and `powerMonitor`.
 */
import { DEFAULT_IDLE_LOCK_MINUTES, appSettingsSchema, isAbsolutePath, type AppSettings } from '@shared/app-settings';

/** The keyboard facts of Electron's `Input` (before-input-event) that the shortcut needs. */
export interface KeyInput {
  type: string;
  key: string;
  code?: string | undefined;
  control: boolean;
  meta: boolean;
  shift: boolean;
  alt: boolean;
  isAutoRepeat?: boolean | undefined;
}

/**
 * Ctrl+L (Cmd+L on macOS) and Ctrl+Shift+L everywhere lock at once. The physical key is matched
 * (`code` KeyL), so the shortcut also works with a Korean layout active, where the key types 'ㅣ'.
 * Alt combinations are left alone (AltGr on some layouts is Ctrl+Alt).
 */
export function isLockShortcut(input: KeyInput, platform: string): boolean {
  if (input.type !== 'keyDown' || input.isAutoRepeat === true || input.alt) return false;
  const isL = input.code === 'KeyL' || input.key === 'l' || input.key === 'L';
  if (!isL) return false;
  const primary = platform === 'darwin' ? input.meta && !input.control : input.control && !input.meta;
  const controlShift = input.control && input.shift && !input.meta;
  return primary || controlShift;
}

/** Input that shows a person is at the window (Electron's InputEvent types); leaving the window does not. */
export function isActivityInput(type: string): boolean {
  return type !== 'undefined' && type !== 'mouseLeave' && type !== 'mouseEnter';
}

export interface IdleClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: IdleClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Calls `onIdle` once the window has had no input for `timeoutMs`. `noteActivity` is called for
 * every input event (mouse moves included), so it only records the time; one timer checks at
 * the earliest moment the timeout could have passed and re-arms itself if input came meanwhile.
 */
export class IdleLockTimer {
  private lastActivity: number;
  private timer: unknown;
  private running = false;

  constructor(
    private readonly timeoutMs: number,
    private readonly onIdle: () => void,
    private readonly clock: IdleClock = systemClock,
  ) {
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError('idle timeout must be positive');
    this.lastActivity = clock.now();
  }

  start(): void {
    this.running = true;
    this.lastActivity = this.clock.now();
    this.arm(this.timeoutMs);
  }

  stop(): void {
    this.running = false;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  noteActivity(): void {
    this.lastActivity = this.clock.now();
  }

  private arm(ms: number): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => this.check(), ms);
  }

  private check(): void {
    this.timer = undefined;
    if (!this.running) return;
    const idleFor = this.clock.now() - this.lastActivity;
    if (idleFor >= this.timeoutMs) {
      // Fire once, then count a fresh period: a locked app left alone does not lock again and again.
      this.lastActivity = this.clock.now();
      this.arm(this.timeoutMs);
      this.onIdle();
      return;
    }
    this.arm(this.timeoutMs - idleFor);
  }
}

export interface ResolvedSettings {
  idleLockMs: number;
  vaultDir: string;
  /** One line for the log when the settings file was refused (defaults apply then). */
  warning?: string;
}

export interface SettingsInputs {
  /** settings.json's text, or undefined when there is none. */
  settingsText: string | undefined;
  /** The default vault folder (`<userData>/vault`). */
  defaultVaultDir: string;
  /** Test and development overrides, honoured only in an unpackaged run. */
  env: Readonly<Record<string, string | undefined>>;
  isPackaged: boolean;
}

/**
 * Settings in force (settings.json: shared/app-settings.ts). A malformed settings file falls back to the defaults (safe: 5 minutes) rather
 * than stopping the app. TW_IDLE_LOCK_SECONDS and TW_VAULT_DIR exist for tests of the unpackaged
 * build; a packaged app ignores the environment, so nobody lengthens its lock that way.
 */
export function resolveSettings(inputs: SettingsInputs): ResolvedSettings {
  let settings: AppSettings = {};
  let warning: string | undefined;
  if (inputs.settingsText !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(inputs.settingsText);
    } catch {
      json = undefined;
      warning = 'settings.json is not JSON; the defaults apply';
    }
    if (warning === undefined) {
      const parsed = appSettingsSchema.safeParse(json);
      if (parsed.success) settings = parsed.data;
      else warning = `settings.json is not valid (${parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ')}); the defaults apply`;
    }
  }
  let idleLockMs = (settings.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES) * 60_000;
  let vaultDir = settings.vaultDir ?? inputs.defaultVaultDir;
  if (!inputs.isPackaged) {
    const seconds = inputs.env['TW_IDLE_LOCK_SECONDS'];
    if (seconds !== undefined && /^[1-9][0-9]{0,5}$/.test(seconds)) idleLockMs = Number(seconds) * 1000;
    const dir = inputs.env['TW_VAULT_DIR'];
    if (dir !== undefined && isAbsolutePath(dir)) vaultDir = dir;
  }
  return { idleLockMs, vaultDir, ...(warning ? { warning } : {}) };
}

/**
 * Allows an action at most `limit` times within `windowMs`: the window is reloaded after the
 * service host crashed, but a host that crashes at every start must not make it reload forever.
 */
export class RepeatGuard {
  private readonly times: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  allow(): boolean {
    const now = this.now();
    while (this.times.length > 0 && now - this.times[0]! >= this.windowMs) this.times.shift();
    if (this.times.length >= this.limit) return false;
    this.times.push(now);
    return true;
  }
}
