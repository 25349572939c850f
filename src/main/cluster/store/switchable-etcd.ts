/**
 * The etcd endpoint the API server talks to, which can be pointed at another member's data: what
 * happens when an etcd static Pod is restarted on a restored data directory. Requests go to the
 * current store; on a switch every open watch ends (as the old member's connections drop) with a
 * `compacted` error, so watchers re-list from the restored state — kube-apiserver's watch cache and
 * client-go's informers do the same after an etcd restore.
 */
import { type Disposable, toDisposable } from '../../../shared/lifecycle.js';
import type { EtcdClient, RangeOptions, RangeResult, StoreSnapshot, StoreStatus, TxnRequest, TxnResponse, WatchHandlers, WatchOptions } from './etcd-client.js';

interface OpenWatch {
  handlers: WatchHandlers;
  inner: Disposable;
}

export class SwitchableEtcd implements EtcdClient {
  private readonly watches = new Set<OpenWatch>();

  constructor(private current: EtcdClient) {}

  /** The store requests reach now. */
  get store(): EtcdClient {
    return this.current;
  }

  /** Serve from `store` from now on; every open watch ends and must be re-established. */
  switchTo(store: EtcdClient): void {
    const ended = [...this.watches];
    this.watches.clear();
    this.current = store;
    const compactRevision = store.status().compactRevision;
    for (const watch of ended) {
      watch.inner.dispose();
      watch.handlers.onError?.({ code: 'compacted', compactRevision });
    }
  }

  range(key: string, options?: RangeOptions): RangeResult {
    return this.current.range(key, options);
  }

  put(key: string, value: string): ReturnType<EtcdClient['put']> {
    return this.current.put(key, value);
  }

  delete(key: string, options?: { prefix?: boolean }): ReturnType<EtcdClient['delete']> {
    return this.current.delete(key, options);
  }

  txn(request: TxnRequest): TxnResponse {
    return this.current.txn(request);
  }

  watch(key: string, options: WatchOptions, handlers: WatchHandlers): Disposable {
    const open: OpenWatch = { handlers, inner: this.current.watch(key, options, handlers) };
    this.watches.add(open);
    return toDisposable(() => {
      this.watches.delete(open);
      open.inner.dispose();
    });
  }

  compact(revision: number): void {
    this.current.compact(revision);
  }

  status(): StoreStatus {
    return this.current.status();
  }

  snapshot(): StoreSnapshot {
    return this.current.snapshot();
  }
}
