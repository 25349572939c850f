/**
 * A shared informer: list, then watch from the list's resourceVersion, keeping a local cache that
 * handlers and listers read. Objects handed out are the cache's own: callers copy before mutating
 * (client-go's rule). A watch that fails (410 Gone after compaction) re-lists.
 */
import type { KubeObject, Status } from '../../../shared/api/meta.js';
import { type Disposable, DisposableStore, Emitter } from '../../../shared/lifecycle.js';
import type { RequestQuery } from '../apiserver/types.js';
import type { ApiClient } from './api-client.js';
import type { ResourceRef } from './resources.js';

export interface InformerChange<T> {
  type: 'add' | 'update' | 'delete';
  object: T;
  old?: T;
}

export function objectKey(object: KubeObject): string {
  const { namespace, name } = object.metadata;
  return namespace ? `${namespace}/${name ?? ''}` : (name ?? '');
}

export class Informer<T extends KubeObject = KubeObject> implements Disposable {
  private readonly cache = new Map<string, T>();
  private readonly disposables = new DisposableStore();
  private watch: Disposable | undefined;
  private readonly onDidChangeEmitter = new Emitter<InformerChange<T>>();
  readonly onDidChange = this.onDidChangeEmitter.event;
  private synced = false;

  private readonly client: ApiClient;

  constructor(
    client: ApiClient,
    private readonly ref: ResourceRef,
    private readonly options: { namespace?: string; query?: RequestQuery } = {},
  ) {
    // A controller's client may name a shared-informer identity to list and watch with.
    this.client = client.informerClient ?? client;
    this.disposables.add(this.onDidChangeEmitter);
  }

  /** List and start watching. Handlers see an `add` for every existing object. */
  start(): void {
    const listed = this.client.list<T>(this.ref, this.options.namespace, this.options.query ?? {});
    if (!listed.ok) throw new Error(`informer for ${this.ref.resource}: ${listed.status.message ?? 'list failed'}`);
    const seen = new Set<string>();
    for (const item of listed.value.items) {
      const key = objectKey(item);
      seen.add(key);
      const old = this.cache.get(key);
      this.cache.set(key, item);
      this.onDidChangeEmitter.fire(old ? { type: 'update', object: item, old } : { type: 'add', object: item });
    }
    for (const [key, old] of [...this.cache]) {
      if (!seen.has(key)) {
        this.cache.delete(key);
        this.onDidChangeEmitter.fire({ type: 'delete', object: old });
      }
    }
    this.synced = true;
    this.watch?.dispose();
    const watched = this.client.watch(
      this.ref,
      this.options.namespace,
      { ...this.options.query, resourceVersion: listed.value.metadata.resourceVersion },
      (event) => {
        if (event.type === 'ERROR') {
          this.relist(event.object as Status);
          return;
        }
        if (event.type === 'BOOKMARK') return;
        const object = event.object as T;
        const key = objectKey(object);
        const old = this.cache.get(key);
        if (event.type === 'DELETED') {
          this.cache.delete(key);
          this.onDidChangeEmitter.fire({ type: 'delete', object });
        } else {
          this.cache.set(key, object);
          this.onDidChangeEmitter.fire(old ? { type: 'update', object, old } : { type: 'add', object });
        }
      },
    );
    if (!watched.ok) throw new Error(`informer for ${this.ref.resource}: ${watched.status.message ?? 'watch failed'}`);
    this.watch = watched.value;
  }

  private relist(_reason: Status): void {
    this.watch?.dispose();
    this.watch = undefined;
    this.start();
  }

  get hasSynced(): boolean {
    return this.synced;
  }

  get(key: string): T | undefined {
    return this.cache.get(key);
  }

  list(filter?: (object: T) => boolean): T[] {
    const all = [...this.cache.values()];
    return filter ? all.filter(filter) : all;
  }

  dispose(): void {
    this.watch?.dispose();
    this.disposables.dispose();
    this.cache.clear();
  }
}
