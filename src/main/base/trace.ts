/**
 * The request trace: every API request and component action emits an event (who → whom, verb,
 * object, etcd key, revision). The request-journey view, lesson checks and tests read it; it is
 * cluster state, not a log of what the learner typed.
 */
import { Emitter } from '../../shared/lifecycle.js';

export interface TraceEvent {
  /** Monotonic sequence number within the lab. */
  seq: number;
  /** Simulated time (ms since epoch). */
  time: number;
  /** Who acted: `kubectl`, `kube-apiserver`, `kube-scheduler`, `kubelet/node01`, `etcd` … */
  from: string;
  /** The authenticated user behind an API request (`kubernetes-admin`, `system:node:node01` …). */
  user?: string;
  /** Whom it addressed: `kube-apiserver`, `etcd`, `node01` … */
  to: string;
  /** HTTP-like verb (`create`, `get`, `watch`, `bind`) or an etcd op (`put`, `delete`, `range`). */
  verb: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** etcd key touched, when the event is a storage write or read. */
  key?: string;
  /** etcd revision after a write. */
  revision?: number;
  /** HTTP-like status code of the answer. */
  code?: number;
  /** A short human note (e.g. `Successfully assigned default/nginx to node01`). */
  message?: string;
}

export type TraceInput = Omit<TraceEvent, 'seq' | 'time'>;

/** Keeps the most recent events in a ring buffer and streams new ones. */
export class Tracer {
  /** A fixed ring: `start` is the oldest event once it has wrapped (no shifting on every emit). */
  private readonly buffer: TraceEvent[] = [];
  private start = 0;
  private seq = 0;
  private readonly onDidTraceEmitter = new Emitter<TraceEvent>();
  readonly onDidTrace = this.onDidTraceEmitter.event;

  constructor(
    private readonly now: () => number,
    private readonly capacity = 5000,
  ) {}

  emit(input: TraceInput): void {
    const event: TraceEvent = { seq: ++this.seq, time: this.now(), ...input };
    if (this.buffer.length < this.capacity) {
      this.buffer.push(event);
    } else {
      this.buffer[this.start] = event;
      this.start = (this.start + 1) % this.capacity;
    }
    if (this.onDidTraceEmitter.hasListeners) this.onDidTraceEmitter.fire(event);
  }

  /** Recent events, oldest first, optionally only those after `afterSeq`. */
  recent(afterSeq = 0): TraceEvent[] {
    const ordered = this.start === 0 ? this.buffer : [...this.buffer.slice(this.start), ...this.buffer.slice(0, this.start)];
    return ordered.filter((e) => e.seq > afterSeq);
  }

  get lastSeq(): number {
    return this.seq;
  }
}
