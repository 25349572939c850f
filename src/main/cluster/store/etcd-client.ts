/**
 * The etcd client interface: the only door to the store. The composition root hands it to the
 * API server (and later to etcdctl, the etcd view and persistence) — never to other components.
 * Shapes follow etcd's v3 API (mvccpb.KeyValue, RangeRequest, TxnRequest, WatchResponse).
 */
import type { Disposable } from '../../../shared/lifecycle.js';

export interface KeyValue {
  key: string;
  /** JSON text, exactly what kube-apiserver would store (we store JSON instead of protobuf). */
  value: string;
  createRevision: number;
  modRevision: number;
  /** Number of writes to the key since its creation (1 after create). */
  version: number;
}

export interface RangeOptions {
  /** Treat `key` as a prefix. */
  prefix?: boolean;
  /** Return at most this many keys (0 = no limit). */
  limit?: number;
  /** Read as of this revision (0 = latest). */
  revision?: number;
  /** Only count, return no kvs. */
  countOnly?: boolean;
}

export interface RangeResult {
  kvs: KeyValue[];
  /** Keys matching the range in total (ignoring limit). */
  count: number;
  /** More keys exist past `limit`. */
  more: boolean;
  /** The store's revision the read was served at. */
  revision: number;
}

export type CompareTarget = 'version' | 'create' | 'mod' | 'value';
export type CompareResult = '=' | '!=' | '<' | '>';

export interface Compare {
  key: string;
  target: CompareTarget;
  result: CompareResult;
  value: number | string;
}

export type TxnOp =
  | { put: { key: string; value: string } }
  | { delete: { key: string; prefix?: boolean } }
  | { range: { key: string; options?: RangeOptions } };

export interface TxnRequest {
  compare: Compare[];
  success: TxnOp[];
  failure: TxnOp[];
}

export type TxnOpResult =
  | { put: { revision: number; prevKv?: KeyValue } }
  | { delete: { deleted: number; prevKvs: KeyValue[] } }
  | { range: RangeResult };

export interface TxnResponse {
  succeeded: boolean;
  revision: number;
  results: TxnOpResult[];
}

export interface WatchEvent {
  type: 'PUT' | 'DELETE';
  /** For DELETE: the key with modRevision = the deletion's revision and an empty value. */
  kv: KeyValue;
  prevKv?: KeyValue;
}

export interface WatchOptions {
  prefix?: boolean;
  /** Replay every event from this revision on (inclusive); 0 = only new events. */
  startRevision?: number;
}

export interface WatchHandlers {
  onEvents(events: WatchEvent[], revision: number): void;
  /** The watch ended: `compacted` when startRevision is older than the compaction revision. */
  onError?(error: { code: 'compacted'; compactRevision: number }): void;
}

export interface StoreStatus {
  revision: number;
  compactRevision: number;
  keys: number;
  /** Approximate size in bytes of current values. */
  dbSize: number;
}

/** A point-in-time copy of the whole keyspace, as `etcdctl snapshot save` writes. */
export interface StoreSnapshot {
  format: 'kubelab-etcd-snapshot/v1';
  revision: number;
  compactRevision: number;
  kvs: KeyValue[];
}

export interface EtcdClient {
  range(key: string, options?: RangeOptions): RangeResult;
  put(key: string, value: string): { revision: number; prevKv?: KeyValue };
  delete(key: string, options?: { prefix?: boolean }): { revision: number; deleted: number; prevKvs: KeyValue[] };
  txn(request: TxnRequest): TxnResponse;
  watch(key: string, options: WatchOptions, handlers: WatchHandlers): Disposable;
  compact(revision: number): void;
  status(): StoreStatus;
  snapshot(): StoreSnapshot;
}

export class CompactedError extends Error {
  constructor(readonly compactRevision: number) {
    super('mvcc: required revision has been compacted');
  }
}

export class FutureRevisionError extends Error {
  constructor() {
    super('mvcc: required revision is a future revision');
  }
}

/** etcd refuses a transaction whose branch writes the same key twice. */
export class DuplicateKeyError extends Error {
  constructor() {
    super('etcdserver: duplicate key given in txn request');
  }
}
