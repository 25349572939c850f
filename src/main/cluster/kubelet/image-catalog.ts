/**
 * The offline image registry: which images and tags exist, how big they are (pull time follows from
 * size) and how their main process behaves. Nothing is downloaded; an image that is not here fails
 * to pull exactly as a missing image would.
 */

export type ImageBehaviour =
  /** A server that runs until stopped and exits 0 on SIGTERM (nginx, redis, httpd). */
  | 'server'
  /** A shell image whose default command exits at once (busybox, alpine without a command). */
  | 'shell'
  /** The pause container. */
  | 'pause';

/** Which coreutils a shell in the image has: busybox's applets, Debian's GNU tools, or no shell at all. */
export type Userland = 'busybox' | 'debian' | 'none';

export interface CatalogImage {
  /** Fully qualified repository, e.g. `docker.io/library/nginx`. */
  repository: string;
  behaviour: ImageBehaviour;
  /** Tag → compressed size in bytes. */
  tags: Record<string, number>;
  /** The image config's Entrypoint and Cmd (what runs when the Pod gives no command/args). */
  entrypoint?: string[];
  cmd?: string[];
  /** The shell and tools inside the image, for `command:` and exec probes. */
  userland: Userland;
  /** The main process's simulated working set: a memory limit below it ends in OOMKilled. */
  memoryBytes: number;
}

const MB = 1_000_000;

const MI = 1024 * 1024;

const IMAGES: CatalogImage[] = [
  {
    repository: 'docker.io/library/nginx',
    behaviour: 'server',
    tags: { '1.25': 70.5 * MB, '1.25.5': 70.5 * MB, '1.26': 72.1 * MB, '1.27': 72.2 * MB, '1.27.3': 72.2 * MB, alpine: 20.6 * MB, '1.27-alpine': 20.6 * MB, latest: 72.2 * MB },
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    userland: 'debian',
    memoryBytes: 7 * MI,
  },
  {
    repository: 'docker.io/library/busybox',
    behaviour: 'shell',
    tags: { '1.28': 0.73 * MB, '1.35': 2.2 * MB, '1.36': 2.2 * MB, '1.36.1': 2.2 * MB, '1.37': 2.2 * MB, latest: 2.2 * MB },
    cmd: ['sh'],
    userland: 'busybox',
    memoryBytes: 0.5 * MI,
  },
  { repository: 'docker.io/library/alpine', behaviour: 'shell', tags: { '3.19': 3.4 * MB, '3.20': 3.6 * MB, '3.21': 3.6 * MB, latest: 3.6 * MB }, cmd: ['/bin/sh'], userland: 'busybox', memoryBytes: 0.5 * MI },
  {
    repository: 'docker.io/library/redis',
    behaviour: 'server',
    tags: { '7': 45.9 * MB, '7.2': 45.2 * MB, '7.4': 45.9 * MB, alpine: 17.2 * MB, '7-alpine': 17.2 * MB, latest: 45.9 * MB },
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['redis-server'],
    userland: 'debian',
    memoryBytes: 4 * MI,
  },
  {
    repository: 'docker.io/library/httpd',
    behaviour: 'server',
    tags: { '2.4': 58.1 * MB, alpine: 22.1 * MB, '2.4-alpine': 22.1 * MB, latest: 58.1 * MB },
    cmd: ['httpd-foreground'],
    userland: 'debian',
    memoryBytes: 12 * MI,
  },
  {
    repository: 'docker.io/library/mysql',
    behaviour: 'server',
    tags: { '8.0': 170.4 * MB, '8.4': 172.9 * MB, latest: 172.9 * MB },
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['mysqld'],
    userland: 'debian',
    memoryBytes: 380 * MI,
  },
  {
    repository: 'docker.io/library/postgres',
    behaviour: 'server',
    tags: { '16': 150.1 * MB, '17': 154.6 * MB, latest: 154.6 * MB },
    entrypoint: ['docker-entrypoint.sh'],
    cmd: ['postgres'],
    userland: 'debian',
    memoryBytes: 30 * MI,
  },
  {
    repository: 'docker.io/library/perl',
    behaviour: 'shell',
    tags: { '5.34': 337.6 * MB, '5.34.0': 337.6 * MB, '5.40': 335.2 * MB, latest: 335.2 * MB },
    cmd: ['perl', '-de0'],
    userland: 'debian',
    memoryBytes: 6 * MI,
  },
  { repository: 'registry.k8s.io/pause', behaviour: 'pause', tags: { '3.10': 0.32 * MB }, entrypoint: ['/pause'], userland: 'none', memoryBytes: 0.3 * MI },
  { repository: 'registry.k8s.io/etcd', behaviour: 'server', tags: { '3.5.16-0': 57.7 * MB }, cmd: ['etcd'], userland: 'none', memoryBytes: 40 * MI },
  { repository: 'registry.k8s.io/kube-apiserver', behaviour: 'server', tags: { 'v1.32.4': 28.7 * MB }, entrypoint: ['kube-apiserver'], userland: 'none', memoryBytes: 250 * MI },
  {
    repository: 'registry.k8s.io/kube-controller-manager',
    behaviour: 'server',
    tags: { 'v1.32.4': 26.2 * MB },
    entrypoint: ['kube-controller-manager'],
    userland: 'none',
    memoryBytes: 50 * MI,
  },
  { repository: 'registry.k8s.io/kube-scheduler', behaviour: 'server', tags: { 'v1.32.4': 20.7 * MB }, entrypoint: ['kube-scheduler'], userland: 'none', memoryBytes: 20 * MI },
  { repository: 'registry.k8s.io/kube-proxy', behaviour: 'server', tags: { 'v1.32.4': 30.9 * MB }, entrypoint: ['/usr/local/bin/kube-proxy'], userland: 'busybox', memoryBytes: 20 * MI },
  { repository: 'registry.k8s.io/coredns/coredns', behaviour: 'server', tags: { 'v1.11.3': 18.6 * MB }, entrypoint: ['/coredns'], userland: 'none', memoryBytes: 15 * MI },
];

export interface ImageReference {
  /** As written in the Pod spec. */
  original: string;
  /** `docker.io/library/nginx:1.25` */
  canonical: string;
  repository: string;
  tag: string;
}

/** Normalise `nginx`, `nginx:1.25`, `library/nginx`, `docker.io/nginx` the way containerd does. */
export function parseImage(image: string): ImageReference {
  let name = image;
  let tag = 'latest';
  const at = name.indexOf('@');
  if (at >= 0) {
    tag = name.slice(at + 1);
    name = name.slice(0, at);
  } else {
    const lastSlash = name.lastIndexOf('/');
    const colon = name.indexOf(':', lastSlash + 1);
    if (colon >= 0) {
      tag = name.slice(colon + 1);
      name = name.slice(0, colon);
    }
  }
  const firstSlash = name.indexOf('/');
  const first = firstSlash >= 0 ? name.slice(0, firstSlash) : '';
  const hasRegistry = firstSlash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let repository = hasRegistry ? name : `docker.io/${name}`;
  if (repository.startsWith('docker.io/') && repository.split('/').length === 2) {
    repository = `docker.io/library/${repository.slice('docker.io/'.length)}`;
  }
  return { original: image, canonical: `${repository}:${tag}`, repository, tag };
}

export type LookupResult =
  | { found: true; image: CatalogImage; sizeBytes: number; digest: string }
  | { found: false; reason: 'no-repository' | 'no-tag' };

export function lookupImage(ref: ImageReference): LookupResult {
  const image = IMAGES.find((i) => i.repository === ref.repository);
  if (!image) return { found: false, reason: 'no-repository' };
  const size = image.tags[ref.tag];
  if (size === undefined) return { found: false, reason: 'no-tag' };
  // The `alpine` variants (`nginx:alpine`, `redis:7-alpine`) are built on Alpine: busybox's tools, not Debian's.
  const variant = isAlpineTag(ref.tag) && image.userland === 'debian' ? { ...image, userland: 'busybox' as const } : image;
  return { found: true, image: variant, sizeBytes: Math.round(size), digest: digestOf(ref.canonical) };
}

/** `alpine`, `1.27-alpine`, `alpine3.20`, `1.27-alpine3.20-slim`: an image variant built on Alpine Linux. */
function isAlpineTag(tag: string): boolean {
  return /(^|-)alpine(\d|-|$)/.test(tag);
}

/** A stable fake sha256 digest per image reference (not random: the same image, the same ID). */
function digestOf(text: string): string {
  let out = '';
  let h = 2166136261;
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i) + round;
      h = Math.imul(h, 16777619) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return `sha256:${out.slice(0, 64)}`;
}

/** The message containerd gives for an image that cannot be pulled. */
export function pullErrorMessage(ref: ImageReference, reason: 'no-repository' | 'no-tag'): string {
  if (reason === 'no-tag') {
    return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref.canonical}": failed to resolve reference "${ref.canonical}": ${ref.canonical}: not found`;
  }
  return `rpc error: code = Unknown desc = failed to pull and unpack image "${ref.canonical}": failed to resolve reference "${ref.canonical}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
}
