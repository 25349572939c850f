/**
 * The labs `kubelab web` is running, one per browser token: attaching a connection finds the
 * browser's lab (or starts one under a fresh token), the number of labs is capped, and a lab with
 * no connection for the idle timeout is disposed. Timers are injected so tests drive eviction.
 */
import { randomBytes } from 'node:crypto';
import { type Disposable, Emitter, toDisposable } from '../../shared/lifecycle.js';
import type { RpcServer } from '../rpc/rpc-server.js';

/** What the registry needs of a lab: its RPC server, and a way to free it. */
export interface RegisteredLab extends Disposable {
  readonly server: RpcServer;
}

/** Schedules the idle eviction (a fake in tests). */
export interface IdleTimers {
  schedule(ms: number, callback: () => void): Disposable;
}

export const realTimers: IdleTimers = {
  schedule(ms, callback) {
    const handle = setTimeout(callback, ms);
    return toDisposable(() => clearTimeout(handle));
  },
};

export interface LabRegistryOptions {
  createLab(): RegisteredLab;
  maxLabs: number;
  /** A lab with no connection for this long is disposed. */
  idleMs: number;
  timers?: IdleTimers;
}

/** A connection's hold on a lab; release it when the connection closes. */
export interface LabAttachment extends Disposable {
  readonly token: string;
  readonly server: RpcServer;
  /** True when the token named a lab that was still running. */
  readonly resumed: boolean;
}

export type AttachResult = { ok: true; attachment: LabAttachment } | { ok: false; reason: string };

interface Entry {
  readonly token: string;
  readonly lab: RegisteredLab;
  connections: number;
  idle: Disposable | undefined;
}

export const DEFAULT_MAX_LABS = 20;
export const DEFAULT_IDLE_MS = 30 * 60 * 1000;

/** Tokens are bearer secrets for a lab: long, random, URL-safe. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export function isLabToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

export class LabRegistry implements Disposable {
  private readonly labs = new Map<string, Entry>();
  private readonly timers: IdleTimers;
  private disposed = false;
  private readonly onDidEvictEmitter = new Emitter<string>();
  /** Fires with the token of a lab freed for being idle. */
  readonly onDidEvict = this.onDidEvictEmitter.event;

  constructor(private readonly options: LabRegistryOptions) {
    this.timers = options.timers ?? realTimers;
  }

  get size(): number {
    return this.labs.size;
  }

  get maxLabs(): number {
    return this.options.maxLabs;
  }

  has(token: string): boolean {
    return this.labs.has(token);
  }

  /**
   * Attach a connection to the lab of `token`, or to a new lab under a new token when the token
   * is missing or unknown (the server restarted, or the lab was freed). The client is never
   * allowed to choose a token: only ones the server handed out name a lab.
   */
  attach(token: string | undefined): AttachResult {
    if (this.disposed) return { ok: false, reason: 'KubeLab is shutting down' };
    const existing = token !== undefined && isLabToken(token) ? this.labs.get(token) : undefined;
    if (existing) return { ok: true, attachment: this.hold(existing, true) };
    if (this.labs.size >= this.options.maxLabs) {
      return { ok: false, reason: `KubeLab is full: all ${this.options.maxLabs} labs are in use (--max-labs). Try again later.` };
    }
    const fresh: Entry = { token: newToken(), lab: this.options.createLab(), connections: 0, idle: undefined };
    this.labs.set(fresh.token, fresh);
    return { ok: true, attachment: this.hold(fresh, false) };
  }

  private hold(entry: Entry, resumed: boolean): LabAttachment {
    entry.connections++;
    entry.idle?.dispose();
    entry.idle = undefined;
    const release = toDisposable(() => {
      entry.connections--;
      if (entry.connections === 0 && this.labs.get(entry.token) === entry) {
        entry.idle = this.timers.schedule(this.options.idleMs, () => this.evict(entry));
      }
    });
    return { token: entry.token, server: entry.lab.server, resumed, dispose: () => release.dispose() };
  }

  private evict(entry: Entry): void {
    if (entry.connections > 0 || this.labs.get(entry.token) !== entry) return;
    this.labs.delete(entry.token);
    entry.idle = undefined;
    entry.lab.dispose();
    this.onDidEvictEmitter.fire(entry.token);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const entry of this.labs.values()) {
      entry.idle?.dispose();
      entry.lab.dispose();
    }
    this.labs.clear();
    this.onDidEvictEmitter.dispose();
  }
}

function newToken(): string {
  return randomBytes(18).toString('base64url');
}
