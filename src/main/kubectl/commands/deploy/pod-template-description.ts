/**
 * describe.DescribePodTemplate written through a plain PrefixWriter, as `kubectl rollout history
 * --revision=N` and `rollout undo --dry-run` print it: the template's labels, annotations,
 * containers, volumes, node selectors and tolerations, with the tabs left in.
 */
import type { Container, PodTemplateSpec } from '../../../../shared/api/core.js';
import { writeTolerations } from '../../describe/describe-pod.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, PrefixWriter, writeAnnotations, writeLabels } from '../../describe/prefix-writer.js';

type Obj = Record<string, unknown>;

function obj(value: unknown): Obj | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : undefined;
}

function str(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** DescribeProbe: `http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3`. */
function probeText(probe: Obj): string {
  const n = (key: string): string => str(probe[key] ?? 0);
  const attrs = `delay=${n('initialDelaySeconds')}s timeout=${n('timeoutSeconds')}s period=${n('periodSeconds')}s #success=${n('successThreshold')} #failure=${n('failureThreshold')}`;
  const exec = obj(probe.exec);
  if (exec) return `exec [${((exec.command as string[] | undefined) ?? []).join(' ')}] ${attrs}`;
  const http = obj(probe.httpGet);
  if (http) return `http-get ${str(http.scheme || 'HTTP').toLowerCase()}://${str(http.host)}:${str(http.port)}${str(http.path)} ${attrs}`;
  const tcp = obj(probe.tcpSocket);
  if (tcp) return `tcp-socket ${str(tcp.host)}:${str(tcp.port)} ${attrs}`;
  const grpc = obj(probe.grpc);
  if (grpc) return `grpc <pod>:${str(grpc.port)} ${str(grpc.service)} ${attrs}`;
  return `unknown ${attrs}`;
}

function writeEnv(w: PrefixWriter, c: Container): void {
  const envFrom = (c.envFrom as Obj[] | undefined) ?? [];
  if (envFrom.length > 0) {
    w.write(LEVEL_2, 'Environment Variables from:\n');
    for (const source of envFrom) {
      const ref = obj(source.configMapRef) ?? obj(source.secretRef) ?? {};
      const from = source.configMapRef ? 'ConfigMap' : source.secretRef ? 'Secret' : '';
      const optional = ref.optional === true;
      const prefix = str(source.prefix);
      w.write(LEVEL_3, prefix ? `${str(ref.name)}\t${from} with prefix '${prefix}'\tOptional: ${optional}\n` : `${str(ref.name)}\t${from}\tOptional: ${optional}\n`);
    }
  }
  const env = (c.env as Obj[] | undefined) ?? [];
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const from = obj(e.valueFrom);
    if (!from) {
      str(e.value)
        .split('\n')
        .forEach((line, i) => w.write(LEVEL_3, i === 0 ? `${str(e.name)}:\t${line}\n` : `\t${line}\n`));
      continue;
    }
    const field = obj(from.fieldRef);
    const resource = obj(from.resourceFieldRef);
    const secret = obj(from.secretKeyRef);
    const configMap = obj(from.configMapKeyRef);
    if (field) w.write(LEVEL_3, `${str(e.name)}:\t (${str(field.apiVersion)}:${str(field.fieldPath)})\n`);
    else if (resource) w.write(LEVEL_3, `${str(e.name)}:\t (${str(resource.resource)})\n`);
    else if (secret) w.write(LEVEL_3, `${str(e.name)}:\t<set to the key '${str(secret.key)}' in secret '${str(secret.name)}'>\tOptional: ${secret.optional === true}\n`);
    else if (configMap) w.write(LEVEL_3, `${str(e.name)}:\t<set to the key '${str(configMap.key)}' of config map '${str(configMap.name)}'>\tOptional: ${configMap.optional === true}\n`);
  }
}

/** describeContainers for a template (no statuses), indented under the template. */
function writeContainers(w: PrefixWriter, label: string, containers: Container[]): void {
  w.write(LEVEL_0, `  ${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    w.write(LEVEL_1, ` ${c.name}:\n`);
    w.write(LEVEL_2, `Image:\t${c.image ?? ''}\n`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? ''}`).join(', ');
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? ''}`).join(', ');
    w.write(LEVEL_2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
    w.write(LEVEL_2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`);
    for (const [title, list] of [['Command', c.command], ['Args', c.args]] as const) {
      if (!list || list.length === 0) continue;
      w.write(LEVEL_2, `${title}:\n`);
      for (const item of list) for (const line of item.split('\n')) w.write(LEVEL_3, `${line}\n`);
    }
    for (const [title, list] of [['Limits', c.resources?.limits], ['Requests', c.resources?.requests]] as const) {
      const keys = Object.keys(list ?? {}).sort();
      if (keys.length === 0) continue;
      w.write(LEVEL_2, `${title}:\n`);
      for (const k of keys) w.write(LEVEL_3, `${k}:\t${list![k]}\n`);
    }
    for (const [title, key] of [['Liveness', 'livenessProbe'], ['Readiness', 'readinessProbe'], ['Startup', 'startupProbe']] as const) {
      const probe = obj(c[key]);
      if (probe) w.write(LEVEL_2, `${title}:\t${probeText(probe)}\n`);
    }
    writeEnv(w, c);
    const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
    w.write(LEVEL_2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
    for (const m of mounts) {
      const subPath = str((m as unknown as Obj).subPath);
      w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'}${subPath ? `,path=${JSON.stringify(subPath)}` : ''})\n`);
    }
  }
}

/** describeVolumes for the common volume types a template carries. */
function writeVolumes(w: PrefixWriter, volumes: Array<{ name: string; [field: string]: unknown }>): void {
  if (volumes.length === 0) {
    w.write(LEVEL_0, '  Volumes:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, '  Volumes:\n');
  for (const volume of volumes) {
    w.write(LEVEL_1, ` ${volume.name}:\n`);
    const emptyDir = obj(volume.emptyDir);
    const configMap = obj(volume.configMap);
    const secret = obj(volume.secret);
    const hostPath = obj(volume.hostPath);
    const claim = obj(volume.persistentVolumeClaim);
    if (hostPath) w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${str(hostPath.path)}\n    HostPathType:\t${str(hostPath.type) || '<none>'}\n`);
    else if (emptyDir) w.write(LEVEL_2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${str(emptyDir.medium)}\n    SizeLimit:\t${str(emptyDir.sizeLimit) || '<unset>'}\n`);
    else if (secret) w.write(LEVEL_2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${str(secret.secretName)}\n    Optional:\t${secret.optional === true}\n`);
    else if (configMap) w.write(LEVEL_2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${str(configMap.name)}\n    Optional:\t${configMap.optional === true}\n`);
    else if (claim) w.write(LEVEL_2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${str(claim.claimName)}\n    ReadOnly:\t${claim.readOnly === true}\n`);
    else w.write(LEVEL_2, '<unknown>\n');
  }
}

export function describePodTemplate(template: PodTemplateSpec): string {
  const w = new PrefixWriter();
  writePodTemplate(w, template);
  return w.raw();
}

/** DescribePodTemplate into a describer's writer (`kubectl describe deployment` …). */
export function writePodTemplate(w: PrefixWriter, template: PodTemplateSpec): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  writeLabels(w, '  Labels', template.metadata?.labels);
  const annotations = template.metadata?.annotations ?? {};
  if (Object.keys(annotations).length > 0) writeAnnotations(w, annotations, '  Annotations');
  const spec = template.spec;
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec.initContainers ?? []).length > 0) writeContainers(w, 'Init Containers', spec.initContainers!);
  writeContainers(w, 'Containers', spec.containers ?? []);
  writeVolumes(w, spec.volumes ?? []);
  if (typeof spec.priorityClassName === 'string' && spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  writeLabels(w, '  Node-Selectors', spec.nodeSelector);
  writeTolerations(w, spec.tolerations, '  Tolerations');
}
