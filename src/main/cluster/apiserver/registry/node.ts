/** Nodes: cluster-scoped, stored under `/registry/minions/` as kube-apiserver does, with the node printer. */
import type { Node } from '../../../../shared/api/core.js';
import type { KubeObject } from '../../../../shared/api/meta.js';
import { age } from './printing.js';
import { ALL_VERBS, type ResourceDefinition, column } from './resource.js';
import { validateObjectMeta } from './validation.js';

/** findNodeRoles: `node-role.kubernetes.io/<role>` labels and the legacy `kubernetes.io/role`. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith('node-role.kubernetes.io/')) {
      const role = key.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (key === 'kubernetes.io/role' && value) {
      roles.add(value);
    }
  }
  return [...roles].sort();
}

export function nodeDisplayStatus(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const parts: string[] = [];
  if (ready) parts.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  else parts.push('Unknown');
  if (node.spec.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

function address(node: Node, type: string): string {
  return node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
}

function nodeCells(obj: KubeObject, now: number): string[] {
  const node = obj as Node;
  const info = node.status?.nodeInfo;
  return [
    node.metadata.name ?? '',
    nodeDisplayStatus(node),
    nodeRoles(node).join(',') || '<none>',
    age(node.metadata.creationTimestamp, now),
    info?.kubeletVersion ?? '',
    address(node, 'InternalIP'),
    address(node, 'ExternalIP'),
    info?.osImage || '<unknown>',
    info?.kernelVersion || '<unknown>',
    info?.containerRuntimeVersion || '<unknown>',
  ];
}

export const nodeResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'Node',
  plural: 'nodes',
  singular: 'node',
  namespaced: false,
  shortNames: ['no'],
  categories: [],
  storagePrefix: 'minions',
  verbs: ALL_VERBS,
  subresources: ['proxy', 'status'],
  strategy: {
    hasStatusSubresource: true,
    prepareForCreate(obj) {
      (obj as Node).spec ??= {};
    },
    validate: (obj) => validateObjectMeta(obj, { namespaced: false, nameRule: 'subdomain' }),
    selectableField(obj, field) {
      if (field === 'spec.unschedulable') return String((obj as Node).spec.unschedulable === true);
      return undefined;
    },
    selectableFields: ['spec.unschedulable'],
  },
  printer: {
    columns: [
      column('Name', 'string', 'Name must be unique within a namespace.', 0, 'name'),
      column('Status', 'string', 'The status of the node'),
      column('Roles', 'string', 'The roles of the node'),
      column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
      column('Version', 'string', 'Kubelet Version reported by the node.'),
      column('Internal-IP', 'string', "List of addresses reachable to the node. Queried from cloud provider, if available.", 1),
      column('External-IP', 'string', "List of addresses reachable to the node. Queried from cloud provider, if available.", 1),
      column('OS-Image', 'string', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', 1),
      column('Kernel-Version', 'string', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
      column('Container-Runtime', 'string', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).', 1),
    ],
    cells: nodeCells,
  },
};
