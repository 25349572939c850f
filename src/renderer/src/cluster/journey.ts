/**
 * The request journey (seed 004): kubectl → API server → etcd → scheduler → kubelet → Pod.
 * Maps each trace entry to the station it lights up, and leaves out the background chatter
 * (lease renewals, node heartbeats, informers opening watches) that would drown a learner's request.
 */
import type { TraceEntry } from '../../../shared/rpc/contract.js';

export const STATIONS = ['kubectl', 'apiserver', 'etcd', 'scheduler', 'kubelet', 'pod'] as const;
export type Station = (typeof STATIONS)[number];

export interface JourneyHop {
  /** The station that acted. */
  station: Station;
  /** The station it addressed, lit more faintly. */
  peer: Station;
  /** The node, for kubelet hops (`kubelet/node01` → `node01`). */
  node?: string;
}

/** Heartbeats: renewed every few seconds by every kubelet, never part of a learner's request. */
function isBackground(entry: TraceEntry): boolean {
  return entry.resource === 'leases' || (entry.from.startsWith('kubelet/') && entry.resource === 'nodes');
}

export function journeyHop(entry: TraceEntry): JourneyHop | undefined {
  if (isBackground(entry)) return undefined;
  if (entry.from === 'kubectl') return { station: 'kubectl', peer: 'apiserver' };
  if (entry.verb === 'watch') return undefined;
  if (entry.from === 'kube-apiserver' && entry.to === 'etcd') return { station: 'etcd', peer: 'apiserver' };
  if (entry.from === 'kube-scheduler') return { station: 'scheduler', peer: 'apiserver' };
  if (entry.from.startsWith('kubelet/')) {
    const node = entry.from.slice('kubelet/'.length);
    // A kubelet writes a Pod only to report its status (or to remove it once it has stopped).
    if (entry.resource === 'pods' && entry.verb !== 'get' && entry.verb !== 'list') return { station: 'pod', peer: 'kubelet', node };
    return { station: 'kubelet', peer: 'apiserver', node };
  }
  return undefined;
}

/** One line for the journey log: `kubectl → kube-apiserver  create pods default/nginx-pod 201`. */
export function describeEntry(entry: TraceEntry): string {
  const resource = entry.resource ?? '';
  const object = entry.name ? (entry.namespace ? `${entry.namespace}/${entry.name}` : entry.name) : (entry.namespace ?? '');
  const tail = entry.to === 'etcd' && entry.key ? entry.key : [resource, object].filter(Boolean).join(' ');
  return [`${entry.from} → ${entry.to}`, entry.verb, tail, entry.code !== undefined ? String(entry.code) : ''].filter(Boolean).join(' ');
}
