/**
 * `kubectl debug (POD | TYPE/NAME) [-- COMMAND [args...]]`: kubectl 1.32's DebugOptions. For a Pod,
 * an ephemeral container is added through PATCH pods/<name>/ephemeralcontainers (a strategic merge
 * patch made from the Pod and its changed copy), or with `--copy-to` a copy of the Pod is created
 * with a debug container added or one of its containers changed (`--set-image`, `--replace`,
 * `--same-node`, `--share-processes`). For a Node, a Pod in the host's namespaces with the node's
 * root filesystem at /host is created on it. With `-i` (or `--attach`) kubectl waits for the
 * container to run and attaches to it as `kubectl attach` does; a container that already ended
 * shows its log instead. Messages, warnings and errors are kubectl's.
 */
import { randomSuffix } from '../../random-suffix.js';
import type { Container, ContainerStatus, EphemeralContainer, Node, Pod } from '../../../../shared/api/core.js';
import type { ApiClient } from '../../../cluster/client/api-client.js';
import { PODS } from '../../../cluster/client/resources.js';
import { KubectlError, formatStatusError } from '../../errors.js';
import type { FlagSpec } from '../../flags.js';
import type { Invocation } from '../../invocation.js';
import { calculatePatch } from '../deploy/two-way-patch.js';
import { type KeepFlags, type ProfileName, applyProfile, profileNamed } from './debug-profiles.js';
import { pollUntilInterrupted } from './blocking.js';
import { followStream, readLog } from './log-stream.js';
import { getNamedObject } from './pod-target.js';
import { attachToPod } from './terminal-stream.js';

export const DEBUG_FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'stringArray' },
  { name: 'arguments-only', type: 'bool' },
  { name: 'attach', type: 'bool' },
  { name: 'container', short: 'c', type: 'string' },
  { name: 'copy-to', type: 'string' },
  { name: 'replace', type: 'bool' },
  { name: 'env', type: 'stringArray' },
  { name: 'image', type: 'string' },
  { name: 'keep-labels', type: 'bool' },
  { name: 'keep-annotations', type: 'bool' },
  { name: 'keep-liveness', type: 'bool' },
  { name: 'keep-readiness', type: 'bool' },
  { name: 'keep-startup', type: 'bool' },
  { name: 'keep-init-containers', type: 'bool' },
  { name: 'set-image', type: 'stringArray' },
  { name: 'image-pull-policy', type: 'string' },
  { name: 'stdin', short: 'i', type: 'bool' },
  { name: 'quiet', short: 'q', type: 'bool' },
  { name: 'same-node', type: 'bool' },
  { name: 'share-processes', type: 'bool' },
  { name: 'target', type: 'string' },
  { name: 'tty', short: 't', type: 'bool' },
  { name: 'profile', type: 'string' },
  { name: 'custom', type: 'string' },
];

/** The status a shell reports for a process killed by SIGINT. */
const INTERRUPTED = 130;

/** waitForContainer has no timeout of its own: only Ctrl+C (or the Pod's deletion) ends it. */
const FOREVER_MS = 365 * 24 * 3_600_000;

/** DebugOptions after Complete. */
interface DebugOptions {
  targetNames: string[];
  args: string[];
  argsOnly: boolean;
  attach: boolean;
  attachChanged: boolean;
  container: string;
  copyTo: string;
  replace: boolean;
  env: Array<{ name: string; value: string }>;
  image: string;
  interactive: boolean;
  tty: boolean;
  quiet: boolean;
  pullPolicy: string;
  sameNode: boolean;
  setImages: Map<string, string>;
  /** `--share-processes`, when given. */
  shareProcesses: boolean | undefined;
  target: string;
  profile: ProfileName;
  keep: KeepFlags;
}

/** distribution/reference's ReferenceRegexp: `[domain[:port]/]path[:tag][@digest]`. */
const REFERENCE = (() => {
  const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
  const domain = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
  const pathComponent = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
  const name = `(?:${domain}/)?${pathComponent}(?:/${pathComponent})*`;
  const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}';
  return new RegExp(`^${name}(?::[\\w][\\w.-]{0,127})?(?:@${digest})?$`);
})();

/** pflag's stringToString: `k=v,k2=v2`, repeatable; kubectl's flag error otherwise. */
function stringToString(inv: Invocation, flag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const value of inv.flags.strings(flag)) {
    const equals = value.split('=').length - 1;
    if (equals === 0) throw flagError(flag, value, value);
    const pairs = equals === 1 ? [value.replace(/^"+|"+$/g, '')] : value.split(',');
    for (const pair of pairs) {
      const at = pair.indexOf('=');
      if (at < 0) throw flagError(flag, value, pair);
      out.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }
  return out;
}

function flagError(flag: string, value: string, pair: string): KubectlError {
  return new KubectlError(`error: invalid argument "${value}" for "--${flag}" flag: ${pair} must be formatted as key=value\nSee 'kubectl debug --help' for usage.\n`);
}

/** Complete: the options from the flags and arguments. */
function completeOptions(inv: Invocation): DebugOptions {
  const f = inv.flags;
  const env = [...stringToString(inv, 'env')].map(([name, value]) => ({ name, value }));
  const setImages = stringToString(inv, 'set-image');
  const interactive = f.bool('stdin');
  const options: DebugOptions = {
    targetNames: f.positional,
    args: f.afterDash,
    argsOnly: f.bool('arguments-only'),
    attach: f.has('attach') ? f.bool('attach') : interactive,
    attachChanged: f.has('attach'),
    container: f.string('container'),
    copyTo: f.string('copy-to'),
    replace: f.bool('replace'),
    env,
    image: f.string('image'),
    interactive,
    tty: f.bool('tty'),
    quiet: f.bool('quiet'),
    pullPolicy: f.string('image-pull-policy'),
    sameNode: f.bool('same-node'),
    setImages,
    shareProcesses: f.has('share-processes') ? f.bool('share-processes') : undefined,
    target: f.string('target'),
    profile: profileNamed(f.string('profile', 'legacy')),
    keep: {
      labels: f.bool('keep-labels'),
      annotations: f.bool('keep-annotations'),
      liveness: f.bool('keep-liveness'),
      readiness: f.bool('keep-readiness'),
      startup: f.bool('keep-startup'),
      initContainers: f.bool('keep-init-containers', true),
    },
  };
  if (f.string('custom')) throw new KubectlError('error: --custom profiles are not available in this lab\n');
  return options;
}

/** Validate, in kubectl's order; it also says which container is targeted and warns about `legacy`. */
function validateOptions(inv: Invocation, o: DebugOptions): void {
  const fail = (message: string): KubectlError => new KubectlError(`error: ${message}\n`);
  if (o.attach && o.attachChanged && !o.image && !o.container) throw fail('you must specify --container or create a new container using --image in order to attach.');
  if (o.copyTo) {
    if (!o.image && o.setImages.size === 0 && o.args.length === 0) throw fail('you must specify --image, --set-image or command arguments.');
    if (o.args.length > 0 && !o.container && !o.image) throw fail('you must specify an existing container or a new image when specifying args.');
  } else if (o.replace) throw fail('--replace may only be used with --copy-to.');
  else if (o.sameNode) throw fail('--same-node may only be used with --copy-to.');
  else if (o.setImages.size > 0) throw fail('--set-image may only be used with --copy-to.');
  else if (!o.image) throw fail('you must specify --image when not using --copy-to.');
  if (o.image && !REFERENCE.test(o.image)) throw fail(`invalid image name "${o.image}": invalid reference format`);
  if (o.targetNames.length === 0 && inv.flags.strings('filename').length === 0) throw fail('NAME or filename is required for debug');
  if (!['Always', 'IfNotPresent', 'Never', ''].includes(o.pullPolicy)) throw fail(`invalid image pull policy: ${o.pullPolicy}`);
  for (const [name, image] of o.setImages) {
    if (!REFERENCE.test(image)) throw fail(`invalid image name "${image}" for container "${name}": invalid reference format`);
  }
  if (o.target) {
    if (o.copyTo) throw fail('--target is incompatible with --copy-to. Use --share-processes instead.');
    if (!o.quiet) inv.out(`Targeting container "${o.target}". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n`);
  }
  if (o.tty && !o.interactive) throw fail('-i/--stdin is required for containers with -t/--tty=true');
  if (o.profile === 'legacy') inv.err('--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n');
}

function containerNames(pod: Pod): Set<string> {
  return new Set([...pod.spec.containers, ...(pod.spec.initContainers ?? []), ...(pod.spec.ephemeralContainers ?? [])].map((c) => c.name));
}

/** computeDebugContainerName: `-c`, or a free `debugger-xxxxx` (saying so unless quiet). */
function debugContainerName(inv: Invocation, o: DebugOptions, pod: Pod): string {
  if (o.container) return o.container;
  const taken = containerNames(pod);
  let name = '';
  while (!name || taken.has(name)) name = `debugger-${randomSuffix(inv.env)}`;
  if (!o.quiet) inv.out(`Defaulting debug container name to ${name}.\n`);
  return name;
}

/** The command (or with `--arguments-only`, the args) from after `--`. */
function commandFields(o: DebugOptions): Partial<Container> {
  if (o.args.length === 0) return {};
  return o.argsOnly ? { args: o.args } : { command: o.args };
}

/** The debug container's fields, in Go's field order. */
function debugContainer(o: DebugOptions, name: string): Container {
  return {
    name,
    image: o.image,
    ...commandFields(o),
    ...(o.env.length > 0 ? { env: o.env } : {}),
    resources: {},
    terminationMessagePolicy: 'File',
    ...(o.pullPolicy ? { imagePullPolicy: o.pullPolicy } : {}),
    ...(o.interactive ? { stdin: true } : {}),
    ...(o.tty ? { tty: true } : {}),
  };
}

/** debugByEphemeralContainer: PATCH pods/<name>/ephemeralcontainers with the new container added. */
function debugByEphemeralContainer(inv: Invocation, client: ApiClient, o: DebugOptions, pod: Pod): { pod: Pod; container: string } {
  const name = debugContainerName(inv, o, pod);
  const ec: EphemeralContainer = { ...debugContainer(o, name), ...(o.target ? { targetContainerName: o.target } : {}) };
  const { patch } = calculatePatch(pod, (copy) => {
    copy.spec.ephemeralContainers = [...(copy.spec.ephemeralContainers ?? []), ec];
    applyProfile(o.profile, 'ephemeral', copy, name, o.keep);
  });
  const patched = client.patch<Pod>(PODS, pod.metadata.namespace, pod.metadata.name ?? '', 'strategic', patch, { subresource: 'ephemeralcontainers' });
  if (!patched.ok) {
    // A 404 that names nothing: the subresource is missing (the feature is off).
    if (patched.status.reason === 'NotFound' && !patched.status.details?.name) {
      throw new KubectlError(`error: ephemeral containers are disabled for this cluster (error from server: ${JSON.stringify(patched.status.message ?? '')})\n`);
    }
    throw new KubectlError(formatStatusError(patched.status));
  }
  return { pod: patched.value, container: name };
}

/** generatePodCopyWithDebugContainer: the copy, and the container to attach to ('' for none). */
function podCopy(inv: Invocation, o: DebugOptions, pod: Pod): { copy: Pod; container: string } {
  const spec = structuredClone(pod.spec);
  delete spec.ephemeralContainers;
  if (o.shareProcesses !== undefined) spec.shareProcessNamespace = o.shareProcesses;
  if (!o.sameNode) delete spec.nodeName;
  const copy: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: o.copyTo,
      namespace: pod.metadata.namespace,
      ...(pod.metadata.annotations ? { annotations: { ...pod.metadata.annotations } } : {}),
      ...(pod.metadata.labels ? { labels: { ...pod.metadata.labels } } : {}),
    },
    spec,
  };
  for (const c of spec.containers) {
    const image = o.setImages.get(c.name) ?? o.setImages.get('*');
    if (image) c.image = image;
  }
  let c = [...spec.containers, ...(spec.initContainers ?? [])].find((x) => x.name === o.container);
  let name = o.container;
  if (!c) {
    if (!o.image) {
      if (o.setImages.size > 0) return { copy, container: '' };
      throw new KubectlError('error: you must specify image when creating new container\n');
    }
    name ||= debugContainerName(inv, o, copy);
    c = { name, terminationMessagePolicy: 'File' };
    spec.containers.push(c);
  }
  if (o.args.length > 0) {
    if (o.argsOnly) c.args = o.args;
    else {
      c.command = o.args;
      delete c.args;
    }
  }
  if (o.env.length > 0) c.env = o.env;
  if (o.image) c.image = o.image;
  if (o.pullPolicy) c.imagePullPolicy = o.pullPolicy;
  if (o.interactive) c.stdin = true;
  else delete c.stdin;
  if (o.tty) c.tty = true;
  else delete c.tty;
  applyProfile(o.profile, 'podCopy', copy, c.name, o.keep);
  return { copy, container: name };
}

/** debugByCopy: create the copy, and with `--replace` delete the original at once. */
function debugByCopy(inv: Invocation, client: ApiClient, o: DebugOptions, pod: Pod): { pod: Pod; container: string } {
  const { copy, container } = podCopy(inv, o, pod);
  const created = client.create<Pod>(PODS, copy.metadata.namespace, copy);
  if (!created.ok) throw new KubectlError(formatStatusError(created.status));
  if (o.replace) {
    const deleted = client.delete(PODS, pod.metadata.namespace, pod.metadata.name ?? '', { gracePeriodSeconds: 0 });
    if (!deleted.ok) throw new KubectlError(formatStatusError(deleted.status));
  }
  return { pod: created.value, container };
}

/** generateNodeDebugPod + create: a Pod on the node, in its namespaces, tolerating every taint. */
function debugNode(inv: Invocation, client: ApiClient, o: DebugOptions, node: Node): { pod: Pod; container: string } {
  const container = o.container || 'debugger';
  const nodeName = node.metadata.name ?? '';
  const name = `node-debugger-${nodeName}-${randomSuffix(inv.env)}`;
  if (!o.quiet) inv.out(`Creating debugging pod ${name} with container ${container} on node ${nodeName}.\n`);
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      containers: [debugContainer(o, container)],
      nodeName,
      restartPolicy: 'Never',
      tolerations: [{ operator: 'Exists' }],
    },
  };
  applyProfile(o.profile, 'node', pod, container, o.keep);
  const created = client.create<Pod>(PODS, inv.namespace, pod);
  if (!created.ok) throw new KubectlError(formatStatusError(created.status));
  return { pod: created.value, container };
}

function statusOf(pod: Pod, container: string): ContainerStatus | undefined {
  const status = pod.status ?? {};
  return [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? []), ...(status.ephemeralContainerStatuses ?? [])].find((s) => s.name === container);
}

/**
 * waitForContainer: watch the Pod until the container runs or ended, warning (unless quiet) about
 * what it waits on; undefined when interrupted.
 */
async function waitForContainer(inv: Invocation, client: ApiClient, o: DebugOptions, namespace: string, podName: string, container: string): Promise<Pod | undefined> {
  let pod: Pod | undefined;
  let warned = '';
  const ready = (): boolean => {
    const got = client.get<Pod>(PODS, namespace, podName);
    if (!got.ok) throw new KubectlError('Error from server (NotFound): pods "" not found\n');
    pod = got.value;
    const s = statusOf(pod, container);
    if (!s) return false;
    if (s.state.running || s.state.terminated) return true;
    const message = s.state.waiting?.message ?? '';
    if (!o.quiet && message && message !== warned) {
      warned = message;
      inv.err(`Warning: container ${container}: ${message}\n`);
    }
    return false;
  };
  const met = await inv.env.waitUntil(ready, FOREVER_MS, inv.ctx.signal);
  return met ? pod : undefined;
}

/** handleAttachPod: attach to the running container, or show the log of one that already ended. */
async function attachToDebugContainer(inv: Invocation, client: ApiClient, o: DebugOptions, target: Pod, container: string): Promise<number> {
  const pod = await waitForContainer(inv, client, o, target.metadata.namespace ?? inv.namespace, target.metadata.name ?? '', container);
  if (!pod) return INTERRUPTED;
  if (statusOf(pod, container)?.state.terminated) {
    showLog(inv, client, pod, container);
    return 0;
  }
  const spec = [...pod.spec.containers, ...(pod.spec.initContainers ?? []), ...(pod.spec.ephemeralContainers ?? [])].find((c) => c.name === container);
  const allocatesTty = spec?.tty === true;
  let tty = o.tty;
  if (tty && !allocatesTty) {
    tty = false;
    if (!o.quiet) inv.err(`error: Unable to use a TTY - container ${container} did not allocate one\n`);
  } else if (!tty && allocatesTty) tty = true;
  if (o.interactive && tty && (inv.ctx.stdinRedirected || !inv.ctx.interactive) && !o.quiet) {
    inv.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  }
  if (!o.quiet) inv.err("If you don't see a command prompt, try pressing enter.\n");
  if (o.interactive && (await attachToPod(inv, client, pod, container)) !== undefined) return 0;
  const stream = followStream(inv, client, { pod, container }, { prefix: '' });
  return (await pollUntilInterrupted(inv, () => stream.step())) ? INTERRUPTED : 0;
}

/** logOpts: the container's log, as `kubectl logs` prints it. */
function showLog(inv: Invocation, client: ApiClient, pod: Pod, container: string): void {
  const log = readLog(client, { pod, container }, {});
  if (!log.ok) throw new KubectlError(log.error);
  inv.out(log.text);
}

/** The GroupVersionKind as Go prints it: `/v1, Kind=Service`, `apps/v1, Kind=Deployment`. */
function gvkText(apiVersion: string, kind: string): string {
  return `${apiVersion.includes('/') ? apiVersion : `/${apiVersion}`}, Kind=${kind}`;
}

export async function runDebug(inv: Invocation): Promise<number> {
  const o = completeOptions(inv);
  validateOptions(inv, o);
  if (o.targetNames.length === 0) throw new KubectlError('error: debug with --filename is not available in this lab; name the Pod or Node instead\n');
  const client = inv.client();
  for (const arg of o.targetNames) {
    const named = getNamedObject(inv, client, arg);
    if (!named.ok) throw new KubectlError(formatStatusError(named.status));
    const object = named.value.object;
    let debugged: { pod: Pod; container: string };
    if (object.kind === 'Node') debugged = debugNode(inv, client, o, object as Node);
    else if (object.kind === 'Pod') debugged = o.copyTo ? debugByCopy(inv, client, o, object as Pod) : debugByEphemeralContainer(inv, client, o, object as Pod);
    else throw new KubectlError(`error: ${JSON.stringify(gvkText(object.apiVersion ?? '', object.kind ?? ''))} not supported by debug\n`);
    if (o.attach && debugged.container) {
      const status = await attachToDebugContainer(inv, client, o, debugged.pod, debugged.container);
      if (status !== 0) return status;
    }
  }
  return 0;
}
