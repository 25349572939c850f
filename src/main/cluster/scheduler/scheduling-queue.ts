/**
 * kube-scheduler's PriorityQueue: activeQ (highest priority first, then oldest), backoffQ (a Pod
 * that just failed waits 1 s, doubling per attempt up to 10 s), and the unschedulable Pods, which
 * go back only on a cluster event one of the plugins that rejected them cares about, or after
 * 5 minutes (podMaxInUnschedulablePodsDuration).
 */
import type { Disposable } from '../../../shared/lifecycle.js';
import type { Clock } from '../../base/clock.js';
import type { ClusterEvent } from './framework.js';

export const INITIAL_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 10_000;
export const UNSCHEDULABLE_FLUSH_MS = 5 * 60_000;
/** Pods scheduled per clock task before yielding to watch deliveries and other components. */
const BATCH = 500;

interface Entry {
  key: string;
  priority: number;
  /** When the Pod entered activeQ (ties go to the oldest). */
  since: number;
  seq: number;
}

interface Unschedulable {
  /** Plugins that rejected the Pod: only their events move it. */
  plugins: Set<string>;
  timer: Disposable;
}

export class SchedulingQueue implements Disposable {
  private readonly heap: Entry[] = [];
  private readonly active = new Set<string>();
  private readonly backoff = new Map<string, Disposable>();
  private readonly unschedulable = new Map<string, Unschedulable>();
  /** Unschedulable Pods by rejecting plugin, so an event touches only the Pods it may help. */
  private readonly byPlugin = new Map<string, Set<string>>();
  private readonly attempts = new Map<string, { count: number; lastFailure: number }>();
  private scheduled: Disposable | undefined;
  private seq = 0;
  private disposed = false;

  constructor(
    private readonly clock: Clock,
    private readonly priorityOf: (key: string) => number,
    private readonly pluginEvents: (plugin: string) => readonly ClusterEvent[],
    private readonly process: (key: string) => void,
  ) {}

  /** A new or changed Pod: straight to activeQ (a Pod update resets nothing but its wait). */
  add(key: string): void {
    if (this.disposed || this.active.has(key)) return;
    this.forgetWaiting(key);
    this.active.add(key);
    this.push({ key, priority: this.priorityOf(key), since: this.clock.now(), seq: this.seq++ });
    this.kick();
  }

  /** A waiting Pod's spec or labels changed: try again, but not before its back-off ends. */
  update(key: string): void {
    if (this.disposed || this.active.has(key)) return;
    if (this.unschedulable.has(key) || this.backoff.has(key)) {
      this.forgetWaiting(key);
      this.requeue(key);
      return;
    }
    this.add(key);
  }

  /** The Pod is gone or bound: forget it everywhere. */
  delete(key: string): void {
    this.forgetWaiting(key);
    this.attempts.delete(key);
    // A stale activeQ entry is skipped when popped.
    this.active.delete(key);
  }

  /** A scheduling attempt failed with these plugins' rejections: wait for a relevant event. */
  markUnschedulable(key: string, plugins: Iterable<string>): void {
    this.recordFailure(key);
    this.forgetWaiting(key);
    const timer = this.clock.schedule(UNSCHEDULABLE_FLUSH_MS, () => {
      this.forgetWaiting(key);
      this.requeue(key);
    });
    const rejecting = new Set(plugins);
    this.unschedulable.set(key, { plugins: rejecting, timer });
    for (const plugin of rejecting) {
      let keys = this.byPlugin.get(plugin);
      if (!keys) this.byPlugin.set(plugin, (keys = new Set()));
      keys.add(key);
    }
  }

  /** An error (conflict, API failure): retry after the back-off. */
  retryAfterBackoff(key: string): void {
    this.recordFailure(key);
    this.forgetWaiting(key);
    this.toBackoff(key);
  }

  /** A Pod succeeded: its attempts no longer count. */
  forget(key: string): void {
    this.attempts.delete(key);
  }

  /** MoveAllToActiveOrBackoffQueue for one event: only Pods a plugin interested in it rejected. */
  onEvent(event: ClusterEvent): void {
    const moved: string[] = [];
    for (const [plugin, keys] of this.byPlugin) {
      if (keys.size === 0 || !this.pluginEvents(plugin).includes(event)) continue;
      for (const key of keys) moved.push(key);
    }
    for (const key of moved) {
      if (!this.unschedulable.has(key)) continue;
      this.forgetWaiting(key);
      this.requeue(key);
    }
  }

  isUnschedulable(key: string): boolean {
    return this.unschedulable.has(key);
  }

  private requeue(key: string): void {
    if (this.backoffRemaining(key) > 0) this.toBackoff(key);
    else this.add(key);
  }

  private toBackoff(key: string): void {
    this.backoff.get(key)?.dispose();
    this.backoff.set(
      key,
      this.clock.schedule(Math.max(0, this.backoffRemaining(key)), () => {
        this.backoff.delete(key);
        this.add(key);
      }),
    );
  }

  private backoffRemaining(key: string): number {
    const a = this.attempts.get(key);
    if (!a) return 0;
    const duration = Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** (a.count - 1));
    return a.lastFailure + duration - this.clock.now();
  }

  private recordFailure(key: string): void {
    const a = this.attempts.get(key);
    this.attempts.set(key, { count: (a?.count ?? 0) + 1, lastFailure: this.clock.now() });
  }

  private forgetWaiting(key: string): void {
    this.backoff.get(key)?.dispose();
    this.backoff.delete(key);
    const waiting = this.unschedulable.get(key);
    if (!waiting) return;
    waiting.timer.dispose();
    this.unschedulable.delete(key);
    for (const plugin of waiting.plugins) this.byPlugin.get(plugin)?.delete(key);
  }

  private kick(): void {
    if (this.scheduled || this.disposed) return;
    this.scheduled = this.clock.schedule(0, () => {
      this.scheduled = undefined;
      this.drain();
    });
  }

  private drain(): void {
    for (let n = 0; n < BATCH && this.heap.length > 0 && !this.disposed; ) {
      const entry = this.pop()!;
      if (!this.active.has(entry.key)) continue;
      this.active.delete(entry.key);
      n++;
      this.process(entry.key);
    }
    if (this.heap.length > 0) this.kick();
  }

  private before(a: Entry, b: Entry): boolean {
    if (a.priority !== b.priority) return a.priority > b.priority;
    if (a.since !== b.since) return a.since < b.since;
    return a.seq < b.seq;
  }

  private push(entry: Entry): void {
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private pop(): Entry | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < h.length && this.before(h[l]!, h[best]!)) best = l;
        if (r < h.length && this.before(h[r]!, h[best]!)) best = r;
        if (best === i) break;
        [h[i], h[best]] = [h[best]!, h[i]!];
        i = best;
      }
    }
    return top;
  }

  dispose(): void {
    this.disposed = true;
    this.scheduled?.dispose();
    for (const d of this.backoff.values()) d.dispose();
    for (const u of this.unschedulable.values()) u.timer.dispose();
    this.backoff.clear();
    this.unschedulable.clear();
    this.byPlugin.clear();
    this.heap.length = 0;
    this.active.clear();
  }
}
