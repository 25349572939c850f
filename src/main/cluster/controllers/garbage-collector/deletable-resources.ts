/**
 * The resources a controller can clean up, from the server's discovery (client-go's
 * discovery.FilteredBy(SupportsAllVerbs{…})): one version per group/resource — the first the
 * server lists, its preferred one — and never the storage-less ones, which list no such verbs.
 */
import type { ApiClient } from '../../client/api-client.js';
import type { ResourceRef } from '../../client/resources.js';

type DiscoveredResource = ReturnType<ApiClient['discovery']>[number];

export interface DeletableResource {
  /** `group/resource`, the same for every version. */
  id: string;
  ref: ResourceRef;
  kind: string;
  namespaced: boolean;
  verbs: readonly string[];
}

export function resourceId(group: string, resource: string): string {
  return `${group}/${resource}`;
}

/** The resources supporting every verb in `verbs`, one per group/resource, in discovery order. */
export function deletableResources(discovered: readonly DiscoveredResource[], verbs: readonly string[]): DeletableResource[] {
  const out = new Map<string, DeletableResource>();
  for (const r of discovered) {
    if (!verbs.every((v) => r.verbs.includes(v))) continue;
    const id = resourceId(r.group, r.name);
    if (out.has(id)) continue;
    out.set(id, { id, ref: { group: r.group, version: r.version, resource: r.name }, kind: r.kind, namespaced: r.namespaced, verbs: r.verbs });
  }
  return [...out.values()];
}

/** The group of an `apiVersion` (`apps/v1` → `apps`, `v1` → ``). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
