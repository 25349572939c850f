/**
 * What a process exec'd into a container sees of its filesystem: the files the kubelet puts there
 * (`/etc/hosts`, `/etc/hostname`, `/etc/resolv.conf`), the Pod's volumes under their mountPaths —
 * ConfigMaps and Secrets as one file per key, projected volumes (the ServiceAccount token, the
 * cluster CA, the namespace), downward API files — and, on top, whatever the container's own
 * processes wrote. The image's own files are not modelled beyond its top-level directories and
 * the few image-files.ts knows.
 */
import type { Container, Pod } from '../../../shared/api/core.js';
import type { ImageReference, Userland } from './image-catalog.js';
import { imageFiles } from './image-files.js';

/** How the kubelet reads what volumes hold (through its client: the Node authorizer allows a Pod's own). */
export interface VolumeReader {
  configMap(namespace: string, name: string): Record<string, string> | undefined;
  /** Secret data, decoded. */
  secret(namespace: string, name: string): Record<string, string> | undefined;
  /** A bound ServiceAccount token for the Pod (TokenRequest). */
  serviceAccountToken(pod: Pod, expirationSeconds: number | undefined): string | undefined;
  /** The node's files under a directory (hostPath volumes), by path relative to it. */
  hostPath?(path: string): ReadonlyMap<string, string>;
}

interface KeyToPath {
  key: string;
  path: string;
}
interface ObjectVolume {
  name?: string;
  secretName?: string;
  items?: KeyToPath[];
}
interface DownwardItem {
  path: string;
  fieldRef?: { fieldPath: string };
}
interface ProjectionSource {
  configMap?: ObjectVolume;
  secret?: ObjectVolume;
  serviceAccountToken?: { path: string; expirationSeconds?: number };
  downwardAPI?: { items?: DownwardItem[] };
}
interface VolumeSpec {
  name: string;
  configMap?: ObjectVolume;
  secret?: ObjectVolume;
  projected?: { sources?: ProjectionSource[] };
  downwardAPI?: { items?: DownwardItem[] };
  emptyDir?: object;
  hostPath?: { path?: string };
}

/** The top-level directories of an image with a userland (what `ls /` shows besides mounts). */
const ROOT_DIRS: Record<Userland, string[]> = {
  busybox: ['bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'],
  debian: ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
  none: [],
};

export interface ContainerFsOptions {
  pod: Pod;
  container: Container;
  userland: Userland;
  /** The image, whose own files (image-files.ts) lie under the mounts. */
  image?: ImageReference;
  podIP?: string;
  /** /etc/resolv.conf of a ClusterFirst Pod (the network model's); default: kubeadm's kube-dns. */
  resolvConf?: string;
  clusterDomain?: string;
}

/** A container's file tree: files by absolute path, plus the directories that exist. */
export interface ContainerFs {
  files: Map<string, string>;
  dirs: Set<string>;
}

function addDirs(dirs: Set<string>, path: string): void {
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) dirs.add(path.slice(0, i));
}

/** The downward API's fieldRef values the lab can answer. */
export function fieldValue(pod: Pod, fieldPath: string): string | undefined {
  const meta = pod.metadata;
  if (fieldPath === 'metadata.name') return meta.name;
  if (fieldPath === 'metadata.namespace') return meta.namespace;
  if (fieldPath === 'metadata.uid') return meta.uid;
  const label = /^metadata\.labels\['(.+)'\]$/.exec(fieldPath);
  if (label) return meta.labels?.[label[1]!];
  const annotation = /^metadata\.annotations\['(.+)'\]$/.exec(fieldPath);
  if (annotation) return meta.annotations?.[annotation[1]!];
  if (fieldPath === 'metadata.labels') return Object.entries(meta.labels ?? {}).map(([k, v]) => `${k}="${v}"`).join('\n');
  if (fieldPath === 'spec.nodeName') return pod.spec.nodeName;
  if (fieldPath === 'spec.serviceAccountName') return pod.spec.serviceAccountName;
  if (fieldPath === 'status.podIP') return pod.status?.podIP;
  if (fieldPath === 'status.hostIP') return pod.status?.hostIP;
  return undefined;
}

/** Keys (or the chosen items) of an object as files named by key or item path. */
function objectFiles(data: Record<string, string> | undefined, items: KeyToPath[] | undefined): Array<[string, string]> {
  if (!data) return [];
  if (items && items.length > 0) return items.filter((i) => data[i.key] !== undefined).map((i) => [i.path, data[i.key]!]);
  return Object.entries(data);
}

/** The files one volume holds, relative to its mount path. */
function volumeFiles(volume: VolumeSpec, pod: Pod, reader: VolumeReader): Array<[string, string]> {
  const namespace = pod.metadata.namespace ?? 'default';
  if (volume.configMap) return objectFiles(reader.configMap(namespace, volume.configMap.name ?? ''), volume.configMap.items);
  if (volume.secret) return objectFiles(reader.secret(namespace, volume.secret.secretName ?? ''), volume.secret.items);
  const downward = (items: DownwardItem[] | undefined): Array<[string, string]> =>
    (items ?? []).flatMap((item) => {
      const value = item.fieldRef ? fieldValue(pod, item.fieldRef.fieldPath) : undefined;
      return value === undefined ? [] : [[item.path, value] as [string, string]];
    });
  if (volume.downwardAPI) return downward(volume.downwardAPI.items);
  if (volume.hostPath) return [...(reader.hostPath?.(volume.hostPath.path ?? '/') ?? [])];
  if (volume.projected) {
    return (volume.projected.sources ?? []).flatMap((source): Array<[string, string]> => {
      if (source.configMap) return objectFiles(reader.configMap(namespace, source.configMap.name ?? ''), source.configMap.items);
      if (source.secret) return objectFiles(reader.secret(namespace, source.secret.name ?? ''), source.secret.items);
      if (source.downwardAPI) return downward(source.downwardAPI.items);
      if (source.serviceAccountToken) {
        const token = reader.serviceAccountToken(pod, source.serviceAccountToken.expirationSeconds);
        return token === undefined ? [] : [[source.serviceAccountToken.path, token]];
      }
      return [];
    });
  }
  return [];
}

/** The kubelet-managed /etc/hosts (kubelet_pods.go managedHostsFileContent). */
export function hostsFile(pod: Pod, podIP: string | undefined, clusterDomain = 'cluster.local'): string {
  const lines = [
    '# Kubernetes-managed hosts file.',
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    'fe00::0\tip6-localnet',
    'fe00::0\tip6-mcastprefix',
    'fe00::1\tip6-allnodes',
    'fe00::2\tip6-allrouters',
  ];
  const hostname = podHostname(pod);
  const subdomain = pod.spec.subdomain as string | undefined;
  if (podIP) {
    lines.push(subdomain ? `${podIP}\t${hostname}.${subdomain}.${pod.metadata.namespace ?? 'default'}.svc.${clusterDomain}\t${hostname}` : `${podIP}\t${hostname}`);
  }
  const aliases = (pod.spec.hostAliases as Array<{ ip: string; hostnames?: string[] }> | undefined) ?? [];
  if (aliases.length > 0) {
    lines.push('', '# Entries added by HostAliases.');
    for (const alias of aliases) lines.push(`${alias.ip}\t${(alias.hostnames ?? []).join('\t')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The Pod's hostname: spec.hostname, else its name (cut to 63 characters as the kubelet does). */
export function podHostname(pod: Pod): string {
  return ((pod.spec.hostname as string | undefined) ?? pod.metadata.name ?? '').slice(0, 63);
}

/** Build a container's file tree as of now. */
export function containerFs(options: ContainerFsOptions, reader: VolumeReader): ContainerFs {
  const { pod, container } = options;
  const files = new Map<string, string>();
  const dirs = new Set<string>(['/', ...ROOT_DIRS[options.userland].map((d) => `/${d}`)]);
  const put = (path: string, content: string): void => {
    files.set(path, content);
    addDirs(dirs, path);
  };
  const fromImage = imageFiles(options.image);
  for (const [path, content] of fromImage) put(path, content);
  put('/etc/hostname', `${podHostname(pod)}\n`);
  put('/etc/hosts', hostsFile(pod, options.podIP, options.clusterDomain));
  const namespace = pod.metadata.namespace ?? 'default';
  put('/etc/resolv.conf', options.resolvConf ?? `search ${namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`);
  const volumes = new Map(((pod.spec.volumes ?? []) as VolumeSpec[]).map((v) => [v.name, v]));
  for (const mount of container.volumeMounts ?? []) {
    const volume = volumes.get(mount.name);
    if (!volume) continue;
    const base = mount.mountPath.replace(/\/+$/, '');
    const subPath = (mount as { subPath?: string }).subPath;
    if (!subPath) {
      dirs.add(base || '/');
      // A volume mounted over an image directory hides what the image has there.
      for (const [path] of fromImage) if (path.startsWith(`${base}/`)) files.delete(path);
    }
    addDirs(dirs, base);
    for (const [relative, content] of volumeFiles(volume, pod, reader)) {
      if (subPath !== undefined && subPath !== '') {
        // A subPath mounts one file (or directory) of the volume at mountPath.
        if (relative === subPath) put(base, content);
        else if (relative.startsWith(`${subPath}/`)) put(`${base}/${relative.slice(subPath.length + 1)}`, content);
        continue;
      }
      put(`${base}/${relative}`, content);
    }
  }
  return { files, dirs };
}
