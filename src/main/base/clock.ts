/**
 * Simulated time. Every component takes a Clock instead of calling Date.now() or setTimeout,
 * so a lab runs either in scaled real time or in virtual time that moves only when told to,
 * and the same seed and inputs always give the same cluster.
 */
import { type Disposable, Emitter, toDisposable } from '../../shared/lifecycle.js';

export interface ScheduleOptions {
  /**
   * Background work (heartbeats, lease renewals, compaction) repeats forever; it does not count as
   * "something is still happening" when a streaming command waits for the cluster to go quiet.
   */
  background?: boolean;
}

export interface Clock {
  /** Simulated wall time in milliseconds since the Unix epoch. */
  now(): number;
  /** Run `task` once simulated time reaches now + delayMs. Zero-delay tasks run in FIFO order. */
  schedule(delayMs: number, task: () => void, options?: ScheduleOptions): Disposable;
}

interface QueuedTask {
  at: number;
  seq: number;
  run: () => void;
  background: boolean;
  cancelled: boolean;
}

/** A binary min-heap ordered by (at, seq): due time first, then the order tasks were scheduled. */
class TaskQueue {
  private heap: QueuedTask[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(task: QueuedTask): void {
    const heap = this.heap;
    heap.push(task);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  peek(): QueuedTask | undefined {
    this.dropCancelled();
    return this.heap[0];
  }

  pop(): QueuedTask | undefined {
    this.dropCancelled();
    return this.popRaw();
  }

  /** The earliest pending task that is not background work. */
  nextForeground(): QueuedTask | undefined {
    let best: QueuedTask | undefined;
    for (const task of this.heap) {
      if (task.cancelled || task.background) continue;
      if (!best || before(task, best)) best = task;
    }
    return best;
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.popRaw();
  }

  private popRaw(): QueuedTask | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  }
}

function before(a: QueuedTask, b: QueuedTask): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

export type ClockMode = 'virtual' | 'realtime';

/**
 * The clock shared by the whole lab. Both modes keep the same task queue; they differ only in
 * what moves `now`: explicit `advance` calls (virtual) or a real timer scaled by `speed` (realtime).
 */
export abstract class LabClock implements Clock, Disposable {
  abstract readonly mode: ClockMode;
  protected readonly queue = new TaskQueue();
  private seq = 0;
  private draining = false;
  private readonly onDidRunTasksEmitter = new Emitter<void>();
  private readonly onDidFailEmitter = new Emitter<unknown>();
  /** Fires after a batch of due tasks ran (blocking commands re-check their condition here). */
  readonly onDidRunTasks = this.onDidRunTasksEmitter.event;
  /** A task threw: a bug in a component. The lab keeps running; the error is reported here. */
  readonly onDidFail = this.onDidFailEmitter.event;

  abstract now(): number;

  schedule(delayMs: number, run: () => void, options: ScheduleOptions = {}): Disposable {
    const task: QueuedTask = {
      at: this.now() + Math.max(0, delayMs),
      seq: this.seq++,
      run,
      background: options.background ?? false,
      cancelled: false,
    };
    this.queue.push(task);
    this.taskAdded(task.at);
    return toDisposable(() => {
      task.cancelled = true;
    });
  }

  /** Run every task due at or before `now`, including tasks those tasks schedule for now. */
  runDue(): number {
    if (this.draining) return 0;
    this.draining = true;
    let ran = 0;
    try {
      for (;;) {
        const next = this.queue.peek();
        if (!next || next.at > this.now()) break;
        this.queue.pop();
        ran++;
        try {
          next.run();
        } catch (error) {
          this.onDidFailEmitter.fire(error);
        }
      }
    } finally {
      this.draining = false;
    }
    if (ran > 0) this.onDidRunTasksEmitter.fire();
    return ran;
  }

  /** Time of the next pending task, or undefined. */
  nextDue(options: { foregroundOnly?: boolean } = {}): number | undefined {
    const task = options.foregroundOnly ? this.queue.nextForeground() : this.queue.peek();
    return task?.at;
  }

  /**
   * Jump simulated time forward by `ms`, running every task on the way in time order,
   * each at its own due time. Works in both modes (realtime uses it to fast-forward).
   */
  advance(ms: number): void {
    this.advanceUntil(() => false, ms);
  }

  /**
   * Advance time task by task until `done()` holds (checked after each batch) or `ms` passed.
   * Returns whether the condition was met.
   */
  advanceUntil(done: () => boolean, ms: number): boolean {
    const target = this.now() + Math.max(0, ms);
    this.runDue();
    if (done()) return true;
    for (;;) {
      const next = this.queue.peek();
      if (!next || next.at > target) break;
      this.setNow(Math.max(next.at, this.now()));
      this.runDue();
      if (done()) return true;
    }
    this.setNow(Math.max(target, this.now()));
    this.runDue();
    return done();
  }

  protected abstract setNow(time: number): void;
  protected abstract taskAdded(at: number): void;

  dispose(): void {
    this.onDidRunTasksEmitter.dispose();
    this.onDidFailEmitter.dispose();
  }
}

/** 2025-01-01T00:00:00Z: where a virtual lab's time starts (INTERFACES.md). */
export const VIRTUAL_EPOCH = Date.UTC(2025, 0, 1, 0, 0, 0);

/** Time moves only by `advance` (the `lab step` command and blocking commands). */
export class VirtualClock extends LabClock {
  readonly mode = 'virtual' as const;
  private current: number;

  constructor(start: number = VIRTUAL_EPOCH) {
    super();
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  protected setNow(time: number): void {
    this.current = time;
  }

  protected taskAdded(): void {
    // Virtual time never runs by itself: the engine drains due work after each command.
  }
}

/** The real-time side of the clock: injectable so tests can drive it. */
export interface RealTimeSource {
  now(): number;
  setTimer(ms: number, fn: () => void): () => void;
}

export const systemTime: RealTimeSource = {
  now: () => Date.now(),
  setTimer(ms, fn) {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return () => clearTimeout(handle);
  },
};

/** Simulated time = real time × speed since the last rebase, frozen while paused. */
export class RealtimeClock extends LabClock {
  readonly mode = 'realtime' as const;
  private baseSimulated: number;
  private baseReal: number;
  private speedFactor = 1;
  private paused = false;
  private cancelTimer: (() => void) | undefined;
  private timerAt: number | undefined;

  constructor(private readonly source: RealTimeSource = systemTime, start?: number) {
    super();
    this.baseReal = source.now();
    this.baseSimulated = start ?? this.baseReal;
  }

  now(): number {
    if (this.paused) return this.baseSimulated;
    return this.baseSimulated + (this.source.now() - this.baseReal) * this.speedFactor;
  }

  get speed(): number {
    return this.speedFactor;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  setSpeed(speed: number): void {
    this.rebase();
    this.speedFactor = speed;
    this.rearm();
  }

  pause(): void {
    this.rebase();
    this.paused = true;
    this.disarm();
  }

  resume(): void {
    this.rebase();
    this.paused = false;
    this.rearm();
  }

  protected setNow(time: number): void {
    this.baseSimulated = time;
    this.baseReal = this.source.now();
    this.rearm();
  }

  protected taskAdded(at: number): void {
    if (this.timerAt === undefined || at < this.timerAt) this.rearm();
  }

  private rebase(): void {
    this.baseSimulated = this.now();
    this.baseReal = this.source.now();
  }

  private disarm(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.timerAt = undefined;
  }

  private rearm(): void {
    this.disarm();
    if (this.paused) return;
    const next = this.queue.peek();
    if (!next) return;
    const realDelay = Math.max(0, (next.at - this.now()) / this.speedFactor);
    this.timerAt = next.at;
    this.cancelTimer = this.source.setTimer(realDelay, () => {
      this.timerAt = undefined;
      this.cancelTimer = undefined;
      this.runDue();
      this.rearm();
    });
  }

  override dispose(): void {
    this.disarm();
    super.dispose();
  }
}
