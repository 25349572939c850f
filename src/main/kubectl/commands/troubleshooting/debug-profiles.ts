/**
 * `kubectl debug --profile`: what each of kubectl 1.32's debugging profiles (legacy, general,
 * baseline, restricted, netadmin, sysadmin) changes in the Pod kubectl is about to send, for each
 * way of debugging — an ephemeral container, a copy of the Pod, or a Pod on a node — and the
 * `--keep-*` flags that decide what a copy keeps.
 */
import type { Container, Pod } from '../../../../shared/api/core.js';
import { KubectlError } from '../../errors.js';

export const PROFILES = ['legacy', 'general', 'baseline', 'restricted', 'netadmin', 'sysadmin'] as const;
export type ProfileName = (typeof PROFILES)[number];

/** How the target is debugged (profiles.go's debugStyle). */
export type DebugStyle = 'ephemeral' | 'podCopy' | 'node';

/** What a Pod copy keeps (KeepFlags). */
export interface KeepFlags {
  labels: boolean;
  annotations: boolean;
  liveness: boolean;
  readiness: boolean;
  startup: boolean;
  initContainers: boolean;
}

/** NewProfileApplier: the profile's name, or kubectl's error for an unknown one. */
export function profileNamed(name: string): ProfileName {
  if ((PROFILES as readonly string[]).includes(name)) return name as ProfileName;
  throw new KubectlError(`error: unknown profile: ${name}\n`);
}

type SecurityContext = {
  privileged?: boolean;
  runAsNonRoot?: boolean;
  allowPrivilegeEscalation?: boolean;
  capabilities?: { add?: string[]; drop?: string[] };
  seccompProfile?: { type: string };
};

/** The container `name` among the Pod's containers of every kind (podutils.AllContainers). */
function containerNamed(pod: Pod, name: string): Container | undefined {
  return [...(pod.spec.initContainers ?? []), ...pod.spec.containers, ...(pod.spec.ephemeralContainers ?? [])].find((c) => c.name === name);
}

function securityContext(c: Container): SecurityContext {
  return (c.securityContext ??= {}) as SecurityContext;
}

function addCapabilities(c: Container, ...names: string[]): void {
  const capabilities = (securityContext(c).capabilities ??= {});
  capabilities.add = [...(capabilities.add ?? []), ...names];
}

/** mountRootPartition: the node's `/` as the `host-root` volume, at `/host` in the container. */
function mountRootPartition(pod: Pod, name: string): void {
  (pod.spec.volumes ??= []).push({ name: 'host-root', hostPath: { path: '/' } });
  const c = [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find((x) => x.name === name);
  if (c) (c.volumeMounts ??= []).push({ mountPath: '/host', name: 'host-root' });
}

function useHostNamespaces(pod: Pod): void {
  pod.spec.hostNetwork = true;
  pod.spec.hostPID = true;
  pod.spec.hostIPC = true;
}

function shareProcessNamespace(pod: Pod): void {
  pod.spec.shareProcessNamespace ??= true;
}

/** What every profile but legacy does to a copy: drop what the `--keep-*` flags do not keep. */
function trimCopy(pod: Pod, keep: KeepFlags): void {
  if (!keep.labels) delete pod.metadata.labels;
  if (!keep.annotations) delete pod.metadata.annotations;
  for (const c of pod.spec.containers) {
    if (!keep.liveness) delete c.livenessProbe;
    if (!keep.readiness) delete c.readinessProbe;
    if (!keep.startup) delete c.startupProbe;
  }
  if (!keep.initContainers) delete pod.spec.initContainers;
}

/** ProfileApplier.Apply: change `pod` for debugging with the container `name`. */
export function applyProfile(profile: ProfileName, style: DebugStyle, pod: Pod, name: string, keep: KeepFlags): void {
  const c = containerNamed(pod, name);
  const edit = (change: (c: Container) => void): void => {
    if (c) change(c);
  };
  switch (profile) {
    case 'legacy':
      if (style === 'node') {
        mountRootPartition(pod, name);
        useHostNamespaces(pod);
      } else if (style === 'podCopy') delete pod.metadata.labels;
      return;
    case 'general':
      if (style === 'node') {
        mountRootPartition(pod, name);
        edit((x) => delete x.securityContext);
        useHostNamespaces(pod);
      } else {
        if (style === 'podCopy') trimCopy(pod, keep);
        edit((x) => addCapabilities(x, 'SYS_PTRACE'));
        if (style === 'podCopy') shareProcessNamespace(pod);
      }
      return;
    case 'baseline':
    case 'restricted':
      edit((x) => delete x.securityContext);
      if (profile === 'restricted') {
        edit((x) => {
          const sc = securityContext(x);
          sc.runAsNonRoot = true;
          sc.capabilities = { ...sc.capabilities, drop: ['ALL'] };
          delete sc.capabilities.add;
          sc.allowPrivilegeEscalation = false;
          sc.seccompProfile = { type: 'RuntimeDefault' };
        });
      }
      break;
    case 'netadmin':
      edit((x) => addCapabilities(x, 'NET_ADMIN', 'NET_RAW'));
      if (style === 'node') useHostNamespaces(pod);
      break;
    case 'sysadmin':
      edit((x) => (securityContext(x).privileged = true));
      if (style === 'node') {
        useHostNamespaces(pod);
        mountRootPartition(pod, name);
      }
      break;
  }
  if (style === 'podCopy') {
    trimCopy(pod, keep);
    shareProcessNamespace(pod);
  }
}
