/**
 * A de-duplicating work queue on the lab clock (client-go's workqueue): a key is queued once however
 * often it is added, is processed by one worker at a time, and can be re-added after a delay.
 * Processing always happens in a later clock task, never inside the event handler that added it.
 */
import type { Disposable } from '../../../shared/lifecycle.js';
import type { Clock } from '../../base/clock.js';

export class WorkQueue implements Disposable {
  private readonly queued = new Set<string>();
  private readonly order: string[] = [];
  private readonly delayed = new Map<string, Disposable>();
  private scheduled: Disposable | undefined;
  private disposed = false;

  constructor(
    private readonly clock: Clock,
    private readonly process: (key: string) => void,
  ) {}

  add(key: string): void {
    if (this.disposed || this.queued.has(key)) return;
    this.queued.add(key);
    this.order.push(key);
    this.kick();
  }

  /**
   * Add `key` once `delayMs` of simulated time has passed (replacing a pending one). `background`:
   * a periodic or deadline re-check that should not by itself keep the lab clock busy.
   */
  addAfter(key: string, delayMs: number, options: { background?: boolean } = {}): void {
    if (this.disposed) return;
    if (delayMs <= 0) {
      this.add(key);
      return;
    }
    this.delayed.get(key)?.dispose();
    this.delayed.set(
      key,
      this.clock.schedule(
        delayMs,
        () => {
          this.delayed.delete(key);
          this.add(key);
        },
        { background: options.background ?? false },
      ),
    );
  }

  get length(): number {
    return this.order.length;
  }

  private kick(): void {
    if (this.scheduled) return;
    this.scheduled = this.clock.schedule(0, () => {
      this.scheduled = undefined;
      this.drain();
    });
  }

  private drain(): void {
    // Keys added while draining are processed in this same pass, in order.
    while (this.order.length > 0 && !this.disposed) {
      const key = this.order.shift()!;
      this.queued.delete(key);
      this.process(key);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.scheduled?.dispose();
    for (const d of this.delayed.values()) d.dispose();
    this.delayed.clear();
    this.order.length = 0;
    this.queued.clear();
  }
}
