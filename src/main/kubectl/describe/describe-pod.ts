/** `kubectl describe pod`, laid out line for line like kubectl 1.32's PodDescriber. */
import type { Container, ContainerState, ContainerStatus, Pod, Toleration } from '../../../shared/api/core.js';
import type { ApiClient } from '../../cluster/client/api-client.js';
import { humanDuration } from '../../base/duration.js';
import { searchEvents, writeEvents } from './events.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, PrefixWriter, rfc1123z, writeAnnotations, writeLabels } from './prefix-writer.js';

function writeState(w: PrefixWriter, title: string, state: ContainerState): void {
  if (state.running) {
    w.write(LEVEL_2, `${title}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state.waiting) {
    w.write(LEVEL_2, `${title}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${title}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode}\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${title}:\tWaiting\n`);
  }
}

function writeContainer(w: PrefixWriter, c: Container, status: ContainerStatus | undefined): void {
  w.write(LEVEL_1, `${c.name}:\n`);
  if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
  w.write(LEVEL_2, `Image:\t${c.image ?? ''}\n`);
  if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID}\n`);
  const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
  const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
  w.write(LEVEL_2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
  w.write(LEVEL_2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);
  for (const [title, list] of [['Command', c.command], ['Args', c.args]] as const) {
    if (!list || list.length === 0) continue;
    w.write(LEVEL_2, `${title}:\n`);
    for (const item of list) for (const line of item.split('\n')) w.write(LEVEL_3, `${line}\n`);
  }
  if (status) {
    writeState(w, 'State', status.state);
    if (status.lastState.terminated) writeState(w, 'Last State', status.lastState);
    w.write(LEVEL_2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
    w.write(LEVEL_2, `Restart Count:\t${status.restartCount}\n`);
  }
  for (const [title, list] of [['Limits', c.resources?.limits], ['Requests', c.resources?.requests]] as const) {
    const keys = Object.keys(list ?? {}).sort();
    if (keys.length === 0) continue;
    w.write(LEVEL_2, `${title}:\n`);
    for (const k of keys) w.write(LEVEL_3, `${k}:\t${list![k]}\n`);
  }
  const env = c.env ?? [];
  if (env.length === 0) w.write(LEVEL_2, 'Environment:\t<none>\n');
  else {
    w.write(LEVEL_2, 'Environment:\n');
    for (const e of env) w.write(LEVEL_3, `${e.name}:\t${e.value ?? ''}\n`);
  }
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : 1));
  w.write(LEVEL_2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
  for (const m of mounts) w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'})\n`);
}

function writeVolumes(w: PrefixWriter, volumes: Pod['spec']['volumes']): void {
  if (!volumes || volumes.length === 0) {
    w.write(LEVEL_0, 'Volumes:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'Volumes:\n');
  for (const volume of volumes) {
    w.write(LEVEL_1, `${volume.name}:\n`);
    const projected = volume.projected as { sources?: Array<Record<string, Record<string, unknown> | undefined>> } | undefined;
    if (projected) {
      w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const source of projected.sources ?? []) {
        if (source.secret) w.write(LEVEL_2, `SecretName:\t${String(source.secret.name)}\n    SecretOptionalName:\t${source.secret.optional === undefined ? '<nil>' : String(source.secret.optional)}\n`);
        else if (source.downwardAPI) w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
        else if (source.configMap) w.write(LEVEL_2, `ConfigMapName:\t${String(source.configMap.name)}\n    ConfigMapOptional:\t${source.configMap.optional === undefined ? '<nil>' : String(source.configMap.optional)}\n`);
        else if (source.serviceAccountToken) w.write(LEVEL_2, `TokenExpirationSeconds:\t${String(source.serviceAccountToken.expirationSeconds)}\n`);
      }
    } else if (volume.emptyDir) {
      const emptyDir = volume.emptyDir as { medium?: string; sizeLimit?: string };
      w.write(LEVEL_2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${emptyDir.medium ?? ''}\n    SizeLimit:\t${emptyDir.sizeLimit ?? '<unset>'}\n`);
    } else if (volume.hostPath) {
      const hostPath = volume.hostPath as { path?: string; type?: string };
      w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${hostPath.path ?? ''}\n    HostPathType:\t${hostPath.type ?? ''}\n`);
    } else {
      w.write(LEVEL_2, `Type:\t${Object.keys(volume).filter((k) => k !== 'name')[0] ?? 'Unknown'}\n`);
    }
  }
}

export function writeTolerations(w: PrefixWriter, tolerations: Toleration[] | undefined, title = 'Tolerations'): void {
  w.write(LEVEL_0, `${title}:\t`);
  const list = [...(tolerations ?? [])].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  if (list.length === 0) {
    w.write(LEVEL_0, '<none>\n');
    return;
  }
  list.forEach((t, i) => {
    let line = i > 0 ? '\t' : '';
    line += t.key ?? '';
    if (t.value) line += `=${t.value}`;
    if (t.effect) line += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) line += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined) line += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${line}\n`);
  });
}

export function describePod(pod: Pod, client: ApiClient, now: number): string {
  const w = new PrefixWriter();
  const meta = pod.metadata;
  const status = pod.status ?? {};
  w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
  if (pod.spec.priority !== undefined) w.write(LEVEL_0, `Priority:\t${pod.spec.priority}\n`);
  if (pod.spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${String(pod.spec.priorityClassName)}\n`);
  if (pod.spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${pod.spec.serviceAccountName}\n`);
  w.write(LEVEL_0, pod.spec.nodeName ? `Node:\t${pod.spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  writeLabels(w, 'Labels', meta.labels);
  writeAnnotations(w, meta.annotations);
  if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    // translateTimestampSince: time since the deletion timestamp, `<invalid>` while it is still ahead.
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${humanDuration(now - Date.parse(meta.deletionTimestamp))})\n`);
    w.write(LEVEL_0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
  }
  if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
  w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
  if (!status.podIPs || status.podIPs.length === 0) w.write(LEVEL_0, 'IPs:\t<none>\n');
  else {
    w.write(LEVEL_0, 'IPs:\n');
    for (const ip of status.podIPs) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
  }
  const controller = meta.ownerReferences?.find((o) => o.controller);
  if (controller) w.write(LEVEL_0, `Controlled By:\t${controller.kind}/${controller.name}\n`);
  if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  const statuses = new Map((status.containerStatuses ?? []).map((s) => [s.name, s]));
  const initStatuses = new Map((status.initContainerStatuses ?? []).map((s) => [s.name, s]));
  if (pod.spec.initContainers && pod.spec.initContainers.length > 0) {
    w.write(LEVEL_0, 'Init Containers:\n');
    for (const c of pod.spec.initContainers) writeContainer(w, c, initStatuses.get(c.name));
  }
  w.write(LEVEL_0, `Containers:${pod.spec.containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of pod.spec.containers) writeContainer(w, c, statuses.get(c.name));
  if (pod.spec.ephemeralContainers && pod.spec.ephemeralContainers.length > 0) {
    const ephemeralStatuses = new Map((status.ephemeralContainerStatuses ?? []).map((s) => [s.name, s]));
    w.write(LEVEL_0, 'Ephemeral Containers:\n');
    for (const c of pod.spec.ephemeralContainers) writeContainer(w, c, ephemeralStatuses.get(c.name));
  }
  if (status.conditions && status.conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
  }
  writeVolumes(w, pod.spec.volumes);
  w.write(LEVEL_0, `QoS Class:\t${status.qosClass ?? ''}\n`);
  writeLabels(w, 'Node-Selectors', pod.spec.nodeSelector);
  writeTolerations(w, pod.spec.tolerations);
  writeEvents(w, searchEvents(client, { kind: 'Pod', name: meta.name ?? '', namespace: meta.namespace, uid: meta.uid }), now);
  return w.toString();
}
