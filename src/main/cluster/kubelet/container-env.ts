/**
 * The variables a container starts with from its spec, as the kubelet's makeEnvironmentVariables
 * computes them when it creates the container: `envFrom` ConfigMaps and Secrets (with `prefix`,
 * invalid names skipped with an event), then `env` — literal values with `$(VAR)` expansion, and
 * `valueFrom` fieldRef, resourceFieldRef, configMapKeyRef and secretKeyRef. A missing object or key
 * that is not `optional` fails the start (CreateContainerConfigError) with the kubelet's message.
 * The values are fixed at creation: changing the ConfigMap later does not change a running
 * container's environment.
 */
import type { Container, Pod } from '../../../shared/api/core.js';
import { parseQuantity } from '../../base/quantity.js';
import { type VolumeReader, fieldValue } from './container-fs.js';

interface ObjectKeyRef {
  name?: string;
  key: string;
  optional?: boolean;
}
interface ObjectRef {
  name?: string;
  optional?: boolean;
}
interface EnvVarSpec {
  name: string;
  value?: string;
  valueFrom?: {
    fieldRef?: { fieldPath: string };
    resourceFieldRef?: { containerName?: string; resource: string; divisor?: string | number };
    configMapKeyRef?: ObjectKeyRef;
    secretKeyRef?: ObjectKeyRef;
  };
}
interface EnvFromSpec {
  prefix?: string;
  configMapRef?: ObjectRef;
  secretRef?: ObjectRef;
}

/** Where the values come from: ConfigMaps and Secrets as volumes read them (the kubelet's node client), the Pod's addresses, the node's allocatable. */
export interface EnvSources extends Pick<VolumeReader, 'configMap' | 'secret'> {
  podIP: string | undefined;
  hostIP: string;
  /** The node's allocatable cpu and memory: resourceFieldRef's value for a limit the container does not set. */
  allocatable: { cpu: string; memory: string };
}

export type EnvResult =
  | { ok: true; env: Map<string, string>; warnings: string[] }
  /** CreateContainerConfigError: the message the kubelet reports. */
  | { ok: false; message: string };

/** IsEnvVarName: letters, digits, `_`, `-`, `.`, not starting with a digit. */
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** expansion.Expand: `$(VAR)` from the variables so far, `$$` a literal `$`, anything else as written. */
export function expandVariables(text: string, lookup: (name: string) => string | undefined): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (match, name: string | undefined) => (match === '$$' ? '$' : (lookup(name ?? '') ?? match)));
}

export function specEnvironment(pod: Pod, container: Container, sources: EnvSources): EnvResult {
  const namespace = pod.metadata.namespace ?? 'default';
  const env = new Map<string, string>();
  const warnings: string[] = [];
  const configMaps = new Map<string, Record<string, string> | undefined>();
  const secrets = new Map<string, Record<string, string> | undefined>();
  const configMap = (name: string): Record<string, string> | undefined => {
    if (!configMaps.has(name)) configMaps.set(name, sources.configMap(namespace, name));
    return configMaps.get(name);
  };
  const secret = (name: string): Record<string, string> | undefined => {
    if (!secrets.has(name)) secrets.set(name, sources.secret(namespace, name));
    return secrets.get(name);
  };

  for (const from of ((container as { envFrom?: EnvFromSpec[] }).envFrom ?? [])) {
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref) continue;
    const kind = from.configMapRef ? 'configmap' : 'secret';
    const name = ref.name ?? '';
    const data = kind === 'configmap' ? configMap(name) : secret(name);
    if (!data) {
      if (ref.optional) continue;
      return { ok: false, message: `${kind} "${name}" not found` };
    }
    const invalid: string[] = [];
    for (const [key, value] of Object.entries(data)) {
      const variable = `${from.prefix ?? ''}${key}`;
      if (!ENV_VAR_NAME.test(variable)) {
        invalid.push(variable);
        continue;
      }
      env.set(variable, value);
    }
    if (invalid.length > 0) {
      warnings.push(
        `Keys [${invalid.sort().join(', ')}] from the EnvFrom ${kind === 'configmap' ? 'configMap' : 'secret'} ${namespace}/${name} were skipped since they are considered invalid environment variable names.`,
      );
    }
  }

  for (const variable of (container.env ?? []) as EnvVarSpec[]) {
    let value = variable.value ?? '';
    if (value !== '') {
      value = expandVariables(value, (name) => env.get(name));
    } else if (variable.valueFrom) {
      const from = variable.valueFrom;
      if (from.fieldRef) {
        value = podField(pod, from.fieldRef.fieldPath, sources);
      } else if (from.resourceFieldRef) {
        value = resourceValue(pod, container, from.resourceFieldRef, sources.allocatable);
      } else if (from.configMapKeyRef || from.secretKeyRef) {
        const ref = (from.configMapKeyRef ?? from.secretKeyRef)!;
        const isConfigMap = from.configMapKeyRef !== undefined;
        const name = ref.name ?? '';
        const data = isConfigMap ? configMap(name) : secret(name);
        if (!data) {
          if (ref.optional) continue;
          return { ok: false, message: `${isConfigMap ? 'configmap' : 'secret'} "${name}" not found` };
        }
        const found = data[ref.key];
        if (found === undefined) {
          if (ref.optional) continue;
          return { ok: false, message: `couldn't find key ${ref.key} in ${isConfigMap ? 'ConfigMap' : 'Secret'} ${namespace}/${name}` };
        }
        value = found;
      }
    }
    env.set(variable.name, value);
  }
  return { ok: true, env, warnings };
}

/** podFieldSelectorRuntimeValue: the Pod's own fields, its IPs as the kubelet knows them. */
function podField(pod: Pod, fieldPath: string, sources: EnvSources): string {
  if (fieldPath === 'status.podIP') return sources.podIP ?? '';
  if (fieldPath === 'status.podIPs') return sources.podIP ?? '';
  if (fieldPath === 'status.hostIP' || fieldPath === 'status.hostIPs') return sources.hostIP;
  return fieldValue(pod, fieldPath) ?? '';
}

/**
 * containerResourceRuntimeValue: the container's limit (or request), divided by `divisor` and
 * rounded up; a limit the container does not set is the node's allocatable.
 */
function resourceValue(pod: Pod, container: Container, ref: { containerName?: string; resource: string; divisor?: string | number }, allocatable: EnvSources['allocatable']): string {
  const target = ref.containerName ? (pod.spec.containers.find((c) => c.name === ref.containerName) ?? container) : container;
  const resources = (target.resources ?? {}) as { limits?: Record<string, string>; requests?: Record<string, string> };
  const [kind, resource] = ref.resource.split('.') as ['limits' | 'requests', string];
  const isCpu = resource === 'cpu';
  const fallback = isCpu ? allocatable.cpu : allocatable.memory;
  const raw = kind === 'limits' ? (resources.limits?.[resource] ?? fallback) : (resources.requests?.[resource] ?? '0');
  const amount = parseQuantity(raw) ?? 0;
  const divisor = parseQuantity(ref.divisor ?? '1') || 1;
  // Kubernetes rounds up: 250m of CPU with divisor 1 is "1"; with divisor 1m, "250".
  return String(Math.ceil(Math.round((amount / divisor) * 1e6) / 1e6));
}
