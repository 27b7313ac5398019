import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '@shared/ipc/events';
import { manualClock } from '../../tests/helpers/manual-clock';
import { ProgressThrottle } from './progress-throttle';

const event = (done: number, phase = 'encrypting', id = 'op-export-0001'): ProgressEvent => ({
  type: 'progress',
  operation: 'export',
  id,
  phase,
  done,
  total: 1000,
});

describe('ProgressThrottle', () => {
  it('passes the first event and then at most one per interval, sending the latest held one at its end', () => {
    const { clock: api, advance } = manualClock();
    const sent: ProgressEvent[] = [];
    const throttle = new ProgressThrottle((e) => sent.push(e), 100, api);
    throttle.push(event(0));
    for (let done = 10; done < 100; done += 10) {
      advance(5);
      throttle.push(event(done));
    }
    expect(sent.map((e) => e.done)).toEqual([0]);
    advance(100);
    expect(sent.map((e) => e.done)).toEqual([0, 90]);
  });

  it('never holds back a change of phase, the event that completes the total, or a final phase', () => {
    const { clock: api } = manualClock();
    const sent: ProgressEvent[] = [];
    const throttle = new ProgressThrottle((e) => sent.push(e), 100, api);
    throttle.push(event(0));
    throttle.push(event(500));
    throttle.push(event(1000));
    throttle.push(event(0, 'verifying'));
    throttle.push(event(10, 'verifying'));
    throttle.push(event(10, 'failed'));
    expect(sent.map((e) => `${e.phase}:${e.done}`)).toEqual(['encrypting:0', 'encrypting:1000', 'verifying:0', 'failed:10']);
  });

  it('treats an operation without phases by its counts alone', () => {
    const { clock: api } = manualClock();
    const sent: ProgressEvent[] = [];
    const throttle = new ProgressThrottle((e) => sent.push(e), 100, api);
    for (const done of [0, 100, 200, 300, 400]) throttle.push({ type: 'progress', operation: 'attachment-add', id: 'upload-1', done, total: 400 });
    expect(sent.map((e) => e.done)).toEqual([0, 400]);
  });

  it('throttles each operation on its own', () => {
    const { clock: api } = manualClock();
    const sent: ProgressEvent[] = [];
    const throttle = new ProgressThrottle((e) => sent.push(e), 100, api);
    throttle.push(event(0, 'reading', 'op-a-00000001'));
    throttle.push(event(0, 'reading', 'op-b-00000001'));
    throttle.push(event(5, 'reading', 'op-a-00000001'));
    expect(sent.map((e) => e.id)).toEqual(['op-a-00000001', 'op-b-00000001']);
  });

  it('sends what it holds on flushAll', () => {
    const { clock: api } = manualClock();
    const sent: ProgressEvent[] = [];
    const throttle = new ProgressThrottle((e) => sent.push(e), 100, api);
    throttle.push(event(0));
    throttle.push(event(400));
    throttle.flushAll();
    expect(sent.map((e) => e.done)).toEqual([0, 400]);
    throttle.flushAll();
    expect(sent).toHaveLength(2);
  });
});
