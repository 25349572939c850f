/**
 * Which data directory the control plane's etcd runs on: the `etcd-data` hostPath of the etcd
 * static Pod manifest (kubeadm mounts `/var/lib/etcd` there and passes `--data-dir=/var/lib/etcd`).
 * When the learner restores a snapshot into a new directory (`etcdctl snapshot restore … --data-dir
 * /var/lib/etcd-from-backup`) and points the manifest's volume at it, the kubelet restarts etcd on
 * that data: the lab then serves the restored keyspace. Read from the node's files after each of
 * the control-plane kubelet's Pod syncs — never from what was typed.
 */
import { parse } from 'yaml';
import type { VirtualFs } from '../hosts/vfs.js';
import { decodeSnapshot } from '../cluster/store/snapshot-file.js';
import type { StoreSnapshot } from '../cluster/store/etcd-client.js';

export const ETCD_MANIFEST = '/etc/kubernetes/manifests/etcd.yaml';
export const DEFAULT_ETCD_DATA_DIR = '/var/lib/etcd';

interface EtcdManifest {
  spec?: { volumes?: Array<{ name?: string; hostPath?: { path?: string } }> };
}

/** The host directory mounted as etcd's data, or undefined when the manifest is missing or unreadable. */
export function etcdDataDir(fs: VirtualFs): string | undefined {
  if (!fs.tryStat(ETCD_MANIFEST)?.isFile) return undefined;
  const text = fs.readFile(ETCD_MANIFEST);
  // Asked after every control-plane Pod sync; the manifest rarely changes, so parse each text once.
  if (text !== lastManifest.text) lastManifest = { text, dataDir: dataDirOf(text) };
  return lastManifest.dataDir;
}

let lastManifest: { text: string | undefined; dataDir: string | undefined } = { text: undefined, dataDir: undefined };

function dataDirOf(text: string): string | undefined {
  try {
    const manifest = parse(text) as EtcdManifest | null;
    return manifest?.spec?.volumes?.find((v) => v.name === 'etcd-data')?.hostPath?.path?.replace(/\/+$/, '') || undefined;
  } catch {
    return undefined;
  }
}

/** The keyspace a restored data directory holds (`<dir>/member/snap/db`), or undefined. */
export function restoredKeyspace(fs: VirtualFs, dir: string): StoreSnapshot | undefined {
  const db = `${dir}/member/snap/db`;
  if (!fs.tryStat(db)?.isFile) return undefined;
  const decoded = decodeSnapshot(new TextEncoder().encode(fs.readFile(db)));
  return decoded.ok ? decoded.value : undefined;
}
