import { afterEach, describe, expect, it } from 'vitest';
import { DisposableStore } from '../../../src/shared/lifecycle.js';
import { RealtimeClock, type RealTimeSource, VIRTUAL_EPOCH, VirtualClock } from '../../../src/main/base/clock.js';

let disposables = new DisposableStore();
afterEach(() => {
  disposables.dispose();
  disposables = new DisposableStore();
});

function virtual(start?: number): VirtualClock {
  return disposables.add(new VirtualClock(start));
}

/** A controllable real-time source: `tick(ms)` moves real time and fires due timers. */
class FakeRealTime implements RealTimeSource {
  current = 1_000_000;
  timers: Array<{ at: number; fn: () => void; cancelled: boolean }> = [];

  now(): number {
    return this.current;
  }

  setTimer(ms: number, fn: () => void): () => void {
    const timer = { at: this.current + ms, fn, cancelled: false };
    this.timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }

  get pending(): number {
    return this.timers.filter((t) => !t.cancelled).length;
  }

  tick(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      const due = this.timers.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      due.cancelled = true;
      this.current = Math.max(this.current, due.at);
      due.fn();
    }
    this.current = end;
  }
}

describe('VirtualClock', () => {
  it('starts at 2025-01-01T00:00:00Z by default and stands still until advanced', () => {
    const clock = virtual();
    expect(new Date(clock.now()).toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(clock.now()).toBe(VIRTUAL_EPOCH);
    expect(clock.mode).toBe('virtual');
    expect(clock.now()).toBe(VIRTUAL_EPOCH);
  });

  it('runs zero-delay tasks in FIFO order on runDue, not when scheduled', () => {
    const clock = virtual();
    const ran: string[] = [];
    for (const name of ['a', 'b', 'c', 'd']) clock.schedule(0, () => ran.push(name));
    expect(ran).toEqual([]);
    expect(clock.runDue()).toBe(4);
    expect(ran).toEqual(['a', 'b', 'c', 'd']);
    expect(clock.runDue()).toBe(0);
  });

  it('orders tasks by due time, then by the order they were scheduled', () => {
    const clock = virtual(0);
    const ran: string[] = [];
    clock.schedule(300, () => ran.push('300a'));
    clock.schedule(100, () => ran.push('100'));
    clock.schedule(300, () => ran.push('300b'));
    clock.schedule(200, () => ran.push('200'));
    clock.schedule(0, () => ran.push('0'));
    clock.schedule(300, () => ran.push('300c'));
    clock.advance(1000);
    expect(ran).toEqual(['0', '100', '200', '300a', '300b', '300c']);
  });

  it('keeps heap order across many interleaved pushes and pops', () => {
    const clock = virtual(0);
    const ran: number[] = [];
    const delays = [57, 3, 99, 3, 12, 80, 41, 41, 0, 76, 23, 64, 5, 88, 19, 30];
    delays.forEach((d, i) => clock.schedule(d, () => ran.push(d * 100 + i)));
    clock.advance(100);
    const expected = delays.map((d, i) => d * 100 + i).sort((a, b) => a - b);
    expect(ran).toEqual(expected);
  });

  it('runs each task at its own due time while advancing', () => {
    const clock = virtual(0);
    const seen: Array<[string, number]> = [];
    clock.schedule(1500, () => seen.push(['b', clock.now()]));
    clock.schedule(500, () => seen.push(['a', clock.now()]));
    clock.advance(2000);
    expect(seen).toEqual([
      ['a', 500],
      ['b', 1500],
    ]);
    expect(clock.now()).toBe(2000);
  });

  it('runs tasks that tasks schedule inside the advanced window, and leaves later ones', () => {
    const clock = virtual(0);
    const seen: number[] = [];
    const tick = (): void => {
      seen.push(clock.now());
      clock.schedule(400, tick);
    };
    clock.schedule(0, tick);
    clock.advance(1000);
    expect(seen).toEqual([0, 400, 800]);
    expect(clock.nextDue()).toBe(1200);
  });

  it('runs zero-delay follow-ups scheduled by a task within the same runDue', () => {
    const clock = virtual(0);
    const ran: string[] = [];
    clock.schedule(0, () => {
      ran.push('first');
      clock.schedule(0, () => ran.push('follow-up'));
    });
    expect(clock.runDue()).toBe(2);
    expect(ran).toEqual(['first', 'follow-up']);
  });

  it('treats a negative delay as zero', () => {
    const clock = virtual(0);
    const ran: number[] = [];
    clock.schedule(-50, () => ran.push(clock.now()));
    expect(clock.nextDue()).toBe(0);
    clock.runDue();
    expect(ran).toEqual([0]);
  });

  it('does not run a cancelled task, and nextDue skips it', () => {
    const clock = virtual(0);
    const ran: string[] = [];
    const first = clock.schedule(100, () => ran.push('cancelled'));
    clock.schedule(200, () => ran.push('kept'));
    first.dispose();
    expect(clock.nextDue()).toBe(200);
    clock.advance(300);
    expect(ran).toEqual(['kept']);
    expect(clock.nextDue()).toBeUndefined();
  });

  it('nextDue({ foregroundOnly }) ignores background work', () => {
    const clock = virtual(0);
    clock.schedule(100, () => undefined, { background: true });
    clock.schedule(500, () => undefined);
    clock.schedule(50, () => undefined, { background: true });
    expect(clock.nextDue()).toBe(50);
    expect(clock.nextDue({ foregroundOnly: true })).toBe(500);
    clock.advance(600);
    expect(clock.nextDue({ foregroundOnly: true })).toBeUndefined();
  });

  it('nextDue({ foregroundOnly }) is undefined when the only foreground task was cancelled', () => {
    const clock = virtual(0);
    clock.schedule(10, () => undefined, { background: true });
    clock.schedule(20, () => undefined).dispose();
    expect(clock.nextDue({ foregroundOnly: true })).toBeUndefined();
    expect(clock.nextDue()).toBe(10);
  });

  it('advanceUntil stops at the task that makes the condition true', () => {
    const clock = virtual(0);
    let done = false;
    clock.schedule(700, () => {
      done = true;
    });
    clock.schedule(900, () => undefined);
    expect(clock.advanceUntil(() => done, 5000)).toBe(true);
    expect(clock.now()).toBe(700);
    expect(clock.nextDue()).toBe(900);
  });

  it('advanceUntil returns false and lands on the deadline when the condition never holds', () => {
    const clock = virtual(0);
    let runs = 0;
    clock.schedule(100, () => runs++);
    expect(clock.advanceUntil(() => false, 1000)).toBe(false);
    expect(clock.now()).toBe(1000);
    expect(runs).toBe(1);
  });

  it('advanceUntil returns true at once (without moving time) when the condition already holds', () => {
    const clock = virtual(0);
    clock.schedule(100, () => undefined);
    expect(clock.advanceUntil(() => true, 1000)).toBe(true);
    expect(clock.now()).toBe(0);
  });

  it('advance(0) only drains what is due now', () => {
    const clock = virtual(0);
    const ran: string[] = [];
    clock.schedule(0, () => ran.push('now'));
    clock.schedule(1, () => ran.push('later'));
    clock.advance(0);
    expect(ran).toEqual(['now']);
    expect(clock.now()).toBe(0);
  });

  it('keeps running after a task throws and reports the error', () => {
    const clock = virtual(0);
    const errors: unknown[] = [];
    clock.onDidFail((e) => errors.push(e));
    const ran: string[] = [];
    clock.schedule(0, () => {
      throw new Error('boom');
    });
    clock.schedule(0, () => ran.push('after'));
    clock.runDue();
    expect(ran).toEqual(['after']);
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toBe('boom');
  });

  it('does not re-enter runDue from inside a task', () => {
    const clock = virtual(0);
    const inner: number[] = [];
    clock.schedule(0, () => inner.push(clock.runDue()));
    clock.schedule(0, () => undefined);
    expect(clock.runDue()).toBe(2);
    expect(inner).toEqual([0]);
  });

  it('fires onDidRunTasks once per batch that ran something', () => {
    const clock = virtual(0);
    let batches = 0;
    clock.onDidRunTasks(() => batches++);
    clock.runDue();
    expect(batches).toBe(0);
    clock.schedule(0, () => undefined);
    clock.schedule(0, () => undefined);
    clock.runDue();
    expect(batches).toBe(1);
    clock.schedule(10, () => undefined);
    clock.schedule(20, () => undefined);
    clock.advance(30);
    expect(batches).toBe(3);
  });

  it('stops firing its events after dispose', () => {
    const clock = virtual(0);
    let batches = 0;
    clock.onDidRunTasks(() => batches++);
    clock.dispose();
    clock.schedule(0, () => undefined);
    clock.runDue();
    expect(batches).toBe(0);
  });
});

describe('RealtimeClock', () => {
  function realtime(start = 5_000): { clock: RealtimeClock; source: FakeRealTime } {
    const source = new FakeRealTime();
    const clock = new RealtimeClock(source, start);
    disposables.add(clock);
    return { clock, source };
  }

  it('follows real time from its start', () => {
    const { clock, source } = realtime(5_000);
    expect(clock.mode).toBe('realtime');
    expect(clock.now()).toBe(5_000);
    source.tick(250);
    expect(clock.now()).toBe(5_250);
  });

  it('starts at real time when no start is given', () => {
    const source = new FakeRealTime();
    const clock = disposables.add(new RealtimeClock(source));
    expect(clock.now()).toBe(source.current);
  });

  it('runs a scheduled task when its real timer fires', () => {
    const { clock, source } = realtime(0);
    const ran: number[] = [];
    clock.schedule(1000, () => ran.push(clock.now()));
    source.tick(999);
    expect(ran).toEqual([]);
    source.tick(1);
    expect(ran).toEqual([1000]);
  });

  it('scales real time by speed, rebasing so that time already passed is kept', () => {
    const { clock, source } = realtime(0);
    source.tick(100);
    clock.setSpeed(10);
    expect(clock.speed).toBe(10);
    expect(clock.now()).toBe(100);
    source.tick(100);
    expect(clock.now()).toBe(1100);
  });

  it('arms its timer for the scaled real delay', () => {
    const { clock, source } = realtime(0);
    clock.setSpeed(10);
    const ran: number[] = [];
    clock.schedule(1000, () => ran.push(clock.now()));
    source.tick(99);
    expect(ran).toEqual([]);
    source.tick(1);
    expect(ran).toEqual([1000]);
  });

  it('re-arms for an earlier task scheduled after a later one', () => {
    const { clock, source } = realtime(0);
    const ran: string[] = [];
    clock.schedule(1000, () => ran.push('late'));
    clock.schedule(200, () => ran.push('early'));
    source.tick(200);
    expect(ran).toEqual(['early']);
    source.tick(800);
    expect(ran).toEqual(['early', 'late']);
  });

  it('freezes time and timers while paused, and resumes from where it stopped', () => {
    const { clock, source } = realtime(0);
    const ran: number[] = [];
    clock.schedule(500, () => ran.push(clock.now()));
    source.tick(200);
    clock.pause();
    expect(clock.isPaused).toBe(true);
    expect(source.pending).toBe(0);
    source.tick(10_000);
    expect(clock.now()).toBe(200);
    expect(ran).toEqual([]);
    clock.resume();
    expect(clock.isPaused).toBe(false);
    source.tick(299);
    expect(ran).toEqual([]);
    source.tick(1);
    expect(ran).toEqual([500]);
  });

  it('does not arm a timer for work scheduled while paused', () => {
    const { clock, source } = realtime(0);
    clock.pause();
    clock.schedule(100, () => undefined);
    expect(source.pending).toBe(0);
    clock.resume();
    expect(source.pending).toBe(1);
  });

  it('fast-forwards with advance, running tasks at their due times, even while paused', () => {
    const { clock, source } = realtime(0);
    const ran: number[] = [];
    clock.schedule(3000, () => ran.push(clock.now()));
    clock.pause();
    clock.advance(5000);
    expect(ran).toEqual([3000]);
    expect(clock.now()).toBe(5000);
    source.tick(1000);
    expect(clock.now()).toBe(5000);
  });

  it('continues from the fast-forwarded time in real time', () => {
    const { clock, source } = realtime(0);
    clock.advance(60_000);
    source.tick(10);
    expect(clock.now()).toBe(60_010);
  });

  it('cancels its timer on dispose', () => {
    const { clock, source } = realtime(0);
    const ran: string[] = [];
    clock.schedule(100, () => ran.push('x'));
    expect(source.pending).toBe(1);
    clock.dispose();
    expect(source.pending).toBe(0);
    source.tick(1000);
    expect(ran).toEqual([]);
  });
});
