/**
 * Exec through the kubelets: `kubeletExecSource` is the ContainerExecSource the API server's
 * `pods/exec` uses. It asks the kubelet of the Pod's node for the running container (GetExec's
 * findContainer: `container not found ("x")` otherwise), builds what the process sees — the
 * container's files and volumes as read through the kubelet's own client (the Node authorizer lets
 * it read what its Pods use), its environment — and runs it. HTTP to another Pod is answered by
 * the server in that Pod's container, on whichever node it runs.
 */
import type { ConfigMap, Pod, Secret, Service } from '../../../shared/api/core.js';
import type { ApiClient } from '../client/api-client.js';
import { CONFIG_MAPS, SECRETS, SERVICES } from '../client/resources.js';
import { containerEnv } from './container-spec.js';
import { type VolumeReader, containerFs } from './container-fs.js';
import type { ExecNetwork, HttpRouter } from './exec-network.js';
import type { ExecStreamSession } from '../../../shared/api/exec-stream.js';
import { attachToShell } from './exec-attach.js';
import type { ContainerProcess } from './container-runtime.js';
import { type ExecOptions, type ExecOutcome, type ExecTarget, execProcess, runExec, serviceEnv } from './exec.js';
import { lookupImage } from './image-catalog.js';
import type { ContainerRuntime, PodRuntime } from './pod-runtime.js';
import type { HttpAnswer } from './servers.js';

/** What exec needs of a kubelet. */
export interface ExecHost {
  readonly nodeName: string;
  /** The runtime of the Pod `namespace/name` if this kubelet runs it (and it has `uid`, when given). */
  runtimeOf(key: string, uid?: string): PodRuntime | undefined;
  /** The kubelet's client (its node identity). */
  readonly execClient: ApiClient;
  /** The node's own files under a directory, for hostPath volumes. */
  hostFiles?(path: string): ReadonlyMap<string, string>;
}

/** The shape of pod-exec's ContainerExecSource (structural, so the kubelet does not import the API server). */
export interface KubeletExecSource {
  exec(pod: Pod, container: string, command: string[], options: ExecOptions): ExecOutcome;
  /** pods/attach: the main process's terminal when it is a shell reading one (no session otherwise). */
  attach(pod: Pod, container: string, columns?: number): { ok: true; session?: ExecStreamSession } | { ok: false; stage: 'upgrade'; message: string };
  /**
   * What a process of the running container sees (its files and volumes, network, DNS): the
   * container's main process uses it for its image's tools (Kubelet's `containerTarget`).
   */
  target(pod: Pod, container: string): ExecTarget | undefined;
}

export interface ExecSourceOptions {
  /** The data plane (the lab's NetworkModel); without it names do not resolve and connections time out. */
  network?: () => ExecNetwork | undefined;
  now: () => number;
}

/** Volumes read through the kubelet's client (hostPath ones from the node's disk); tokens are requested once per Pod and kept. */
export function clientVolumeReader(client: ApiClient, tokens = new Map<string, string>(), hostFiles?: (path: string) => ReadonlyMap<string, string>): VolumeReader {
  return {
    hostPath: hostFiles,
    configMap(namespace, name) {
      const got = client.get<ConfigMap>(CONFIG_MAPS, namespace, name);
      return got.ok ? { ...(got.value.data ?? {}) } : undefined;
    },
    secret(namespace, name) {
      const got = client.get<Secret>(SECRETS, namespace, name);
      if (!got.ok) return undefined;
      return Object.fromEntries(Object.entries(got.value.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
    },
    serviceAccountToken(pod, expirationSeconds) {
      const uid = pod.metadata.uid ?? '';
      const kept = tokens.get(uid);
      if (kept !== undefined) return kept;
      const account = pod.spec.serviceAccountName ?? 'default';
      const result = client.request<{ status?: { token?: string } }>({
        verb: 'create',
        group: '',
        version: 'v1',
        resource: 'serviceaccounts',
        subresource: 'token',
        namespace: pod.metadata.namespace,
        name: account,
        body: {
          apiVersion: 'authentication.k8s.io/v1',
          kind: 'TokenRequest',
          metadata: { name: account, namespace: pod.metadata.namespace },
          spec: {
            audiences: [],
            expirationSeconds: expirationSeconds ?? 3607,
            boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name, uid },
          },
        },
      });
      const token = result.ok ? result.value.status?.token : undefined;
      if (token !== undefined) tokens.set(uid, token);
      return token;
    },
  };
}

/** A stable containerd exec id (64 hex) from the container and a per-source counter. */
function execId(containerID: string, n: number): string {
  let out = '';
  let h = 2166136261;
  const text = `${containerID}/exec/${n}`;
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i) + round;
      h = Math.imul(h, 16777619) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

/** The environment at the container's start: the spec's, plus Service variables of Services older than the container. */
function execEnv(client: ApiClient, pod: Pod, c: ContainerRuntime): Map<string, string> {
  const env = containerEnv(pod, c);
  const started = c.startedAt ? Date.parse(c.startedAt) : Infinity;
  const existed = (s: Service): boolean => Date.parse(s.metadata.creationTimestamp ?? '') <= started;
  const services: Service[] = [];
  const master = client.get<Service>(SERVICES, 'default', 'kubernetes');
  if (master.ok) services.push(master.value);
  if (pod.spec.enableServiceLinks !== false) {
    const listed = client.list<Service>(SERVICES, pod.metadata.namespace);
    if (listed.ok) services.push(...listed.value.items.filter((s) => existed(s) && !(s.metadata.namespace === 'default' && s.metadata.name === 'kubernetes')));
  }
  const own = new Set((c.spec.env ?? []).map((e) => e.name));
  for (const [k, v] of serviceEnv(services)) if (!own.has(k)) env.set(k, v);
  // runc adds HOME last when the process environment has none.
  const home = env.get('HOME');
  if (home !== undefined && !own.has('HOME')) {
    env.delete('HOME');
    env.set('HOME', home);
  }
  return env;
}

/** The HTTP server of the container listening on `port` in a Pod this kubelet runs. */
export function httpFromRuntime(runtime: PodRuntime, port: number, request: { path: string; host: string; client: string; userAgent: string }): HttpAnswer | undefined {
  for (const c of runtime.containers) {
    const process = c.process;
    if (c.phase !== 'running' || !process) continue;
    if (process.program.acceptsAny) return { status: 200, body: '' };
    if (!process.ctx.listening.has(port) || !process.program.http) continue;
    return process.program.http(process.ctx, { ...request, port });
  }
  return undefined;
}

/** Who answers HTTP on a backend address: the container of the backend Pod that listens on the port. */
export function kubeletHttpRouter(kubelets: () => Iterable<ExecHost>): HttpRouter {
  const find = (nodeName: string | undefined): ExecHost | undefined => {
    for (const kubelet of kubelets()) if (kubelet.nodeName === nodeName) return kubelet;
    return undefined;
  };
  return (backend, request) => {
    const target = backend.pod;
    if (!target) return undefined;
    const key = `${target.namespace}/${target.name}`;
    // The backend's node says which kubelet runs it; without one, ask them all.
    const candidates = backend.node !== undefined ? [find(backend.node)].filter((k) => k !== undefined) : kubelets();
    for (const kubelet of candidates) {
      const runtime = kubelet.runtimeOf(key);
      if (runtime) return httpFromRuntime(runtime, backend.port, request);
    }
    return undefined;
  };
}

/** A ContainerExecSource over the lab's kubelets (looked up on every exec: kubelets come and go). */
export function kubeletExecSource(kubelets: () => Iterable<ExecHost>, options: ExecSourceOptions): KubeletExecSource {
  const tokens = new Map<string, string>();
  let execs = 0;
  const find = (nodeName: string | undefined): ExecHost | undefined => {
    for (const kubelet of kubelets()) if (kubelet.nodeName === nodeName) return kubelet;
    return undefined;
  };
  const http = kubeletHttpRouter(kubelets);
  /** What a process started in (or attached to) the running container sees; undefined: not running here. */
  const targetOf = (pod: Pod, container: string, exec = true): { target: ExecTarget; process: ContainerProcess } | undefined => {
    const kubelet = find(pod.spec.nodeName);
    const runtime = kubelet?.runtimeOf(`${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`, pod.metadata.uid);
    const c = runtime ? [...runtime.containers, ...runtime.initContainers, ...runtime.ephemeralContainers].find((x) => x.name === container) : undefined;
    if (!kubelet || !runtime || !c || c.phase !== 'running' || !c.process) return undefined;
    const found = lookupImage(c.image);
    const userland = found.found ? found.image.userland : 'none';
    const network = options.network?.();
    const fs = containerFs(
      { pod, container: c.spec, userland, image: c.image, podIP: runtime.podIP, resolvConf: pod.spec.dnsPolicy === 'Default' ? undefined : network?.resolvConf(pod.metadata.namespace ?? 'default') },
      clientVolumeReader(kubelet.execClient, tokens, kubelet.hostFiles?.bind(kubelet)),
    );
    let env: Map<string, string> | undefined;
    const target: ExecTarget = {
      pod,
      container: c.spec,
      image: c.image,
      userland,
      // Read when a process needs it (the Service variables cost a list): a server reading its
      // files, or a probe, never does.
      get env() {
        return (env ??= execEnv(kubelet.execClient, pod, c));
      },
      fs,
      written: c.process.ctx.files,
      listening: c.process.ctx.listening,
      podIP: runtime.podIP,
      // The main process's own tools are no exec: they take no exec id.
      execId: exec ? execId(c.containerID ?? '', ++execs) : '',
      now: options.now,
      network,
      http,
    };
    return { target, process: c.process };
  };
  const notFound = (container: string): { ok: false; stage: 'upgrade'; message: string } => ({ ok: false, stage: 'upgrade', message: `container not found (${JSON.stringify(container)})` });
  return {
    attach(pod, container, columns) {
      const found = targetOf(pod, container);
      if (!found) return notFound(container);
      const { target, process } = found;
      return { ok: true, session: attachToShell(process.ctx, () => process.wake(), () => execProcess(target, { tty: true, columns })) };
    },
    exec(pod, container, command, execOptions) {
      const found = targetOf(pod, container);
      return found ? runExec(found.target, command, execOptions) : notFound(container);
    },
    target(pod, container) {
      return targetOf(pod, container, false)?.target;
    },
  };
}

/**
 * The NetworkModel's ListeningProbe from the container runtime: whether a process of the Pod has
 * the TCP port open now (a server still starting has not; a declared containerPort nobody opens is
 * answered with a RST). Undefined when the runtime cannot say (no such Pod here, UDP, components
 * whose ports are not modelled): the network model then goes by the images' usual ports.
 */
export function kubeletListeningProbe(kubelets: () => Iterable<ExecHost>): (pod: Pod, port: number, protocol: string) => boolean | undefined {
  let byNode = new Map<string, ExecHost>();
  const kubeletOf = (nodeName: string): ExecHost | undefined => {
    const known = byNode.get(nodeName);
    if (known) return known;
    byNode = new Map([...kubelets()].map((k) => [k.nodeName, k]));
    return byNode.get(nodeName);
  };
  return (pod, port, protocol) => {
    if (protocol !== 'TCP' || !pod.spec.nodeName) return undefined;
    const runtime = kubeletOf(pod.spec.nodeName)?.runtimeOf(`${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`, pod.metadata.uid);
    if (!runtime) return undefined;
    let known = true;
    for (const c of runtime.containers) {
      const process = c.process;
      if (c.phase !== 'running' || !process) continue;
      if (process.program.acceptsAny) known = false;
      else if (process.ctx.listening.has(port)) return true;
    }
    return known ? false : undefined;
  };
}
