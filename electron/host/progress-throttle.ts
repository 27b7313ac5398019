/**
 * Thins out progress events: a handler may report every 64 KiB chunk of a 4 GiB file, but the window
 * needs a few updates a second. Per operation it passes the first event, every change of phase, a
 * final phase, the event that completes the total, and otherwise at most one event per interval,
 * holding back the latest one and sending it when the interval ends (so the bar never stops short).
 */
import { FINAL_PROGRESS_PHASES, type ProgressEvent } from '@shared/ipc/events';

export interface ThrottleTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: ThrottleTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface OperationState {
  sentAt: number;
  phase: string;
  held?: ProgressEvent;
  timer?: unknown;
}

/** Operations tracked at once; beyond it the oldest is forgotten (it merely loses throttling). */
const MAX_TRACKED_OPERATIONS = 256;

export class ProgressThrottle {
  private readonly operations = new Map<string, OperationState>();

  constructor(
    private readonly send: (event: ProgressEvent) => void,
    private readonly intervalMs = 100,
    private readonly timers: ThrottleTimers = realTimers,
  ) {}

  push(event: ProgressEvent): void {
    const now = this.timers.now();
    const key = `${event.operation}:${event.id}`;
    const state = this.operations.get(key);
    const phase = event.phase ?? '';
    const final = FINAL_PROGRESS_PHASES.includes(phase);
    const completes = event.total !== undefined && event.done === event.total;
    if (!state || state.phase !== phase || final || completes || now - state.sentAt >= this.intervalMs) {
      if (state?.timer !== undefined) this.timers.clearTimeout(state.timer);
      this.send(event);
      this.operations.delete(key); // re-inserted below: Map order is then oldest-first
      if (final) return;
      this.operations.set(key, { sentAt: now, phase });
      this.forgetOldest();
      return;
    }
    state.held = event;
    if (state.timer === undefined) {
      state.timer = this.timers.setTimeout(() => this.flush(key), this.intervalMs - (now - state.sentAt));
    }
  }

  /** Sends whatever is held back (at the end of an operation or of the host). */
  flushAll(): void {
    for (const key of [...this.operations.keys()]) this.flush(key);
  }

  private flush(key: string): void {
    const state = this.operations.get(key);
    if (!state) return;
    if (state.timer !== undefined) this.timers.clearTimeout(state.timer);
    state.timer = undefined;
    const held = state.held;
    if (!held) return;
    state.held = undefined;
    state.sentAt = this.timers.now();
    this.send(held);
  }

  private forgetOldest(): void {
    while (this.operations.size > MAX_TRACKED_OPERATIONS) {
      const [oldest, state] = this.operations.entries().next().value as [string, OperationState];
      if (state.timer !== undefined) this.timers.clearTimeout(state.timer);
      this.operations.delete(oldest);
    }
  }
}
