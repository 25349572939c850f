/** Idle timers a test moves by hand, so eviction after 30 minutes takes no time at all. */
import { type Disposable, toDisposable } from '../../../src/shared/lifecycle.js';
import type { IdleTimers } from '../../../src/main/web/lab-registry.js';

export class FakeTimers implements IdleTimers {
  private now = 0;
  private tasks: Array<{ at: number; callback: () => void; cancelled: boolean }> = [];

  schedule(ms: number, callback: () => void): Disposable {
    const task = { at: this.now + ms, callback, cancelled: false };
    this.tasks.push(task);
    return toDisposable(() => (task.cancelled = true));
  }

  /** Timers still waiting to fire. */
  get pending(): number {
    return this.tasks.filter((t) => !t.cancelled).length;
  }

  advance(ms: number): void {
    this.now += ms;
    const due = this.tasks.filter((t) => !t.cancelled && t.at <= this.now).sort((a, b) => a.at - b.at);
    this.tasks = this.tasks.filter((t) => !t.cancelled && t.at > this.now);
    for (const task of due) task.callback();
  }
}
