/**
 * `crictl` against the node's containerd, read from its Kubelet's runtime state: `ps [-a] [-q]`,
 * `pods` (both with crictl's `--name`/`--namespace`/`--state`/`--label`/`--pod` filters), `images`, `logs [--tail N] ID`, `inspect ID`, with crictl 1.32's columns (its tabwriter:
 * minimum width 20, padding 3), truncated 13-character IDs and go-units' "… ago" times. With
 * containerd stopped every call fails as crictl does when the socket refuses.
 */
import type { Pod } from '../../../../shared/api/core.js';
import { tabwrite } from '../../../kubectl/printers/tabwriter.js';
import type { CommandContext } from '../../../shell/types.js';
import { lookupImage, parseImage } from '../../kubelet/image-catalog.js';
import type { ContainerRuntime, PodRuntime } from '../../kubelet/pod-runtime.js';
import type { NodeOs } from '../node-os.js';

const TABLE = { minWidth: 20, padding: 3 };
const ENDPOINT = 'unix:///run/containerd/containerd.sock';

/** A stable 64-hex id from a text (sandbox IDs and image IDs, which the runtime does not keep). */
export function hexId(text: string): string {
  let out = '';
  let h = 0x9e3779b9;
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i) + round * 31;
      h = Math.imul(h, 16777619) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

/** go-units HumanDuration + " ago". */
export function humanAgo(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second ago';
  if (seconds === 1) return '1 second ago';
  if (seconds < 60) return `${seconds} seconds ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute ago';
  if (minutes < 60) return `${minutes} minutes ago`;
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return 'About an hour ago';
  if (hours < 48) return `${hours} hours ago`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days ago`;
  return `${Math.floor(hours / 24 / 7)} weeks ago`;
}

/** go-units HumanSize: decimal units, four significant digits. */
function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let i = 0;
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  return `${Number(value.toPrecision(4))}${units[i]}`;
}

interface CriContainer {
  id: string;
  podSandboxId: string;
  pod: Pod;
  c: ContainerRuntime;
  attempt: number;
  state: 'Running' | 'Exited' | 'Created';
  createdAt: number;
  imageId: string;
  instance: 'current' | 'previous';
  exitCode?: number;
  finishedAt?: string;
}

function sandboxId(runtime: PodRuntime): string {
  return hexId(`sandbox/${runtime.uid}`);
}

function imageIdOf(imageRef: string | undefined, original: string): string {
  return hexId(`image/${imageRef ?? original}`);
}

function containers(os: NodeOs): CriContainer[] {
  const out: CriContainer[] = [];
  for (const { pod, runtime } of os.nodeKubelet?.runtimePods() ?? []) {
    if (!runtime.sandboxReady) continue;
    for (const c of [...runtime.initContainers, ...runtime.containers]) {
      const imageId = imageIdOf(c.imageID, c.image.original);
      const currentId = c.containerID?.replace(/^containerd:\/\//, '');
      const running = c.phase === 'running';
      const terminated = c.phase === 'terminated' ? c.terminated : undefined;
      if (currentId && (running || terminated)) {
        const started = Date.parse((running ? c.startedAt : terminated?.startedAt) ?? '') || os.now();
        out.push({ id: currentId, podSandboxId: sandboxId(runtime), pod, c, attempt: c.restartCount, state: running ? 'Running' : 'Exited', createdAt: started, imageId, instance: 'current', exitCode: terminated?.exitCode, finishedAt: terminated?.finishedAt });
      }
      // The dead instance before: while running or just exited, the previous one; while waiting
      // (back-off), the latest one, whose log is still the container's current log.
      const waiting = !running && !terminated;
      const last = waiting ? (c.lastTerminated ?? c.terminated) : c.lastTerminated;
      const lastId = last?.containerID?.replace(/^containerd:\/\//, '');
      if (last && lastId && (waiting || lastId !== currentId)) {
        const started = Date.parse(last.startedAt ?? '') || Date.parse(last.finishedAt ?? '') || os.now();
        const attempt = waiting ? c.restartCount : Math.max(0, c.restartCount - 1);
        out.push({ id: lastId, podSandboxId: sandboxId(runtime), pod, c, attempt, state: 'Exited', createdAt: started, imageId, instance: waiting ? 'current' : 'previous', exitCode: last.exitCode, finishedAt: last.finishedAt });
      }
    }
  }
  // crictl sorts by creation time, newest first.
  return out.sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
}

function refused(ctx: CommandContext): number {
  ctx.stderr.write(
    `FATA[0000] validate service connection: validate CRI v1 runtime API for endpoint "${ENDPOINT}": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: connection refused"\n`,
  );
  return 1;
}

function find(ctx: CommandContext, os: NodeOs, prefix: string | undefined): CriContainer | undefined {
  if (!prefix) {
    ctx.stderr.write('FATA[0000] ID cannot be empty\n');
    return undefined;
  }
  const found = containers(os).filter((x) => x.id.startsWith(prefix));
  if (found.length === 0) ctx.stderr.write(`FATA[0000] rpc error: code = NotFound desc = an error occurred when try to find container "${prefix}": not found\n`);
  return found[0];
}

/** crictl's list filters: `--name`/`--namespace` are regular expressions, `--pod` an ID prefix. */
interface ListFilters {
  all: boolean;
  quiet: boolean;
  name?: string;
  namespace?: string;
  pod?: string;
  state?: string;
  labels: Array<[string, string]>;
}

function parseListFlags(ctx: CommandContext, args: readonly string[]): ListFilters | undefined {
  const filters: ListFilters = { all: false, quiet: false, labels: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => (arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : (args[++i] ?? ''));
    if (flag === '-a' || flag === '--all') filters.all = true;
    else if (flag === '-q' || flag === '--quiet') filters.quiet = true;
    else if (flag === '--name') filters.name = value();
    else if (flag === '--namespace') filters.namespace = value();
    else if (flag === '-p' || flag === '--pod') filters.pod = value();
    else if (flag === '-s' || flag === '--state') filters.state = value().toLowerCase();
    else if (flag === '--label') {
      const [k, v = ''] = value().split('=');
      filters.labels.push([k ?? '', v]);
    } else if (flag === '-v' || flag === '--verbose' || flag === '--no-trunc') continue;
    else {
      ctx.stderr.write(`Incorrect Usage: flag provided but not defined: -${arg.replace(/^-+/, '').split('=')[0]}\n`);
      return undefined;
    }
  }
  return filters;
}

/** crictl's matchesRegex: an unparsable pattern matches nothing. */
function matchesRegex(pattern: string | undefined, target: string): boolean {
  if (pattern === undefined) return true;
  try {
    return new RegExp(pattern).test(target);
  } catch {
    return false;
  }
}

function labelsMatch(labels: Record<string, string>, wanted: Array<[string, string]>): boolean {
  return wanted.every(([k, v]) => labels[k] === v);
}

function ps(ctx: CommandContext, os: NodeOs, args: readonly string[]): number {
  const f = parseListFlags(ctx, args);
  if (!f) return 1;
  const list = containers(os).filter(
    (x) =>
      (f.state ? x.state.toLowerCase() === f.state : f.all || x.state === 'Running') &&
      matchesRegex(f.name, x.c.name) &&
      matchesRegex(f.namespace, x.pod.metadata.namespace ?? '') &&
      (!f.pod || x.podSandboxId.startsWith(f.pod)) &&
      labelsMatch({ ...x.pod.metadata.labels, 'io.kubernetes.container.name': x.c.name, 'io.kubernetes.pod.name': x.pod.metadata.name ?? '', 'io.kubernetes.pod.namespace': x.pod.metadata.namespace ?? '' }, f.labels),
  );
  if (f.quiet) {
    ctx.stdout.write(list.map((x) => x.id + '\n').join(''));
    return 0;
  }
  const now = os.now();
  let text = 'CONTAINER\tIMAGE\tCREATED\tSTATE\tNAME\tATTEMPT\tPOD ID\tPOD\tNAMESPACE\n';
  for (const x of list) {
    text += [x.id.slice(0, 13), x.imageId.slice(0, 13), humanAgo(now - x.createdAt), x.state, x.c.name, String(x.attempt), x.podSandboxId.slice(0, 13), x.pod.metadata.name ?? '', x.pod.metadata.namespace ?? ''].join('\t') + '\n';
  }
  ctx.stdout.write(tabwrite(text, TABLE));
  return 0;
}

function pods(ctx: CommandContext, os: NodeOs, args: readonly string[]): number {
  const f = parseListFlags(ctx, args);
  if (!f) return 1;
  const now = os.now();
  const sandboxReady = (runtime: PodRuntime): boolean => runtime.sandboxReady && !runtime.stopped && !runtime.terminal;
  const list = (os.nodeKubelet?.runtimePods() ?? [])
    .map(({ pod, runtime }) => ({ pod, runtime, created: Date.parse(runtime.startTime) || now }))
    .filter(
      ({ pod, runtime }) =>
        (!f.state || (f.state === 'ready') === sandboxReady(runtime)) &&
        matchesRegex(f.name, pod.metadata.name ?? '') &&
        matchesRegex(f.namespace, pod.metadata.namespace ?? '') &&
        labelsMatch({ ...pod.metadata.labels, 'io.kubernetes.pod.name': pod.metadata.name ?? '', 'io.kubernetes.pod.namespace': pod.metadata.namespace ?? '' }, f.labels),
    )
    .sort((a, b) => b.created - a.created);
  if (f.quiet) {
    ctx.stdout.write(list.map((x) => sandboxId(x.runtime) + '\n').join(''));
    return 0;
  }
  let text = 'POD ID\tCREATED\tSTATE\tNAME\tNAMESPACE\tATTEMPT\tRUNTIME\n';
  for (const { pod, runtime, created } of list) {
    text += [sandboxId(runtime).slice(0, 13), humanAgo(now - created), sandboxReady(runtime) ? 'Ready' : 'NotReady', pod.metadata.name ?? '', pod.metadata.namespace ?? '', '0', '(default)'].join('\t') + '\n';
  }
  ctx.stdout.write(tabwrite(text, TABLE));
  return 0;
}

function images(ctx: CommandContext, os: NodeOs): number {
  const rows = [...(os.nodeKubelet?.imageStore() ?? new Map<string, string>()).entries()].sort(([a], [b]) => a.localeCompare(b));
  let text = 'IMAGE\tTAG\tIMAGE ID\tSIZE\n';
  for (const [canonical, imageRef] of rows) {
    const ref = parseImage(canonical);
    const found = lookupImage(ref);
    text += [ref.repository, ref.tag, imageIdOf(imageRef, canonical).slice(0, 13), found.found ? humanSize(found.sizeBytes) : '0B'].join('\t') + '\n';
  }
  ctx.stdout.write(tabwrite(text, TABLE));
  return 0;
}

function logs(ctx: CommandContext, os: NodeOs, args: readonly string[]): number {
  let tail: number | undefined;
  let id: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--tail') tail = Number(args[++i]);
    else if (arg.startsWith('--tail=')) tail = Number(arg.slice(7));
    else if (arg === '-f' || arg === '--follow') {
      ctx.stderr.write('crictl: --follow is not available in this lab; run crictl logs again for newer lines\n');
      return 1;
    } else if (!arg.startsWith('-')) id = arg;
  }
  const x = find(ctx, os, id);
  if (!x) return 1;
  let lines = os.nodeKubelet?.readContainerLog(x.pod, x.c.name, x.instance) ?? [];
  if (tail !== undefined && tail >= 0) lines = lines.slice(-tail);
  for (const line of lines) (line.stream === 'stderr' ? ctx.stderr : ctx.stdout).write(line.text + '\n');
  return 0;
}

function inspect(ctx: CommandContext, os: NodeOs, args: readonly string[]): number {
  const x = find(ctx, os, args.find((a) => !a.startsWith('-')));
  if (!x) return 1;
  const labels = {
    'io.kubernetes.container.name': x.c.name,
    'io.kubernetes.pod.name': x.pod.metadata.name ?? '',
    'io.kubernetes.pod.namespace': x.pod.metadata.namespace ?? '',
    'io.kubernetes.pod.uid': x.pod.metadata.uid ?? '',
  };
  const status = {
    status: {
      id: x.id,
      metadata: { attempt: x.attempt, name: x.c.name },
      state: x.state === 'Running' ? 'CONTAINER_RUNNING' : 'CONTAINER_EXITED',
      createdAt: new Date(x.createdAt).toISOString().replace('.000Z', '.000000000Z'),
      startedAt: new Date(x.createdAt).toISOString().replace('.000Z', '.000000000Z'),
      finishedAt: x.finishedAt ?? '0001-01-01T00:00:00Z',
      exitCode: x.exitCode ?? 0,
      image: { annotations: {}, image: x.c.image.canonical, runtimeHandler: '', userSpecifiedImage: '' },
      imageRef: x.c.imageID ?? '',
      reason: x.state === 'Exited' ? (x.instance === 'current' ? (x.c.terminated?.reason ?? '') : (x.c.lastTerminated?.reason ?? '')) : '',
      message: '',
      labels,
      logPath: `/var/log/pods/${x.pod.metadata.namespace ?? ''}_${x.pod.metadata.name ?? ''}_${x.pod.metadata.uid ?? ''}/${x.c.name}/${x.attempt}.log`,
    },
    info: { sandboxID: x.podSandboxId, pid: x.state === 'Running' ? 1000 + (parseInt(x.id.slice(0, 4), 16) % 30000) : 0 },
  };
  ctx.stdout.write(JSON.stringify(status, null, 2) + '\n');
  return 0;
}

const USAGE = `NAME:
   crictl - client for CRI

USAGE:
   crictl [global options] command [command options]

COMMANDS:
   images, image, img  List images
   inspect             Display the status of one or more containers
   logs                Fetch the logs of a container
   pods                List pods
   ps                  List containers
`;

export function runCrictl(ctx: CommandContext, os: NodeOs | undefined): number {
  if (!os) {
    ctx.stderr.write('bash: crictl: command not found\n');
    return 127;
  }
  const [sub, ...args] = ctx.argv.slice(1);
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    ctx.stdout.write(USAGE);
    return 0;
  }
  const known = ['ps', 'pods', 'images', 'image', 'img', 'logs', 'inspect'];
  if (!known.includes(sub)) {
    ctx.stderr.write(`No help topic for '${sub}'\n`);
    return 3;
  }
  if (!os.containerdUp) return refused(ctx);
  switch (sub) {
    case 'ps':
      return ps(ctx, os, args);
    case 'pods':
      return pods(ctx, os, args);
    case 'logs':
      return logs(ctx, os, args);
    case 'inspect':
      return inspect(ctx, os, args);
    default:
      return images(ctx, os);
  }
}
