/**
 * `snapshot save | status | restore` of etcdctl 3.5 and `etcdutl snapshot status | restore`.
 * A snapshot file on a node is the store's snapshot encoding (`cluster/store/snapshot-file.ts`,
 * handed in as a codec because only the lab wires the store); its bytes are UTF-8 text, which is
 * how the node filesystem keeps files. `restore` lays out a data directory as etcdutl does
 * (`member/snap/db`, a `.snap` and a WAL) with the snapshot's bytes in `member/snap/db`, which is
 * what the lab loads when etcd is pointed at that directory.
 */
import type { CommandContext } from '../../shell/types.js';
import type { EtcdClient } from '../store/etcd-client.js';
import { type ParsedFlags, boolFlag, stringFlag } from './command-flags.js';
import { clusterId, hexId, humanizeBytes, memberId, renderTable, zapConsoleLine, zapJsonLine } from './etcdctl-format.js';

export interface SnapshotStatusValue {
  /** The first 32 bits of the snapshot's digest, printed `%x`. */
  hash: number;
  revision: number;
  totalKeys: number;
  totalSize: number;
}

/** The store's snapshot encoding (`encodeSnapshot` / `statusOfSnapshot` of snapshot-file.ts). */
export interface SnapshotCodec {
  encode(etcd: EtcdClient): Uint8Array;
  /** The snapshot's status after a full integrity check, or why the bytes are not a snapshot. */
  status(bytes: Uint8Array): { ok: true; value: SnapshotStatusValue } | { ok: false; error: string };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Exit codes of etcd's cobrautl. */
export const EXIT = { error: 1, badFeature: 4, interrupted: 5, badArgs: 128 } as const;

function fail(ctx: CommandContext, message: string, code: number): number {
  ctx.stderr.write(`Error: ${message}\n`);
  return code;
}

/** `snapshot save FILE`: etcd's temporary `.part` file, the zap lines on stderr, then the rename. */
export function saveSnapshot(ctx: CommandContext, etcd: EtcdClient, endpoint: string, path: string, now: number, codec: SnapshotCodec): number {
  const fs = ctx.shell.host.fs;
  const absolute = ctx.shell.resolvePath(path);
  const part = `${path}.part`;
  const partAbsolute = `${absolute}.part`;
  const parent = fs.tryStat(absolute.slice(0, absolute.lastIndexOf('/')) || '/');
  if (!parent?.isDirectory) return fail(ctx, `could not open ${part} (open ${part}: no such file or directory)`, EXIT.interrupted);
  if (fs.tryStat(absolute)?.isDirectory) return fail(ctx, `rename ${part} ${path}: file exists`, EXIT.interrupted);
  const bytes = codec.encode(etcd);
  fs.writeFile(partAbsolute, decoder.decode(bytes), 0o600);
  const log = (line: string): void => ctx.stderr.write(line);
  log(zapJsonLine('info', now, [['path', part]], 'snapshot/v3_snapshot.go:65', 'created temporary db file'));
  log(zapJsonLine('info', now + 7, [], 'v3@v3.5.16/maintenance.go:212', 'opened snapshot stream; downloading', 'client'));
  log(zapJsonLine('info', now + 7, [['endpoint', endpoint]], 'snapshot/v3_snapshot.go:73', 'fetching snapshot'));
  log(zapJsonLine('info', now + 41, [], 'v3@v3.5.16/maintenance.go:220', 'completed snapshot read; closing', 'client'));
  log(zapJsonLine('info', now + 58, [['endpoint', endpoint], ['size', humanizeBytes(bytes.length)], ['took', 'now']], 'snapshot/v3_snapshot.go:88', 'fetched snapshot'));
  fs.rename(partAbsolute, absolute);
  log(zapJsonLine('info', now + 58, [['path', path]], 'snapshot/v3_snapshot.go:97', 'saved'));
  ctx.stdout.write(`Snapshot saved at ${path}\n`);
  return 0;
}

/** Read a snapshot file's bytes from the node, or etcdutl's error. */
function readSnapshot(ctx: CommandContext, path: string): { ok: true; bytes: Uint8Array } | { ok: false; error: string } {
  const fs = ctx.shell.host.fs;
  const absolute = ctx.shell.resolvePath(path);
  const stat = fs.tryStat(absolute);
  if (!stat) return { ok: false, error: `stat ${path}: no such file or directory` };
  if (stat.isDirectory) return { ok: false, error: `read ${path}: is a directory` };
  return { ok: true, bytes: encoder.encode(fs.readFile(absolute)) };
}

/** `snapshot status FILE` (etcdutl's printer: simple, json or table). */
export function snapshotStatus(ctx: CommandContext, path: string | undefined, writeOut: string, codec: SnapshotCodec): number {
  if (path === undefined) return fail(ctx, 'snapshot status requires exactly one argument', EXIT.badArgs);
  const read = readSnapshot(ctx, path);
  if (!read.ok) return fail(ctx, read.error, EXIT.error);
  const status = codec.status(read.bytes);
  if (!status.ok) return fail(ctx, status.error, EXIT.error);
  const s = status.value;
  const row = [s.hash.toString(16), String(s.revision), String(s.totalKeys), humanizeBytes(s.totalSize)];
  if (writeOut === 'json') ctx.stdout.write(`{"hash":${s.hash},"revision":${s.revision},"totalKey":${s.totalKeys},"totalSize":${s.totalSize}}\n`);
  else if (writeOut === 'table') ctx.stdout.write(renderTable(['hash', 'revision', 'total keys', 'total size'], [row]));
  else if (writeOut === 'fields') ctx.stdout.write(`"Hash" : ${s.hash}\n"Revision" : ${s.revision}\n"Keys" : ${s.totalKeys}\n"Size" : ${s.totalSize}\n`);
  else ctx.stdout.write(`${row.join(', ')}\n`);
  return 0;
}

/** `snapshot restore FILE --data-dir DIR [--name …] [--initial-cluster …]`. */
export function restoreSnapshot(ctx: CommandContext, path: string | undefined, flags: ParsedFlags, now: number, codec: SnapshotCodec): number {
  if (path === undefined) return fail(ctx, 'snapshot restore requires exactly one argument', EXIT.badArgs);
  const name = stringFlag(flags, 'name') ?? 'default';
  const peerUrls = (stringFlag(flags, 'initial-advertise-peer-urls') ?? 'http://localhost:2380').split(',');
  const initialCluster = stringFlag(flags, 'initial-cluster') ?? `${name}=${peerUrls.join(',')}`;
  const token = stringFlag(flags, 'initial-cluster-token') ?? 'etcd-cluster';
  const members = new Map<string, string[]>();
  for (const entry of initialCluster.split(',')) {
    const eq = entry.indexOf('=');
    if (eq <= 0) return fail(ctx, `invalid value "${initialCluster}" for flag -initial-cluster`, EXIT.badArgs);
    members.set(entry.slice(0, eq), [...(members.get(entry.slice(0, eq)) ?? []), entry.slice(eq + 1)]);
  }
  const own = members.get(name);
  if (!own) return fail(ctx, `couldn't find local name "${name}" in the initial cluster configuration`, EXIT.error);
  const dataDir = stringFlag(flags, 'data-dir') ?? `${name}.etcd`;
  const fs = ctx.shell.host.fs;
  const dirAbsolute = ctx.shell.resolvePath(dataDir);
  const existing = fs.tryStat(dirAbsolute);
  if (existing && (!existing.isDirectory || fs.readdir(dirAbsolute).length > 0)) return fail(ctx, `data-dir "${dataDir}" not empty or could not be read`, EXIT.error);
  const read = readSnapshot(ctx, path);
  if (!read.ok) return fail(ctx, read.error, EXIT.error);
  const status = codec.status(read.bytes);
  if (!status.ok && !boolFlag(flags, 'skip-hash-check')) return fail(ctx, status.error, EXIT.error);
  const walDir = stringFlag(flags, 'wal-dir') ?? `${dataDir}/member/wal`;
  const snapDir = `${dataDir}/member/snap`;
  const ids = [...members.values()].map((urls) => memberId(urls, token));
  const cluster = hexId(clusterId(ids));
  const paths = `{"path": "${path}", "wal-dir": "${walDir}", "data-dir": "${dataDir}", "snap-dir": "${snapDir}", "initial-memory-map-size": 0}`;
  ctx.stderr.write(zapConsoleLine(now, 'snapshot/v3_snapshot.go:265', 'restoring snapshot', paths));
  ctx.stderr.write(zapConsoleLine(now, 'membership/store.go:141', 'Trimming membership information from the backend...'));
  for (const urls of members.values()) {
    const id = hexId(memberId(urls, token));
    ctx.stderr.write(
      zapConsoleLine(now, 'membership/cluster.go:421', 'added member', `{"cluster-id": "${cluster}", "local-member-id": "0", "added-peer-id": "${id}", "added-peer-peer-urls": [${urls.map((u) => `"${u}"`).join(', ')}]}`),
    );
  }
  // etcd creates its data and WAL directories owner-only (0700) and the files 0600.
  const walAbsolute = ctx.shell.resolvePath(walDir);
  fs.mkdir(`${dirAbsolute}/member/snap`, { parents: true });
  fs.mkdir(walAbsolute, { parents: true });
  for (const dir of [dirAbsolute, `${dirAbsolute}/member`, `${dirAbsolute}/member/snap`, walAbsolute]) fs.chmod(dir, 0o700);
  fs.writeFile(`${dirAbsolute}/member/snap/db`, decoder.decode(read.bytes), 0o600);
  fs.writeFile(`${dirAbsolute}/member/snap/0000000000000001-0000000000000001.snap`, `raft snapshot: term 1, index 1, members ${ids.map(hexId).join(',')}\n`, 0o600);
  fs.writeFile(`${walAbsolute}/0000000000000000-0000000000000000.wal`, `write-ahead log: cluster ${cluster}, member ${hexId(memberId(own, token))}\n`, 0o600);
  ctx.stderr.write(zapConsoleLine(now, 'snapshot/v3_snapshot.go:293', 'restored snapshot', paths));
  return 0;
}
