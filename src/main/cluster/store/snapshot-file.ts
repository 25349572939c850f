/**
 * etcd snapshots as bytes and files (`etcdctl snapshot save`, `etcdutl snapshot status` and
 * `snapshot restore`). Bytes for the nodes' virtual filesystem, files for the host. A snapshot is
 * checked whole before anything is built from it: a corrupt or truncated one is refused with a
 * reason and nothing else changes.
 *
 * Format (UTF-8, newline-separated):
 *   line 1  the magic `KUBELAB-ETCD-SNAPSHOT v1`
 *   line 2  a JSON header: {"revision","compactRevision","totalKeys","bodyBytes","sha256"}
 *   rest    the body: one JSON KeyValue per line, in key order; `sha256` is the hex digest of
 *           exactly these `bodyBytes` bytes.
 */
import { createHash } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import type { KeyValue, StoreSnapshot } from './etcd-client.js';
import { type Dispatcher, MvccStore } from './mvcc-store.js';

export const SNAPSHOT_MAGIC = 'KUBELAB-ETCD-SNAPSHOT v1';

interface SnapshotHeader {
  revision: number;
  compactRevision: number;
  totalKeys: number;
  bodyBytes: number;
  sha256: string;
}

/** What `etcdutl snapshot status` reports. */
export interface SnapshotStatus {
  /** The first 32 bits of the body's SHA-256, as etcd prints its hash (`%x` in the table). */
  hash: number;
  revision: number;
  totalKeys: number;
  /** The snapshot's size in bytes. */
  totalSize: number;
}

export type SnapshotResult<T> = { ok: true; value: T } | { ok: false; error: string };

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The store's current keyspace as snapshot bytes. */
export function encodeSnapshot(store: { snapshot(): StoreSnapshot }): Uint8Array {
  const snapshot = store.snapshot();
  const body = encoder.encode(snapshot.kvs.map((kv) => `${JSON.stringify(kv)}\n`).join(''));
  const header: SnapshotHeader = {
    revision: snapshot.revision,
    compactRevision: snapshot.compactRevision,
    totalKeys: snapshot.kvs.length,
    bodyBytes: body.length,
    sha256: sha256(body),
  };
  const head = encoder.encode(`${SNAPSHOT_MAGIC}\n${JSON.stringify(header)}\n`);
  const bytes = new Uint8Array(head.length + body.length);
  bytes.set(head, 0);
  bytes.set(body, head.length);
  return bytes;
}

function isKeyValue(value: unknown): value is KeyValue {
  if (typeof value !== 'object' || value === null) return false;
  const kv = value as Record<string, unknown>;
  return (
    typeof kv.key === 'string' &&
    typeof kv.value === 'string' &&
    typeof kv.createRevision === 'number' &&
    typeof kv.modRevision === 'number' &&
    typeof kv.version === 'number'
  );
}

/** Split the bytes into a checked header and body (the digest is verified here). */
function readHeader(bytes: Uint8Array): SnapshotResult<{ header: SnapshotHeader; body: Uint8Array }> {
  const firstNewline = bytes.indexOf(0x0a);
  const secondNewline = firstNewline === -1 ? -1 : bytes.indexOf(0x0a, firstNewline + 1);
  if (firstNewline === -1 || secondNewline === -1) return { ok: false, error: 'snapshot file is truncated or not a snapshot' };
  const magic = encoder.encode(SNAPSHOT_MAGIC);
  if (firstNewline !== magic.length || !magic.every((byte, i) => bytes[i] === byte)) {
    return { ok: false, error: 'not a KubeLab etcd snapshot (bad magic)' };
  }
  let header: SnapshotHeader;
  try {
    header = JSON.parse(decoder.decode(bytes.subarray(firstNewline + 1, secondNewline))) as SnapshotHeader;
  } catch {
    return { ok: false, error: 'snapshot file has an unreadable header' };
  }
  const numbers = [header.revision, header.compactRevision, header.totalKeys, header.bodyBytes];
  if (!numbers.every((n) => Number.isSafeInteger(n) && n >= 0) || typeof header.sha256 !== 'string') {
    return { ok: false, error: 'snapshot file has an invalid header' };
  }
  const body = bytes.subarray(secondNewline + 1);
  if (body.length !== header.bodyBytes) {
    return { ok: false, error: `snapshot file is truncated: expected ${header.bodyBytes} bytes of data, found ${body.length}` };
  }
  const digest = sha256(body);
  if (digest !== header.sha256) return { ok: false, error: `snapshot file integrity check failed: expected sha256 ${header.sha256}, got ${digest}` };
  return { ok: true, value: { header, body } };
}

/** The snapshot in the bytes, fully checked. */
export function decodeSnapshot(bytes: Uint8Array): SnapshotResult<StoreSnapshot> {
  const read = readHeader(bytes);
  if (!read.ok) return read;
  const { header, body } = read.value;
  const kvs: KeyValue[] = [];
  try {
    const text = decoder.decode(body);
    for (const line of text.split('\n')) {
      if (line === '') continue;
      const kv: unknown = JSON.parse(line);
      if (!isKeyValue(kv)) return { ok: false, error: 'snapshot file has a malformed key' };
      kvs.push(kv);
    }
  } catch {
    return { ok: false, error: 'snapshot file has unreadable data' };
  }
  if (kvs.length !== header.totalKeys) return { ok: false, error: `snapshot file holds ${kvs.length} keys, its header says ${header.totalKeys}` };
  return { ok: true, value: { format: 'kubelab-etcd-snapshot/v1', revision: header.revision, compactRevision: header.compactRevision, kvs } };
}

/** `etcdutl snapshot status` of snapshot bytes. */
export function statusOfSnapshot(bytes: Uint8Array): SnapshotResult<SnapshotStatus> {
  const read = readHeader(bytes);
  if (!read.ok) return read;
  const { header } = read.value;
  return { ok: true, value: { hash: Number.parseInt(header.sha256.slice(0, 8), 16), revision: header.revision, totalKeys: header.totalKeys, totalSize: bytes.length } };
}

/** A new store holding the snapshot's keyspace (`etcdutl snapshot restore`). */
export function restoreSnapshot(bytes: Uint8Array, dispatch?: Dispatcher): SnapshotResult<MvccStore> {
  const decoded = decodeSnapshot(bytes);
  if (!decoded.ok) return decoded;
  return { ok: true, value: MvccStore.restore(decoded.value, dispatch) };
}

/**
 * `etcdctl snapshot save <path>`: written to a temporary file beside it, flushed, then renamed,
 * so a crash never leaves a half-written snapshot under the name.
 */
export async function saveSnapshotFile(store: { snapshot(): StoreSnapshot }, path: string): Promise<SnapshotStatus> {
  const bytes = encodeSnapshot(store);
  const temporary = `${path}.part`;
  const file = await open(temporary, 'w');
  try {
    await file.writeFile(bytes);
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  const status = statusOfSnapshot(bytes);
  if (!status.ok) throw new Error(status.error);
  return status.value;
}

async function readSnapshotFile(path: string): Promise<SnapshotResult<Uint8Array>> {
  try {
    return { ok: true, value: new Uint8Array(await readFile(path)) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, error: code === 'ENOENT' ? `open ${path}: no such file or directory` : `open ${path}: ${(error as Error).message}` };
  }
}

/** `etcdutl snapshot restore <path>`: a new store, or why the file cannot be used. */
export async function restoreSnapshotFile(path: string, dispatch?: Dispatcher): Promise<SnapshotResult<MvccStore>> {
  const bytes = await readSnapshotFile(path);
  return bytes.ok ? restoreSnapshot(bytes.value, dispatch) : bytes;
}

/** `etcdutl snapshot status <path>`. */
export async function snapshotStatus(path: string): Promise<SnapshotResult<SnapshotStatus>> {
  const bytes = await readSnapshotFile(path);
  return bytes.ok ? statusOfSnapshot(bytes.value) : bytes;
}
