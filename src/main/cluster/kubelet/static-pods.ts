/**
 * Static Pods: Pods the kubelet runs from files in its manifest directory (kubeadm puts the control
 * plane there), mirrored into the API server so `kubectl get pods -n kube-system` shows them. A
 * mirror Pod is named `<name>-<node>`, owned by the Node, and marked with the config annotations.
 */
import { parse } from 'yaml';
import type { Pod } from '../../../shared/api/core.js';
import { rfc3339 } from '../../base/duration.js';

export interface ManifestFile {
  /** Path of the file, e.g. `/etc/kubernetes/manifests/etcd.yaml`. */
  path: string;
  content: string;
}

/** `system-node-critical`: what the kubelet gives critical static Pods. */
const SYSTEM_NODE_CRITICAL = 2000001000;

/** A short, stable hash of the manifest text (the kubelet hashes the decoded Pod; any stable digest will do). */
export function configHash(content: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < content.length; i++) {
    h1 = Math.imul(h1 ^ content.charCodeAt(i), 16777619) >>> 0;
    h2 = Math.imul(h2 ^ content.charCodeAt(i), 2246822519) >>> 0;
  }
  return (h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0')).repeat(2);
}

/**
 * Parsed manifests by content: the kubelet re-reads its manifest directory every 20 s and the
 * files rarely change, so each distinct text is parsed once (bounded, oldest dropped first).
 */
const parsedManifests = new Map<string, Pod | null>();
const PARSED_MANIFEST_LIMIT = 64;

function parseManifest(content: string): Pod | null {
  if (parsedManifests.has(content)) return parsedManifests.get(content) ?? null;
  let manifest: Pod | null;
  try {
    manifest = (parse(content) as Pod | null) ?? null;
  } catch {
    manifest = null;
  }
  if (parsedManifests.size >= PARSED_MANIFEST_LIMIT) parsedManifests.delete(parsedManifests.keys().next().value as string);
  parsedManifests.set(content, manifest);
  return manifest;
}

/** The mirror Pod for one manifest, or undefined when the file is not a usable Pod manifest. */
export function mirrorPod(file: ManifestFile, node: { name: string; uid: string }, now: number): Pod | undefined {
  const manifest = parseManifest(file.content);
  if (!manifest || manifest.kind !== 'Pod' || !manifest.metadata?.name || !Array.isArray(manifest.spec?.containers)) return undefined;
  const hash = configHash(file.content);
  const pod: Pod = structuredClone(manifest);
  pod.metadata = {
    ...pod.metadata,
    name: `${manifest.metadata.name}-${node.name}`,
    namespace: manifest.metadata.namespace ?? 'default',
    annotations: {
      ...pod.metadata.annotations,
      'kubernetes.io/config.hash': hash,
      'kubernetes.io/config.mirror': hash,
      'kubernetes.io/config.seen': `${rfc3339(now).replace('Z', '')}.000000000Z`,
      'kubernetes.io/config.source': 'file',
    },
    ownerReferences: [{ apiVersion: 'v1', controller: true, kind: 'Node', name: node.name, uid: node.uid }],
  };
  pod.spec.nodeName = node.name;
  if (pod.spec.priorityClassName === 'system-node-critical') pod.spec.priority = SYSTEM_NODE_CRITICAL;
  return pod;
}
