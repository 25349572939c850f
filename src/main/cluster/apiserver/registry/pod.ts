/**
 * Pods: defaulting (scheme defaults plus the ServiceAccount and DefaultTolerationSeconds admission
 * plugins), validation, graceful deletion, selectable fields and the table printer, following
 * kube-apiserver 1.32.
 */
import type { Container, Pod, PodSpec } from '../../../../shared/api/core.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { canonicalJson as canonical } from '../../../base/canonical-json.js';
import { NAME_SUFFIX_ALPHABET } from '../../../base/random.js';
import { type FieldError, duplicate, forbidden, invalidValue, notSupported, required } from '../errors.js';
import { ageOfTime, timeOf } from './printing.js';
import { ephemeralContainersUpdate, forbidEphemeralContainersOnCreate, validateEphemeralContainers } from './pod-ephemeral-containers.js';
import { podEvictionHandler } from './pod-eviction.js';
import { podAttachHandler, podExecHandler } from './pod-exec.js';
import { podLogHandler } from './pod-log.js';
import { podPortForwardHandler } from './pod-portforward.js';
import { ALL_VERBS, type ResourceDefinition, type StrategyContext, column, splitPrinter } from './resource.js';
import { validateDns1123Label, validateObjectMeta } from './validation.js';

const SERVICE_ACCOUNT_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

function defaultContainer(c: Container): void {
  const image = c.image ?? '';
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTagIsLatest(image) ? 'Always' : 'IfNotPresent';
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  for (const port of c.ports ?? []) port.protocol ??= 'TCP';
}

/** `nginx` and `nginx:latest` pull Always; a pinned tag or digest pulls IfNotPresent. */
export function imageTagIsLatest(image: string): boolean {
  if (image.includes('@')) return false;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return colon === -1 || image.slice(colon + 1) === 'latest';
}

/** The QoS class kube-apiserver stores in status.qosClass at creation. */
export function qosClass(pod: Pod): string {
  const containers = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])];
  let anySet = false;
  let guaranteed = true;
  for (const c of containers) {
    const requests = c.resources?.requests ?? {};
    const limits = c.resources?.limits ?? {};
    if (Object.keys(requests).length > 0 || Object.keys(limits).length > 0) anySet = true;
    for (const resource of ['cpu', 'memory']) {
      const limit = limits[resource];
      const request = requests[resource] ?? limit;
      if (!limit || request !== limit) guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/**
 * SetDefaults_PodSpec and the container defaults: what every PodSpec gets, in a Pod or in a
 * workload's Pod template. (enableServiceLinks, priority, tolerations and the service account are
 * Pod-only: SetDefaults_Pod and admission, never templates.)
 */
export function defaultPodSpec(spec: PodSpec): void {
  for (const list of [spec.containers, spec.initContainers, spec.ephemeralContainers]) {
    for (const c of Array.isArray(list) ? list : []) if (c && typeof c === 'object') defaultContainer(c);
  }
  // SetDefaults_HostPathVolumeSource: an unset type is HostPathUnset ("").
  for (const volume of Array.isArray(spec.volumes) ? spec.volumes : []) {
    const hostPath = volume?.hostPath as { type?: string } | undefined;
    if (hostPath && typeof hostPath === 'object') hostPath.type ??= '';
  }
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
}

/**
 * Scheme defaulting (SetDefaults_Pod and the PodSpec/container defaults) whenever a Pod is decoded,
 * before admission and the field manager: the creator owns the defaulted fields, as on a real cluster.
 */
function applyDefaults(obj: KubeObject): void {
  const spec = (obj as Pod).spec as PodSpec | undefined;
  if (!spec || typeof spec !== 'object') return;
  defaultPodSpec(spec);
  spec.enableServiceLinks ??= true;
}

function prepareForCreate(obj: KubeObject, ctx: StrategyContext): void {
  const pod = obj as Pod;
  const spec = pod.spec;
  // Priority admission: no PriorityClass named, so the default priority 0.
  spec.priority ??= 0;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  // DefaultTolerationSeconds admission.
  const tolerations = (spec.tolerations ??= []);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerations.some((t) => t.key === key && (t.effect === 'NoExecute' || !t.effect))) {
      tolerations.push({ effect: 'NoExecute', key, operator: 'Exists', tolerationSeconds: 300 });
    }
  }
  const isMirror = obj.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined;
  if (!isMirror) admitServiceAccount(pod, ctx);
  pod.status = { phase: 'Pending', qosClass: qosClass(pod) };
}

/** ServiceAccount admission: default account and its projected API-access token volume. */
function admitServiceAccount(pod: Pod, ctx: StrategyContext): void {
  const spec = pod.spec;
  spec.serviceAccountName ??= spec.serviceAccount ?? 'default';
  spec.serviceAccount = spec.serviceAccountName;
  if (spec.automountServiceAccountToken === false) return;
  const already = spec.containers.some((c) => c.volumeMounts?.some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT));
  if (already) return;
  const volumeName = `kube-api-access-${ctx.random.string(5, NAME_SUFFIX_ALPHABET)}`;
  (spec.volumes ??= []).push({
    name: volumeName,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        {
          downwardAPI: {
            items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }],
          },
        },
      ],
    },
  });
  for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) {
    (c.volumeMounts ??= []).push({ mountPath: SERVICE_ACCOUNT_MOUNT, name: volumeName, readOnly: true });
  }
}

function validateContainers(containers: unknown, field: string, names: Set<string>): FieldError[] {
  const errors: FieldError[] = [];
  if (!Array.isArray(containers)) return errors;
  containers.forEach((raw: Container, i) => {
    const path = `${field}[${i}]`;
    if (!raw.name) errors.push(required(`${path}.name`));
    else {
      errors.push(...validateDns1123Label(raw.name, `${path}.name`));
      if (names.has(raw.name)) errors.push(duplicate(`${path}.name`, raw.name));
      names.add(raw.name);
    }
    if (!raw.image) errors.push(required(`${path}.image`));
    (raw.ports ?? []).forEach((p, j) => {
      if (typeof p.containerPort !== 'number' || p.containerPort < 1 || p.containerPort > 65535) {
        errors.push(invalidValue(`${path}.ports[${j}].containerPort`, p.containerPort, 'must be between 1 and 65535, inclusive'));
      }
      if (p.protocol && !['TCP', 'UDP', 'SCTP'].includes(p.protocol)) {
        errors.push(notSupported(`${path}.ports[${j}].protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
      }
    });
    if (raw.imagePullPolicy && !['Always', 'IfNotPresent', 'Never'].includes(raw.imagePullPolicy)) {
      errors.push(notSupported(`${path}.imagePullPolicy`, raw.imagePullPolicy, ['Always', 'IfNotPresent', 'Never']));
    }
  });
  return errors;
}

/** ValidatePodSpec under `field` (`spec` for a Pod, `spec.template.spec` for a template). */
export function validatePodSpec(spec: PodSpec | undefined, field: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!spec || !Array.isArray(spec.containers) || spec.containers.length === 0) {
    errors.push(required(`${field}.containers`));
  }
  const names = new Set<string>();
  errors.push(...validateContainers(spec?.initContainers, `${field}.initContainers`, names));
  errors.push(...validateContainers(spec?.containers, `${field}.containers`, names));
  errors.push(...validateContainers(spec?.ephemeralContainers, `${field}.ephemeralContainers`, names));
  errors.push(...validateEphemeralContainers(spec, field));
  if (spec?.restartPolicy && !['Always', 'OnFailure', 'Never'].includes(spec.restartPolicy)) {
    errors.push(notSupported(`${field}.restartPolicy`, spec.restartPolicy, ['Always', 'OnFailure', 'Never']));
  }
  if (spec?.dnsPolicy && !['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'].includes(spec.dnsPolicy)) {
    errors.push(notSupported(`${field}.dnsPolicy`, spec.dnsPolicy, ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None']));
  }
  return errors;
}

function validate(obj: KubeObject): FieldError[] {
  const pod = obj as Pod;
  return [...validateObjectMeta(obj, { namespaced: true, nameRule: 'subdomain' }), ...validatePodSpec(pod.spec, 'spec')];
}

/** Pod updates may change only container images, activeDeadlineSeconds, tolerations (added) and grace period. */
function validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const errors = validate(obj);
  const next = structuredClone((obj as Pod).spec);
  const prev = (old as Pod).spec;
  next.containers.forEach((c, i) => {
    const before = prev.containers[i];
    if (before) c.image = before.image;
  });
  (next.initContainers ?? []).forEach((c, i) => {
    const before = prev.initContainers?.[i];
    if (before) c.image = before.image;
  });
  next.activeDeadlineSeconds = prev.activeDeadlineSeconds;
  next.tolerations = prev.tolerations;
  next.terminationGracePeriodSeconds = prev.terminationGracePeriodSeconds;
  // spec.nodeName is set once, through the binding subresource or at creation.
  if (prev.nodeName !== undefined || next.nodeName === undefined) next.nodeName = prev.nodeName;
  if (canonical(next) !== canonical(prev)) {
    errors.push(
      forbidden(
        'spec',
        'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
      ),
    );
  }
  return errors;
}

function selectableField(obj: KubeObject, field: string): string | undefined {
  const pod = obj as Pod;
  switch (field) {
    case 'spec.nodeName':
      return pod.spec.nodeName ?? '';
    case 'spec.restartPolicy':
      return pod.spec.restartPolicy ?? '';
    case 'spec.schedulerName':
      return pod.spec.schedulerName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec.serviceAccountName ?? '';
    case 'spec.hostNetwork':
      return String(pod.spec.hostNetwork === true);
    case 'status.phase':
      return pod.status?.phase ?? '';
    case 'status.podIP':
      return pod.status?.podIP ?? '';
    case 'status.nominatedNodeName':
      return pod.status?.nominatedNodeName ?? '';
    default:
      return undefined;
  }
}

/** The STATUS column: kubectl's printPod reasoning over phase, reasons and container states. */
export function podDisplayStatus(pod: Pod): string {
  const status = pod.status ?? {};
  let reason: string = status.reason || status.phase || '';
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]!;
    const t = c.state.terminated;
    if (t && t.exitCode === 0) continue;
    if (c.started && c.state.running) continue;
    if (t) reason = t.reason ? `Init:${t.reason}` : `Init:ExitCode:${t.exitCode}`;
    else if (c.state.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${pod.spec.initContainers?.length ?? 0}`;
    initializing = true;
    break;
  }
  const initialized = status.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True') ?? false;
  if (!initializing || initialized) {
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      if (c.state.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state.terminated) reason = `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.ready && c.state.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) {
      reason = status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && status.phase !== 'Succeeded' && status.phase !== 'Failed') reason = 'Terminating';
  return reason;
}

/** What a Pod's row shows that does not depend on the time of printing (one flat object, read at once). */
interface PodRowFacts {
  name: string;
  ready: string;
  status: string;
  restarts: number;
  /** The latest container termination (ms), 0 when none. */
  lastRestart: number;
  created: number;
  ip: string;
  node: string;
  nominated: string;
  gates: string;
}

/** A Pod's row facts: made once per stored version and kept with it by the API server's list cache. */
function podFacts(obj: KubeObject): PodRowFacts {
  const pod = obj as Pod;
  const status = pod.status ?? {};
  let restarts = 0;
  let lastRestart = 0;
  let ready = 0;
  for (const c of status.containerStatuses ?? []) {
    restarts += c.restartCount;
    const finished = c.lastState.terminated?.finishedAt;
    if (finished) lastRestart = Math.max(lastRestart, Date.parse(finished));
    if (c.ready && c.state.running) ready++;
  }
  const readinessGates = pod.spec.readinessGates as Array<{ conditionType: string }> | undefined;
  let gates = '<none>';
  if (readinessGates && readinessGates.length > 0) {
    const trueCount = readinessGates.filter((g) => status.conditions?.some((c) => c.type === g.conditionType && c.status === 'True')).length;
    gates = `${trueCount}/${readinessGates.length}`;
  }
  return {
    name: pod.metadata.name ?? '',
    ready: `${ready}/${pod.spec.containers.length}`,
    status: podDisplayStatus(pod),
    restarts,
    lastRestart,
    created: timeOf(pod.metadata.creationTimestamp),
    ip: status.podIPs?.[0]?.ip || '<none>',
    node: pod.spec.nodeName || '<none>',
    nominated: status.nominatedNodeName || '<none>',
    gates,
  };
}

function podCells(f: PodRowFacts, now: number): string[] {
  const restartText = f.restarts !== 0 && f.lastRestart > 0 ? `${f.restarts} (${ageOfTime(f.lastRestart, now)} ago)` : String(f.restarts);
  return [f.name, f.ready, f.status, restartText, ageOfTime(f.created, now), f.ip, f.node, f.nominated, f.gates];
}

export const podResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Pod',
  plural: 'pods',
  singular: 'pod',
  namespaced: true,
  shortNames: ['po'],
  categories: ['all'],
  storagePrefix: 'pods',
  verbs: ALL_VERBS,
  subresources: ['attach', 'binding', 'ephemeralcontainers', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'status'],
  subresourceHandlers: { attach: podAttachHandler(), eviction: podEvictionHandler, exec: podExecHandler(), log: podLogHandler(), portforward: podPortForwardHandler() },
  strategy: {
    returnDeletedObject: true,
    hasStatusSubresource: true,
    applyDefaults,
    prepareForCreate,
    validate: (obj) => [...validate(obj), ...forbidEphemeralContainersOnCreate(obj as Pod)],
    validateUpdate,
    subresourceUpdates: { ephemeralcontainers: ephemeralContainersUpdate(validate) },
    gracePeriod(obj, requested) {
      const pod = obj as Pod;
      // A Pod never scheduled, or already finished, has nothing to stop: it goes at once.
      if (!pod.spec.nodeName) return undefined;
      if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return undefined;
      return requested ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    },
    selectableField,
    selectableFields: [
      'spec.nodeName',
      'spec.restartPolicy',
      'spec.schedulerName',
      'spec.serviceAccountName',
      'spec.hostNetwork',
      'status.phase',
      'status.podIP',
      'status.nominatedNodeName',
    ],
  },
  printer: splitPrinter(
    [
      column('Name', 'string', 'Name must be unique within a namespace.', 0, 'name'),
      column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
      column('Status', 'string', 'The aggregate status of the containers in this pod.'),
      column('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
      column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
      column('IP', 'string', 'podIP address allocated to the pod. Routable at least within the cluster.', 1),
      column('Node', 'string', 'NodeName indicates in which node this pod is scheduled.', 1),
      column('Nominated Node', 'string', 'nominatedNodeName is set only when this pod preempts other pods on the node.', 1),
      column('Readiness Gates', 'string', 'If specified, all readiness gates will be evaluated for pod readiness.', 1),
    ],
    podFacts,
    podCells,
  ),
};
