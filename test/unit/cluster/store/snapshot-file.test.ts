import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MvccStore } from '../../../../src/main/cluster/store/mvcc-store.js';
import {
  SNAPSHOT_MAGIC,
  decodeSnapshot,
  encodeSnapshot,
  restoreSnapshot,
  restoreSnapshotFile,
  saveSnapshotFile,
  snapshotStatus,
  statusOfSnapshot,
} from '../../../../src/main/cluster/store/snapshot-file.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kubelab-snapshot-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function populated(): MvccStore {
  const store = new MvccStore();
  store.put('/registry/namespaces/default', '{"kind":"Namespace"}');
  store.put('/registry/pods/default/web', '{"kind":"Pod","ünïcode":"✓"}');
  store.put('/registry/pods/default/web', '{"kind":"Pod","v":2}');
  store.put('/registry/pods/default/gone', '{}');
  store.delete('/registry/pods/default/gone');
  return store;
}

describe('snapshot bytes', () => {
  it('round-trips the keyspace, revisions and versions into a new store that keeps counting', () => {
    const store = populated();
    const restored = restoreSnapshot(encodeSnapshot(store));
    if (!restored.ok) throw new Error(restored.error);
    expect(restored.value.range('', { prefix: true })).toEqual(store.range('', { prefix: true }));
    expect(restored.value.status().revision).toBe(store.status().revision);
    expect(restored.value.put('/registry/x', '1').revision).toBe(store.status().revision + 1);
  });

  it('starts with the magic line and a header naming revision, key count and SHA-256', () => {
    const bytes = encodeSnapshot(populated());
    const [magic, header] = new TextDecoder().decode(bytes).split('\n');
    expect(magic).toBe(SNAPSHOT_MAGIC);
    expect(JSON.parse(header!)).toMatchObject({ revision: 6, totalKeys: 2, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) as string });
  });

  it('reports status like etcdutl snapshot status: a 32-bit hash, revision, total keys and size', () => {
    const bytes = encodeSnapshot(populated());
    const status = statusOfSnapshot(bytes);
    if (!status.ok) throw new Error(status.error);
    expect(status.value).toMatchObject({ revision: 6, totalKeys: 2, totalSize: bytes.length });
    expect(Number.isInteger(status.value.hash) && status.value.hash >= 0 && status.value.hash < 2 ** 32).toBe(true);
    // Deterministic: the same keyspace gives the same hash.
    expect(statusOfSnapshot(encodeSnapshot(populated()))).toEqual(status);
  });

  it.each([
    ['a truncated file', (b: Uint8Array) => b.subarray(0, b.length - 5), /^snapshot file is truncated: expected \d+ bytes of data, found \d+$/],
    ['a flipped byte', (b: Uint8Array) => { const c = new Uint8Array(b); c[c.length - 3] ^= 1; return c; }, /^snapshot file integrity check failed: expected sha256 [0-9a-f]{64}, got [0-9a-f]{64}$/],
    ['something else entirely', () => new TextEncoder().encode('hello\nworld\n'), /^not a KubeLab etcd snapshot \(bad magic\)$/],
    ['an empty file', () => new Uint8Array(), /^snapshot file is truncated or not a snapshot$/],
  ])('refuses %s with a clear error', (_label, corrupt, message) => {
    const bytes = corrupt(encodeSnapshot(populated()));
    const decoded = decodeSnapshot(bytes);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.error).toMatch(message);
    expect(statusOfSnapshot(bytes).ok).toBe(false);
  });
});

describe('snapshot files', () => {
  it('saves atomically (no temporary left behind) and restores from the file', async () => {
    const store = populated();
    const path = join(dir, 'snapshot.db');
    const saved = await saveSnapshotFile(store, path);
    expect(await readdir(dir)).toEqual(['snapshot.db']);
    expect(await snapshotStatus(path)).toEqual({ ok: true, value: saved });
    const restored = await restoreSnapshotFile(path);
    if (!restored.ok) throw new Error(restored.error);
    expect(restored.value.range('', { prefix: true }).kvs).toEqual(store.range('', { prefix: true }).kvs);
  });

  it('replaces an existing snapshot whole', async () => {
    const path = join(dir, 'snapshot.db');
    await writeFile(path, 'old contents');
    await saveSnapshotFile(populated(), path);
    expect(new TextDecoder().decode(await readFile(path)).startsWith(SNAPSHOT_MAGIC)).toBe(true);
  });

  it('fails a corrupt file without touching the running store', async () => {
    const store = populated();
    const before = store.range('', { prefix: true });
    const path = join(dir, 'snapshot.db');
    await saveSnapshotFile(store, path);
    const bytes = await readFile(path);
    await writeFile(path, bytes.subarray(0, bytes.length - 1));
    const restored = await restoreSnapshotFile(path);
    expect(restored.ok).toBe(false);
    expect(store.range('', { prefix: true })).toEqual(before);
  });

  it('names a missing file as etcdutl does', async () => {
    const path = join(dir, 'missing.db');
    expect(await snapshotStatus(path)).toEqual({ ok: false, error: `open ${path}: no such file or directory` });
  });
});
