/**
 * The kubelet's crash-loop back-off (client-go's flowcontrol.Backoff as the kubelet configures it:
 * 10 s initial, doubling, at most 5 min). A container that exits is restarted at once the first
 * time; after that it waits out the back-off, which doubles on each restart. An entry untouched for
 * twice the maximum (10 min) has expired: a container that ran that long starts over at 10 s.
 */

interface Entry {
  backoffMs: number;
  lastUpdate: number;
}

export class RestartBackoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly initialMs: number,
    private readonly maxMs: number,
  ) {}

  private expired(eventTime: number, entry: Entry): boolean {
    return eventTime - entry.lastUpdate > 2 * this.maxMs;
  }

  /** IsInBackOffSince: is a restart of a container that finished at `finishedAt` still held back at `now`? */
  isInBackOffSince(key: string, finishedAt: number, now: number): boolean {
    const entry = this.entries.get(key);
    if (!entry || this.expired(finishedAt, entry)) return false;
    return now - finishedAt < entry.backoffMs;
  }

  /** The current back-off (the `back-off 20s` of the waiting message). */
  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  /** Next: record a restart at `now`, doubling the back-off (or starting at the initial one). */
  next(key: string, now: number): void {
    const entry = this.entries.get(key);
    if (!entry || this.expired(now, entry)) this.entries.set(key, { backoffMs: this.initialMs, lastUpdate: now });
    else this.entries.set(key, { backoffMs: Math.min(entry.backoffMs * 2, this.maxMs), lastUpdate: now });
  }

  /** When the back-off for a container that finished at `finishedAt` ends. */
  releaseAt(key: string, finishedAt: number): number {
    return finishedAt + this.get(key);
  }

  /** Forget a Pod's containers (keys start with the Pod's prefix). */
  forget(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}
